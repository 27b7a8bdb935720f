/**
 * Failures of the storage rather than of the request: the disk is full, the database file or its folder is
 * read-only, another process holds the write lock past the busy timeout, or the disk reports an I/O error.
 * The API answers these with a 503 that says so (the request may be repeated later; nothing was changed), the
 * server refuses to start with one line instead of a stack trace, and `writeTx` recovers from a busy database.
 */
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL)/;

export interface StorageProblem {
  /** SQLite's code, e.g. `SQLITE_FULL` or `SQLITE_IOERR_WRITE`. */
  code: string;
  message: string;
}

/** The storage problem behind `err` (drizzle wraps the driver's error as `cause`), or undefined. */
export function storageProblem(err: unknown): StorageProblem | undefined {
  let e = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, extendedCode, message } = e as { code?: unknown; extendedCode?: unknown; message?: unknown };
    const found = [extendedCode, code].find((c): c is string => typeof c === 'string' && STORAGE_CODES.test(c));
    if (found) return { code: found, message: String(message ?? found).replace(/^SQLITE_\w+: /, '') };
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const STORAGE_UNAVAILABLE_MESSAGE =
  'The registry cannot store or read data right now (disk full, database read-only or busy); nothing was changed. Try again later.';
