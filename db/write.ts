/**
 * Every write goes through `writeTx`, which runs write transactions of this process one at a time.
 * libSQL's embedded driver is synchronous: a second `BEGIN IMMEDIATE` waiting on the busy timeout would block
 * the event loop while the first transaction waits for it, so the two would wait on each other. Queueing here
 * keeps waiting asynchronous; the busy timeout still covers other processes (the CLI, a backup).
 */
import type { Db, Tx } from './client.ts';

const queues = new WeakMap<Db, Promise<unknown>>();

export function writeTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(() => db.transaction(fn));
  queues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
