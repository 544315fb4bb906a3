import pg from "pg";

/** A value PostgreSQL can bind; arrays bind as PostgreSQL arrays (with nulls). */
export type PgValue = string | number | boolean | null | Buffer | readonly (string | number | boolean | null)[];

/** The operations available inside one transaction, on the one connection that holds it. */
export interface PgTx {
  /** Whether this is a write transaction (reads then lock the keys they decide on). */
  readonly writing: boolean;
  /** Runs one statement; resolves with the rows it returned and how many rows it touched. */
  query<T>(sql: string, params?: readonly PgValue[]): Promise<{ rows: T[]; rowCount: number }>;
}

export interface PgDatabaseOptions {
  /** A libpq-style URL: postgres://user:password@host:port/database */
  connectionString: string;
  /** The schema to work in (search_path); default: the server's (`public`), or `options=-c search_path=…` in the URL. */
  schema?: string;
  /** Connections per process; default 10. */
  maxConnections?: number;
  /** Shown in pg_stat_activity; default obuka-lrs. */
  applicationName?: string;
}

/** SQLSTATEs after which a transaction may succeed if run again from the start. */
const RETRYABLE = new Set([
  "40P01", // deadlock_detected: two writers took their key locks in opposite orders
  "40001", // serialization_failure
]);
/** Attempts of one write before its deadlock is reported. */
const MAX_ATTEMPTS = 12;

/**
 * A PostgreSQL pool behind a promise API where every query runs inside an explicit
 * transaction on one pooled connection. Writes run READ COMMITTED, and the store locks
 * the keys a write reads before it decides (see pg-lrs-store.ts), so check-then-write
 * work keeps the meaning it has on the one SQLite connection when several processes
 * write at once. A write that deadlocks is run again from the start.
 */
export class PgDatabase {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(options: PgDatabaseOptions): Promise<PgDatabase> {
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      application_name: options.applicationName ?? "obuka-lrs",
      // A server that does not answer fails the request (StoreError, 500) instead of holding it forever.
      connectionTimeoutMillis: 10_000,
      // A startup option, so every pooled connection works in the schema from its first query.
      ...(options.schema === undefined ? {} : { options: `-c search_path=${pg.escapeIdentifier(options.schema)}` }),
    });
    // An idle connection that drops (server restart) must not crash the process; the next checkout reconnects.
    pool.on("error", () => undefined);
    const database = new PgDatabase(pool);
    try {
      // Fails here, not on the first request, when no server answers.
      await database.read((tx) => tx.query("SELECT 1"));
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return database;
  }

  /** A read-only transaction on one snapshot, so the several queries of one read agree. */
  read<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", false, work, 1);
  }

  /**
   * A write transaction; it commits before the returned promise resolves. READ COMMITTED,
   * not SERIALIZABLE: batches of random statement ids make serializable snapshot isolation
   * abort most concurrent batches on index-page conflicts, where key locks only make
   * writers of the same key wait.
   */
  write<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.transaction("BEGIN ISOLATION LEVEL READ COMMITTED", true, work, MAX_ATTEMPTS);
  }

  /** A transaction for schema changes, which take their own locks. */
  migrate<T>(work: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.transaction("BEGIN ISOLATION LEVEL READ COMMITTED", true, work, 1);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async transaction<T>(begin: string, writing: boolean, work: (tx: PgTx) => Promise<T>, attempts: number): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await driverStep("connect", () => this.pool.connect());
      // A connection whose BEGIN or ROLLBACK failed is in an unknown state: the pool drops it.
      let discard: Error | undefined;
      try {
        try {
          await driverStep("begin", () => client.query(begin));
        } catch (error) {
          discard = asError(error);
          throw error;
        }
        try {
          const result = await work(txOn(client, writing));
          await driverStep("commit", () => client.query("COMMIT"));
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch((rollbackError: unknown) => {
            discard = asError(rollbackError);
          });
          if (attempt >= attempts || !isRetryable(error)) throw error;
        }
      } finally {
        client.release(discard);
      }
      await backoff(attempt);
    }
  }
}

/**
 * A failure of the transaction machinery itself (connect, BEGIN, COMMIT), as opposed to
 * an error the work threw, which passes through untouched.
 */
export class PgDriverError extends Error {
  override readonly name = "PgDriverError";
}

async function driverStep<T>(step: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new PgDriverError(`${step} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A few jittered milliseconds, growing with the attempt, so retrying writers stop colliding. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(2 ** attempt, 100);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function txOn(client: pg.PoolClient, writing: boolean): PgTx {
  return {
    writing,
    query: async <T>(sql: string, params: readonly PgValue[] = []) => {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
    },
  };
}

/** The SQLSTATE of a driver error, looked for along the `cause` chain (stores wrap driver errors). */
export function sqlStateOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof pg.DatabaseError && typeof e.code === "string") return e.code;
  }
  return undefined;
}

function isRetryable(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && RETRYABLE.has(state);
}
