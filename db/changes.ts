/**
 * Tells cheaply whether the registry changed, so caches (the compiled watchlists, resolved tokens) can be
 * trusted without a query per request. Writes of this process count at once (`writeTx` reports them after
 * commit); writes of other processes (the CLI, a second server on the same libSQL server) show up as a new
 * newest audit row, which is looked at no more than once per `POLL_MS`.
 */
import { asc, desc, gt } from 'drizzle-orm';
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

/** The audit entities whose changes can make a resolved token wrong: a token revoked, a person deactivated. */
const CREDENTIAL_ENTITIES = ['token', 'person', 'session'];

interface EntityState {
  stamp?: string;
  seq: number;
  /** Starts over (all entities changed) when nothing is known to compare with: the first look. */
  epoch: number;
  /** Per audit entity, how many looks found it changed. */
  revisions: Map<string, number>;
  pending?: Promise<void>;
}

const entityStates = new WeakMap<Db, EntityState>();

/**
 * Like changeStamp, but it changes only when a write touched one of `entities` (as the audit names them): for a
 * cache that depends on part of the registry. A declaration or a review (most writes) leaves the credentials and
 * the suppliers as they were, so caches of those survive them. Each new change stamp costs one look at the audit
 * rows added since the last one, shared by every caller.
 */
export async function entityStamp(db: Db, entities: readonly string[], nowMs = Date.now()): Promise<string> {
  let e = entityStates.get(db);
  if (!e) entityStates.set(db, (e = { seq: -1, epoch: 0, revisions: new Map() }));
  const state = e;
  const stamp = await changeStamp(db, nowMs);
  while (state.stamp !== stamp) {
    state.pending ??= (async () => {
      if (state.seq < 0) {
        // The first look has nothing to compare with: it only finds where to read from next time.
        const [last] = await db.select({ seq: audit.seq }).from(audit).orderBy(desc(audit.seq)).limit(1);
        state.seq = last?.seq ?? 0;
        state.epoch++;
      } else {
        const rows = await db
          .select({ seq: audit.seq, entity: audit.entity })
          .from(audit)
          .where(gt(audit.seq, state.seq))
          .orderBy(asc(audit.seq));
        for (const entity of new Set(rows.map((r) => r.entity)))
          state.revisions.set(entity, (state.revisions.get(entity) ?? 0) + 1);
        state.seq = rows.at(-1)?.seq ?? state.seq;
      }
      state.stamp = stamp;
    })().finally(() => (state.pending = undefined));
    await state.pending;
  }
  return `${state.epoch}:${entities.map((entity) => state.revisions.get(entity) ?? 0).join(':')}`;
}

/** What resolved tokens depend on: changes with tokens, sessions or people (see entityStamp). */
export const credentialStamp = (db: Db, nowMs = Date.now()) => entityStamp(db, CREDENTIAL_ENTITIES, nowMs);
