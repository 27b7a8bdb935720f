/**
 * A person's own account: change the password, and "connect the extension" by creating a personal token
 * (shown once, with the server's address) or revoking one.
 */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { DomainError } from '../../../core/errors.ts';
import { createToken, listTokens, revokeToken, setPassword } from '../../../db/credentials.ts';
import { writeTx } from '../../../db/write.ts';
import { isRateLimited } from '../../errors.ts';
import { now } from '../../http.ts';
import { tokenCreate } from '../../schemas/me.ts';
import { password as passwordSchema } from '../../schemas/people.ts';
import { retryAfterOf, signIn, type SignInLimits } from '../../auth/sign-in.ts';
import { flashOf, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { formState, oneOf, parseWith, readForm, readPaging, text, type FormState } from '../form.ts';
import { textFor } from '../text/index.ts';
import { useUi } from '../ui/context.ts';
import { ErrorSummary, Field, Select } from '../ui/fields.tsx';
import { Csrf, DateText, Empty, ListTable, Pagination } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

type TokenItem = Awaited<ReturnType<typeof listTokens>>[number];
const EXPIRY = ['90', '30', '365'] as const;

/** Whether a token still works at `at`; also the key of its label in the dictionary. */
const stateOf = (k: TokenItem, at: string): 'revoked' | 'expired' | 'active' =>
  k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= at ? 'expired' : 'active';

const PasswordForm: FC<{ form: FormState }> = ({ form }) => {
  const { t } = useUi();
  return (
    <section aria-labelledby="password-title">
      <h2 id="password-title">{t.account.passwordTitle}</h2>
      <ErrorSummary form={form} />
      <form method="post" action="/account/password">
        <Csrf />
        <Field
          form={form}
          name="current"
          type="password"
          label={t.account.current}
          autocomplete="current-password"
          required
        />
        <Field
          form={form}
          name="password"
          type="password"
          label={t.account.newPassword}
          hint={t.account.passwordHint}
          autocomplete="new-password"
          required
        />
        <Field
          form={form}
          name="repeat"
          type="password"
          label={t.account.repeat}
          autocomplete="new-password"
          required
        />
        <button type="submit">{t.account.changePassword}</button>
      </form>
    </section>
  );
};

const TokenForm: FC<{ form: FormState; created?: { token: string } }> = ({ form, created }) => {
  const { t, publicUrl } = useUi();
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t.account.tokensTitle}</h2>
      <p>{t.account.tokensIntro}</p>
      {created && (
        <article role="status" aria-labelledby="new-token-title">
          <h3 id="new-token-title">{t.account.newTokenTitle}</h3>
          <p>{t.account.newTokenText}</p>
          <label for="new-server">{t.account.server}</label>
          <input id="new-server" type="text" readonly value={publicUrl} />
          <label for="new-token">{t.account.token}</label>
          <input id="new-token" type="text" readonly value={created.token} />
        </article>
      )}
      <ErrorSummary form={form} />
      <form method="post" action="/account/tokens">
        <Csrf />
        <Field form={form} name="name" label={t.account.tokenName} hint={t.account.tokenNameHint} required />
        <Select
          form={form}
          name="scope"
          label={t.account.scope}
          hint={t.account.scopeHint}
          options={(['extension', 'full'] as const).map((s) => [s, t.enums.scope[s]])}
        />
        <Select
          form={form}
          name="expires"
          label={t.account.expires}
          options={EXPIRY.map((e) => [e, t.account.expiry[e]])}
        />
        <button type="submit">{t.account.create}</button>
      </form>
    </section>
  );
};

