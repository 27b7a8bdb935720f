/** The audit trail. */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { json } from './columns.ts';

/**
 * Append-only and hash-chained: each row's hash covers its content and the previous row's hash, so an edit
 * behind the API's back breaks verification. Rows name fields, never values, so erasing a declaration keeps
 * the chain intact.
 */
export const audit = sqliteTable(
  'audit',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    fields: json<string[]>('fields')
      .notNull()
      .default(sql`'[]'`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId), index('audit_actor').on(t.actorId)],
);
