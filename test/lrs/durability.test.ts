// Crash safety: a real LRS process is SIGKILLed in the middle of batch ingestion and
// restarted on the same SQLite file (or PostgreSQL schema). Every batch answered 200 must
// be there in full; no batch may be there in part.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { createLrs, openPgLrsStore, openSqliteLrsStore, type ClosableLrsStore } from "../../lrs/index.js";
import { createTestSchema, databaseUrlFor, requirePostgres, TEST_DATABASE_URL, type TestSchema } from "../support/postgres.js";
import { basicAuth, statement } from "./support/fixtures.js";
import { spawnLrs, type LrsProcess } from "./support/spawn-lrs.js";

const BATCHES = 60;
const BATCH_SIZE = 100;
const CLIENTS = 6;
/** The kill comes when this many batches have been acknowledged, with others still in flight. */
const KILL_AFTER = 15;

function id(batch: number, n: number): string {
  return `dddddddd-0000-4000-8000-${(batch * 1000 + n).toString(16).padStart(12, "0")}`;
}

function registration(batch: number): string {
  return `eeeeeeee-0000-4000-8000-${batch.toString(16).padStart(12, "0")}`;
}

function batchOf(batch: number): Record<string, unknown>[] {
  return Array.from({ length: BATCH_SIZE }, (_, n) =>
    statement({ id: id(batch, n), context: { registration: registration(batch), extensions: { "https://obuka.example/ext/padding": "x".repeat(800) } } }),
  );
}

describe("lrs: durability across a SIGKILL during batch ingest", () => {
  let dir: string;
  let lrs: LrsProcess | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "obuka-lrs-crash-"));
  });
  afterEach(async () => {
    await lrs?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  /** Ingests from several clients, SIGKILLs the process mid-way, restarts it and counts what is stored. */
  async function ingestKillAndRestart(openStore: () => Promise<ClosableLrsStore>, spawn: () => Promise<LrsProcess>): Promise<void> {
    const setup = await openStore();
    const { key, secret } = await createLrs({ store: setup }).credentials.create({ name: "crash test", scopes: ["all"] });
    await setup.close();
    const headers = { Authorization: basicAuth(key, secret), "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" };

    lrs = await spawn();
    const server = lrs;
    const acknowledged = new Set<number>();
    const failed = new Set<number>();
    let next = 0;
    let killing: Promise<void> | undefined;

    // Clients send batches one after another until the process dies under them.
    const client = async () => {
      while (next < BATCHES) {
        const batch = next++;
        try {
          const res = await fetch(`${server.url}/statements`, { method: "POST", headers, body: JSON.stringify(batchOf(batch)) });
          if (res.status !== 200) throw new Error(`batch ${batch}: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
          acknowledged.add(batch);
          if (acknowledged.size === KILL_AFTER) killing = server.kill();
        } catch (error) {
          if (killing === undefined) throw error;
          failed.add(batch); // in flight or refused when the process died: either outcome is allowed
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await killing;
    expect(killing, "the process was killed during ingest").to.not.equal(undefined);
    expect(failed.size, "some batches were cut off by the kill").to.be.greaterThan(0);

    lrs = await spawn();
    const restarted = lrs;
    const counts = await Promise.all(
      Array.from({ length: BATCHES }, async (_, batch) => {
        const res = await fetch(`${restarted.url}/statements?registration=${registration(batch)}&limit=1000&format=ids`, { headers });
        expect(res.status).to.equal(200);
        return ((await res.json()) as { statements: unknown[] }).statements.length;
      }),
    );
    counts.forEach((count, batch) => {
      if (acknowledged.has(batch)) expect(count, `acknowledged batch ${batch}`).to.equal(BATCH_SIZE);
      else expect([0, BATCH_SIZE], `unacknowledged batch ${batch} stored ${count}`).to.include(count);
    });
  }

  it("keeps every acknowledged batch whole and no batch in part", async () => {
    const file = path.join(dir, "lrs.sqlite");
    await ingestKillAndRestart(() => openSqliteLrsStore(file), () => spawnLrs(file));
  });

  describe("on PostgreSQL", function () {
    let schema: TestSchema;
    before(async function () {
      await requirePostgres(this);
    });
    beforeEach(async () => {
      schema = await createTestSchema();
    });
    afterEach(async () => {
      await lrs?.kill();
      lrs = undefined;
      await schema.drop();
    });

    it("keeps every acknowledged batch whole and no batch in part", async () => {
      await ingestKillAndRestart(
        () => openPgLrsStore({ connectionString: TEST_DATABASE_URL, schema: schema.name }),
        () => spawnLrs(path.join(dir, "unused.sqlite"), databaseUrlFor(schema.name)),
      );
    });
  });
});
