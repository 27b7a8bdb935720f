/**
 * Sign-ins under way and the extension's one-time codes (schema/sign-in.ts), for api/auth/. Each is taken once:
 * `take` deletes the row it returns, so of two servers finishing the same flow at once only one gets it.
 * Bookkeeping, not a change anybody made (as a token's last-use stamp): not audited. The sign-in that follows is
 * (`session.create`, `token.create`).
 */
import { desc, eq, lt, lte } from 'drizzle-orm';
import type { Tx } from './client.ts';
import { sha256 } from './credentials.ts';
import { extensionCodes, signInFlows, type SignInPurpose } from './schema.ts';

export interface PendingSignIn {
  verifier: string;
  nonce: string;
  purpose: SignInPurpose;
}

/** Sign-ins kept under way at most: anyone may start one, and a flood of starts must not fill the disk. */
export const MAX_SIGN_INS_UNDER_WAY = 10_000;

/** Keeps a sign-in under way; expired ones go, and past the maximum the oldest. */
export async function saveSignIn(tx: Tx, now: Date, state: string, flow: PendingSignIn, expiresAt: Date) {
  await tx.delete(signInFlows).where(lte(signInFlows.expiresAt, now.toISOString()));
  const [oldestKept] = await tx
    .select({ expiresAt: signInFlows.expiresAt })
    .from(signInFlows)
    .orderBy(desc(signInFlows.expiresAt))
    .limit(1)
    .offset(MAX_SIGN_INS_UNDER_WAY - 2);
  if (oldestKept) await tx.delete(signInFlows).where(lt(signInFlows.expiresAt, oldestKept.expiresAt));
  await tx.insert(signInFlows).values({ stateHash: sha256(state), ...flow, expiresAt: expiresAt.toISOString() });
}

/** The sign-in of `state`, used up; undefined when there is none or it expired. */
export async function takeSignIn(tx: Tx, now: Date, state: string): Promise<PendingSignIn | undefined> {
  const [flow] = await tx
    .delete(signInFlows)
    .where(eq(signInFlows.stateHash, sha256(state)))
    .returning({
      verifier: signInFlows.verifier,
      nonce: signInFlows.nonce,
      purpose: signInFlows.purpose,
      expiresAt: signInFlows.expiresAt,
    });
  return flow && flow.expiresAt > now.toISOString() ? flow : undefined;
}

export async function saveExtensionCode(
  tx: Tx,
  now: Date,
  code: string,
  grant: { personId: string; redirectUri: string },
  expiresAt: Date,
) {
  await tx.delete(extensionCodes).where(lte(extensionCodes.expiresAt, now.toISOString()));
  await tx.insert(extensionCodes).values({ codeHash: sha256(code), ...grant, expiresAt: expiresAt.toISOString() });
}

/** The person the code was issued to, if it is unexpired and for `redirectUri`; the code is gone either way. */
export async function takeExtensionCode(
  tx: Tx,
  now: Date,
  code: string,
  redirectUri: string,
): Promise<string | undefined> {
  const [grant] = await tx
    .delete(extensionCodes)
    .where(eq(extensionCodes.codeHash, sha256(code)))
    .returning({
      personId: extensionCodes.personId,
      redirectUri: extensionCodes.redirectUri,
      expiresAt: extensionCodes.expiresAt,
    });
  return grant && grant.redirectUri === redirectUri && grant.expiresAt > now.toISOString() ? grant.personId : undefined;
}
