// Chooses the LRS backend: PostgreSQL when a database URL is given (several nodes can
// share it), else the SQLite file (one process, the embedded default).
import { ValidationError } from "../errors.js";
import { openPgLrsStore } from "./postgres/pg-lrs-store.js";
import { openSqliteLrsStore } from "./sqlite/sqlite-lrs-store.js";
import type { LrsStore } from "./store.js";

export type ClosableLrsStore = LrsStore & { close(): Promise<void> };

export interface LrsStoreLocation {
  /** DATABASE_URL: postgres://… or postgresql://…; empty or undefined means SQLite. */
  databaseUrl?: string | undefined;
  /** The SQLite file used when there is no database URL. */
  sqliteFile: string;
}

/** Throws a ValidationError naming DATABASE_URL when it is set but not a PostgreSQL URL. */
export function parseDatabaseUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw ValidationError.at("DATABASE_URL", "must be a URL such as postgres://user@host:5432/database");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw ValidationError.at("DATABASE_URL", `must start with postgres:// or postgresql://, got ${url.protocol}//`);
  }
  return value;
}

export async function openLrsStore(location: LrsStoreLocation): Promise<ClosableLrsStore> {
  const databaseUrl = parseDatabaseUrl(location.databaseUrl);
  return databaseUrl === undefined ? openSqliteLrsStore(location.sqliteFile) : openPgLrsStore({ connectionString: databaseUrl });
}

/** Where the LRS keeps its data, for messages (never the password). */
export function describeLrsStore(location: LrsStoreLocation): string {
  const databaseUrl = parseDatabaseUrl(location.databaseUrl);
  if (databaseUrl === undefined) return `SQLite ${location.sqliteFile}`;
  const url = new URL(databaseUrl);
  return `PostgreSQL ${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`;
}
