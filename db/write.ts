/**
 * Every write goes through `writeTx`, which runs write transactions of this process one at a time.
 * libSQL's embedded driver is synchronous: a second `BEGIN IMMEDIATE` waiting on the busy timeout would block
 * the event loop while the first transaction waits for it, so the two would wait on each other. Queueing here
 * keeps waiting asynchronous; the busy timeout still covers other processes (the CLI, a backup).
 */
import type { Client } from '@libsql/client';
import { noteWrite } from './changes.ts';
import type { Db, Tx } from './client.ts';
import { storageProblem } from './storage-problems.ts';

const queues = new WeakMap<Db, Promise<unknown>>();

function enqueue<T>(db: Db, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(task);
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Writes that arrive while a transaction commits wait for it and then commit together (group commit): a commit
 * waits for the disk (an fsync, ~10 ms on a busy disk), and one commit for many writes lets the registry keep up
 * when people declare at once. Each write runs in its own savepoint, so one that fails leaves nothing and the
 * others still commit; none is acknowledged before the commit that holds it. A storage failure fails the batch.
 */
const MAX_BATCH = 64;
/**
 * The embedded driver waits for the disk inside COMMIT with the event loop held, and so does every statement of
 * the batch. Under reads mixed with writes, each turn of the loop would commit its one or two writes and the
 * server would spend a third of its time waiting on the disk (`npm run bench:load`). After a batch that held the
 * loop for d ms, the next one starts no sooner than PACE * d later (at most MAX_PACE_MS): batches then hold the
 * loop at most a third of the time, the reads in between go on, and the writes that came meanwhile commit
 * together. A write to an idle registry commits at once.
 */
const PACE = 2;
const MAX_PACE_MS = 50;
/** Retries of a batch a libSQL server refused as busy: 25 ms doubling to 1.6 s, some 5 s in all. */
const REMOTE_BUSY_RETRIES = 8;

interface Waiting {
  fn: (tx: Tx) => Promise<unknown>;
  bookkeeping: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Batches {
  waiting: Waiting[];
  scheduled: boolean;
  /** When the next batch may start (performance.now()), see PACE. */
  readyAt: number;
}

const batches = new WeakMap<Db, Batches>();

/**
 * `bookkeeping` writes (a token's last-use stamp) change nothing anybody sees, so they leave the caches that
 * depend on the registry's content alone.
 */
export function writeTx<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: { bookkeeping?: boolean } = {}): Promise<T> {
  let state = batches.get(db);
  if (!state) batches.set(db, (state = { waiting: [], scheduled: false, readyAt: 0 }));
  const queued = state;
  return new Promise<T>((resolve, reject) => {
    queued.waiting.push({ fn, bookkeeping: !!opts.bookkeeping, resolve: resolve as (value: unknown) => void, reject });
    if (!queued.scheduled) {
      queued.scheduled = true;
      // After the I/O of this turn of the event loop: the embedded driver runs a whole transaction without
      // yielding, so requests read in the same turn would otherwise each commit alone, one wait for the disk each.
      setImmediate(() => void enqueue(db, () => commitBatch(db, queued)));
    }
  });
}

async function commitBatch(db: Db, state: Batches): Promise<void> {
  const rest = state.readyAt - performance.now();
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  // What waits now goes in; what comes while this one commits goes in the next.
  const batch = state.waiting.splice(0, MAX_BATCH);
  state.scheduled = state.waiting.length > 0;
  if (state.scheduled) void enqueue(db, () => commitBatch(db, state));
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  const client = (db as Db & { $client: Client }).$client;
  const began = performance.now();
  // A libSQL server commits on its side, without holding this process's event loop.
  const pace = () => {
    if (client.protocol === 'file')
      state.readyAt = performance.now() + Math.min(MAX_PACE_MS, PACE * (performance.now() - began));
  };
  for (let attempt = 0; ; attempt++) {
    try {
      outcomes.length = 0;
      if (batch.length === 1) outcomes.push({ ok: true, value: await db.transaction(batch[0].fn) });
      else {
        await db.transaction(async (tx) => {
          outcomes.length = 0;
          for (const item of batch) {
            try {
              outcomes.push({ ok: true, value: await tx.transaction((savepoint) => item.fn(savepoint)) });
            } catch (error) {
              if (storageProblem(error)) throw error;
              outcomes.push({ ok: false, error });
            }
          }
        });
      }
      break;
    } catch (err) {
      const busy = /^SQLITE_(BUSY|LOCKED)/.test(storageProblem(err)?.code ?? '');
      // A libSQL server answers at once when another process (a second server) holds the write lock, where a
      // file waits out the busy timeout: wait here instead, about as long, then give up the same way. Nothing of
      // the batch was committed, so running it again is safe.
      if (busy && client.protocol !== 'file' && attempt < REMOTE_BUSY_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** Math.min(attempt, 6)));
        continue;
      }
      // A `BEGIN` that met SQLITE_BUSY (another process held the lock past the busy timeout) leaves its statement
      // pending on the pooled connection until garbage collection, and every later COMMIT there fails with
      // "SQL statements in progress". Fresh connections end that; nothing else is in a transaction (we are
      // the queue), and a busy file is never an in-memory database that reopening would lose.
      if (busy) await client.reconnect();
      pace();
      for (const item of batch) item.reject(err);
      return;
    }
  }
  pace();
  if (batch.some((item, i) => !item.bookkeeping && outcomes[i].ok)) noteWrite(db);
  batch.forEach((item, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  });
}

/** Statements that cannot run inside a transaction (VACUUM, a checkpoint) take their turn in the same queue. */
export function writeOutsideTx<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  return enqueue(db, fn);
}
