/**
 * The client of an embedded registry file: `@libsql/client`'s `Client` over the same libSQL engine (the `libsql`
 * package, which that client uses too), with two costs taken out of every statement. That client prepares each
 * statement again and reads its columns twice on every call, and builds each row with two `defineProperty` calls
 * per value: two thirds of the time of a list of 20 declarations (`npm run bench:load`). Here each connection keeps
 * its prepared statements, and a row is one object whose named values are plain properties (./embedded-connection.ts).
 *
 * The behaviour is that client's: rows give their values by name and by index (`row.n`, `row[0]`; the first of two
 * equal names wins), a transaction has its own connection, a batch is one transaction, errors are `LibsqlError`s
 * with SQLite's codes. One difference: integers come back as numbers without a range check. The registry keeps no
 * integer near 2^53 (cents, counts, sequence numbers).
 */
import {
  LibsqlError,
  type Client,
  type InArgs,
  type InStatement,
  type Replicated,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from '@libsql/client';
import { closeQuietly, Connection } from './embedded-connection.ts';

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
};

const normalized = (stmt: InStatement | [string, InArgs?]): InStatement =>
  Array.isArray(stmt) ? { sql: stmt[0], args: stmt[1] ?? [] } : stmt;

/**
 * Connections are opened as needed and kept: every call but a transaction is synchronous and hands its connection
 * back before it returns, so one connection serves all of them; each open transaction holds one more.
 */
export class EmbeddedClient implements Client {
  closed = false;
  readonly protocol = 'file';
  #idle: Connection[] = [];
  #borrowed = new Set<Connection>();

  constructor(
    private readonly path: string,
    private readonly timeoutMs: number,
  ) {
    // Opening fails here, not at the first request, when the file cannot be opened at all.
    this.#release(this.#borrow());
  }

  #borrow(): Connection {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
    const connection = this.#idle.pop() ?? new Connection(this.path, this.timeoutMs);
    this.#borrowed.add(connection);
    return connection;
  }

  #release(connection: Connection): void {
    this.#borrowed.delete(connection);
    const { db } = connection;
    try {
      // Never back into the pool mid-transaction: the next borrower would inherit it.
      if (db.open && db.inTransaction) db.exec('ROLLBACK');
    } catch {
      closeQuietly(db);
      return;
    }
    if (this.closed || !db.open) closeQuietly(db);
    else this.#idle.push(connection);
  }

  #with<T>(use: (connection: Connection) => T): Promise<T> {
    try {
      const connection = this.#borrow();
      try {
        return Promise.resolve(use(connection));
      } finally {
        this.#release(connection);
      }
    } catch (e) {
      return Promise.reject(e);
    }
  }

  execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return this.#with((c) => c.execute(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt));
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    return this.#with((c) => {
      c.execute(BEGIN[mode]);
      const results = c.executeAll(stmts.map(normalized));
      c.execute('COMMIT');
      return results;
    });
  }

  /** A migration's statements in one transaction, with foreign keys off while they run (tables are rebuilt). */
  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#with((c) => {
      c.execute('PRAGMA foreign_keys=off');
      try {
        c.execute(BEGIN.deferred);
        const results = c.executeAll(stmts);
        c.execute('COMMIT');
        return results;
      } finally {
        if (c.db.inTransaction) c.execute('ROLLBACK');
        c.execute('PRAGMA foreign_keys=on');
      }
    });
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const connection = this.#borrow();
    try {
      connection.execute(BEGIN[mode]);
    } catch (e) {
      this.#release(connection);
      throw e;
    }
    return new EmbeddedTransaction(connection, () => this.#release(connection));
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#with((c) => c.executeMultiple(sql));
  }

  sync(): Promise<Replicated> {
    return Promise.reject(
      new LibsqlError('An embedded file without a replica has nothing to sync', 'SYNC_NOT_SUPPORTED'),
    );
  }

  reconnect(): void {
    this.close();
    this.closed = false;
  }

  close(): void {
    this.closed = true;
    for (const connection of [...this.#idle, ...this.#borrowed]) closeQuietly(connection.db);
    this.#idle = [];
    this.#borrowed.clear();
  }
}

class EmbeddedTransaction implements Transaction {
  #connection: Connection | undefined;

  constructor(
    connection: Connection,
    private readonly settle: () => void,
  ) {
    this.#connection = connection;
  }

  get closed(): boolean {
    const db = this.#connection?.db;
    return !db?.open || !db.inTransaction;
  }

  #open(): Connection {
    if (this.closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
    return this.#connection!;
  }

  #end(statement: string): void {
    const connection = this.#connection;
    if (!connection) return;
    this.#connection = undefined;
    try {
      if (connection.db.open && connection.db.inTransaction) connection.execute(statement);
    } finally {
      this.settle();
    }
  }

  async execute(stmt: InStatement): Promise<ResultSet> {
    return this.#open().execute(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#open().executeAll(stmts);
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#open().executeMultiple(sql);
  }

  /** A transaction SQLite already rolled back (a failed statement can end it) still gives its connection back. */
  async commit(): Promise<void> {
    const closed = this.closed;
    this.#end(closed ? 'ROLLBACK' : 'COMMIT');
    if (closed) throw new LibsqlError('The transaction is closed', 'TRANSACTION_CLOSED');
  }

  async rollback(): Promise<void> {
    this.#end('ROLLBACK');
  }

  close(): void {
    this.#end('ROLLBACK');
  }
}
