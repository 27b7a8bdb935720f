/**
 * The outbox: mails written in the transaction of the change that causes them, sent later by the mail loop
 * (api/mail/sender.ts). A mail is addressed to a person and goes out in their language; `params` hold only what
 * its template names (a declaration's kind and supplier at most), never the declaration's details.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, lte } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Lang } from '../core/types.ts';
import type { Db, Tx } from './client.ts';
import { outbox, people } from './schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;

export const MAIL_TEMPLATES = [
  'review_needed',
  'review_digest',
  'declaration_decided',
  'needs_info',
  'campaign_started',
  'campaign_reminder',
  'campaign_due',
  'stale_reviews',
] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export interface NewMail {
  template: MailTemplate;
  /** A path in the registry, e.g. `/declarations/<id>`; the sender puts the public URL in front. */
  link: string;
  params?: Record<string, string | number>;
  /** Scheduled mails: the same key is queued once, however often the job runs. */
  dedupeKey?: string;
}

/** Queues one mail per active recipient, each in their own language; inactive people get no mail. */
export async function enqueueMail(tx: Tx, now: Date, recipientIds: string[], mail: NewMail): Promise<number> {
  const ids = [...new Set(recipientIds)];
  if (!ids.length) return 0;
  const recipients = await tx
    .select({ id: people.id, email: people.email, language: people.language })
    .from(people)
    .where(and(inArray(people.id, ids), eq(people.active, true)));
  const at = now.toISOString();
  let queued = 0;
  for (const r of recipients) {
    const dedupeKey = mail.dedupeKey ? `${mail.dedupeKey}:${r.id}` : null;
    const rows = await tx
      .insert(outbox)
      .values({
        id: randomUUID(),
        recipient: r.email,
        language: r.language,
        template: mail.template,
        params: mail.params ?? {},
        link: mail.link,
        dedupeKey,
        nextAttemptAt: at,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: outbox.id });
    queued += rows.length;
  }
  return queued;
}

/** Mails due to be sent now, oldest first. */
export async function dueMails(db: Db, now: Date, limit = 50): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), lte(outbox.nextAttemptAt, now.toISOString())))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit);
}

/** How long a claimed mail is left to the process that claimed it: longer than any send (see api/mail/sender.ts). */
const CLAIM_MS = 5 * 60_000;

/**
 * Takes a due mail for this process before it is sent. Every server on the registry runs the mail loop, and two
 * may read the same due mail: the one whose claim changes the row sends it, the other leaves it. A process that
 * stops mid-send leaves the mail to be sent again once the claim runs out: a mail may then go twice, never not at all.
 */
export async function claimMail(tx: Tx, now: Date, row: OutboxRow): Promise<boolean> {
  const claimed = await tx
    .update(outbox)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString() })
    .where(and(eq(outbox.id, row.id), isNull(outbox.sentAt), eq(outbox.nextAttemptAt, row.nextAttemptAt)))
    .returning({ id: outbox.id });
  return claimed.length === 1;
}

export async function markSent(tx: Tx, now: Date, id: string): Promise<void> {
  await tx.update(outbox).set({ sentAt: now.toISOString(), lastError: null }).where(eq(outbox.id, id));
}

/** Waits 5 s after the first failure, doubling up to an hour, so a mail server back after an outage gets it soon. */
function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export async function markFailed(tx: Tx, now: Date, row: OutboxRow, error: string): Promise<void> {
  const attempts = row.attempts + 1;
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
  await tx
    .update(outbox)
    .set({ attempts, lastError: error.slice(0, 500), nextAttemptAt })
    .where(eq(outbox.id, row.id));
}

/** What the admin sees: mails that failed at least once and are not sent yet, newest first. */
export async function failingMails(db: Db, opts: { limit: number; offset: number }) {
  const where = and(isNull(outbox.sentAt), isNotNull(outbox.lastError));
  const [items, [{ n }], [{ waiting }]] = await Promise.all([
    db
      .select({
        id: outbox.id,
        recipient: outbox.recipient,
        template: outbox.template,
        attempts: outbox.attempts,
        lastError: outbox.lastError,
        nextAttemptAt: outbox.nextAttemptAt,
        createdAt: outbox.createdAt,
      })
      .from(outbox)
      .where(where)
      .orderBy(desc(outbox.createdAt))
      .limit(opts.limit)
      .offset(opts.offset),
    db.select({ n: count() }).from(outbox).where(where),
    db.select({ waiting: count() }).from(outbox).where(isNull(outbox.sentAt)),
  ]);
  return { items, total: n, waiting };
}

/**
 * Mails are kept this long, then dropped, sent or not: they hold addresses and supplier names, and a mail that
 * could not go out in a month (no mail server set) is too old to help anyone.
 */
const KEEP_MAIL_MS = 30 * 86_400_000;

export async function deleteOldMails(tx: Tx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - KEEP_MAIL_MS).toISOString();
  const gone = await tx.delete(outbox).where(lt(outbox.createdAt, cutoff)).returning({ id: outbox.id });
  return gone.length;
}

export const languageOf = (value: string): Lang => (value === 'en' ? 'en' : 'nl');
