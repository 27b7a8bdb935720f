import { browser } from 'wxt/browser';
import { normalizeServer } from '../../background/api.ts';
import { el } from '../../shared/dom.ts';
import { t, type MessageKey } from '../../shared/i18n.ts';
import { sendToBackground, type SignInReply } from '../../shared/messaging.ts';
import { readPolicy, type ManagedPolicy } from '../../background/policy.ts';
import { DEFAULT_SITES, sitePattern } from '../../background/sites.ts';
import { runSsoFlow, type SsoFailure } from '../../background/sso.ts';
import { addedSites } from '../../background/storage.ts';
import type { SyncStatus } from '../../shared/messaging.ts';

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const tokenForm = $<HTMLFormElement>('#token-form');
const passwordForm = $<HTMLFormElement>('#password-form');
const siteForm = $<HTMLFormElement>('#site-form');
const serverInput = tokenForm.elements.namedItem('server') as HTMLInputElement;
const message = $<HTMLElement>('#message');

document.documentElement.lang = browser.i18n.getUILanguage();
for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]'))
  node.textContent = t(node.dataset.i18n as MessageKey);

const ERRORS: Record<Exclude<SignInReply, { ok: true }>['error'], MessageKey> = {
  'bad-server': 'errorBadServer',
  unauthorized: 'errorUnauthorized',
  unreachable: 'errorUnreachable',
  server: 'errorServer',
  invalid: 'errorInvalid',
  'rate-limited': 'errorRateLimited',
};

const SSO_ERRORS: Record<SsoFailure, MessageKey> = {
  state: 'errorSsoState',
  unknown: 'errorSsoUnknown',
  inactive: 'errorSsoInactive',
  failed: 'errorSsoFailed',
  cancelled: 'errorSsoCancelled',
};

/** IT's settings, read once when the page opens. */
let policy: ManagedPolicy = { server: null, sites: [], allowUserSites: true };

function say(text: string, isError = false) {
  message.textContent = text;
  message.className = isError ? 'warning' : '';
}

function showStatus(status: SyncStatus) {
  $('#who').textContent = status.person
    ? t('signedInAtServer', [status.person.name, status.person.email, status.server ?? ''])
    : t('statusSignedOut');
  $<HTMLButtonElement>('#sign-out').hidden = !status.signedIn;
  if (status.server && !serverInput.readOnly) serverInput.value = status.server;
}

async function afterSignIn(reply: SignInReply) {
  if (!reply.ok) return say(t(ERRORS[reply.error]), true);
  say(t('signedIn'));
  showStatus(reply.status);
}

tokenForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(tokenForm);
  const server = String(data.get('server'));
  if (!normalizeServer(server)) return say(t('errorBadServer'), true);
  say(t('signingIn'));
  await afterSignIn(await sendToBackground('signIn', { server, token: String(data.get('token')) }));
  (tokenForm.elements.namedItem('token') as HTMLInputElement).value = '';
});

passwordForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  // Both ways of signing in go to the server of the first form: there is one server per organisation.
  const server = serverInput.value;
  if (!normalizeServer(server)) return say(t('errorBadServer'), true);
  const data = new FormData(passwordForm);
  say(t('signingIn'));
  const reply = await sendToBackground('signInWithPassword', {
    server,
    email: String(data.get('email')),
    password: String(data.get('password')),
  });
  (passwordForm.elements.namedItem('password') as HTMLInputElement).value = '';
  await afterSignIn(reply);
});

$<HTMLButtonElement>('#sso').addEventListener('click', async () => {
  const server = policy.server ?? serverInput.value;
  if (!normalizeServer(server)) return say(t('errorBadServer'), true);
  say(t('signingIn'));
  const flow = await runSsoFlow(normalizeServer(server)!);
  if (!flow.ok) return say(t(SSO_ERRORS[flow.error]), true);
  await afterSignIn(
    await sendToBackground('signInWithCode', { server, code: flow.code, redirectUri: flow.redirectUri }),
  );
});

$<HTMLButtonElement>('#sign-out').addEventListener('click', async () => {
  showStatus(await sendToBackground('signOut'));
  say(t('signedOut'));
});

async function renderSites() {
  const added = policy.allowUserSites ? (await addedSites.getValue()).filter((p) => !policy.sites.includes(p)) : [];
  const builtIn = DEFAULT_SITES.map((pattern) =>
    el(document, 'li', {}, pattern, ' ', el(document, 'span', { class: 'muted' }, t('siteBuiltIn'))),
  );
  const byPolicy = policy.sites.map((pattern) =>
    el(document, 'li', {}, pattern, ' ', el(document, 'span', { class: 'muted' }, t('siteByPolicy'))),
  );
  // Policy cannot grant host permissions: the person allows IT's sites once, with one click.
  const granted = policy.sites.length ? await browser.permissions.contains({ origins: policy.sites }) : true;
  $<HTMLButtonElement>('#sites-grant').hidden = granted;
  const removable = added.map((pattern) => {
    const remove = el(document, 'button', { type: 'button', class: 'secondary' }, t('siteRemove'));
    remove.addEventListener('click', async () => {
      await sendToBackground('removeSite', pattern);
      await renderSites();
    });
    return el(document, 'li', {}, pattern, ' ', remove);
  });
  $('#sites').replaceChildren(...builtIn, ...byPolicy, ...removable);
}

$<HTMLButtonElement>('#sites-grant').addEventListener('click', async () => {
  // Straight from the click, like every permission prompt; the background registers the sites once granted.
  if (!(await browser.permissions.request({ origins: policy.sites }))) return say(t('errorSiteDenied'), true);
  await renderSites();
});

siteForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const pattern = sitePattern(String(new FormData(siteForm).get('site')));
  if (!pattern) return say(t('errorBadSite'), true);
  // The permission prompt must come straight from the submit: nothing may be awaited before it.
  if (!(await browser.permissions.request({ origins: [pattern] }))) return say(t('errorSiteDenied'), true);
  await sendToBackground('addSite', { pattern });
  siteForm.reset();
  await renderSites();
});

async function init() {
  policy = await readPolicy();
  // IT may preset the server through policy; then it is not the user's to change, and the work account is the one
  // way to sign in.
  if (policy.server) {
    serverInput.value = policy.server;
    serverInput.readOnly = true;
    $<HTMLElement>('#server-by-policy').hidden = false;
    $<HTMLElement>('#token-fields').hidden = true;
    $<HTMLElement>('#password-section').hidden = true;
  }
  if (!policy.allowUserSites) {
    siteForm.hidden = true;
    $<HTMLElement>('#sites-managed').hidden = false;
  }
  showStatus(await sendToBackground('status'));
  await renderSites();
}

void init();
