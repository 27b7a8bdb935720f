/** Mails waiting to be sent. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LANGUAGES } from '../../core/vocabulary.ts';
import { createdAt, id, json } from './columns.ts';

/**
 * Mails to send, written in the transaction of the change that causes them and sent by the mail loop
 * (api/mail/), so a mail server that is down never fails or loses a write. Rows carry only what the template
 * needs (kind and supplier at most); `link` is a path under the registry's public URL.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    recipient: text('recipient').notNull(),
    language: text('language', { enum: LANGUAGES }).notNull(),
    template: text('template').notNull(),
    params: json<Record<string, string | number>>('params').notNull().default({}),
    link: text('link').notNull(),
    /** Makes a scheduled mail (a reminder, a digest) once per day or week however often the job runs. */
    dedupeKey: text('dedupe_key'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: text('next_attempt_at').notNull(),
    sentAt: text('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('outbox_dedupe').on(t.dedupeKey), index('outbox_due').on(t.sentAt, t.nextAttemptAt)],
);
