/**
 * "Wrong flag?" reports from the extension's card. A report names the supplier, which registered name or
 * identifier the flag came from and the site's host name: never the page's text. Managers read them on the
 * supplier's page and mark them handled (usually after adjusting the aliases).
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { invalidInput, notFound } from '../core/errors.ts';
import { appendAudit } from './audit.ts';
import type { Db, Tx } from './client.ts';
import { FLAG_MATCH_KINDS, FLAG_REPORT_REASONS, flagReports, people, suppliers } from './schema.ts';

export type FlagReport = typeof flagReports.$inferSelect;

export interface FlagReportInput {
  supplierId: string;
  matched: string | null;
  kind: (typeof FLAG_MATCH_KINDS)[number];
  host: string;
  reason: (typeof FLAG_REPORT_REASONS)[number];
  note: string | null;
}

export async function createFlagReport(
  tx: Tx,
  now: Date,
  personId: string,
  input: FlagReportInput,
): Promise<FlagReport> {
  const [s] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, input.supplierId));
  if (!s) throw invalidInput('The supplier does not exist.', { field: 'supplierId' });
  const [r] = await tx
    .insert(flagReports)
    .values({ id: randomUUID(), personId, ...input, createdAt: now.toISOString() })
    .returning();
  await appendAudit(tx, now, {
    actorId: personId,
    action: 'flag_report.create',
    entity: 'flag_report',
    entityId: r.id,
    fields: (['supplierId', 'matched', 'kind', 'host', 'reason', 'note'] as const).filter((k) => input[k] != null),
  });
  return r;
}

/**
 * Marks a report handled, or open again; audited only when that changes anything. `supplierId`, when given, must
 * be the report's (a page of one supplier never changes another's reports).
 */
export async function resolveFlagReport(
  tx: Tx,
  now: Date,
  actorId: string,
  id: string,
  resolved: boolean,
  supplierId?: string,
): Promise<FlagReport> {
  const [before] = await tx.select().from(flagReports).where(eq(flagReports.id, id));
  if (!before || (supplierId && before.supplierId !== supplierId)) throw notFound('Flag report');
  if (!!before.resolvedAt === resolved) return before;
  const [r] = await tx
    .update(flagReports)
    .set(resolved ? { resolvedAt: now.toISOString(), resolvedBy: actorId } : { resolvedAt: null, resolvedBy: null })
    .where(eq(flagReports.id, id))
    .returning();
  await appendAudit(tx, now, {
    actorId,
    action: 'flag_report.update',
    entity: 'flag_report',
    entityId: id,
    fields: ['resolvedAt', 'resolvedBy'],
  });
  return r;
}

export type FlagReportView = FlagReport & { personName: string | null };

/** A supplier's reports, open ones first, newest first; with the reporter's name for the manager. */
export async function flagReportsOf(
  db: Db,
  query: { supplierId?: string; open?: boolean; limit: number; offset: number },
): Promise<FlagReportView[]> {
  const rows = await db
    .select({ report: flagReports, personName: people.name })
    .from(flagReports)
    .leftJoin(people, eq(people.id, flagReports.personId))
    .where(
      and(
        query.supplierId ? eq(flagReports.supplierId, query.supplierId) : undefined,
        query.open ? isNull(flagReports.resolvedAt) : undefined,
      ),
    )
    .orderBy(desc(isNull(flagReports.resolvedAt)), desc(flagReports.createdAt), desc(flagReports.id))
    .limit(query.limit)
    .offset(query.offset);
  return rows.map((r) => ({ ...r.report, personName: r.personName }));
}
