/**
 * Signing in: check the token against `/me` before keeping it, so a typo never leaves the extension in a
 * half-signed-in state; then sync straight away so flags appear without waiting for the alarm.
 */
import { t } from '../shared/i18n.ts';
import { exchangeSsoCode, fetchMe, normalizeServer, requestToken, tradeForExtensionToken } from './api.ts';
import type { SignInReply } from '../shared/messaging.ts';
import { auth, syncState, watchlistCopy, flagData } from './storage.ts';
import { syncStatus, syncWatchlist } from './sync.ts';

/** As long as a token the registry gives for a password sign-in. */
const TRADED_TOKEN_DAYS = 90;

/** The token's name tells the person, on the registry's token page, which browser holds it. */
function tokenName(): string {
  return `${t('extName')} (${navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chromium'})`;
}

export async function signIn(serverInput: string, tokenInput: string): Promise<SignInReply> {
  const server = normalizeServer(serverInput);
  if (!server) return { ok: false, error: 'bad-server' };
  let token = tokenInput.trim();
  const me = await fetchMe(server, token);
  if (!me.ok) return { ok: false, error: me.error };
  // A full-scope token can do anything its owner can (write the registry, make more tokens): the extension
  // keeps only an extension-scoped one, made with it, and forgets the full one.
  if (me.value.scope === 'full') {
    const traded = await tradeForExtensionToken(server, token, tokenName(), TRADED_TOKEN_DAYS);
    if (!traded.ok) return { ok: false, error: traded.error };
    token = traded.value;
  } else if (me.value.scope !== null && me.value.scope !== 'extension') {
    return { ok: false, error: 'unauthorized' };
  }
  const { id, email, name, role } = me.value;
  const person = { id, email, name, role };
  // A different person or server must not inherit the previous copy, even for the instant before the sync.
  await Promise.all([watchlistCopy.removeValue(), flagData.removeValue(), syncState.removeValue()]);
  await auth.setValue({ server, token, person });
  await syncWatchlist();
  return { ok: true, status: await syncStatus() };
}

export async function signInWithPassword(serverInput: string, email: string, password: string): Promise<SignInReply> {
  const server = normalizeServer(serverInput);
  if (!server) return { ok: false, error: 'bad-server' };
  const token = await requestToken(server, email.trim(), password, tokenName());
  if (!token.ok) return { ok: false, error: token.error };
  return signIn(server, token.value);
}

/** The end of the single sign-on: the one-time code the options page received, for a token kept here only. */
export async function signInWithCode(serverInput: string, code: string, redirectUri: string): Promise<SignInReply> {
  const server = normalizeServer(serverInput);
  if (!server) return { ok: false, error: 'bad-server' };
  const token = await exchangeSsoCode(server, code, redirectUri, tokenName());
  if (!token.ok) return { ok: false, error: token.error };
  return signIn(server, token.value);
}
