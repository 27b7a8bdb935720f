/**
 * Declarations: what staff report (relationships, side jobs, interests, private purchases, gifts, invitations)
 * and their managers' decisions. Who may see or act on one is decided by core/access.ts from what is loaded here:
 * the declarant and managers/admins see it, anyone else gets 404; the reviewer is the declarant's manager
 * (any manager when none is set, or when theirs is deactivated or no longer a manager), never the declarant.
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { randomUUID } from 'node:crypto';
import { checkDeclarant, checkMayReview, maySeeDeclaration, type Actor } from '../core/access.ts';
import { addYears, amsterdamDate } from '../core/dates.ts';
import { conflict, invalidInput, notFound } from '../core/errors.ts';
import type { Lang } from '../core/types.ts';
import {
  CLOSED_STATUSES,
  isLive,
  isRelatedKind,
  isWithdrawable,
  MANAGER_ROLES,
  type Decision,
  type DeclarationKind,
  type GiftForm,
} from '../core/vocabulary.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './client.ts';
import { currentSupplierId, verdictFor } from './declaration-verdicts.ts';
import { foldedDeclarationNames } from './folded-names.ts';
import { notifyDecision, notifyReviewNeeded } from './notify.ts';
import { getPolicy } from './policy.ts';
import { addRound } from './rounds.ts';
import { declarations, people } from './schema.ts';

export type DeclarationRow = typeof declarations.$inferSelect;

/** The body of a new declaration, already validated per kind at the edge. Money in euros. */
export interface DeclarationInput {
  kind: DeclarationKind;
  supplierId?: string;
  supplierName?: string;
  organisation?: string;
  relation?: string;
  description?: string;
  date?: string;
  amountEur?: number;
  marketPrice?: boolean;
  normalTerms?: boolean;
  valueEur?: number;
  form?: GiftForm;
  forWholeCompany?: boolean;
  days?: number;
  accepted?: boolean;
}

const toCents = (eur: number | undefined) => (eur === undefined ? null : Math.round(eur * 100));
const toEur = (cents: number | null) => (cents === null ? undefined : cents / 100);

