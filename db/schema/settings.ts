/** The organisation's rules and switches, one row each. */
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import type { PolicyRules } from '../../core/policy.ts';
import { id, json, updatedAt } from './columns.ts';

/** One row per organisation (this deployment is one organisation: id `org`). */
export const policy = sqliteTable('policy', {
  id: id(),
  rules: json<PolicyRules>('rules').notNull(),
  updatedAt: updatedAt(),
});

/**
 * Organisation-wide switches admins change in the web UI (one row, id `org`). `passwordSignIn` off hides the
 * password form, once single sign-on is set up, so that everyone signs in with their work account.
 */
export const settings = sqliteTable('settings', {
  id: id(),
  passwordSignIn: integer('password_sign_in', { mode: 'boolean' }).notNull().default(true),
  updatedAt: updatedAt(),
});
