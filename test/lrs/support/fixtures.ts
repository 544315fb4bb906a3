// Deterministic clock and ids, a temp store (SQLite, or PostgreSQL when
// OBUKA_TEST_LRS_STORE=postgres) and statement builders for LRS tests.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLrs, openPgLrsStore, openSqliteLrsStore, type Credential, type Lrs, type LrsStore, type Scope, type SqliteLrsStore } from "../../../lrs/index.js";
import { createTestSchema, TEST_DATABASE_URL } from "../../support/postgres.js";

/** A clock that moves one second per call from 2024-01-01T00:00:00Z, so `stored` grows strictly. */
export function steppingClock(start = Date.UTC(2024, 0, 1)): () => Date {
  let now = start;
  return () => {
    const date = new Date(now);
    now += 1000;
    return date;
  };
}

/** UUIDs 00000000-0000-4000-8000-000000000001, …002, … */
export function sequentialIds(prefix = "00000000"): () => string {
  let n = 0;
  return () => `${prefix}-0000-4000-8000-${(++n).toString(16).padStart(12, "0")}`;
}

export function uuid(n: number): string {
  return `aaaaaaaa-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export interface TempStore {
  store: SqliteLrsStore;
  cleanup(): Promise<void>;
}

export async function openTempStore(): Promise<TempStore> {
  const dir = await mkdtemp(path.join(tmpdir(), "obuka-lrs-"));
  const store = await openSqliteLrsStore(path.join(dir, "lrs.sqlite"));
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface TempAnyStore {
  store: LrsStore;
  cleanup(): Promise<void>;
}

/** An LRS store in a fresh PostgreSQL schema, dropped by cleanup(). */
export async function openTempPgStore(): Promise<TempAnyStore> {
  const schema = await createTestSchema();
  try {
    const store = await openPgLrsStore({ connectionString: TEST_DATABASE_URL, schema: schema.name, maxConnections: 4 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await schema.drop();
      },
    };
  } catch (error) {
    await schema.drop();
    throw error;
  }
}

/** The backend the LRS tests run on: `npm test` runs them once per backend. */
export function testStoreBackend(): "sqlite" | "postgres" {
  return process.env.OBUKA_TEST_LRS_STORE === "postgres" ? "postgres" : "sqlite";
}

export interface TestLrs {
  lrs: Lrs;
  errors: { msg: string; err: unknown }[];
  credential(scopes: Scope[], name?: string): Promise<{ credential: Credential; header: string }>;
  cleanup(): Promise<void>;
}

export async function createTestLrs(): Promise<TestLrs> {
  const temp: TempAnyStore = testStoreBackend() === "postgres" ? await openTempPgStore() : await openTempStore();
  const errors: { msg: string; err: unknown }[] = [];
  const lrs = createLrs({ store: temp.store, clock: steppingClock(), newId: sequentialIds(), logger: { error: (msg, err) => errors.push({ msg, err }) } });
  return {
    lrs,
    errors,
    credential: async (scopes, name = "test") => {
      const created = await lrs.credentials.create({ name, scopes });
      return { credential: created.credential, header: basicAuth(created.key, created.secret) };
    },
    cleanup: temp.cleanup,
  };
}

export function basicAuth(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
}

export const VERBS = {
  completed: "http://adlnet.gov/expapi/verbs/completed",
  attempted: "http://adlnet.gov/expapi/verbs/attempted",
  voided: "http://adlnet.gov/expapi/verbs/voided",
};

export const ACTIVITY = "https://example.org/courses/social-care/unit-1";

export function learner(name = "ana"): { objectType: "Agent"; account: { homePage: string; name: string } } {
  return { objectType: "Agent", account: { homePage: "https://obuka.example", name } };
}

/** A valid statement; `overrides` replace top-level properties. */
export function statement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    actor: { mbox: "mailto:ana@example.org", name: "Ana" },
    verb: { id: VERBS.completed, display: { "en-US": "completed" } },
    object: { id: ACTIVITY, definition: { name: { en: "Unit 1" } } },
    ...overrides,
  };
}

export function voiding(targetId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return statement({ verb: { id: VERBS.voided, display: { "en-US": "voided" } }, object: { objectType: "StatementRef", id: targetId }, ...overrides });
}
