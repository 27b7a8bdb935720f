/** Signing in and out, and the language switch: the only pages that need no session. */
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { FC } from 'hono/jsx';
import { DomainError } from '../../../core/errors.ts';
import { passwordSignInAllowed } from '../../auth/password-switch.ts';
import { isRateLimited } from '../../errors.ts';
import { retryAfterOf, signIn, type SignInLimits } from '../../auth/sign-in.ts';
import { flashOf, localPath, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { formState, oneOf, readForm, type FormState } from '../form.ts';
import { clearLoginToken, endSession, issueLoginToken, loginTokenOk, startSession } from '../session.ts';
import { useUi } from '../ui/context.ts';
import { ErrorSummary, Field } from '../ui/fields.tsx';
import { Csrf } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';
import { textFor } from '../text/index.ts';

const LoginForm: FC<{
  form: FormState;
  token: string;
  next: string;
  message?: string;
  sso: boolean;
  passwords: boolean;
}> = ({ form, token, next, message, sso, passwords }) => {
  const { t } = useUi();
  return (
    <>
      <ErrorSummary form={form} message={message} />
      <p>{t.auth.intro}</p>
      {sso && (
        <p>
          <a href={`/login/oidc${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} role="button">
            {t.sso.workAccount}
          </a>
        </p>
      )}
      {sso && <p>{passwords ? t.sso.orPassword : t.sso.passwordOff}</p>}
      {passwords && (
        <form method="post" action="/login">
          <input type="hidden" name="_login" value={token} />
          <input type="hidden" name="next" value={next} />
          <Csrf />
          <Field form={form} name="email" type="email" label={t.auth.email} autocomplete="username" required />
          <Field
            form={form}
            name="password"
            type="password"
            label={t.auth.password}
            autocomplete="current-password"
            required
          />
          <button type="submit">{t.auth.submit}</button>
        </form>
      )}
    </>
  );
};

async function loginPage(
  c: WebContext,
  form: FormState,
  opts: { message?: string; status?: 200 | 400 | 401 | 403 | 429; flash?: string } = {},
) {
  const t = textFor(c.var.lang);
  const next = localPath(form.values.next ?? c.req.query('next'));
  const passwords = await passwordSignInAllowed(c.var.deps);
  return renderPage(
    c,
    { title: t.auth.title, status: opts.status, flash: opts.flash },
    <LoginForm
      form={form}
      token={issueLoginToken(c)}
      next={next}
      message={opts.message}
      sso={!!c.var.deps.config.oidc}
      passwords={passwords}
    />,
  );
}

const ONE_YEAR_S = 365 * 24 * 60 * 60;

export function authPages(limits: SignInLimits) {
  return new Hono<WebEnv>()
    .get('/login', page('Sign-in form', 'public'), (c) => {
      if (c.var.session) return seeOther(c, localPath(c.req.query('next')));
      return loginPage(c, formState(), { flash: flashOf(c, { signedOut: textFor(c.var.lang).auth.signedOut }) });
    })
    .post('/login', page('Sign in with e-mail and password; starts a session', 'public'), async (c) => {
      const t = textFor(c.var.lang);
      const { values } = await readForm(c);
      const form = formState({ email: values.email ?? '', next: values.next ?? '' });
      if (!loginTokenOk(c, values._login)) return loginPage(c, form, { message: t.auth.expired, status: 403 });
      const email = values.email?.trim() ?? '';
      const password = values.password ?? '';
      if (!email || !password || email.length > 254 || password.length > 200) {
        form.errors = {
          ...(email ? {} : { email: t.errors.required }),
          ...(password ? {} : { password: t.errors.required }),
        };
        if (!Object.keys(form.errors).length) form.errors = { email: t.auth.wrong };
        return loginPage(c, form, { status: 400 });
      }
      try {
        const person = await signIn(c.var.deps, limits, c, { email, password });
        await startSession(c, person);
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'unauthorized')
          return loginPage(c, form, { message: t.auth.wrong, status: 401 });
        if (err instanceof DomainError && err.kind === 'forbidden')
          return loginPage(c, form, { message: t.sso.passwordOff, status: 403 });
        if (!isRateLimited(err)) throw err;
        const retryAfter = retryAfterOf(err);
        c.header('Retry-After', String(retryAfter));
        return loginPage(c, form, { message: t.auth.tooMany(Math.ceil(retryAfter / 60)), status: 429 });
      }
      clearLoginToken(c);
      return seeOther(c, localPath(values.next));
    })
    .post('/logout', page('Sign out: ends the session', 'any'), async (c) => {
      await endSession(c);
      return seeOther(c, '/login?done=signedOut');
    })
    .get('/lang', page('Switch the language of the web pages (nl or en)', 'public'), (c) => {
      const lang = oneOf(c.req.query('to'), ['nl', 'en'] as const);
      // Only a preference, read by every request (see langOf in api/http.ts); not a secret.
      if (lang) setCookie(c, 'lang', lang, { path: '/', sameSite: 'Lax', maxAge: ONE_YEAR_S });
      return seeOther(c, localPath(c.req.query('next')));
    });
}
