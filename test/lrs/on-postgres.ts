// Loaded first (mocha --file) by `npm run test:postgres`: the LRS suites that build their
// LRS with createTestLrs run again on PostgreSQL, each LRS in a schema of its own.
import { requirePostgres } from "../support/postgres.js";

process.env.OBUKA_TEST_LRS_STORE = "postgres";

before(async function () {
  await requirePostgres(this);
});
