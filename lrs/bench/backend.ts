// Where the benchmark keeps its databases: SQLite files in a temp folder, or one
// throwaway schema per database on PostgreSQL (dropped afterwards). A database is named
// by a location the server process understands: a file path or a postgres:// URL.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openLrsStore, type ClosableLrsStore } from "../store/open-lrs-store.js";

export interface BenchDatabase {
  /** A SQLite file or a postgres:// URL whose connections work in this database's schema. */
  location: string;
  open(): Promise<ClosableLrsStore>;
  /** Refreshes the planner's statistics after a bulk load (PostgreSQL; nothing on SQLite). */
  analyze(): Promise<void>;
}

export interface BenchBackend {
  name: "sqlite" | "postgres";
  /** An empty database; `label` makes it recognisable when kept for inspection. */
  createDatabase(label: string): Promise<BenchDatabase>;
  /** Removes every database created (unless kept). */
  dispose(): Promise<void>;
}

export function openStoreAt(location: string): Promise<ClosableLrsStore> {
  const isUrl = /^postgres(ql)?:\/\//.test(location);
  return openLrsStore(isUrl ? { databaseUrl: location, sqliteFile: "" } : { sqliteFile: location });
}

/** SQLite files in `keepDir` (kept) or in a fresh temp folder (removed by dispose). */
export async function sqliteBackend(keepDir: string | undefined): Promise<BenchBackend> {
  const dir = keepDir ?? (await mkdtemp(path.join(os.tmpdir(), "obuka-lrs-bench-")));
  return {
    name: "sqlite",
    createDatabase: async (label) => {
      const location = path.join(dir, `${label}.sqlite`);
      return { location, open: () => openStoreAt(location), analyze: async () => undefined };
    },
    dispose: async () => {
      if (keepDir === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One schema per database on the server at `databaseUrl`, all dropped by dispose. */
export function postgresBackend(databaseUrl: string): BenchBackend {
  const run = randomBytes(4).toString("hex");
  const schemas: string[] = [];
  return {
    name: "postgres",
    createDatabase: async (label) => {
      const schema = `obuka_bench_${run}_${label.replace(/[^a-z0-9]/gi, "_")}`;
      await adminQuery(databaseUrl, `CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
      schemas.push(schema);
      const url = new URL(databaseUrl);
      url.searchParams.set("options", `-c search_path=${schema}`);
      const location = url.toString();
      // Without statistics the planner cannot know that object_ref_id is almost always
      // NULL and scans every statement for StatementRefs; autovacuum, when on, would
      // analyze too, but later than the query phase starts.
      const tables = ["lrs_statements", "lrs_statement_agents", "lrs_statement_activities"].map((t) => `${pg.escapeIdentifier(schema)}.${t}`);
      return { location, open: () => openStoreAt(location), analyze: () => adminQuery(databaseUrl, `ANALYZE ${tables.join(", ")}`) };
    },
    dispose: async () => {
      for (const schema of schemas) await adminQuery(databaseUrl, `DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
    },
  };
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
