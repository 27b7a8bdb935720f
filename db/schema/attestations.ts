/** The yearly attestation campaigns and each person's attestation. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, json } from './columns.ts';
import { people } from './people.ts';

/** A yearly attestation campaign: everyone active confirms their declarations are complete by the due date. */
export const attestationCampaigns = sqliteTable('attestation_campaigns', {
  id: id(),
  title: text('title').notNull(),
  /** `YYYY-MM-DD`, Europe/Amsterdam: overdue from the day after. */
  dueOn: text('due_on').notNull(),
  createdBy: text('created_by').references(() => people.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export const ATTESTATION_STATUSES = ['open', 'confirmed'] as const;

export const attestations = sqliteTable(
  'attestations',
  {
    id: id(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => attestationCampaigns.id, { onDelete: 'cascade' }),
    personId: text('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ATTESTATION_STATUSES }).notNull().default('open'),
    /** A nil return: the person had nothing to declare. */
    nothingToDeclare: integer('nothing_to_declare', { mode: 'boolean' }),
    stillCurrent: json<string[]>('still_current').notNull().default([]),
    ended: json<string[]>('ended').notNull().default([]),
    confirmedAt: text('confirmed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('attestations_person').on(t.campaignId, t.personId),
    index('attestations_person_id').on(t.personId),
  ],
);
