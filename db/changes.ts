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
const CREDENTIAL_ENTITIES = new Set(['token', 'person', 'session']);

interface CredentialState {
  stamp?: string;
  seq: number;
  revision: number;
  pending?: Promise<void>;
}

const credentialStates = new WeakMap<Db, CredentialState>();

/**
 * Like changeStamp, but it changes only when a write touched tokens, sessions or people: what resolved tokens
 * depend on. A declaration or a review (most writes) leaves it as it was, so the token cache survives them. Each
 * new change stamp costs a look at the audit rows added since the last one.
 */
export async function credentialStamp(db: Db, nowMs = Date.now()): Promise<string> {
  let c = credentialStates.get(db);
  if (!c) credentialStates.set(db, (c = { seq: -1, revision: 0 }));
  const state = c;
  const stamp = await changeStamp(db, nowMs);
  while (state.stamp !== stamp) {
    state.pending ??= (async () => {
      if (state.seq < 0) {
        // The first look has nothing to compare with: it only finds where to read from next time.
        const [last] = await db.select({ seq: audit.seq }).from(audit).orderBy(desc(audit.seq)).limit(1);
        state.seq = last?.seq ?? 0;
        state.revision++;
      } else {
        const rows = await db.select({ seq: audit.seq, entity: audit.entity }).from(audit).where(gt(audit.seq, state.seq)).orderBy(asc(audit.seq));
        if (rows.some((r) => CREDENTIAL_ENTITIES.has(r.entity))) state.revision++;
        state.seq = rows.at(-1)?.seq ?? state.seq;
      }
      state.stamp = stamp;
    })().finally(() => (state.pending = undefined));
    await state.pending;
  }
  return String(state.revision);
}