const TokenList: FC<{ items: TokenItem[]; total: number; page: number; pageSize: number; at: string }> = ({
  items,
  total,
  page,
  pageSize,
  at,
}) => {
  const { t } = useUi();
  if (!total) return <Empty>{t.account.noTokens}</Empty>;
  const c = t.account.cols;
  return (
    <section aria-labelledby="your-tokens">
      <h2 id="your-tokens">{t.account.yourTokens}</h2>
      <ListTable
        cols={[c.name, c.scope, c.created, c.lastUsed, c.expires, c.state, t.common.actions]}
        items={items}
        row={(k) => {
          const state = stateOf(k, at);
          return (
            <tr>
              <td>{k.name}</td>
              <td>{t.enums.scope[k.scope]}</td>
              <td>
                <DateText value={k.createdAt} />
              </td>
              <td>{k.lastUsedAt ? <DateText value={k.lastUsedAt} /> : t.account.never}</td>
              <td>{k.expiresAt ? <DateText value={k.expiresAt} /> : t.account.noExpiry}</td>
              <td>{t.account[state]}</td>
              <td>
                {state === 'active' && (
                  <form method="post" action={`/account/tokens/${k.id}/revoke`}>
                    <Csrf />
                    <button type="submit" class="secondary outline" aria-label={t.account.revokeLabel(k.name)}>
                      {t.account.revoke}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          );
        }}
      />
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
};

interface AccountView {
  passwordForm?: FormState;
  tokenForm?: FormState;
  created?: { token: string };
  status?: 200 | 400 | 429;
}

async function accountPage(c: WebContext, view: AccountView = {}) {
  const t = textFor(c.var.lang);
  const paging = readPaging(c);
  const all = await listTokens(c.var.deps.db, c.var.caller.person.id);
  return renderPage(
    c,
    {
      title: t.account.title,
      flash: flashOf(c, { password: t.account.passwordChanged, revoked: t.account.tokenRevoked }),
      status: view.status,
    },
    <>
      <TokenForm form={view.tokenForm ?? formState({ scope: 'extension', expires: '90' })} created={view.created} />
      <TokenList
        items={all.slice(paging.offset, paging.offset + paging.limit)}
        total={all.length}
        page={paging.page}
        pageSize={paging.pageSize}
        at={now(c).toISOString()}
      />
      <PasswordForm form={view.passwordForm ?? formState()} />
      <p>
        <a href="/account/mail">{t.mail.settingsLink}</a>
      </p>
    </>,
  );
}

export function accountPages(limits: SignInLimits) {
  return new Hono<WebEnv>()
    .get('/account', page('Your account: password and personal tokens', 'any'), (c) => accountPage(c))
    .post(
      '/account/password',
      page('Change your password (the current one is checked, rate-limited)', 'any'),
      async (c) => {
        const t = textFor(c.var.lang);
        const me = c.var.caller.person;
        const { values } = await readForm(c);
        const errors: Record<string, string> = {};
        if (!values.current) errors.current = t.errors.required;
        const parsed = parseWith(passwordSchema, values.password ?? '', t);
        if ('errors' in parsed) errors.password = parsed.errors._form;
        else if (values.repeat !== values.password) errors.repeat = t.account.mismatch;
        let status: 400 | 429 = 400;
        if (!errors.current) {
          try {
            // The same check and limits as the sign-in form: a stolen session cannot guess the password here either.
            await signIn(c.var.deps, limits, c, { email: me.email, password: values.current ?? '' });
          } catch (err) {
            if (err instanceof DomainError && err.kind === 'unauthorized') errors.current = t.account.wrongCurrent;
            else if (isRateLimited(err)) {
              const retryAfter = retryAfterOf(err);
              c.header('Retry-After', String(retryAfter));
              errors.current = t.auth.tooMany(Math.ceil(retryAfter / 60));
              status = 429;
            } else throw err;
          }
        }
        if (Object.keys(errors).length) return accountPage(c, { passwordForm: formState({}, errors), status });
        await writeTx(c.var.deps.db, (tx) =>
          setPassword(tx, now(c), me.id, me.id, values.password!, c.var.session?.id),
        );
        return seeOther(c, '/account?done=password');
      },
    )
    .post('/account/tokens', page('Create a personal token for the extension; shown once', 'any'), async (c) => {
      const t = textFor(c.var.lang);
      const me = c.var.caller.person.id;
      const { values } = await readForm(c);
      const form = formState({ name: values.name ?? '', scope: values.scope ?? '', expires: values.expires ?? '' });
      const days = oneOf(values.expires, EXPIRY);
      const parsed = parseWith(
        tokenCreate,
        { name: text(values.name), scope: values.scope, expiresInDays: days ? Number(days) : undefined },
        t,
      );
      if ('errors' in parsed) {
        // The form's field for the period is `expires`.
        const { expiresInDays, ...errors } = parsed.errors;
        return accountPage(c, {
          tokenForm: { ...form, errors: expiresInDays ? { ...errors, expires: expiresInDays } : errors },
          status: 400,
        });
      }
      const { name, scope, expiresInDays } = parsed.data;
      const { token } = await writeTx(c.var.deps.db, (tx) =>
        createToken(tx, now(c), me, { personId: me, name, scope, days: expiresInDays }),
      );
      return accountPage(c, { created: { token } });
    })
    .post('/account/tokens/:id/revoke', page('Revoke one of your personal tokens', 'any'), async (c) => {
      const me = c.var.caller.person.id;
      await writeTx(c.var.deps.db, (tx) => revokeToken(tx, now(c), me, c.req.param('id'), me));
      return seeOther(c, '/account?done=revoked');
    });
}
