/** Declarations and every round of their review. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Verdict } from '../../core/verdicts.ts';
import { DECLARATION_KINDS, DECLARATION_STATUSES, GIFT_FORMS } from '../../core/vocabulary.ts';
import { createdAt, id, json, updatedAt } from './columns.ts';
import { people } from './people.ts';
import { suppliers } from './suppliers.ts';

export const declarations = sqliteTable(
  'declarations',
  {
    id: id(),
    declarantId: text('declarant_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DECLARATION_KINDS }).notNull(),
    supplierId: text('supplier_id').references(() => suppliers.id),
    /** A supplier not (yet) in the registry, named by the declarant; the reviewer links or creates it. */
    supplierName: text('supplier_name'),
    /** A side job or financial interest at an organisation that is no supplier at all. */
    organisation: text('organisation'),
    /** The two names above folded as the matcher folds names, for the search (db/folded-names.ts). */
    foldedNames: text('folded_names').notNull().default(''),
    relation: text('relation'),
    description: text('description'),
    /** private_purchase: the purchase date; gift/invitation: the date offered. */
    date: text('date'),
    amountCents: integer('amount_cents'),
    marketPrice: integer('market_price', { mode: 'boolean' }),
    normalTerms: integer('normal_terms', { mode: 'boolean' }),
    valueCents: integer('value_cents'),
    form: text('form', { enum: GIFT_FORMS }),
    forWholeCompany: integer('for_whole_company', { mode: 'boolean' }),
    days: integer('days'),
    accepted: integer('accepted', { mode: 'boolean' }),
    verdict: json<Verdict>('verdict'),
    status: text('status', { enum: DECLARATION_STATUSES }).notNull().default('submitted'),
    reviewerId: text('reviewer_id').references(() => people.id, { onDelete: 'set null' }),
    decisionNote: text('decision_note'),
    decidedAt: text('decided_at'),
    /** When it was withdrawn, ended or judged not relevant: the retention period runs from here. */
    closedAt: text('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Covers the lists of one declarant and the review queue (their submitted ones), page and count, without
    // reading the rows (db/declaration-list.ts listDeclarations).
    index('declarations_declarant').on(t.declarantId, t.status, t.createdAt, t.id),
    index('declarations_supplier').on(t.supplierId),
    index('declarations_status').on(t.status),
  ],
);

/**
 * Every round of a declaration's review: each decision (with its note, a question when more information is
 * asked) and each edit by the declarant that sent it back. The declaration row holds only the latest state.
 */
export const declarationRounds = sqliteTable(
  'declaration_rounds',
  {
    id: id(),
    declarationId: text('declaration_id')
      .notNull()
      .references(() => declarations.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    actorId: text('actor_id').references(() => people.id, { onDelete: 'set null' }),
    /** `edited` for the declarant's edit, else the reviewer's decision. */
    action: text('action', { enum: ['edited', ...DECLARATION_STATUSES] }).notNull(),
    note: text('note'),
    /** edited: the names of the fields that changed. */
    fields: json<string[]>('fields').notNull().default([]),
  },
  (t) => [index('declaration_rounds_declaration').on(t.declarationId, t.at)],
);
