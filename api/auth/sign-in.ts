/**
 * Password sign-in, shared by `POST /api/v1/auth/token`, the web UI's `/login` and the password change form.
 * Only failures count: at most 10 per 15 minutes per account, and 100 per address (an office behind one NAT or
 * proxy shares it). An unknown address gets the same answer (and time) as a wrong password.
 */
import type { Context } from 'hono';
import { DomainError, unauthorized } from '../../core/errors.ts';
import { checkPassword } from '../../db/credentials.ts';
import { findPersonByEmail, normalizeEmail, type Person } from '../../db/people.ts';
import { createAddressOf, type AddressOf } from './client-address.ts';
import { rateLimited, type HttpError } from '../errors.ts';
import { passwordSignInAllowed } from './password-switch.ts';
import type { Deps } from '../http.ts';
import { createLimiter, type Limiter } from '../rate-limit.ts';

const WINDOW_MS = 15 * 60_000;
const FAILURES_PER_ACCOUNT = 10;
const FAILURES_PER_ADDRESS = 100;

export interface SignInLimits {
  byAccount: Limiter;
  byAddress: Limiter;
  /** The client's address, through the proxies named in `TRUST_PROXY`. */
  addressOf: AddressOf;
}

export const createSignInLimits = (trustProxy: string[] = []): SignInLimits => ({
  byAccount: createLimiter(FAILURES_PER_ACCOUNT, WINDOW_MS),
  byAddress: createLimiter(FAILURES_PER_ADDRESS, WINDOW_MS),
  addressOf: createAddressOf(trustProxy),
});

const tooManyFailures = (retryAfter: number) =>
  rateLimited('Too many failed sign-in attempts; try again later.', retryAfter);

export async function signIn(
  deps: Deps,
  limits: SignInLimits,
  c: Context,
  input: { email: string; password: string },
): Promise<Person> {
  if (!(await passwordSignInAllowed(deps)))
    throw new DomainError(
      'forbidden',
      'password_sign_in_off',
      'Signing in with a password is switched off; sign in with your work account.',
    );
  const at = deps.clock.now().getTime();
  const email = normalizeEmail(input.email);
  const addressKey = limits.addressOf(c);
  // The address first: attempts it is blocked for must not count against (or add) the accounts they name.
  const byAddress = limits.byAddress.check(addressKey, at);
  if (!byAddress.ok) throw tooManyFailures(byAddress.retryAfter);
  const byAccount = limits.byAccount.check(email, at);
  if (!byAccount.ok) throw tooManyFailures(byAccount.retryAfter);
  // Counted before the password is checked, so that guesses sent in parallel cannot all pass the check above
  // while scrypt runs; the right password takes its attempt back.
  limits.byAddress.hit(addressKey, at);
  limits.byAccount.hit(email, at);
  const person = await checkPassword(deps.db, await findPersonByEmail(deps.db, email), input.password);
  if (!person) throw unauthorized('E-mail address or password is wrong.');
  limits.byAddress.undo(addressKey, at);
  limits.byAccount.undo(email, at);
  return person;
}

/** Seconds to wait, from a sign-in refusal (429). */
export const retryAfterOf = (err: HttpError): number =>
  Number((err.details as { retryAfter?: number } | undefined)?.retryAfter ?? 60);
