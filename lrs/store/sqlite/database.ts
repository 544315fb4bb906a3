import sqlite3 from "sqlite3";

/** A value SQLite can bind: what our stores pass as parameters. */
export type SqlValue = string | number | bigint | null | Buffer;

/** The operations available inside one transaction. */
export interface SqliteTx {
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number; lastID: number }>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

/**
 * One SQLite file behind a promise API where every call runs inside an explicit
 * transaction. sqlite3 gives us a single connection, and interleaved BEGINs on one
 * connection would merge transactions, so transactions are queued one after another.
 */
export class SqliteDatabase {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly db: sqlite3.Database) {}

  static async open(filename: string): Promise<SqliteDatabase> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(filename, (err) => (err ? reject(err) : resolve(handle)));
    });
    const database = new SqliteDatabase(db);
    await database.exec("PRAGMA journal_mode = WAL");
    // NORMAL is durable in WAL mode across application crashes; a commit is on disk
    // before the statement is acknowledged.
    await database.exec("PRAGMA synchronous = NORMAL");
    await database.exec("PRAGMA foreign_keys = ON");
    await database.exec("PRAGMA busy_timeout = 5000");
    return database;
  }

  /** Runs raw SQL outside a transaction (schema creation, pragmas). */
  exec(sql: string): Promise<void> {
    return this.enqueue(() => new Promise<void>((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve()))));
  }

  /** A read-only transaction. */
  read<T>(work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return this.transaction("BEGIN", work);
  }

  /** A write transaction; it commits before the returned promise resolves. */
  write<T>(work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return this.transaction("BEGIN IMMEDIATE", work);
  }

  close(): Promise<void> {
    return this.enqueue(() => new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve()))));
  }

  private transaction<T>(begin: string, work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      const tx = this.tx();
      await tx.run(begin);
      try {
        const result = await work(tx);
        await tx.run("COMMIT");
        return result;
      } catch (error) {
        await tx.run("ROLLBACK").catch(() => undefined);
        throw error;
      }
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private tx(): SqliteTx {
    const db = this.db;
    return {
      run: (sql, params = []) =>
        new Promise((resolve, reject) => {
          db.run(sql, params as SqlValue[], function (this: sqlite3.RunResult, err: Error | null) {
            if (err) reject(err);
            else resolve({ changes: this.changes, lastID: this.lastID });
          });
        }),
      get: <T>(sql: string, params: readonly SqlValue[] = []) =>
        new Promise<T | undefined>((resolve, reject) => {
          db.get(sql, params as SqlValue[], (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row)));
        }),
      all: <T>(sql: string, params: readonly SqlValue[] = []) =>
        new Promise<T[]>((resolve, reject) => {
          db.all(sql, params as SqlValue[], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
        }),
    };
  }
}
