import { expect } from "chai";
import pg from "pg";
import { openPgLrsStore, StoreError } from "../../../lrs/index.js";
import { MIGRATIONS } from "../../../lrs/store/postgres/sql.js";
import { createTestSchema, requirePostgres, TEST_DATABASE_URL, type TestSchema } from "../../support/postgres.js";
import { openTempPgStore } from "../support/fixtures.js";
import { describeLrsStore } from "./lrs-store-contract.js";

describe("PostgreSQL LRS store", function () {
  before(async function () {
    await requirePostgres(this);
  });

  describeLrsStore("PostgreSQL (temp schema)", openTempPgStore);

  describe("migrations", () => {
    let schema: TestSchema;
    beforeEach(async () => {
      schema = await createTestSchema();
    });
    afterEach(() => schema.drop());

    it("applies each migration once, however many nodes open the schema at the same time or later", async () => {
      const open = () => openPgLrsStore({ connectionString: TEST_DATABASE_URL, schema: schema.name, maxConnections: 2 });
      const stores = await Promise.all([open(), open(), open()]);
      stores.push(await open());
      await Promise.all(stores.map((s) => s.close()));

      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${pg.escapeIdentifier(schema.name)}.lrs_schema_migrations ORDER BY version`);
        expect(rows.map((r) => r.version)).to.deep.equal(MIGRATIONS.map((_, i) => i + 1));
      } finally {
        await client.end();
      }
    });
  });

  describe("migration 2 (agent and activity rows keyed by stored)", () => {
    let schema: TestSchema;
    beforeEach(async () => {
      schema = await createTestSchema();
    });
    afterEach(() => schema.drop());

    it("backfills stored into the rows of a version-1 schema, which then answer queries in stored order", async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`SET search_path TO ${pg.escapeIdentifier(schema.name)}`);
        await client.query(MIGRATIONS[0]!);
        await client.query(`CREATE TABLE lrs_schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`);
        await client.query(`INSERT INTO lrs_schema_migrations VALUES (1, '2026-01-01T00:00:00.000Z')`);
        const course = "https://example.org/course";
        const agent = "mbox:mailto:learner@example.org";
        // Stored times out of seq order, so stored order and seq order differ.
        for (const [n, storedAt] of [[1, "2026-01-01T00:00:03.000Z"], [2, "2026-01-01T00:00:01.000Z"], [3, "2026-01-01T00:00:02.000Z"]] as const) {
          const id = `00000000-0000-4000-8000-00000000000${n}`;
          const statement = { id, actor: { mbox: "mailto:learner@example.org" }, verb: { id: "http://adlnet.gov/expapi/verbs/experienced" }, object: { id: course }, stored: storedAt, timestamp: storedAt };
          const { rows } = await client.query<{ seq: string }>(
            `INSERT INTO lrs_statements (id, statement, stored, verb_id) VALUES ($1, $2, $3, $4) RETURNING seq`,
            [id, JSON.stringify(statement), storedAt, statement.verb.id],
          );
          await client.query(`INSERT INTO lrs_statement_activities (statement_seq, activity_id, related) VALUES ($1, $2, FALSE)`, [rows[0]!.seq, course]);
          await client.query(`INSERT INTO lrs_statement_agents (statement_seq, agent_ifi, related) VALUES ($1, $2, FALSE)`, [rows[0]!.seq, agent]);
        }
      } finally {
        await client.end();
      }

      const store = await openPgLrsStore({ connectionString: TEST_DATABASE_URL, schema: schema.name, maxConnections: 2 });
      try {
        const filter = { activityId: "https://example.org/course", relatedActivities: false, relatedAgents: false, ascending: false, limit: 10 };
        const rows = await store.read((tx) => store.queryStatements(tx, filter));
        expect(rows.map((r) => r.statement.id.slice(-1))).to.deep.equal(["1", "3", "2"]);
        const both = await store.read((tx) => store.queryStatements(tx, { ...filter, agentIfi: "mbox:mailto:learner@example.org", ascending: true }));
        expect(both.map((r) => r.statement.id.slice(-1))).to.deep.equal(["2", "3", "1"]);
      } finally {
        await store.close();
      }
    });
  });

  it("wraps a server that does not answer in StoreError", async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.port = "1"; // nothing listens on port 1 of the loopback
    const error = await openPgLrsStore({ connectionString: url.toString() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(StoreError);
    expect((error as StoreError).message).to.equal("postgres: connect failed");
  });
});
