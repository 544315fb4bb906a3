// Loaded first (mocha --file) by `npm run test:postgres`: the player suites that start the
// standalone server with startStandalone run again with the LRS and the player store on
// PostgreSQL, each server in a schema of its own.
import { requirePostgres } from "../support/postgres.js";

process.env.OBUKA_TEST_STANDALONE_STORE = "postgres";

before(async function () {
  await requirePostgres(this);
});
