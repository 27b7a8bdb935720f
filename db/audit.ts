/**
 * The audit trail: append-only, hash-chained. A row names the actor, the action, the entity and the names of
 * the changed fields, never their values, so erasing personal data never breaks the chain.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gt, gte, like, lte, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './client.ts';
import { audit } from './schema.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  fields?: string[];
}

type AuditRow = typeof audit.$inferSelect;

const GENESIS = '0'.repeat(64);

function hashOf(prevHash: string, r: Omit<AuditRow, 'seq' | 'hash' | 'prevHash'>): string {
  const content = JSON.stringify([prevHash, r.at, r.actorId, r.action, r.entity, r.entityId, r.fields]);
  return createHash('sha256').update(content).digest('hex');
}

/** Must run inside the write transaction that makes the change, so the row and the change land together. */
export async function appendAudit(tx: Tx, at: Date, entry: AuditEntry): Promise<void> {
  const [last] = await tx.select({ hash: audit.hash }).from(audit).orderBy(desc(audit.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  const row = {
    at: at.toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    fields: [...(entry.fields ?? [])].sort(),
  };
  await tx.insert(audit).values({ ...row, prevHash, hash: hashOf(prevHash, row) });
}

/** Rows read per query: a libSQL server refuses answers past a size (RESPONSE_TOO_LARGE, some 10 MB). */
const VERIFY_PAGE = 2000;

/** Recomputes the chain; `firstBadSeq` is the first row whose hash or link does not hold. */
export async function verifyAudit(db: Db): Promise<{ ok: boolean; rows: number; firstBadSeq?: number }> {
  let prev = GENESIS;
  let rows = 0;
  for (let after = -1; ;) {
    const page = await db.select().from(audit).where(gt(audit.seq, after)).orderBy(asc(audit.seq)).limit(VERIFY_PAGE);
    for (const r of page) {
      if (r.prevHash !== prev || hashOf(prev, r) !== r.hash) {
        const [{ n }] = await db.select({ n: count() }).from(audit);
        return { ok: false, rows: n, firstBadSeq: r.seq };
      }
      prev = r.hash;
    }
    rows += page.length;
    if (page.length < VERIFY_PAGE) return { ok: true, rows };
    after = page[page.length - 1].seq;
  }
}

export interface AuditFilter {
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: Db, f: AuditFilter): Promise<{ items: AuditRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (f.actorId) conditions.push(eq(audit.actorId, f.actorId));
  if (f.entity) conditions.push(eq(audit.entity, f.entity));
  if (f.entityId) conditions.push(eq(audit.entityId, f.entityId));
  if (f.action) conditions.push(like(audit.action, `${f.action}%`));
  if (f.from) conditions.push(gte(audit.at, f.from));
  if (f.to) conditions.push(lte(audit.at, `${f.to}\uffff`));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [{ n }]] = await Promise.all([
    db.select().from(audit).where(where).orderBy(desc(audit.seq)).limit(f.limit).offset(f.offset),
    db.select({ n: count() }).from(audit).where(where),
  ]);
  return { items, total: n };
}
