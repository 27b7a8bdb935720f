/**
 * The scheduled mails, queued by a job that api/server.ts runs at start and every hour with its clock: campaign
 * reminders a week before the due date and on it, the daily digest for managers who chose it, and the weekly
 * note about reviews open longer than 14 days. Each mail carries a key per day or week, so running the job again
 * (a restart, the next hour) queues nothing twice.
 */
import { and, eq, gte, lt, lte } from 'drizzle-orm';
import { addDays, amsterdamDate, isoWeek } from '../core/dates.ts';
import type { Db, Tx } from './client.ts';
import { reviewersOf } from './notify.ts';
import { enqueueMail } from './outbox.ts';
import { attestationCampaigns, attestations, declarations } from './schema.ts';
import { writeTx } from './write.ts';

const DAY_MS = 86_400_000;
/** A review waiting longer than this is mentioned in the weekly note to its manager. */
const STALE_REVIEW_DAYS = 14;
/** A reminder or due-day mail not sent on its day (the server was down) still goes out this many days later. */
const CATCH_UP_DAYS = 7;

async function campaignReminders(tx: Tx, now: Date, today: string): Promise<number> {
  const campaigns = await tx
    .select()
    .from(attestationCampaigns)
    .where(
      and(
        lte(attestationCampaigns.dueOn, addDays(today, 7)),
        gte(attestationCampaigns.dueOn, addDays(today, -CATCH_UP_DAYS)),
      ),
    );
  let queued = 0;
  for (const c of campaigns) {
    const template = today < c.dueOn ? 'campaign_reminder' : 'campaign_due';
    const open = await tx
      .select({ personId: attestations.personId })
      .from(attestations)
      .where(and(eq(attestations.campaignId, c.id), eq(attestations.status, 'open')));
    queued += await enqueueMail(
      tx,
      now,
      open.map((a) => a.personId),
      { template, link: '/attestations', params: { title: c.title, dueOn: c.dueOn }, dedupeKey: `${template}:${c.id}` },
    );
  }
  return queued;
}

/** Submitted declarations grouped by who reviews them. */
async function queueByReviewer(tx: Tx, where: ReturnType<typeof and>) {
  const waiting = await tx.select({ declarantId: declarations.declarantId }).from(declarations).where(where);
  const byReviewer = new Map<string, { count: number; digest: boolean }>();
  for (const d of waiting) {
    for (const r of await reviewersOf(tx, d.declarantId)) {
      const entry = byReviewer.get(r.id) ?? { count: 0, digest: r.reviewDigest };
      entry.count++;
      byReviewer.set(r.id, entry);
    }
  }
  return byReviewer;
}

async function dailyDigests(tx: Tx, now: Date, today: string): Promise<number> {
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  const byReviewer = await queueByReviewer(
    tx,
    and(eq(declarations.status, 'submitted'), gte(declarations.updatedAt, since)),
  );
  let queued = 0;
  for (const [id, { count, digest }] of byReviewer) {
    if (digest)
      queued += await enqueueMail(tx, now, [id], {
        template: 'review_digest',
        link: '/review',
        params: { count },
        dedupeKey: `review_digest:${today}`,
      });
  }
  return queued;
}

async function staleReviews(tx: Tx, now: Date, today: string): Promise<number> {
  const before = new Date(now.getTime() - STALE_REVIEW_DAYS * DAY_MS).toISOString();
  const byReviewer = await queueByReviewer(
    tx,
    and(eq(declarations.status, 'submitted'), lt(declarations.updatedAt, before)),
  );
  let queued = 0;
  for (const [id, { count }] of byReviewer) {
    queued += await enqueueMail(tx, now, [id], {
      template: 'stale_reviews',
      link: '/review',
      params: { count },
      dedupeKey: `stale_reviews:${isoWeek(today)}`,
    });
  }
  return queued;
}

/** Queues every scheduled mail due at `now`; returns how many were queued. */
export async function runMailJobs(db: Db, now: Date): Promise<number> {
  const today = amsterdamDate(now);
  return writeTx(
    db,
    async (tx) =>
      (await campaignReminders(tx, now, today)) +
      (await dailyDigests(tx, now, today)) +
      (await staleReviews(tx, now, today)),
    { bookkeeping: true },
  );
}
