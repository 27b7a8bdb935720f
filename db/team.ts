/**
 * Tender teams: who works on a negotiation, and each member's per-negotiation declaration. The rules (who still
 * has to declare, who is to be kept out) are core/team.ts; this file loads and writes the rows.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { computeConflicts } from '../core/conflicts.ts';
import { amsterdamDate } from '../core/dates.ts';
import { conflict, invalidInput, notFound } from '../core/errors.ts';
import {
  awardBlockers,
  declarationProblem,
  teamStanding,
  type MemberStanding,
  type TeamMemberFacts,
} from '../core/team.ts';
import { appendAudit } from './audit.ts';
import type { Tx } from './client.ts';
import { getPolicy } from './policy.ts';
import { declarations, negotiations, negotiationTeam, people, recusals, teamDeclarations } from './schema.ts';

export type TeamDeclaration = typeof teamDeclarations.$inferSelect;
export type TeamMember = MemberStanding & { name: string; email: string };

function groupBy<T extends { negotiationId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.negotiationId);
    if (list) list.push(r);
    else out.set(r.negotiationId, [r]);
  }
  return out;
}

async function negotiationOf(db: Tx, id: string) {
  const [n] = await db
    .select({
      id: negotiations.id,
      ownerId: negotiations.ownerId,
      supplierId: negotiations.supplierId,
      status: negotiations.status,
    })
    .from(negotiations)
    .where(eq(negotiations.id, id));
  if (!n) throw notFound('Negotiation');
  return n;
}

/** Members of these negotiations, by negotiation id. */
async function membersOf(db: Tx, negotiationIds: string[]): Promise<Map<string, TeamMemberFacts[]>> {
  const out = new Map<string, TeamMemberFacts[]>(negotiationIds.map((id) => [id, []]));
  if (!negotiationIds.length) return out;
  const rows = await db.select().from(negotiationTeam).where(inArray(negotiationTeam.negotiationId, negotiationIds));
  for (const r of rows) out.get(r.negotiationId)?.push({ personId: r.personId, addedAt: r.addedAt });
  return out;
}

/** Each negotiation's team with every member's standing, by negotiation id: what the watchlist and the award read. */
async function standingsOf(db: Tx, negotiationIds: string[]): Promise<Map<string, MemberStanding[]>> {
  const [members, rows] = await Promise.all([
    membersOf(db, negotiationIds),
    negotiationIds.length
      ? db.select().from(teamDeclarations).where(inArray(teamDeclarations.negotiationId, negotiationIds))
      : [],
  ]);
  const declared = groupBy(rows);
  return new Map([...members].map(([id, team]) => [id, teamStanding(team, declared.get(id) ?? [])]));
}

/** The team of every open negotiation with each member's standing, by negotiation id, in two queries. */
export async function openTeamStandings(db: Tx): Promise<Map<string, MemberStanding[]>> {
  const isOpen = eq(negotiations.status, 'open');
  const [members, rows] = await Promise.all([
    db
      .select({ t: negotiationTeam })
      .from(negotiationTeam)
      .innerJoin(negotiations, eq(negotiationTeam.negotiationId, negotiations.id))
      .where(isOpen),
    db
      .select({ d: teamDeclarations })
      .from(teamDeclarations)
      .innerJoin(negotiations, eq(teamDeclarations.negotiationId, negotiations.id))
      .where(isOpen),
  ]);
  const declared = groupBy(rows.map((r) => r.d));
  return new Map(
    [...groupBy(members.map((m) => m.t))].map(([id, team]) => [id, teamStanding(team, declared.get(id) ?? [])]),
  );
}

/** One negotiation's team with names, owner first, then by name. */
export async function teamOf(db: Tx, negotiationId: string): Promise<TeamMember[]> {
  const n = await negotiationOf(db, negotiationId);
  const standing = (await standingsOf(db, [negotiationId])).get(negotiationId) ?? [];
  const ids = standing.map((m) => m.personId);
  const named = ids.length
    ? await db
        .select({ id: people.id, name: people.name, email: people.email })
        .from(people)
        .where(inArray(people.id, ids))
    : [];
  const byId = new Map(named.map((p) => [p.id, p]));
  return standing
    .map((m) => ({ ...m, name: byId.get(m.personId)?.name ?? '?', email: byId.get(m.personId)?.email ?? '' }))
    .sort(
      (a, b) => Number(b.personId === n.ownerId) - Number(a.personId === n.ownerId) || a.name.localeCompare(b.name),
    );
}

export async function isMember(db: Tx, negotiationId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ personId: negotiationTeam.personId })
    .from(negotiationTeam)
    .where(and(eq(negotiationTeam.negotiationId, negotiationId), eq(negotiationTeam.personId, personId)));
  return !!row;
}

/** Puts a person on the team; called by createNegotiation for the owner too. */
export async function insertMember(tx: Tx, now: Date, actorId: string, negotiationId: string, personId: string) {
  await tx.insert(negotiationTeam).values({ negotiationId, personId, addedBy: actorId, addedAt: now.toISOString() });
}

