/**
 * Which mails a change to a declaration causes, queued in the change's own transaction: the reviewer hears of a
 * declaration to review (unless they chose the daily digest), the declarant of a decision or a question.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { MANAGER_ROLES } from '../core/vocabulary.ts';
import type { Tx } from './client.ts';
import { enqueueMail } from './outbox.ts';
import { declarations, people, suppliers } from './schema.ts';

type DeclarationRow = typeof declarations.$inferSelect;

/** Kind and supplier: all a mail may say about a declaration. */
async function mailParams(tx: Tx, row: DeclarationRow): Promise<Record<string, string>> {
  const [s] = row.supplierId
    ? await tx.select({ name: suppliers.name }).from(suppliers).where(eq(suppliers.id, row.supplierId))
    : [];
  const supplier = s?.name ?? row.supplierName;
  return { kind: row.kind, status: row.status, ...(supplier ? { supplier } : {}) };
}

/**
 * Who reviews this declarant: their manager while that is an active manager or admin; without one, the admins
 * (any manager could, but the admins keep the registry going, so they are the ones told).
 */
export async function reviewersOf(tx: Tx, declarantId: string): Promise<{ id: string; reviewDigest: boolean }[]> {
  const [declarant] = await tx.select({ managerId: people.managerId }).from(people).where(eq(people.id, declarantId));
  if (declarant?.managerId) {
    const [m] = await tx
      .select({ id: people.id, reviewDigest: people.reviewDigest })
      .from(people)
      .where(
        and(eq(people.id, declarant.managerId), eq(people.active, true), inArray(people.role, [...MANAGER_ROLES])),
      );
    if (m) return [m];
  }
  const admins = await tx
    .select({ id: people.id, reviewDigest: people.reviewDigest })
    .from(people)
    .where(and(eq(people.role, 'admin'), eq(people.active, true)));
  return admins.filter((a) => a.id !== declarantId);
}

/** A declaration is (again) waiting for review. */
export async function notifyReviewNeeded(tx: Tx, now: Date, row: DeclarationRow): Promise<void> {
  const reviewers = (await reviewersOf(tx, row.declarantId)).filter((r) => !r.reviewDigest);
  await enqueueMail(
    tx,
    now,
    reviewers.map((r) => r.id),
    { template: 'review_needed', link: `/declarations/${row.id}`, params: await mailParams(tx, row) },
  );
}

/** The reviewer decided, or asked for more information. */
export async function notifyDecision(tx: Tx, now: Date, row: DeclarationRow): Promise<void> {
  const template = row.status === 'needs_info' ? 'needs_info' : 'declaration_decided';
  await enqueueMail(tx, now, [row.declarantId], {
    template,
    link: `/declarations/${row.id}`,
    params: await mailParams(tx, row),
  });
}
