/**
 * Signing in: check the token against `/me` before keeping it, so a typo never leaves the extension in a
 * half-signed-in state; then sync straight away so flags appear without waiting for the alarm.
 */
import { t } from './i18n';
import { exchangeSsoCode, fetchMe, normalizeServer, requestToken } from './api';
import type { SignInReply } from './messaging';
import { auth, syncState, watchlistCopy, flagData } from './storage';
import { syncStatus, syncWatchlist } from './sync';

export async function signIn(serverInput: string, token: string): Promise<SignInReply> {
  const server = normalizeServer(serverInput);
  if (!server) return { ok: false, error: 'bad-server' };
  const me = await fetchMe(server, token.trim());
  if (!me.ok) return { ok: false, error: me.error };
  // A different person or server must not inherit the previous copy, even for the instant before the sync.
  await Promise.all([watchlistCopy.removeValue(), flagData.removeValue(), syncState.removeValue()]);
  await auth.setValue({ server, token: token.trim(), person: me.value });
  await syncWatchlist();
  return { ok: true, status: await syncStatus() };
}

/** The token's name tells the person, on the registry's token page, which browser holds it. */
const tokenName = () => `${t('extName')} (${navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chromium'})`;

export async function signInWithPassword(serverInput: string, email: string, password: string): Promise<SignInReply> {
  const server = normalizeServer(serverInput);
  if (!server) return { ok: false, error: 'bad-server' };
  const name = tokenName();
  const token = await requestToken(server, email.trim(), password, name);
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
