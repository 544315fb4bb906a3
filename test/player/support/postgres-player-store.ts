// A PostgresPlayerStore in a throwaway schema, for tests on the PostgreSQL backend.
import { PostgresPlayerStore } from "../../../player/store/postgres/postgres-player-store.js";
import { createTestSchema, TEST_DATABASE_URL } from "../../support/postgres.js";

/** A store in a schema of its own; close() drops the schema. */
export async function openTestPostgresPlayerStore(): Promise<{ store: PostgresPlayerStore; close: () => Promise<void> }> {
  const schema = await createTestSchema();
  try {
    const store = await PostgresPlayerStore.open({ connectionString: TEST_DATABASE_URL, schema: schema.name, maxConnections: 4 });
    return {
      store,
      close: async () => {
        await store.close();
        await schema.drop();
      },
    };
  } catch (error) {
    await schema.drop();
    throw error;
  }
}
