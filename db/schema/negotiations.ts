/** Negotiations with suppliers, their teams, the team's declarations and who was kept out. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { NEGOTIATION_STATUSES, STAGES } from '../../core/vocabulary.ts';
import { createdAt, id, updatedAt } from './columns.ts';
import { people } from './people.ts';
import { suppliers } from './suppliers.ts';

export const negotiations = sqliteTable(
  'negotiations',
  {
    id: id(),
    supplierId: text('supplier_id')
      .notNull()
      .references(() => suppliers.id),
    reference: text('reference').notNull(),
    subject: text('subject').notNull(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => people.id),
    stage: text('stage', { enum: STAGES }).notNull(),
    status: text('status', { enum: NEGOTIATION_STATUSES }).notNull().default('open'),
    openedOn: text('opened_on').notNull(),
    closedOn: text('closed_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('negotiations_supplier').on(t.supplierId),
    index('negotiations_owner').on(t.ownerId),
    index('negotiations_status').on(t.status),
  ],
);

export const recusals = sqliteTable(
  'recusals',
  {
    id: id(),
    negotiationId: text('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => people.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('recusals_person').on(t.negotiationId, t.personId)],
);

/**
 * Who works on a procurement. The owner is on it from the start; a member who is kept out (a recusal) leaves
 * it. `addedAt` matters: a member's declaration counts only when made after they were (last) added.
 */
export const negotiationTeam = sqliteTable(
  'negotiation_team',
  {
    negotiationId: text('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    addedBy: text('added_by').references(() => people.id, { onDelete: 'set null' }),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.negotiationId, t.personId] }), index('negotiation_team_person').on(t.personId)],
);

/**
 * Each team member's per-negotiation declaration: no conflict with the supplier, or a conflict, with a note.
 * Rows are never changed: a member declares again, and the latest counts, so the history stays.
 */
export const teamDeclarations = sqliteTable(
  'team_declarations',
  {
    id: id(),
    negotiationId: text('negotiation_id')
      .notNull()
      .references(() => negotiations.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    conflict: integer('conflict', { mode: 'boolean' }).notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    index('team_declarations_member').on(t.negotiationId, t.personId),
    index('team_declarations_created').on(t.createdAt),
  ],
);
