/** The yearly integrity overview for the board: counts only, no names. */
import { and, count, countDistinct, eq, gte, lt, sql } from 'drizzle-orm';
import { toCsv } from '../core/csv.ts';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Lang } from '../core/types.ts';
import type { Db } from './client.ts';
import {
  attestationCampaigns,
  attestations,
  declarations,
  negotiations,
  people,
  recusals,
  teamDeclarations,
} from './schema.ts';

export interface YearlyOverview {
  year: number;
  declarations: { kind: string; status: string; count: number }[];
  giftsAndInvitations: { kind: string; declined: number; refusedByPolicy: number; total: number }[];
  recusals: number;
  /** Per-tender declarations of team members: all of them (a re-declaration counts again), and those of a conflict. */
  teamDeclarations: { total: number; conflicts: number };
  negotiationsOpened: number;
  negotiationsOpenNow: number;
  /** Campaigns due in the year; nil returns among their confirmations; people still open past a due date. */
  attestations: { campaigns: number; nilReturns: number; overdue: number };
}

/** `today` (Amsterdam) decides which open attestations are overdue. */
export async function yearlyOverview(db: Db, year: number, today: string): Promise<YearlyOverview> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const inYear = (column: SQLiteColumn) => and(gte(column, from), lt(column, to));
  const [byKind, gifts, [rec], [team], [opened], [openNow]] = await Promise.all([
    db
      .select({ kind: declarations.kind, status: declarations.status, count: count() })
      .from(declarations)
      .where(inYear(declarations.createdAt))
      .groupBy(declarations.kind, declarations.status)
      .orderBy(declarations.kind, declarations.status),
    db
      .select({
        kind: declarations.kind,
        declined: sql<number>`sum(case when ${declarations.accepted} = 0 then 1 else 0 end)`,
        refusedByPolicy: sql<number>`sum(case when json_extract(${declarations.verdict}, '$.allowed') = 0 then 1 else 0 end)`,
        total: count(),
      })
      .from(declarations)
      .where(and(inYear(declarations.createdAt), sql`${declarations.kind} in ('gift', 'invitation')`))
      .groupBy(declarations.kind),
    db.select({ n: count() }).from(recusals).where(inYear(recusals.createdAt)),
    db
      .select({
        total: count(),
        conflicts: sql<number>`sum(case when ${teamDeclarations.conflict} = 1 then 1 else 0 end)`,
      })
      .from(teamDeclarations)
      .where(inYear(teamDeclarations.createdAt)),
    db.select({ n: count() }).from(negotiations).where(inYear(negotiations.openedOn)),
    db.select({ n: count() }).from(negotiations).where(eq(negotiations.status, 'open')),
  ]);
  const campaignsInYear = inYear(attestationCampaigns.dueOn);
  const ofCampaigns = () =>
    db
      .select({ n: countDistinct(attestations.personId) })
      .from(attestations)
      .innerJoin(attestationCampaigns, eq(attestations.campaignId, attestationCampaigns.id))
      .innerJoin(people, eq(attestations.personId, people.id));
  const [[campaigns], [nil], [overdue]] = await Promise.all([
    db.select({ n: count() }).from(attestationCampaigns).where(campaignsInYear),
    db
      .select({ n: count() })
      .from(attestations)
      .innerJoin(attestationCampaigns, eq(attestations.campaignId, attestationCampaigns.id))
      .where(and(campaignsInYear, eq(attestations.nothingToDeclare, true))),
    ofCampaigns().where(
      and(
        campaignsInYear,
        eq(attestations.status, 'open'),
        lt(attestationCampaigns.dueOn, today),
        eq(people.active, true),
      ),
    ),
  ]);
  return {
    year,
    declarations: byKind,
    giftsAndInvitations: gifts.map((g) => ({
      ...g,
      declined: Number(g.declined ?? 0),
      refusedByPolicy: Number(g.refusedByPolicy ?? 0),
    })),
    recusals: rec.n,
    teamDeclarations: { total: team.total, conflicts: Number(team.conflicts ?? 0) },
    negotiationsOpened: opened.n,
    negotiationsOpenNow: openNow.n,
    attestations: { campaigns: campaigns.n, nilReturns: nil.n, overdue: overdue.n },
  };
}

const HEAD: Record<Lang, string[]> = {
  nl: ['jaar', 'onderdeel', 'soort', 'uitkomst', 'aantal'],
  en: ['year', 'section', 'kind', 'outcome', 'count'],
};

export function overviewCsv(o: YearlyOverview, lang: Lang): string {
  const y = String(o.year);
  return toCsv([
    HEAD[lang],
    ...o.declarations.map((d) => [y, 'declarations', d.kind, d.status, String(d.count)]),
    ...o.giftsAndInvitations.flatMap((g) => [
      [y, 'declined', g.kind, 'declined', String(g.declined)],
      [y, 'refused_by_policy', g.kind, 'refused', String(g.refusedByPolicy)],
    ]),
    [y, 'recusals', '', '', String(o.recusals)],
    [y, 'team_declarations', '', 'no_conflict', String(o.teamDeclarations.total - o.teamDeclarations.conflicts)],
    [y, 'team_declarations', '', 'conflict', String(o.teamDeclarations.conflicts)],
    [y, 'negotiations_opened', '', '', String(o.negotiationsOpened)],
    [y, 'negotiations_open_now', '', '', String(o.negotiationsOpenNow)],
    [y, 'attestation_campaigns', '', '', String(o.attestations.campaigns)],
    [y, 'attestation_nil_returns', '', '', String(o.attestations.nilReturns)],
    [y, 'attestation_overdue_people', '', '', String(o.attestations.overdue)],
  ]);
}
