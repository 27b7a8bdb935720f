/**
 * Password sign-in, shared by `POST /api/v1/auth/token` and the web UI's `/login`: at most 10 attempts per
 * 15 minutes per account and per address, and the same answer (and time) for an unknown address as for a
 * wrong password.
 */
import { AppError, unauthorized } from '../core/errors.ts';
import { checkPassword } from '../db/credentials.ts';
import { findPersonByEmail, normalizeEmail, type Person } from '../db/people.ts';
import { passwordSignInAllowed } from './auth/password-switch.ts';
import type { Deps } from './http.ts';
import { createLimiter, type Limiter } from './rate-limit.ts';

export const createSignInLimiter = (): Limiter => createLimiter(10, 15 * 60_000);

const rateLimited = (retryAfter: number) => new AppError(429, 'rate_limited', 'Too many sign-in attempts; try again later.', { retryAfter });

export async function signIn(deps: Deps, limiter: Limiter, input: { email: string; password: string; address: string }): Promise<Person> {
  if (!(await passwordSignInAllowed(deps))) throw new AppError(403, 'password_sign_in_off', 'Signing in with a password is switched off; sign in with your work account.');
  const at = deps.clock.now().getTime();
  const email = normalizeEmail(input.email);
  // The address first: attempts it is blocked for must not count against (or add) the accounts they name.
  const byAddress = limiter.hit(`address:${input.address}`, at);
  if (!byAddress.ok) throw rateLimited(byAddress.retryAfter);
  const byAccount = limiter.hit(`account:${email}`, at);
  if (!byAccount.ok) throw rateLimited(byAccount.retryAfter);
  const person = await checkPassword(deps.db, await findPersonByEmail(deps.db, email), input.password);
  if (!person) throw unauthorized('E-mail address or password is wrong.');
  return person;
}
