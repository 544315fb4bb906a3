// The standalone server with DATABASE_URL: its LRS (/xapi) and the player's own store both
// keep their data in PostgreSQL, and neither SQLite file is created in the data dir.
import { expect } from "chai";
import { access } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { createTestSchema, databaseUrlFor, requirePostgres, TEST_DATABASE_URL, type TestSchema } from "../support/postgres.js";
import { type RunningServer, startStandalone } from "../support/standalone.js";

describe("standalone server with DATABASE_URL", function () {
  let schema: TestSchema;
  let server: RunningServer | undefined;

  before(async function () {
    await requirePostgres(this);
  });
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await schema.drop();
  });

  it("stores statements sent to /xapi and the player's accounts in PostgreSQL, and keeps no SQLite file", async () => {
    server = await startStandalone({ databaseUrl: databaseUrlFor(schema.name) });
    const { key, secret } = await server.lrs.credentials.create({ name: "portal", scopes: ["statements/write"] });
    const response = await fetch(`${server.baseUrl}/xapi/statements`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ actor: { mbox: "mailto:ana@example.org" }, verb: { id: "http://adlnet.gov/expapi/verbs/completed" }, object: { id: "https://obuka.example/courses/demo" } }),
    });
    expect(response.status).to.equal(200);

    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${pg.escapeIdentifier(schema.name)}.lrs_statements`);
      expect(Number(rows[0]?.n)).to.equal(1);
      const users = await client.query<{ username: string }>(`SELECT username FROM ${pg.escapeIdentifier(schema.name)}.users ORDER BY username`);
      expect(users.rows.map((r) => r.username)).to.include.members(["admin", "polaznik"]);
    } finally {
      await client.end();
    }
    expect(await access(path.join(server.dataDir, "lrs.sqlite")).then(() => "exists", () => "absent")).to.equal("absent");
    expect(await access(path.join(server.dataDir, "player.sqlite")).then(() => "exists", () => "absent")).to.equal("absent");
  });
});
