/**
 * Every write goes through `writeTx`, which runs write transactions of this process one at a time.
 * libSQL's embedded driver is synchronous: a second `BEGIN IMMEDIATE` waiting on the busy timeout would block
 * the event loop while the first transaction waits for it, so the two would wait on each other. Queueing here
 * keeps waiting asynchronous; the busy timeout still covers other processes (the CLI, a backup).
 */
import type { Client } from '@libsql/client';
import { noteWrite } from './changes.ts';
import type { Db, Tx } from './client.ts';
import { storageProblem } from './storage.ts';

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
 * `bookkeeping` writes (a token's last-use stamp) change nothing anybody sees, so they leave the caches that
 * depend on the registry's content alone.
 */
export function writeTx<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: { bookkeeping?: boolean } = {}): Promise<T> {
  return enqueue(db, async () => {
    try {
      const result = await db.transaction(fn);
      if (!opts.bookkeeping) noteWrite(db);
      return result;
    } catch (err) {
      // A `BEGIN` that met SQLITE_BUSY (another process held the lock past the busy timeout) leaves its statement
      // pending on the pooled connection until garbage collection, and every later COMMIT there fails with
      // "SQL statements in progress". Fresh connections end that; nothing else is in a transaction (we are
      // the queue), and a busy file is never an in-memory database that reopening would lose.
      if (/^SQLITE_(BUSY|LOCKED)/.test(storageProblem(err)?.code ?? '')) await (db as Db & { $client: Client }).$client.reconnect();
      throw err;
    }
  });
}

/** Statements that cannot run inside a transaction (VACUUM, a checkpoint) take their turn in the same queue. */
export function writeOutsideTx<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  return enqueue(db, fn);
}
