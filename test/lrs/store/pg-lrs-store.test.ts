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
