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

export interface SqliteOpenOptions {
  /**
   * Read transactions get a connection of their own (WAL lets it read the last commit while
   * the other one writes), so reads never queue behind writes and writes never wait for them.
   * A read then sees every write that has resolved, as before, but not one still in flight.
   */
  separateReads?: boolean;
  /**
   * Every `write` work only touches its transaction and may run again from the start (as the
   * PostgreSQL store's already may, after a deadlock). Writes queued together then share one
   * transaction without a savepoint each; when one fails, the group is rolled back, that write
   * gets its error, and the others run again together.
   */
  rerunnableWrites?: boolean;
}

interface PendingWrite {
  work(tx: SqliteTx): Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Writes per group commit at most, so one commit never waits on an unbounded queue. */
const MAX_GROUP = 64;

/**
 * One SQLite file behind a promise API where every call runs inside an explicit
 * transaction. sqlite3 gives one connection per handle, and interleaved BEGINs on one
 * connection would merge transactions, so each connection runs its transactions one after
 * another: writes on the first, reads on it too or (`separateReads`) on a second one.
 */
export class SqliteDatabase {
  private readonly pendingWrites: PendingWrite[] = [];

  private constructor(
    private readonly writer: Connection,
    private readonly reader: Connection,
    private readonly rerunnableWrites: boolean,
  ) {}

  static async open(filename: string, options: SqliteOpenOptions = {}): Promise<SqliteDatabase> {
    const writer = await Connection.open(filename);
    // 8 KiB pages for a new file (an existing one keeps its size): a statement row of about
    // 2 KB left half of a 4 KiB page empty when two did not fit (a third of the file was
    // free space at a million statements), and a smaller file stays in the page cache longer.
    await writer.exec("PRAGMA page_size = 8192");
    await writer.exec("PRAGMA journal_mode = WAL");
    // NORMAL is durable in WAL mode across application crashes; a commit is on disk
    // before the statement is acknowledged.
    await writer.exec("PRAGMA synchronous = NORMAL");
    // Checkpoint every 64 MiB of WAL (default 4 MiB): a batch rewrites the same index tail
    // pages, which a checkpoint then copies once instead of every few commits (2–3× faster
    // 100-statement batches at 60,000 stored; docs/performance.md).
    await writer.exec("PRAGMA wal_autocheckpoint = 16384");
    await writer.exec("PRAGMA foreign_keys = ON");
    await tune(writer);
    // Pages beyond the page cache are read through a 1 GiB memory map, without a copy (batch
    // ingest 1.2–2× faster in paired runs once the file outgrew the cache).
    await writer.exec("PRAGMA mmap_size = 1073741824");
    if (options.separateReads !== true) return new SqliteDatabase(writer, writer, options.rerunnableWrites === true);
    try {
      const reader = await Connection.open(filename);
      await tune(reader);
      // A read transaction that tried to write would fail rather than take the write lock.
      await reader.exec("PRAGMA query_only = ON");
      // Reads of pages outside the page cache through read() rather than the memory map: a
      // query reads its statements from random pages, and on a virtual machine a fault on a
      // mapped page costs more than the system call (agent queries at a million statements:
      // SQL p50 2.7 against 3.4 ms, p95 5.1 against 7.1 ms; docs/performance.md).
      await reader.exec("PRAGMA mmap_size = 0");
      return new SqliteDatabase(writer, reader, options.rerunnableWrites === true);
    } catch (error) {
      await writer.close().catch(() => undefined);
      throw error;
    }
  }

  /** Runs raw SQL outside a transaction (schema creation, pragmas), on the write connection. */
  exec(sql: string): Promise<void> {
    return this.writer.exec(sql);
  }

  /** A read-only transaction. */
  read<T>(work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return this.reader.enqueue(async () => {
      const tx = this.reader.tx();
      await tx.run("BEGIN");
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

  /**
   * A write transaction; it commits before the returned promise resolves, and a rejected
   * `work` leaves nothing behind. Writes that queue up while others run are committed
   * together (group commit): one commit writes a changed page to the WAL once instead of
   * once per write, which is most of the cost of small batches.
   */
  write<T>(work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pendingWrites.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.pendingWrites.length === 1) void this.writer.enqueue(() => this.commitGroup());
    });
  }

  async close(): Promise<void> {
    if (this.reader !== this.writer) await this.reader.close();
    await this.writer.close();
  }

