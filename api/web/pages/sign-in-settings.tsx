/** How people sign in: the admin's switch for the password form once single sign-on is set up (audited). */
import { Hono } from 'hono';
import { getSettings, setSettings } from '../../../db/settings.ts';
import { writeTx } from '../../../db/write.ts';
import { now } from '../../http.ts';
import { ADMINS, flashOf, page, seeOther, type WebContext, type WebEnv } from '../env.ts';
import { checked, formState, readForm } from '../form.ts';
import { textFor } from '../text/index.ts';
import { Checkbox } from '../ui/fields.tsx';
import { Csrf } from '../ui/kit.tsx';
import { renderPage } from '../ui/layout.tsx';

async function settingsPage(c: WebContext) {
  const t = textFor(c.var.lang).signInSettings;
  const settings = await getSettings(c.var.deps.db);
  const oidc = c.var.deps.config.oidc;
  const form = formState({ passwordSignIn: settings.passwordSignIn ? 'on' : '' });
  return renderPage(
    c,
    { title: t.title, flash: flashOf(c, t.flash) },
    <>
      <p>{t.intro}</p>
      <p>{oidc ? t.ssoOn(oidc.issuer) : t.ssoOff}</p>
      <form method="post" action="/settings/sign-in">
        <Csrf />
        <Checkbox form={form} name="passwordSignIn" label={t.passwordSignIn} hint={t.passwordSignInHint} />
        <button type="submit">{textFor(c.var.lang).common.save}</button>
      </form>
    </>,
  );
}

export const signInSettingsPages = new Hono<WebEnv>()
  .get(
    '/settings/sign-in',
    page('Sign-in settings: whether the password form is offered beside single sign-on', ADMINS),
    (c) => settingsPage(c),
  )
  .post('/settings/sign-in', page('Switch the password form on or off', ADMINS), async (c) => {
    const { values } = await readForm(c);
    await writeTx(c.var.deps.db, (tx) =>
      setSettings(tx, now(c), c.var.caller.person.id, { passwordSignIn: checked(values.passwordSignIn) }),
    );
    return seeOther(c, '/settings/sign-in?done=saved');
  });
