/** People, their sign-in (passwords, tokens, web sessions) and what provisioning (SCIM) knows of them. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LANGUAGES, ROLES } from '../../core/vocabulary.ts';
import { createdAt, id, json, updatedAt } from './columns.ts';

/** `scim`: for the identity provider's provisioning (SCIM 2.0 at /scim/v2), and nothing else. */
export const TOKEN_SCOPES = ['full', 'extension', 'scim'] as const;

export const people = sqliteTable(
  'people',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** The name folded as the matcher folds names, for the search (db/folded-names.ts). */
    foldedName: text('folded_name').notNull().default(''),
    role: text('role', { enum: ROLES }).notNull(),
    managerId: text('manager_id').references((): any => people.id, { onDelete: 'set null' }),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** The language of the mails they get; Dutch unless they choose English. */
    language: text('language', { enum: LANGUAGES }).notNull().default('nl'),
    /** A manager who chose one daily digest of new declarations to review instead of a mail for each. */
    reviewDigest: integer('review_digest', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('people_email').on(t.email), index('people_manager').on(t.managerId)],
);

export const passwords = sqliteTable('passwords', {
  personId: text('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  /** `scrypt$N$r$p$salt$hash`, base64 parts. */
  hash: text('hash').notNull(),
  updatedAt: updatedAt(),
});

export const tokens = sqliteTable(
  'tokens',
  {
    id: id(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scope: text('scope', { enum: TOKEN_SCOPES }).notNull(),
    /** SHA-256 of the token, hex; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: text('last_used_at'),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('tokens_hash').on(t.tokenHash), index('tokens_person').on(t.personId)],
);

/** Web UI sessions: the cookie holds a random id, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: id(),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_hash').on(t.tokenHash), index('sessions_person').on(t.personId)],
);

/**
 * What provisioning (SCIM) knows of a person beyond the registry's own fields: the identity provider's user name
 * and external id (which it matches people by) and the name parts it sends, from which the person's name is made.
 * `deletedAt`: the provider deleted the user; the person stays, deactivated, for the audit trail.
 */
export const scimUsers = sqliteTable(
  'scim_users',
  {
    personId: text('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    userName: text('user_name').notNull(),
    externalId: text('external_id'),
    names: json<{ displayName?: string; givenName?: string; familyName?: string; formatted?: string }>('names')
      .notNull()
      .default({}),
    deletedAt: text('deleted_at'),
    updatedAt: updatedAt(),
  },
  // A deleted user's name may come back (a rehire): only live users' names are unique.
  (t) => [
    uniqueIndex('scim_users_user_name')
      .on(sql`lower(${t.userName})`)
      .where(sql`${t.deletedAt} is null`),
    index('scim_users_external_id').on(t.externalId),
  ],
);
