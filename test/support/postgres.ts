// PostgreSQL for tests: the server at 127.0.0.1:5432 (database `test`), one throwaway
// schema per store so parallel runs never see each other's rows.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** OBUKA_TEST_DATABASE_URL overrides the development and CI default. */
export const TEST_DATABASE_URL = process.env.OBUKA_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let answering: Promise<boolean> | undefined;

/** Whether a PostgreSQL server answers at TEST_DATABASE_URL (asked once per process). */
export function postgresAnswers(): Promise<boolean> {
  answering ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return answering;
}

/**
 * Skips the calling suite when no PostgreSQL server answers, saying so; under CI=true
 * a missing server is a failure instead.
 */
export async function requirePostgres(context: Mocha.Context): Promise<void> {
  if (await postgresAnswers()) return;
  if (process.env.CI === "true") throw new Error(`PostgreSQL is required under CI=true but no server answers at ${TEST_DATABASE_URL}`);
  console.warn(`      skipped: no PostgreSQL server answers at ${TEST_DATABASE_URL} (set OBUKA_TEST_DATABASE_URL or start one)`);
  context.skip();
}

export interface TestSchema {
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty schema with a random name; drop() removes it and everything in it. */
export async function createTestSchema(): Promise<TestSchema> {
  const name = `obuka_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE SCHEMA ${pg.escapeIdentifier(name)}`);
  return { name, drop: () => adminQuery(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(name)} CASCADE`) };
}

/** TEST_DATABASE_URL with every connection working in `schema`: a DATABASE_URL for a process under test. */
export function databaseUrlFor(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
