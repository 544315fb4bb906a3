// DATABASE_URL chooses the LRS backend: for openLrsStore, for the `obuka lrs` CLI and for
// the standalone server (player/config.ts reads it; player/app.ts opens the LRS with it).
import { expect } from "chai";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createLrs, openLrsStore, openPgLrsStore, parseDatabaseUrl, ValidationError } from "../../lrs/index.js";
import { loadConfig } from "../../player/config.js";
import { createTestSchema, databaseUrlFor, requirePostgres, TEST_DATABASE_URL, type TestSchema } from "../support/postgres.js";
import { projectRoot, run } from "../support/tools.js";
import { basicAuth, statement } from "./support/fixtures.js";
import { startServer } from "./support/http.js";

async function countRows(schema: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(table)}`);
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

describe("lrs: DATABASE_URL chooses the backend", () => {
  describe("parseDatabaseUrl", () => {
    const cases: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ["", undefined],
      ["  ", undefined],
      ["postgres://postgres@127.0.0.1:5432/test", "postgres://postgres@127.0.0.1:5432/test"],
      ["postgresql://u:p@db.example:6432/obuka?sslmode=require", "postgresql://u:p@db.example:6432/obuka?sslmode=require"],
    ];
    for (const [input, expected] of cases) {
      it(`reads ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
        expect(parseDatabaseUrl(input)).to.equal(expected);
      });
    }

    for (const bad of ["mysql://root@localhost/obuka", "sqlite:data/lrs.sqlite", "127.0.0.1:5432"]) {
      it(`refuses ${bad}, naming DATABASE_URL`, () => {
        expect(() => parseDatabaseUrl(bad))
          .to.throw(ValidationError)
          .with.property("message")
          .that.matches(/^DATABASE_URL: must/);
      });
    }

    it("is read by the standalone server's config, which refuses a bad one", () => {
      expect(loadConfig({ DATABASE_URL: "postgres://db/obuka" }, "/srv").databaseUrl).to.equal("postgres://db/obuka");
      expect(loadConfig({}, "/srv").databaseUrl).to.equal(undefined);
      expect(() => loadConfig({ DATABASE_URL: "mysql://db/obuka" }, "/srv")).to.throw(/^DATABASE_URL: must start with postgres:\/\//);
    });
  });

  describe("without DATABASE_URL", () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "obuka-open-lrs-"));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it("opens the SQLite file", async () => {
      const file = path.join(dir, "lrs.sqlite");
      const store = await openLrsStore({ databaseUrl: undefined, sqliteFile: file });
      try {
        await access(file);
      } finally {
        await store.close();
      }
    });
  });

  describe("with DATABASE_URL", function () {
    let schema: TestSchema;
    let dir: string;

    before(async function () {
      await requirePostgres(this);
    });
    beforeEach(async () => {
      schema = await createTestSchema();
      dir = await mkdtemp(path.join(tmpdir(), "obuka-open-lrs-"));
    });
    afterEach(async () => {
      await schema.drop();
      await rm(dir, { recursive: true, force: true });
    });

    it("keeps statements in PostgreSQL (the schema named in the URL) and writes no SQLite file", async () => {
      const file = path.join(dir, "lrs.sqlite");
      const store = await openLrsStore({ databaseUrl: databaseUrlFor(schema.name), sqliteFile: file });
      try {
        const lrs = createLrs({ store });
        const { credential } = await lrs.credentials.create({ name: "lms", scopes: ["all"] });
        await lrs.storeStatements(statement(), credential);
      } finally {
        await store.close();
      }
      expect(await countRows(schema.name, "lrs_statements")).to.equal(1);
      expect(await access(file).then(() => "exists", () => "absent")).to.equal("absent");
    });

    it("makes `obuka lrs credentials create` write to PostgreSQL, where an LRS on the same database accepts the credential", async () => {
      const bin = path.join(projectRoot, "authoring/bin/obuka.js");
      const env = { ...process.env, DATABASE_URL: databaseUrlFor(schema.name), OBUKA_DATA_DIR: dir };
      const { stdout } = await run(process.execPath, [bin, "lrs", "credentials", "create", "--name", "Portal", "--scopes", "statements/write", "--json"], { cwd: dir, env });
      const { key, secret } = JSON.parse(stdout) as { key: string; secret: string };
      expect(await countRows(schema.name, "lrs_credentials")).to.equal(1);

      const store = await openPgLrsStore({ connectionString: TEST_DATABASE_URL, schema: schema.name });
      const server = await startServer(createLrs({ store }));
      try {
        expect((await server.request("POST", "/statements", { json: statement(), auth: basicAuth(key, secret) })).status).to.equal(200);
      } finally {
        await server.close();
        await store.close();
      }
    });

    it("makes `obuka lrs` refuse a DATABASE_URL that is not PostgreSQL, naming it, with exit code 2", async () => {
      const bin = path.join(projectRoot, "authoring/bin/obuka.js");
      const env = { ...process.env, DATABASE_URL: "mysql://root@127.0.0.1/obuka", OBUKA_DATA_DIR: dir };
      const failure = await run(process.execPath, [bin, "lrs", "credentials", "list"], { cwd: dir, env }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).to.equal(2);
      expect(failure?.stderr).to.contain("DATABASE_URL: must start with postgres://");
      expect(failure?.stderr).not.to.contain("    at ");
    });
  });
});
