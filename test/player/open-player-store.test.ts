// DATABASE_URL chooses the player's backend as it does the LRS's (openPlayerStore, the
// standalone server, `obuka import`); OBUKA_CONTENT_DIR names the package directory nodes
// share, and OBUKA_TRUST_PROXY the reverse proxies whose forwarded headers count.
import { expect } from "chai";
import { access, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { ValidationError } from "../../lrs/index.js";
import { runPlayerCli } from "../../player/cli.js";
import { loadConfig } from "../../player/config.js";
import { openPlayerStore } from "../../player/store/open-player-store.js";
import { PostgresPlayerStore } from "../../player/store/postgres/postgres-player-store.js";
import { SqlitePlayerStore } from "../../player/store/sqlite/sqlite-player-store.js";
import { createTestSchema, databaseUrlFor, requirePostgres, TEST_DATABASE_URL, type TestSchema } from "../support/postgres.js";
import { xapiZip } from "./support/package-fixtures.js";

async function packageRowsIn(schema: string): Promise<{ package_id: string; format: string }[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ package_id: string; format: string }>(`SELECT package_id, format FROM ${pg.escapeIdentifier(schema)}.packages`)).rows;
  } finally {
    await client.end();
  }
}

describe("player: DATABASE_URL chooses the store, OBUKA_CONTENT_DIR the package directory", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "obuka-open-player-store-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("reads OBUKA_CONTENT_DIR (default: packages in the data dir) and OBUKA_TRUST_PROXY", () => {
    expect(loadConfig({}, "/srv").contentDir).to.equal("/srv/data/packages");
    expect(loadConfig({ OBUKA_DATA_DIR: "/var/obuka" }, "/srv").contentDir).to.equal("/var/obuka/packages");
    expect(loadConfig({ OBUKA_CONTENT_DIR: "/mnt/shared/obuka" }, "/srv").contentDir).to.equal("/mnt/shared/obuka");
    expect(loadConfig({ OBUKA_CONTENT_DIR: "shared" }, "/srv").contentDir).to.equal("/srv/shared");
    expect(loadConfig({}, "/srv").trustProxy).to.equal(undefined);
    expect(loadConfig({ OBUKA_TRUST_PROXY: " 1 " }, "/srv").trustProxy).to.equal(1);
    expect(loadConfig({ OBUKA_TRUST_PROXY: "10.0.0.0/8, loopback" }, "/srv").trustProxy).to.equal("10.0.0.0/8, loopback");
  });

  it("opens the SQLite file without a database URL", async () => {
    const store = await openPlayerStore({ databaseUrl: "", sqliteFile: path.join(dir, "player.sqlite") });
    try {
      expect(store).to.be.instanceOf(SqlitePlayerStore);
      await access(path.join(dir, "player.sqlite"));
    } finally {
      await store.close();
    }
  });

  it("refuses a URL that is not PostgreSQL's, naming DATABASE_URL, and opens nothing", async () => {
    const error = await openPlayerStore({ databaseUrl: "mysql://root@localhost/obuka", sqliteFile: path.join(dir, "player.sqlite") }).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(ValidationError).with.property("message").that.matches(/^DATABASE_URL: /);
    expect(await readdir(dir)).to.deep.equal([]);
  });

  describe("on PostgreSQL", () => {
    let schema: TestSchema;
    before(async function () {
      await requirePostgres(this);
    });
    beforeEach(async () => {
      schema = await createTestSchema();
    });
    afterEach(() => schema.drop());

    it("opens PostgreSQL with a database URL, and creates no SQLite file", async () => {
      const store = await openPlayerStore({ databaseUrl: databaseUrlFor(schema.name), sqliteFile: path.join(dir, "player.sqlite") });
      try {
        expect(store).to.be.instanceOf(PostgresPlayerStore);
        await store.createUser({ id: "u1", username: "ana", displayName: "Ana", role: "learner", passwordHash: "x" });
        expect((await store.findUserByUsername("ana"))?.id).to.equal("u1");
      } finally {
        await store.close();
      }
      expect(await readdir(dir)).to.deep.equal([]);
    });

    it("obuka import records the package in PostgreSQL and unpacks it into OBUKA_CONTENT_DIR", async () => {
      const zip = path.join(dir, "course.zip");
      await writeFile(zip, xapiZip());
      const shared = path.join(dir, "shared");
      const out: string[] = [];
      const code = await runPlayerCli(["import", "course.zip"], {
        cwd: dir,
        env: { DATABASE_URL: databaseUrlFor(schema.name), OBUKA_CONTENT_DIR: "shared", OBUKA_DATA_DIR: "data" },
        stdout: (line) => out.push(line),
        stderr: (line) => out.push(line),
      });
      expect(code, out.join("\n")).to.equal(0);
      const rows = await packageRowsIn(schema.name);
      expect(rows.map((r) => r.format)).to.deep.equal(["xapi"]);
      expect(await readdir(shared)).to.deep.equal([rows[0]!.package_id]);
      expect(await access(path.join(dir, "data", "player.sqlite")).then(() => "exists", () => "absent")).to.equal("absent");
    });

    it("obuka import refuses a DATABASE_URL that is not PostgreSQL's with a usage error naming it", async () => {
      await writeFile(path.join(dir, "course.zip"), xapiZip());
      const err: string[] = [];
      const code = await runPlayerCli(["import", "course.zip"], { cwd: dir, env: { DATABASE_URL: "sqlite:x" }, stdout: () => undefined, stderr: (line) => err.push(line) });
      expect(code).to.equal(2);
      expect(err.join("\n")).to.match(/DATABASE_URL: must/);
    });
  });
});
