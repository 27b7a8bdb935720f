/**
 * Declarations: what staff report (relationships, side jobs, interests, private purchases, gifts, invitations)
 * and their managers' decisions. Who may see or act on one is decided by core/access.ts from what is loaded here:
 * the declarant and managers/admins see it, anyone else gets 404; the reviewer is the declarant's manager
 * (any manager when none is set, or when theirs is deactivated or no longer a manager), never the declarant.
 */
import { and, count, desc, eq, inArray, isNull, like, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { randomUUID } from 'node:crypto';
import { checkDeclarant, checkMayReview, maySeeDeclaration, seesAll, type Actor } from '../core/access.ts';
import { addYears, amsterdamDate } from '../core/dates.ts';
import { conflict, invalidInput, notFound } from '../core/errors.ts';
import type { Lang } from '../core/types.ts';
import {
  giftVerdict,
  invitationVerdict,
  purchaseMustBeDeclared,
  purchaseVerdict,
  type SupplierStanding,
  type Verdict,
} from '../core/verdicts.ts';
import {
  CLOSED_STATUSES,
  isLive,
  isRelatedKind,
  isWithdrawable,
  MANAGER_ROLES,
  type Decision,
  type DeclarationKind,
  type DeclarationStatus,
  type GiftForm,
} from '../core/vocabulary.ts';
import { appendAudit } from './audit.ts';
import type { Db, Tx } from './client.ts';
import { notifyDecision, notifyReviewNeeded } from './notify.ts';
import { pageTotal, totalColumn } from './paging.ts';
import { getPolicy } from './policy.ts';
import { addRound } from './rounds.ts';
import { declarations, negotiations, people, suppliers } from './schema.ts';

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

/** Where the supplier stands today, for the gift and invitation rules. */
export async function supplierStanding(db: Tx, supplierId: string | undefined): Promise<SupplierStanding> {
  if (!supplierId) return { inNegotiation: false, contracted: false };
  const [s] = await db.select({ status: suppliers.status }).from(suppliers).where(eq(suppliers.id, supplierId));
  const [open] = await db
    .select({ id: negotiations.id })
    .from(negotiations)
    .where(and(eq(negotiations.supplierId, supplierId), eq(negotiations.status, 'open')))
    .limit(1);
  return { inNegotiation: !!open, contracted: s?.status === 'contracted' };
}

/**
 * The supplier a declaration is about: the one named, or the one it was merged into, since a link made from an
 * older watchlist (a card in the extension, a bookmark) may name a supplier merged since. Undefined when there is
 * no such supplier.
 */
export async function currentSupplierId(db: Tx, id: string): Promise<string | undefined> {
  let at = id;
  // A merged supplier is never merged again, so the chain ends; the bound only guards against a damaged registry.
  for (let hop = 0; hop < 16; hop++) {
    const [s] = await db.select({ mergedInto: suppliers.mergedInto }).from(suppliers).where(eq(suppliers.id, at));
    if (!s) return undefined;
    if (!s.mergedInto) return at;
    at = s.mergedInto;
  }
  return undefined;
}

/** The verdict a gift, invitation or private purchase gets under the current policy; undefined for other kinds. */
export async function verdictFor(db: Tx, now: Date, named: DeclarationInput, lang: Lang): Promise<Verdict | undefined> {
  if (named.kind !== 'gift' && named.kind !== 'invitation' && named.kind !== 'private_purchase') return undefined;
  const input = { ...named, supplierId: named.supplierId && (await currentSupplierId(db, named.supplierId)) };
  const rules = await getPolicy(db);
  if (input.kind === 'private_purchase') {
    // A supplier named but not registered may well be one the organisation works with: it must be declared.
    const [supplier] = input.supplierId
      ? await db.select().from(suppliers).where(eq(suppliers.id, input.supplierId))
      : [];
    const mustBeDeclared = !supplier || purchaseMustBeDeclared(rules, supplier, amsterdamDate(now));
    return purchaseVerdict(
      rules,
      { marketPrice: !!input.marketPrice, normalTerms: !!input.normalTerms, mustBeDeclared },
      lang,
    );
  }
  const standing = await supplierStanding(db, input.supplierId);
  if (input.kind === 'gift')
    return giftVerdict(
      rules,
      { form: input.form ?? 'goods', valueEur: input.valueEur ?? 0, forWholeCompany: !!input.forWholeCompany },
      standing,
      lang,
    );
  return invitationVerdict(rules, { days: input.days ?? 1 }, standing, lang);
}

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
const manager = alias(people, 'manager');
const isReviewingManager = and(
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

export interface DeclarationQuery {
  q?: string;
  kind?: DeclarationKind;
  status?: DeclarationStatus;
  declarantId?: string;
  supplierId?: string;
  /** Only what `actor` may decide on now: submitted declarations of the people they review. */
  toReview?: boolean;
  limit: number;
  offset: number;
}

/** Which filters a list uses: each combination is built and prepared once (per database), its values bound. */
const listShape = (actor: Actor, query: DeclarationQuery) =>
  [
    seesAll(actor.role),
    !!query.declarantId,
    !!query.kind,
    !!query.status,
    !!query.supplierId,
    !!query.toReview,
    !!query.q,
  ]
    .map(Number)
    .join('');

function prepareList(db: Db, shape: string) {
  const [all, byDeclarant, byKind, byStatus, bySupplier, toReview, search] = shape
    .split('')
    .map((flag) => flag === '1');
  const value = (name: string) => sql.placeholder(name);
  const conditions: SQL[] = [];
  if (!all) conditions.push(eq(declarations.declarantId, value('actor')));
  if (byDeclarant) conditions.push(eq(declarations.declarantId, value('declarantId')));
  if (byKind) conditions.push(eq(declarations.kind, value('kind')));
  if (byStatus) conditions.push(eq(declarations.status, value('status')));
  if (bySupplier) conditions.push(eq(declarations.supplierId, value('supplierId')));
  if (toReview) {
    // The people the actor reviews first (few), then their submitted declarations by the declarant index.
    const reviewed = db
      .select({ id: people.id })
      .from(people)
      .leftJoin(manager, isReviewingManager)
      .where(or(eq(manager.id, value('actor')), isNull(manager.id)));
    conditions.push(
      eq(declarations.status, 'submitted'),
      ne(declarations.declarantId, value('actor')),
      inArray(declarations.declarantId, reviewed),
    );
  }
  // The page is chosen and counted over the index alone (declarant, status, date, id) where the filters allow;
  // only its rows are read in full. Counting over full rows would copy every matching declaration (a reviewer's
  // queue, a long history) to sort it. Names are joined in only to search them.
  const inner = db
    .select({ id: declarations.id, createdAt: declarations.createdAt, total: totalColumn().as('total') })
    .from(declarations)
    .$dynamic();
  if (search) {
    inner
      .innerJoin(people, eq(declarations.declarantId, people.id))
      .leftJoin(suppliers, eq(declarations.supplierId, suppliers.id));
    const pattern = value('pattern');
    conditions.push(
      or(
        like(suppliers.name, pattern),
        like(declarations.supplierName, pattern),
        like(declarations.organisation, pattern),
        like(people.name, pattern),
      )!,
    );
  }
  const where = and(...conditions);
  const page = inner
    .where(where)
    .orderBy(desc(declarations.createdAt), desc(declarations.id))
    .limit(value('limit'))
    .offset(value('offset'))
    .as('page');
  const rows = db
    .select({
      declaration: declarations,
      registeredName: suppliers.name,
      declarantName: people.name,
      total: page.total,
    })
    .from(page)
    .innerJoin(declarations, eq(declarations.id, page.id))
    .innerJoin(people, eq(declarations.declarantId, people.id))
    .leftJoin(suppliers, eq(declarations.supplierId, suppliers.id))
    .orderBy(desc(page.createdAt), desc(page.id))
    .prepare();
  const countAll = db
    .select({ n: count() })
    .from(declarations)
    .innerJoin(people, eq(declarations.declarantId, people.id))
    .leftJoin(suppliers, eq(declarations.supplierId, suppliers.id))
    .where(where)
    .prepare();
  return { rows, countAll };
}

const preparedLists = new WeakMap<Db, Map<string, ReturnType<typeof prepareList>>>();

export async function listDeclarations(db: Db, actor: Actor, query: DeclarationQuery) {
  // Building a query of this size costs about as much as running it; the lists are asked for all day.
  let prepared = preparedLists.get(db);
  if (!prepared) preparedLists.set(db, (prepared = new Map()));
  const shape = listShape(actor, query);
  let list = prepared.get(shape);
  if (!list) prepared.set(shape, (list = prepareList(db, shape)));
  const values = {
    actor: actor.id,
    declarantId: query.declarantId,
    kind: query.kind,
    status: query.status,
    supplierId: query.supplierId,
    pattern: `%${query.q}%`,
    limit: query.limit,
    offset: query.offset,
  };
  const rows = await list.rows.all(values);
  const total = await pageTotal(rows, query.offset, async () => (await list.countAll.all(values))[0].n);
  const items = rows.map((r) =>
    presentDeclaration(r.declaration, { supplierName: r.registeredName, declarantName: r.declarantName }),
  );
  return { items, total };
}

/** The full declaration as its declarant and managers see it. */
export function presentDeclaration(
  row: DeclarationRow,
  names: { supplierName?: string | null; declarantName?: string | null } = {},
) {
  const { amountCents, valueCents, ...rest } = row;
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
