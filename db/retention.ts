/**
 * The daily retention job (api/server.ts runs it at start and every day): drops expired web sessions and mails
 * older than 30 days, erases the declarations past the policy's retention period, then, in an embedded file, rebuilds the file. secure_delete blanks the erased rows,
 * but earlier updates of those rows (a review, a withdrawal) left older copies of their text in free space that
 * only a VACUUM removes; the checkpoint then empties the write-ahead log, which held the old pages too.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { deleteExpiredSessions } from './credentials.ts';
import { eraseExpiredDeclarations } from './declarations.ts';
import { deleteOldMails } from './outbox.ts';
import { writeOutsideTx, writeTx } from './write.ts';

export async function runRetention(db: Db, now: Date, opts: { embedded: boolean }): Promise<number> {
  await writeTx(db, (tx) => deleteExpiredSessions(tx, now), { bookkeeping: true });
  await writeTx(db, (tx) => deleteOldMails(tx, now), { bookkeeping: true });
  const erased = await writeTx(db, (tx) => eraseExpiredDeclarations(tx, now, opts));
  if (erased && opts.embedded) {
    await writeOutsideTx(db, async () => {
      await db.run(sql`VACUUM`);
      await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
    });
  }
  return erased;
}