  /** Runs every write queued so far in one transaction; each keeps or loses its own changes. */
  private async commitGroup(): Promise<void> {
    // Writes arriving from now on start the next group.
    const group = this.pendingWrites.splice(0, MAX_GROUP);
    if (this.pendingWrites.length > 0) void this.writer.enqueue(() => this.commitGroup());
    if (this.rerunnableWrites || group.length === 1) await this.commitRerunning(group);
    else await this.commitWithSavepoints(group);
  }

  /**
   * The group in one transaction, no savepoints: a failing write rolls back the whole group,
   * gets its own error, and the writes left run again together, until a run commits. A
   * lone write is this with nothing to run again.
   */
  private async commitRerunning(group: readonly PendingWrite[]): Promise<void> {
    let remaining = group;
    while (remaining.length > 0) {
      const tx = this.writer.tx();
      const values: unknown[] = [];
      let failed: { index: number; error: unknown } | undefined;
      try {
        await tx.run("BEGIN IMMEDIATE");
        for (const [index, write] of remaining.entries()) {
          try {
            values.push(await write.work(tx));
          } catch (error) {
            failed = { index, error };
            break;
          }
        }
        if (failed === undefined) await tx.run("COMMIT");
      } catch (error) {
        // BEGIN or COMMIT failed: nothing of the group is stored.
        await tx.run("ROLLBACK").catch(() => undefined);
        for (const write of remaining) write.reject(error);
        return;
      }
      if (failed === undefined) {
        remaining.forEach((write, i) => write.resolve(values[i]));
        return;
      }
      await tx.run("ROLLBACK").catch(() => undefined);
      const { index, error } = failed;
      remaining[index]!.reject(error);
      remaining = remaining.filter((_, i) => i !== index);
    }
  }

  /** The group in one transaction, each write inside its own savepoint: a failing one rolls back alone. */
  private async commitWithSavepoints(group: readonly PendingWrite[]): Promise<void> {
    const tx = this.writer.tx();
    const unsettled = new Set(group);
    const succeeded: [PendingWrite, unknown][] = [];
    try {
      await tx.run("BEGIN IMMEDIATE");
      for (const write of group) {
        await tx.run("SAVEPOINT grouped_write");
        let value: unknown;
        try {
          value = await write.work(tx);
        } catch (error) {
          await tx.run("ROLLBACK TO grouped_write");
          await tx.run("RELEASE grouped_write");
          unsettled.delete(write);
          write.reject(error);
          continue;
        }
        await tx.run("RELEASE grouped_write");
        succeeded.push([write, value]);
      }
      await tx.run("COMMIT");
    } catch (error) {
      // A driver error that fails the whole group.
      await tx.run("ROLLBACK").catch(() => undefined);
      for (const write of unsettled) write.reject(error);
      return;
    }
    for (const [write, value] of succeeded) write.resolve(value);
  }
}

/** Page cache and lock wait, for either connection. */
async function tune(connection: Connection): Promise<void> {
  await connection.exec("PRAGMA busy_timeout = 5000");
  // 64 MiB of page cache (default 2 MiB): index pages of a million statements stay in memory.
  await connection.exec("PRAGMA cache_size = -65536");
}

/**
 * One sqlite3 connection: its queue of transactions and its compiled statements. Calls are
 * made one at a time: sqlite3 runs calls on different compiled statements on its thread pool
 * as they come, in no promised order, even in its "serialized" mode.
 */
class Connection {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statements = new Map<string, Promise<sqlite3.Statement>>();

  private constructor(private readonly db: sqlite3.Database) {}

  static async open(filename: string): Promise<Connection> {
    const db = await new Promise<sqlite3.Database>((resolve, reject) => {
      const handle = new sqlite3.Database(filename, (err) => (err ? reject(err) : resolve(handle)));
    });
    return new Connection(db);
  }

  exec(sql: string): Promise<void> {
    return this.enqueue(() => new Promise<void>((resolve, reject) => this.db.exec(sql, (err) => (err ? reject(err) : resolve()))));
  }

  close(): Promise<void> {
    return this.enqueue(async () => {
      const compiled = await Promise.all([...this.statements.values()].map((p) => p.catch(() => undefined)));
      this.statements.clear();
      await Promise.all(compiled.map((s) => (s === undefined ? undefined : new Promise<void>((resolve) => s.finalize(() => resolve())))));
      await new Promise<void>((resolve, reject) => this.db.close((err) => (err ? reject(err) : resolve())));
    });
  }

  enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  tx(): SqliteTx {
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
