// Chooses the player's backend as the LRS's does: PostgreSQL when a database URL is given
// (several nodes can share it), else the SQLite file (one process, the embedded default).
import { parseDatabaseUrl } from "../../lrs/index.js";
import type { PlayerStore } from "./player-store.js";
import { PostgresPlayerStore } from "./postgres/postgres-player-store.js";
import { SqlitePlayerStore } from "./sqlite/sqlite-player-store.js";

export type ClosablePlayerStore = PlayerStore & { close(): Promise<void> };

export interface PlayerStoreLocation {
  /** DATABASE_URL: postgres://… or postgresql://…; empty or undefined means SQLite. */
  databaseUrl?: string | undefined;
  /** The SQLite file used when there is no database URL. */
  sqliteFile: string;
}

/** Opens the store and brings its schema up to date; throws a ValidationError naming DATABASE_URL when it is not a PostgreSQL URL. */
export async function openPlayerStore(location: PlayerStoreLocation): Promise<ClosablePlayerStore> {
  const databaseUrl = parseDatabaseUrl(location.databaseUrl);
  return databaseUrl === undefined ? SqlitePlayerStore.open(location.sqliteFile) : PostgresPlayerStore.open({ connectionString: databaseUrl });
}