export async function addTeamMember(
  tx: Tx,
  now: Date,
  actorId: string,
  negotiationId: string,
  personId: string,
): Promise<TeamMember> {
  const n = await negotiationOf(tx, negotiationId);
  if (n.status !== 'open') throw conflict('The negotiation is no longer open: its team is final.');
  const [person] = await tx.select({ active: people.active }).from(people).where(eq(people.id, personId));
  if (!person) throw invalidInput('The person does not exist.', { field: 'personId' });
  if (!person.active) throw invalidInput('The person is no longer active.', { field: 'personId' });
  if (await isMember(tx, negotiationId, personId))
    throw conflict('This person is already on the team.', { field: 'personId' });
  const [recused] = await tx
    .select({ id: recusals.id })
    .from(recusals)
    .where(and(eq(recusals.negotiationId, negotiationId), eq(recusals.personId, personId)));
  if (recused)
    throw conflict('This person is kept out of this negotiation and cannot join its team.', { field: 'personId' });
  await insertMember(tx, now, actorId, negotiationId, personId);
  await appendAudit(tx, now, {
    actorId,
    action: 'team.add',
    entity: 'negotiation',
    entityId: negotiationId,
    fields: ['personId'],
  });
  return (await teamOf(tx, negotiationId)).find((m) => m.personId === personId)!;
}

/** Takes a member off the team; `action` says why in the audit trail (removed, or kept out by a recusal). */
export async function removeTeamMember(
  tx: Tx,
  now: Date,
  actorId: string,
  negotiationId: string,
  personId: string,
  action: 'team.remove' | 'team.recuse' = 'team.remove',
) {
  const n = await negotiationOf(tx, negotiationId);
  if (personId === n.ownerId)
    throw conflict(
      'The owner runs the negotiation and stays on its team; close it and let a colleague open a new one instead.',
      { field: 'personId' },
    );
  const removed = await tx
    .delete(negotiationTeam)
    .where(and(eq(negotiationTeam.negotiationId, negotiationId), eq(negotiationTeam.personId, personId)))
    .returning({ personId: negotiationTeam.personId });
  if (!removed.length) {
    if (action === 'team.recuse') return;
    throw notFound('Team member');
  }
  await appendAudit(tx, now, { actorId, action, entity: 'negotiation', entityId: negotiationId, fields: ['personId'] });
}

/**
 * The member's live relationships, side jobs, interests and private purchases with the supplier, by the one
 * conflict computation: what the declaration form shows pre-filled, and why "no conflict" then needs a note.
 */
export async function liveConflictsWith(db: Tx, now: Date, personId: string, supplierId: string) {
  const rows = await db
    .select()
    .from(declarations)
    .where(and(eq(declarations.declarantId, personId), eq(declarations.supplierId, supplierId)));
  const rules = await getPolicy(db);
  const found =
    computeConflicts({
      negotiations: [],
      declarations: rows,
      today: amsterdamDate(now),
      purchaseWindowMonths: rules.purchaseWindowMonths,
    }).get(supplierId) ?? [];
  const ids = new Set(found.flatMap((c) => c.declarations.map((d) => d.id)));
  return rows.filter((d) => ids.has(d.id));
}

export async function declareForNegotiation(
  tx: Tx,
  now: Date,
  personId: string,
  negotiationId: string,
  input: { conflict: boolean; note?: string },
): Promise<TeamDeclaration> {
  const n = await negotiationOf(tx, negotiationId);
  if (!(await isMember(tx, negotiationId, personId))) throw notFound('Team member');
  if (n.status !== 'open') throw conflict('The negotiation is no longer open.');
  const live = await liveConflictsWith(tx, now, personId, n.supplierId);
  if (declarationProblem(input, live.length > 0))
    throw invalidInput(
      'You declared a relationship, side job, interest or private purchase with this supplier: say why it is no conflict here.',
      {
        fields: [{ field: 'note', message: 'required when declaring no conflict despite a live declaration' }],
      },
    );
  const [row] = await tx
    .insert(teamDeclarations)
    .values({
      id: randomUUID(),
      negotiationId,
      personId,
      conflict: input.conflict,
      note: input.note?.trim() || null,
      createdAt: now.toISOString(),
    })
    .returning();
  await appendAudit(tx, now, {
    actorId: personId,
    action: 'team.declare',
    entity: 'negotiation',
    entityId: negotiationId,
    fields: input.note ? ['conflict', 'note'] : ['conflict'],
  });
  return row;
}

/** Refuses the award while a member has not declared or a conflicted member is still on the team, naming them. */
export async function checkTeamClean(tx: Tx, negotiationId: string): Promise<void> {
  const team = await teamOf(tx, negotiationId);
  const { toDeclare, toKeepOut } = awardBlockers(team);
  if (!toDeclare.length && !toKeepOut.length) return;
  const name = (id: string) => team.find((m) => m.personId === id)!.name;
  const parts = [
    toDeclare.length && `still to declare: ${toDeclare.map(name).join(', ')}`,
    toKeepOut.length && `to keep out: ${toKeepOut.map(name).join(', ')}`,
  ].filter(Boolean);
  throw conflict(`The team is not clean, so the negotiation cannot be awarded yet (${parts.join('; ')}).`, {
    toDeclare: toDeclare.map((id) => ({ personId: id, name: name(id) })),
    toKeepOut: toKeepOut.map((id) => ({ personId: id, name: name(id) })),
  });
}
