/**
 * Sign-ins under way with the identity provider, and the one-time codes that end an extension's. They live in
 * the registry, not in a server's memory, so that any server on it finishes what another started: two servers
 * behind a load balancer, or one restarted in between. Both last minutes; expired rows go whenever a new one is
 * written. Keyed by SHA-256 hashes, so that a copy of the file holds no usable state or code.
 */
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json } from './columns.ts';
import { people } from './people.ts';

/** Where a sign-in goes afterwards: a page of the web UI, or the extension that asked for a one-time code. */
export type SignInPurpose = { kind: 'web'; next: string } | { kind: 'extension'; redirectUri: string; state: string };

export const signInFlows = sqliteTable(
  'sign_in_flows',
  {
    stateHash: text('state_hash').primaryKey(),
    /** The PKCE verifier and the nonce: of no use without the provider's code, which only the callback gets. */
    verifier: text('verifier').notNull(),
    nonce: text('nonce').notNull(),
    purpose: json<SignInPurpose>('purpose').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sign_in_flows_expires').on(t.expiresAt)],
);

export const extensionCodes = sqliteTable(
  'extension_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The code works only together with the redirect URL it was issued for. */
    redirectUri: text('redirect_uri').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('extension_codes_expires').on(t.expiresAt)],
);
