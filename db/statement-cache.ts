/**
 * Keeps the prepared statements of each embedded connection, by SQL text. @libsql/client prepares every statement
 * anew, and against this schema (foreign keys, the supplier_search triggers) preparing a small query or insert
 * costs about as much as running it. The query functions build the same SQL text for the same shape of query, so
 * a few hundred statements cover them.
 *
 * Installed once on the `libsql` driver that @libsql/client uses for `file:` URLs; a libSQL server (sqld)
 * prepares on its side. A statement whose run throws is dropped from the cache: SQLite may hold it active after
 * an error such as SQLITE_BUSY, and it must then be finalized (when it is collected), as it was without a cache.
 */
import { createRequire } from 'node:module';

/** Per connection; past it the cache starts over (statements with long IN lists vary in text). */
const MAX_STATEMENTS = 500;

interface Statement {
  run(...args: unknown[]): unknown;
  all(...args: unknown[]): unknown;
}
interface DatabasePrototype {
  prepare(this: object, sql: string): Statement;
  cachesStatements?: true;
}

export function cacheStatements(): void {
  // The very driver module @libsql/client loads, wherever npm placed it.
  const require = createRequire(createRequire(import.meta.url).resolve('@libsql/client'));
  const proto = (require('libsql') as { prototype: DatabasePrototype }).prototype;
  if (proto.cachesStatements) return;
  const prepare = proto.prepare;
  const caches = new WeakMap<object, Map<string, Statement>>();
  proto.cachesStatements = true;
  proto.prepare = function (sql) {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const known = cache.get(sql);
    if (known) return known;
    const statement = prepare.call(this, sql);
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    const owner = cache;
    for (const method of ['run', 'all'] as const) {
      const original = statement[method];
      statement[method] = function (this: Statement, ...args: unknown[]) {
        try {
          return original.apply(this, args);
        } catch (err) {
          if (owner.get(sql) === statement) owner.delete(sql);
          throw err;
        }
      };
    }
    cache.set(sql, statement);
    return statement;
  };
}
