/**
 * Signing in: check the token against `/me` before keeping it, so a typo never leaves the extension in a
 * half-signed-in state; then sync straight away so flags appear without waiting for the alarm.
 */
import { t } from './i18n';
import { fetchMe, normalizeServer, requestToken } from './api';
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

export async function signInWithPassword(serverInput: string, email: string, password: string): Promise<SignInReply> {
  const server = normalizeServer(serverInput);
  if (!server) return { ok: false, error: 'bad-server' };
  // The token's name tells the person, on the registry's token page, which browser holds it.
  const name = `${t('extName')} (${navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chromium'})`;
  const token = await requestToken(server, email.trim(), password, name);
  if (!token.ok) return { ok: false, error: token.error };
  return signIn(server, token.value);
}