export async function createDeclaration(
  tx: Tx,
  now: Date,
  actor: Actor,
  named: DeclarationInput,
  lang: Lang,
): Promise<DeclarationRow> {
  const input = { ...named, supplierId: named.supplierId && (await currentSupplierId(tx, named.supplierId)) };
  if (named.supplierId && !input.supplierId) {
    throw invalidInput('The supplier does not exist; name it with supplierName instead.', { field: 'supplierId' });
  }
  const verdict = await verdictFor(tx, now, input, lang);
  const at = now.toISOString();
  const { amountEur, valueEur, ...rest } = input;
  const [row] = await tx
    .insert(declarations)
    .values({
      id: randomUUID(),
      declarantId: actor.id,
      ...rest,
      foldedNames: foldedDeclarationNames(rest),
      amountCents: toCents(amountEur),
      valueCents: toCents(valueEur),
      verdict: verdict ?? null,
      status: 'submitted',
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  const fields = Object.entries(input).flatMap(([k, v]) => (v === undefined ? [] : [k]));
  await appendAudit(tx, now, {
    actorId: actor.id,
    action: `declaration.create`,
    entity: 'declaration',
    entityId: row.id,
    fields,
  });
  await notifyReviewNeeded(tx, now, row);
  return row;
}

/** The declaration if `actor` may see it; 404 otherwise, so its existence is not revealed. */
export async function getDeclaration(db: Tx, actor: Actor, id: string): Promise<DeclarationRow> {
  const [row] = await db.select().from(declarations).where(eq(declarations.id, id));
  if (!row || !maySeeDeclaration(actor, row)) throw notFound('Declaration');
  return row;
}

/**
 * The declarant's manager as a reviewer: joined only while active and a manager or admin. A manager who left or
 * changed role counts as none, or nobody could review the declarant and they would be in nobody's queue.
 */
export const manager = alias(people, 'manager');
export const isReviewingManager = and(
  eq(manager.id, people.managerId),
  eq(manager.active, true),
  inArray(manager.role, [...MANAGER_ROLES]),
);

/** The manager who reviews the declarant's declarations, or null when they have none who can (see core/access.ts). */
export async function reviewerOf(db: Tx, declarantId: string): Promise<string | null> {
  const [declarant] = await db
    .select({ managerId: manager.id })
    .from(people)
    .leftJoin(manager, isReviewingManager)
    .where(eq(people.id, declarantId));
  return declarant?.managerId ?? null;
}

export async function reviewDeclaration(
  tx: Tx,
  now: Date,
  actor: Actor,
  id: string,
  input: { decision: Decision; note?: string; supplierId?: string },
): Promise<DeclarationRow> {
  const row = await getDeclaration(tx, actor, id);
  checkMayReview(actor, row, await reviewerOf(tx, row.declarantId));
  if (row.status !== 'submitted') throw conflict(`This declaration is already ${row.status}.`, { status: row.status });
  if (input.decision === 'needs_info' && !input.note)
    throw invalidInput('Asking for more information needs the question in note.', {
      fields: [{ field: 'note', message: 'the question is required' }],
    });
  const supplierId = input.supplierId && (await currentSupplierId(tx, input.supplierId));
  if (input.supplierId && !supplierId) throw invalidInput('The supplier does not exist.', { field: 'supplierId' });
  const at = now.toISOString();
  const [updated] = await tx
    .update(declarations)
    .set({
      status: input.decision,
      decisionNote: input.note ?? null,
      reviewerId: actor.id,
      decidedAt: at,
      closedAt: input.decision === 'not_relevant' ? at : null,
      ...(supplierId ? { supplierId } : {}),
      updatedAt: at,
    })
    .where(eq(declarations.id, id))
    .returning();
  const fields = [
    'status',
    'reviewerId',
    ...(input.note ? ['decisionNote'] : []),
    ...(input.supplierId ? ['supplierId'] : []),
  ];
  await appendAudit(tx, now, {
    actorId: actor.id,
    action: `declaration.review`,
    entity: 'declaration',
    entityId: id,
    fields,
  });
  await addRound(tx, now, { declarationId: id, actorId: actor.id, action: input.decision, note: input.note ?? null });
  await notifyDecision(tx, now, updated);
  return updated;
}

/** Withdraw (while submitted) or end (a relationship, side job or interest): only the declarant. */
export async function closeDeclaration(
  tx: Tx,
  now: Date,
  actor: Actor,
  id: string,
  how: 'withdraw' | 'end',
): Promise<DeclarationRow> {
  const row = await getDeclaration(tx, actor, id);
  checkDeclarant(actor, row, 'Only the declarant can do this.');
  if (how === 'withdraw' && !isWithdrawable(row.status))
    throw conflict('Only a declaration that has not been reviewed yet can be withdrawn.', { status: row.status });
  if (how === 'end') {
    if (!isRelatedKind(row.kind))
      throw conflict('Only a relationship, side job or interest can be ended.', { kind: row.kind });
    if (!isLive(row.status)) throw conflict(`This declaration is already ${row.status}.`, { status: row.status });
  }
  const at = now.toISOString();
  const status = how === 'withdraw' ? 'withdrawn' : 'ended';
  const [updated] = await tx
    .update(declarations)
    .set({ status, closedAt: at, updatedAt: at })
    .where(eq(declarations.id, id))
    .returning();
  await appendAudit(tx, now, {
    actorId: actor.id,
    action: `declaration.${how}`,
    entity: 'declaration',
    entityId: id,
    fields: ['status'],
  });
  return updated;
}

/** The full declaration as its declarant and managers see it. */
export function presentDeclaration(
  row: DeclarationRow,
  names: { supplierName?: string | null; declarantName?: string | null } = {},
) {
  // The folded names are for the search only.
  const { amountCents, valueCents, foldedNames: _search, ...rest } = row;
  return {
    ...rest,
    supplierName: names.supplierName ?? row.supplierName,
    declarantName: names.declarantName ?? undefined,
    amountEur: toEur(amountCents),
    valueEur: toEur(valueCents),
  };
}

/** Deletes ended, withdrawn and not-relevant declarations closed longer ago than the retention period. */
export async function eraseExpiredDeclarations(tx: Tx, now: Date, opts: { embedded: boolean }): Promise<number> {
  const rules = await getPolicy(tx);
  const cutoff = `${addYears(amsterdamDate(now), -rules.retentionYears)}T00:00:00.000Z`;
  // In an embedded file, secure_delete overwrites the freed pages on this connection, so the erased text is gone
  // from the file too. A libSQL server refuses pragmas inside a transaction and keeps its own storage settings.
  if (opts.embedded) await tx.run(sql`PRAGMA secure_delete = ON`);
  const erased = await tx
    .delete(declarations)
    .where(and(inArray(declarations.status, [...CLOSED_STATUSES]), lt(declarations.closedAt, cutoff)))
    .returning({ id: declarations.id });
  for (const { id } of erased)
    await appendAudit(tx, now, { actorId: null, action: 'declaration.erase', entity: 'declaration', entityId: id });
  return erased.length;
}
