/**
 * Web sessions and CSRF. The session cookie holds a random secret (the table keeps only its hash); it is
 * HttpOnly, SameSite=Strict, Secure over HTTPS, and expires after a working day. Every form that posts carries
 * the session's CSRF token; the sign-in form, which has no session yet, uses a double-submit cookie instead.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DomainError } from '../../core/errors.ts';
import { createSession, deleteSession, resolveSession } from '../../db/credentials.ts';
import type { Person } from '../../db/people.ts';
import { writeTx } from '../../db/write.ts';
import { now } from '../http.ts';
import { isApiPath, type WebContext, type WebEnv } from './env.ts';
import { readForm } from './form.ts';

const SESSION_COOKIE = 'zuiver_session';
const LOGIN_COOKIE = 'zuiver_login';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const LOGIN_TTL_S = 60 * 60;

/** Behind a TLS-terminating proxy the request itself is plain HTTP; the proxy says what the browser used. */
export const overHttps = (c: WebContext) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

function sameSecret(sent: string | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sets the caller from the session cookie; without a valid session the route's guard sends the person to /login. */
export const readSession: MiddlewareHandler<WebEnv> = async (c, next) => {
  const secret = isApiPath(c.req.path) ? undefined : getCookie(c, SESSION_COOKIE);
  if (secret && secret.length <= 200) {
    const hit = await resolveSession(c.var.deps.db, now(c), secret);
    if (hit) {
      c.set('caller', { person: hit.person, via: 'session' });
      c.set('session', hit.session);
    }
  }
  await next();
};

/** Refuses a post that does not carry this session's CSRF token. Without a session, the guard refuses anyway. */
export const checkCsrf: MiddlewareHandler<WebEnv> = async (c, next) => {
  const session = c.var.session;
  if (c.req.method === 'POST' && session && !isApiPath(c.req.path)) {
    const { values } = await readForm(c);
    if (!sameSecret(values._csrf, session.csrfToken))
      throw new DomainError('forbidden', 'csrf_failed', 'The form’s CSRF token is missing or wrong.');
  }
  await next();
};

export async function startSession(c: WebContext, person: Person): Promise<void> {
  const { secret } = await writeTx(c.var.deps.db, (tx) => createSession(tx, now(c), person.id, SESSION_TTL_MS));
  setCookie(c, SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: overHttps(c),
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export async function endSession(c: WebContext): Promise<void> {
  const session = c.var.session;
  if (session) await writeTx(c.var.deps.db, (tx) => deleteSession(tx, now(c), session.id, session.personId));
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: overHttps(c) });
}

/** A fresh double-submit token for the sign-in form: the same value goes into a cookie and a hidden field. */
export function issueLoginToken(c: WebContext): string {
  const token = randomBytes(24).toString('base64url');
  setCookie(c, LOGIN_COOKIE, token, {
    path: '/login',
    httpOnly: true,
    sameSite: 'Strict',
    secure: overHttps(c),
    maxAge: LOGIN_TTL_S,
  });
  return token;
}

/** A cross-site page cannot read or set our cookie, so it cannot make the field match it. */
export function loginTokenOk(c: WebContext, sent: string | undefined): boolean {
  const cookie = getCookie(c, LOGIN_COOKIE);
  return !!cookie && sameSecret(sent, cookie);
}

export function clearLoginToken(c: WebContext): void {
  deleteCookie(c, LOGIN_COOKIE, { path: '/login', secure: overHttps(c) });
}
