/** The rounds of a declaration's review, oldest first: each decision with its note, each edit by the declarant. */
import { asc, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Tx } from './client.ts';
import { declarationRounds } from './schema.ts';

export type RoundRow = typeof declarationRounds.$inferSelect;

export async function addRound(
  tx: Tx,
  now: Date,
  round: Omit<RoundRow, 'id' | 'at' | 'fields'> & { fields?: string[] },
): Promise<void> {
  await tx
    .insert(declarationRounds)
    .values({ id: randomUUID(), at: now.toISOString(), ...round, fields: round.fields ?? [] });
}

export async function listRounds(db: Tx, declarationId: string): Promise<RoundRow[]> {
  // Insertion order breaks ties: two rounds may share a timestamp.
  return db
    .select()
    .from(declarationRounds)
    .where(eq(declarationRounds.declarationId, declarationId))
    .orderBy(asc(declarationRounds.at), asc(sql`rowid`));
}
