/**
 * The declarant edits their declaration: after a question of the reviewer (needs_info), or because something
 * changed in one already decided. Either way it goes back to `submitted` for a new review round.
 */
import { eq } from 'drizzle-orm';
import { checkDeclarant, type Actor } from '../core/access.ts';
import { conflict, invalidInput } from '../core/errors.ts';
import type { Lang } from '../core/types.ts';
import { isLive } from '../core/vocabulary.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './client.ts';
import { currentSupplierId, verdictFor } from './declaration-verdicts.ts';
import { foldedDeclarationNames } from './folded-names.ts';
import { getDeclaration, type DeclarationInput, type DeclarationRow } from './declarations.ts';
import { notifyReviewNeeded } from './notify.ts';
import { addRound } from './rounds.ts';
import { declarations } from './schema.ts';

const PARTY = ['supplierId', 'supplierName', 'organisation'] as const;
const FIELDS = [
  'relation',
  'description',
  'date',
  'amountEur',
  'marketPrice',
  'normalTerms',
  'valueEur',
  'form',
  'forWholeCompany',
  'days',
  'accepted',
] as const;
type EditableField = (typeof PARTY)[number] | (typeof FIELDS)[number];
export type DeclarationChanges = Partial<Record<EditableField, string | number | boolean | null>>;

const eurOf = (cents: number | null) => (cents === null ? null : cents / 100);

/** The declaration as the body that would create it, for merging an edit into. A linked supplier wins over its typed name. */
export function inputOf(row: DeclarationRow): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...row,
    amountEur: eurOf(row.amountCents),
    valueEur: eurOf(row.valueCents),
  };
  if (row.supplierId) values.supplierName = null;
  const input: Record<string, unknown> = { kind: row.kind };
  for (const key of [...PARTY, ...FIELDS])
    if (values[key] !== null && values[key] !== undefined) input[key] = values[key];
  return input;
}

/** The declaration with `changes` applied: naming a party replaces the one named before; null clears a field. */
export function mergeChanges(row: DeclarationRow, changes: DeclarationChanges): Record<string, unknown> {
  const merged = inputOf(row);
  if (PARTY.some((k) => changes[k] !== undefined)) for (const k of PARTY) delete merged[k];
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged;
}

export async function updateDeclaration(
  tx: Tx,
  now: Date,
  actor: Actor,
  id: string,
  input: DeclarationInput,
  lang: Lang,
): Promise<DeclarationRow> {
  const row = await getDeclaration(tx, actor, id);
  checkDeclarant(actor, row, 'Only the declarant can edit a declaration.');
  if (!isLive(row.status)) throw conflict(`This declaration is already ${row.status}.`, { status: row.status });
  if (input.kind !== row.kind)
    throw invalidInput('The kind of a declaration cannot change; withdraw it and declare again.', { field: 'kind' });
  const supplierId = input.supplierId && (await currentSupplierId(tx, input.supplierId));
  if (input.supplierId && !supplierId)
    throw invalidInput('The supplier does not exist; name it with supplierName instead.', { field: 'supplierId' });
  const next = {
    supplierId: supplierId ?? null,
    supplierName: input.supplierName ?? null,
    organisation: input.organisation ?? null,
    relation: input.relation ?? null,
    description: input.description ?? null,
    date: input.date ?? null,
    amountCents: input.amountEur === undefined ? null : Math.round(input.amountEur * 100),
    marketPrice: input.marketPrice ?? null,
    normalTerms: input.normalTerms ?? null,
    valueCents: input.valueEur === undefined ? null : Math.round(input.valueEur * 100),
    form: input.form ?? null,
    forWholeCompany: input.forWholeCompany ?? null,
    days: input.days ?? null,
    accepted: input.accepted ?? null,
  };
  // A linked supplier the declarant left alone keeps its link: the typed name it came from is not a change.
  if (row.supplierId && next.supplierId === row.supplierId) next.supplierName = row.supplierName;
  const fields = Object.keys(next).filter((k) => next[k as keyof typeof next] !== row[k as keyof DeclarationRow]);
  if (!fields.length && row.status === 'submitted') return row;
  const verdict = (await verdictFor(tx, now, { ...input, supplierId: next.supplierId ?? undefined }, lang)) ?? null;
  const at = now.toISOString();
  const [updated] = await tx
    .update(declarations)
    .set({
      ...next,
      foldedNames: foldedDeclarationNames(next),
      verdict,
      status: 'submitted',
      reviewerId: null,
      decisionNote: null,
      decidedAt: null,
      closedAt: null,
      updatedAt: at,
    })
    .where(eq(declarations.id, id))
    .returning();
  await appendAudit(tx, now, {
    actorId: actor.id,
    action: 'declaration.update',
    entity: 'declaration',
    entityId: id,
    fields: [...fields, 'status'],
  });
  await addRound(tx, now, { declarationId: id, actorId: actor.id, action: 'edited', note: null, fields });
  if (row.status !== 'submitted') await notifyReviewNeeded(tx, now, updated);
  return updated;
}
