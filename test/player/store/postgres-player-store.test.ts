// The PlayerStore contract on PostgreSQL, each store in a throwaway schema; plus what only
// PostgreSQL has: several nodes migrating one schema at once.
import { expect } from "chai";
import pg from "pg";
import { PostgresPlayerStore } from "../../../player/store/postgres/postgres-player-store.js";
import * as pgSql from "../../../player/store/postgres/sql.js";
import * as sqliteSql from "../../../player/store/sqlite/sql.js";
import { createTestSchema, requirePostgres, TEST_DATABASE_URL } from "../../support/postgres.js";
import { describeAuditStore } from "./audit-store-contract.js";
import { describeCertificateStatusStore } from "./certificate-status-store-contract.js";
import { describeLaunchLinkStore } from "./launch-link-store-contract.js";
import { describeLicenceStore } from "./licence-store-contract.js";
import { describePlayerStore } from "./player-store-contract.js";
import { describeScormStore } from "./scorm-store-contract.js";
import { describeScormGlobalObjectivesStore } from "./scorm-global-objectives-store-contract.js";
import { openTestPostgresPlayerStore } from "../support/postgres-player-store.js";

describe("PostgresPlayerStore", function () {
  before(async function () {
    await requirePostgres(this);
  });

  describePlayerStore("PostgresPlayerStore", openTestPostgresPlayerStore);
  describeScormStore("PostgresPlayerStore", openTestPostgresPlayerStore);
  describeAuditStore("PostgresPlayerStore", openTestPostgresPlayerStore);
  describeCertificateStatusStore("PostgresPlayerStore", openTestPostgresPlayerStore);
  describeLaunchLinkStore("PostgresPlayerStore", openTestPostgresPlayerStore);
  describeLicenceStore("PostgresPlayerStore", openTestPostgresPlayerStore);
  describeScormGlobalObjectivesStore("PostgresPlayerStore", openTestPostgresPlayerStore);

  describe("migrations", () => {
    it("has one migration per SQLite migration, under the same version numbers", () => {
      expect(pgSql.migrations.map((m) => m.version)).to.deep.equal(sqliteSql.migrations.map((m) => m.version));
    });

    it("migrates a schema once when several nodes start on it at once, and records every version", async () => {
      const schema = await createTestSchema();
      try {
        const stores = await Promise.all([1, 2, 3].map(() => PostgresPlayerStore.open({ connectionString: TEST_DATABASE_URL, schema: schema.name, maxConnections: 2 })));
        await Promise.all(stores.map((s) => s.close()));
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        try {
          const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${pg.escapeIdentifier(schema.name)}.player_schema_migrations ORDER BY version`);
          expect(rows.map((r) => r.version)).to.deep.equal(pgSql.migrations.map((m) => m.version));
        } finally {
          await client.end();
        }
      } finally {
        await schema.drop();
      }
    });
  });
});
