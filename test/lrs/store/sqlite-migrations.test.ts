import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openSqliteLrsStore, SqliteDatabase } from "../../../lrs/index.js";
import { toStatementFilter } from "../../../lrs/domain/statement-query.js";
import { MIGRATIONS, createMigrationsTable, insertMigration } from "../../../lrs/store/sqlite/sql.js";
import { ACTIVITY, uuid, VERBS } from "../support/fixtures.js";

describe("SQLite LRS migrations", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "obuka-lrs-migrate-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("backfills StatementRef targets of statements stored before migration 3, so queries follow them", async () => {
    const file = path.join(dir, "lrs.sqlite");
    const old = await SqliteDatabase.open(file);
    await old.exec(createMigrationsTable);
    for (const [i, migration] of MIGRATIONS.slice(0, 2).entries()) {
      await old.exec(migration);
      await old.write((tx) => tx.run(insertMigration, [i + 1, "2024-01-01T00:00:00.000Z"]).then(() => undefined));
    }
    const row = (n: number, object: unknown) =>
      JSON.stringify({ id: uuid(n), actor: { mbox: "mailto:ana@example.org" }, verb: { id: VERBS.completed }, object, stored: `2024-01-01T00:00:0${n}.000Z`, timestamp: "2024-01-01T00:00:00.000Z", authority: { mbox: "mailto:lrs@example.org" }, version: "1.0.0" });
    await old.write(async (tx) => {
      const insert = "INSERT INTO lrs_statements (id, statement, stored, verb_id, voided) VALUES (?, ?, ?, ?, 0)";
      await tx.run(insert, [uuid(1), row(1, { id: ACTIVITY }), "2024-01-01T00:00:01.000Z", VERBS.completed]);
      await tx.run("INSERT INTO lrs_statement_activities (statement_seq, activity_id, related) VALUES (1, ?, 0)", [ACTIVITY]);
      await tx.run(insert, [uuid(2), row(2, { objectType: "StatementRef", id: uuid(1).toUpperCase() }), "2024-01-01T00:00:02.000Z", VERBS.completed]);
    });
    await old.close();

    const store = await openSqliteLrsStore(file);
    try {
      const rows = await store.read((tx) => store.queryStatements(tx, toStatementFilter({ activity: ACTIVITY })));
      expect(rows.map((r) => r.statement.id)).to.deep.equal([uuid(2), uuid(1)]);
    } finally {
      await store.close();
    }
  });

  it("moves agent and activity rows stored before migration 4 into the tables ordered by stored, and queries still find them", async () => {
    const file = path.join(dir, "lrs.sqlite");
    const old = await SqliteDatabase.open(file);
    await old.exec(createMigrationsTable);
    for (const [i, migration] of MIGRATIONS.slice(0, 3).entries()) {
      await old.exec(migration);
      await old.write((tx) => tx.run(insertMigration, [i + 1, "2024-01-01T00:00:00.000Z"]).then(() => undefined));
    }
    const ana = "mailto:ana@example.org";
    const statement = (n: number, object: unknown) =>
      JSON.stringify({ id: uuid(n), actor: { mbox: ana }, verb: { id: VERBS.completed }, object, stored: `2024-01-01T00:00:0${n}.000Z`, timestamp: "2024-01-01T00:00:00.000Z", authority: { mbox: "mailto:lrs@example.org" }, version: "1.0.0" });
    await old.write(async (tx) => {
      // Inserted out of stored order, so only an order by stored (not by seq) lists them newest first.
      for (const n of [3, 1, 2]) {
        const { lastID } = await tx.run("INSERT INTO lrs_statements (id, statement, stored, verb_id, voided) VALUES (?, ?, ?, ?, 0)", [uuid(n), statement(n, { id: ACTIVITY }), `2024-01-01T00:00:0${n}.000Z`, VERBS.completed]);
        await tx.run("INSERT INTO lrs_statement_agents (statement_seq, agent_ifi, related) VALUES (?, ?, 0)", [lastID, `mbox:${ana}`]);
        await tx.run("INSERT INTO lrs_statement_activities (statement_seq, activity_id, related) VALUES (?, ?, ?)", [lastID, ACTIVITY, n === 2 ? 1 : 0]);
      }
    });
    await old.close();

    const store = await openSqliteLrsStore(file);
    try {
      const query = (q: Parameters<typeof toStatementFilter>[0]) => store.read((tx) => store.queryStatements(tx, toStatementFilter(q))).then((rows) => rows.map((r) => r.statement.id));
      expect(await query({ agent: { mbox: ana } })).to.deep.equal([uuid(3), uuid(2), uuid(1)]);
      expect(await query({ activity: ACTIVITY })).to.deep.equal([uuid(3), uuid(1)]);
      expect(await query({ activity: ACTIVITY, related_activities: true, ascending: true })).to.deep.equal([uuid(1), uuid(2), uuid(3)]);
    } finally {
      await store.close();
    }
  });
});
