/**
 * One connection of an embedded registry file (see ./embedded-client.ts): it keeps its prepared statements, and
 * builds a row as one object whose named values are plain properties and whose indexed values come from a
 * prototype made once per statement, where `@libsql/client` defines two properties per value.
 */
import Database from 'libsql';
import {
  LibsqlBatchError,
  LibsqlError,
  type InArgs,
  type InStatement,
  type InValue,
  type ResultSet,
  type Row,
} from '@libsql/client';

type Value = Row[number];
type Statement = ReturnType<Database.Database['prepare']>;

/** A connection keeps at most this many statements; drizzle writes `in (?, ?, …)` with one `?` per value. */
const MAX_STATEMENTS = 500;

/** Rows of one statement: its values by index (from the prototype) and by name (own, enumerable, as plain JSON). */
class RowValues {
  #values: Value[];
  constructor(values: Value[]) {
    this.#values = values;
  }
  static at(row: RowValues, index: number): Value {
    return row.#values[index];
  }
}

function rowMaker(columns: string[]): (values: Value[]) => Row {
  const Shape = class extends RowValues {};
  Object.defineProperty(Shape.prototype, 'length', { value: columns.length });
  columns.forEach((_, index) =>
    Object.defineProperty(Shape.prototype, index, {
      get(this: RowValues) {
        return RowValues.at(this, index);
      },
    }),
  );
  // As `@libsql/client` has it: the first of equal names, and none that an index or `length` already answers.
  const taken = (name: string) => name === 'length' || (/^(0|[1-9]\d*)$/.test(name) && Number(name) < columns.length);
  const named = columns.flatMap((name, index) =>
    columns.indexOf(name) === index && !taken(name) ? [[name, index] as const] : [],
  );
  return (values) => {
    const row = new Shape(values) as unknown as Record<string, Value>;
    for (const [name, index] of named) row[name] = values[index];
    return row as unknown as Row;
  };
}

interface Prepared {
  statement: Statement;
  reader: boolean;
  columns: string[];
  columnTypes: string[];
  row: (values: Value[]) => Row;
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], changes = 0, lastId?: bigint): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected: changes,
    lastInsertRowid: lastId,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected: changes, lastInsertRowid: lastId?.toString() ?? null }),
  };
}

function sqlValue(value: InValue): unknown {
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

function sqlArgs(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (!args) return [];
  if (Array.isArray(args)) return args.map(sqlValue);
  // Named arguments are written `:name`, `@name` or `$name`; the driver wants the bare name.
  return Object.fromEntries(Object.entries(args).map(([name, v]) => [name.replace(/^[:@$]/, ''), sqlValue(v)]));
}

/** SQLite's base result codes by number (an extended code is one of these plus more bits above the lowest 8). */
const BASE_CODES = (
  'ERROR INTERNAL PERM ABORT BUSY LOCKED NOMEM READONLY INTERRUPT IOERR CORRUPT NOTFOUND FULL CANTOPEN PROTOCOL ' +
  'EMPTY SCHEMA TOOBIG CONSTRAINT MISMATCH MISUSE NOLFS AUTH FORMAT RANGE NOTADB NOTICE WARNING'
).split(' ');

/**
 * The driver's error as `@libsql/client` reports it: SQLite's base code (from the number: the driver names some
 * extended codes only by number, e.g. a read-only folder), its extended code, the original as `cause`.
 */
function libsqlError(e: unknown): unknown {
  if (!(e instanceof Database.SqliteError)) return e;
  const { code, rawCode } = e as Error & { code: string; rawCode?: number };
  const base = rawCode === undefined ? undefined : BASE_CODES[(rawCode & 0xff) - 1];
  return new LibsqlError(e.message, base ? `SQLITE_${base}` : 'SQLITE_UNKNOWN', code, rawCode, e);
}

export function closeQuietly(db: Database.Database): void {
  if (db.open) db.close();
}

export class Connection {
  readonly db: Database.Database;
  #statements = new Map<string, Prepared>();

  constructor(path: string, timeoutMs: number) {
    this.db = new Database(path, { timeout: timeoutMs });
  }

  #prepared(sql: string): Prepared {
    let prepared = this.#statements.get(sql);
    if (prepared) return prepared;
    if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
    const statement = this.db.prepare(sql);
    const reader = statement.reader;
    const described = reader ? statement.raw(true).columns() : [];
    const columns = described.map((c) => c.name);
    prepared = { statement, reader, columns, columnTypes: described.map((c) => c.type ?? ''), row: rowMaker(columns) };
    this.#statements.set(sql, prepared);
    return prepared;
  }

  execute(stmt: InStatement | string): ResultSet {
    const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: undefined } : stmt;
    try {
      const { statement, reader, columns, columnTypes, row } = this.#prepared(sql);
      if (reader) return resultSet(columns, columnTypes, (statement.all(sqlArgs(args)) as Value[][]).map(row));
      const info = statement.run(sqlArgs(args));
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (e) {
      throw libsqlError(e);
    }
  }

  /** Runs `stmts` in order; a failure names the statement, as a batch's error does. */
  executeAll(stmts: InStatement[]): ResultSet[] {
    return stmts.map((stmt, i) => {
      if (!this.db.inTransaction)
        throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
      try {
        return this.execute(stmt);
      } catch (e) {
        if (!(e instanceof LibsqlError)) throw e;
        throw new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause as Error | undefined);
      }
    });
  }

  executeMultiple(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (e) {
      throw libsqlError(e);
    }
  }
}
