/**
 * Tells cheaply whether the registry changed, so caches (the compiled watchlists, resolved tokens) can be
 * trusted without a query per request. Writes of this process count at once (`writeTx` reports them after
 * commit); writes of other processes (the CLI, a second server on the same libSQL server) show up as a new
 * newest audit row, which is looked at no more than once per `POLL_MS`.
 */
import { desc } from 'drizzle-orm';
import type { Db } from './client.ts';
import { audit } from './schema.ts';

export const POLL_MS = 1000;

interface State {
  local: number;
  seq: number;
  checkedAt: number;
  pending?: Promise<void>;
}

const states = new WeakMap<Db, State>();
const stateOf = (db: Db) => {
  let s = states.get(db);
  if (!s) states.set(db, (s = { local: 0, seq: -1, checkedAt: -Infinity }));
  return s;
};

/**
 * Called after a write transaction of this process has committed: the stamp changes at once, and the next one
 * looks at the newest audit row first, so that the poll seeing this very write does not change it a second time
 * (each change makes every cache rebuild).
 */
export function noteWrite(db: Db): void {
  const s = stateOf(db);
  s.local++;
  s.checkedAt = -Infinity;
}

const stampOf = (s: State) => `${s.local}:${s.seq}`;

/** The stamp if it is known without looking at the database again, else undefined. */
export function freshStamp(db: Db, nowMs = Date.now()): string | undefined {
  const s = stateOf(db);
  return nowMs - s.checkedAt < POLL_MS ? stampOf(s) : undefined;
}

/** A string that differs whenever the registry may have changed since it was last handed out. */
export async function changeStamp(db: Db, nowMs = Date.now()): Promise<string> {
  const s = stateOf(db);
  if (nowMs - s.checkedAt >= POLL_MS) {
    s.pending ??= db
      .select({ seq: audit.seq })
      .from(audit)
      .orderBy(desc(audit.seq))
      .limit(1)
      .then(([last]) => {
        s.seq = last?.seq ?? 0;
        s.checkedAt = nowMs;
      })
      .finally(() => (s.pending = undefined));
    await s.pending;
  }
  return stampOf(s);
}
