import sqlite3 from "sqlite3";

/** A value SQLite can bind: what our stores pass as parameters. */
export type SqlValue = string | number | bigint | null | Buffer;

/** Distinct SQL texts kept compiled; queries assembled from filters vary, so the cache is bounded. */
const MAX_PREPARED = 200;

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
interface PendingWrite {
  work(tx: SqliteTx): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Writes per group commit at most, so one commit never waits on an unbounded queue. */
const MAX_GROUP = 64;

export class SqliteDatabase {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pendingWrites: PendingWrite[] = [];
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>();

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
    // Checkpoint every 64 MiB of WAL (default 4 MiB): a batch rewrites the same index tail
    // pages, which a checkpoint then copies once instead of every few commits (2–3× faster
    // 100-statement batches at 60,000 stored; docs/performance.md).
    await database.exec("PRAGMA wal_autocheckpoint = 16384");
    await database.exec("PRAGMA foreign_keys = ON");
    await database.exec("PRAGMA busy_timeout = 5000");
    // 64 MiB of page cache (default 2 MiB): index pages of a million statements stay in memory.
    await database.exec("PRAGMA cache_size = -65536");
    // Pages beyond that cache are read through a 1 GiB memory map, straight from the OS page
    // cache without a copy (batch ingest 1.2–2× faster in paired runs once the file outgrew the cache).
    await database.exec("PRAGMA mmap_size = 1073741824");
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

  /**
   * A write transaction; it commits before the returned promise resolves, and a rejected
   * `work` leaves nothing behind. Writes that queue up while others run are committed
   * together (group commit), each inside its own savepoint: one commit writes a changed page
   * to the WAL once instead of once per write, which is most of the cost of small batches.
   */
  write<T>(work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pendingWrites.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.pendingWrites.length === 1) void this.enqueue(() => this.commitGroup());
    });
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      const compiled = await Promise.all([...this.statements.values()].map((p) => p.catch(() => undefined)));
      this.statements.clear();
      await Promise.all(compiled.map((s) => (s === undefined ? undefined : new Promise<void>((resolve) => s.finalize(() => resolve())))));
      await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
    });
  }

  /** Runs every write queued so far in one transaction; each keeps or loses its own changes. */
  private async commitGroup(): Promise<void> {
    // Writes arriving from now on start the next group.
    const group = this.pendingWrites.splice(0, MAX_GROUP);
    if (this.pendingWrites.length > 0) void this.enqueue(() => this.commitGroup());
    const alone = group.length === 1;
    const tx = this.tx();
    const unsettled = new Set(group);
    const succeeded: [PendingWrite, unknown][] = [];
    try {
      await tx.run("BEGIN IMMEDIATE");
      for (const write of group) {
        if (!alone) await tx.run("SAVEPOINT grouped_write");
        let value: unknown;
        try {
          value = await write.work(tx);
        } catch (error) {
          if (alone) throw error;
          await tx.run("ROLLBACK TO grouped_write");
          await tx.run("RELEASE grouped_write");
          unsettled.delete(write);
          write.reject(error);
          continue;
        }
        if (!alone) await tx.run("RELEASE grouped_write");
        succeeded.push([write, value]);
      }
      await tx.run("COMMIT");
    } catch (error) {
      // A lone write's own error, or a driver error that fails the whole group.
      await tx.run("ROLLBACK").catch(() => undefined);
      for (const write of unsettled) write.reject(error);
      return;
    }
    for (const [write, value] of succeeded) write.resolve(value);
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
    const statement = (sql: string) => this.prepared(sql);
    return {
      run: async (sql, params = []) => {
        const compiled = await statement(sql);
        return new Promise((resolve, reject) => {
          compiled.run(params as SqlValue[], function (this: sqlite3.RunResult, err: Error | null) {
            if (err) reject(err);
            else resolve({ changes: this.changes, lastID: this.lastID });
          });
        });
      },
      // all() runs the statement to completion and resets it, so no read stays open
      // after the transaction; every get() of the stores reads one row by key.
      get: async <T>(sql: string, params: readonly SqlValue[] = []) => {
        const compiled = await statement(sql);
        return new Promise<T | undefined>((resolve, reject) => {
          compiled.all(params as SqlValue[], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows[0])));
        });
      },
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => {
        const compiled = await statement(sql);
        return new Promise<T[]>((resolve, reject) => {
          compiled.all(params as SqlValue[], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
        });
      },
    };
  }

  /**
   * Compiled statements, kept per SQL text: compiling costs as much as running a small
   * insert, and the stores repeat the same few statements. SQL that fails to compile
   * is not kept, so it is retried (e.g. after a migration).
   */
  private prepared(sql: string): Promise<sqlite3.Statement> {
    const cached = this.statements.get(sql);
    if (cached !== undefined) return cached;
    if (this.statements.size >= MAX_PREPARED) this.finalizeAll();
    const compiling = new Promise<sqlite3.Statement>((resolve, reject) => {
      const statement = this.db.prepare(sql, (err: Error | null) => (err ? reject(err) : resolve(statement)));
    });
    this.statements.set(sql, compiling);
    compiling.catch(() => this.statements.delete(sql));
    return compiling;
  }

  private finalizeAll(): void {
    for (const compiling of this.statements.values()) void compiling.then((s) => s.finalize(), () => undefined);
    this.statements.clear();
  }
}
