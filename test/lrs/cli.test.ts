// `obuka lrs credentials …` spawned for real against a temp OBUKA_DATA_DIR; the printed
// credential is then used over HTTP against an LRS on the same SQLite file.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { createLrs, openSqliteLrsStore, type SqliteLrsStore } from "../../lrs/index.js";
import { projectRoot, run } from "../support/tools.js";
import { basicAuth, statement } from "./support/fixtures.js";
import { startServer, type TestServer } from "./support/http.js";

const bin = path.join(projectRoot, "authoring/bin/obuka.js");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

describe("lrs: the obuka lrs credentials CLI", () => {
  let dataDir: string;
  let cwd: string;
  let store: SqliteLrsStore | undefined;
  let server: TestServer | undefined;

  beforeEach(async () => {
    cwd = await mkdtemp(path.join(tmpdir(), "obuka-lrs-cli-"));
    dataDir = path.join(cwd, "lrs-data");
  });
  afterEach(async () => {
    await server?.close();
    await store?.close();
    server = undefined;
    store = undefined;
    await rm(cwd, { recursive: true, force: true });
  });

  async function obuka(args: string[], env: Record<string, string> = { OBUKA_DATA_DIR: dataDir }): Promise<Outcome> {
    return run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
  }

  async function serveDataDir(): Promise<TestServer> {
    store = await openSqliteLrsStore(path.join(dataDir, "lrs.sqlite"));
    server = await startServer(createLrs({ store }));
    return server;
  }

  it("`obuka --help` lists the lrs credentials commands, and `obuka lrs --help` explains them", async () => {
    expect((await obuka(["--help"])).stdout).to.contain("obuka lrs credentials create --name <name> --scopes <a,b>");
    const lrsHelp = await obuka(["lrs", "--help"]);
    expect(lrsHelp.code).to.equal(0);
    expect(lrsHelp.stdout).to.contain("obuka lrs credentials revoke <key>");
  });

  it("creates a credential (--json) that works over HTTP, lists it, and revokes it to a 401", async () => {
    const created = await obuka(["lrs", "credentials", "create", "--name", "Portal Centar za socijalni rad", "--scopes", "statements/write,statements/read", "--json"]);
    expect(created.code, created.stderr).to.equal(0);
    const { key, secret, scopes } = JSON.parse(created.stdout) as { key: string; secret: string; scopes: string[] };
    expect(scopes).to.deep.equal(["statements/write", "statements/read"]);

    const http = await serveDataDir();
    const auth = basicAuth(key, secret);
    expect((await http.request("POST", "/statements", { json: statement(), auth })).status).to.equal(200);
    expect((await http.request("POST", "/activities/state?activityId=https://x.org/a&agent=%7B%22mbox%22%3A%22mailto%3Aa%40b.org%22%7D&stateId=s", { body: "{}", contentType: "application/json", auth })).status).to.equal(403);

    const listed = await obuka(["lrs", "credentials", "list"]);
    expect(listed.stdout).to.match(new RegExp(`^${key}  active .*Portal Centar za socijalni rad  \\[statements/write, statements/read\\]$`, "m"));
    expect(listed.stdout).not.to.contain(secret);

    expect((await obuka(["lrs", "credentials", "revoke", key])).code).to.equal(0);
    expect((await http.request("GET", "/statements", { auth })).status).to.equal(401);
    expect((await obuka(["lrs", "credentials", "list", "--json"])).stdout).to.contain('"revoked":true');
  });

  it("prints key and secret as text without --json, under ./data by default", async () => {
    const created = await obuka(["lrs", "credentials", "create", "--name", "LMS", "--scopes", "all"], {});
    expect(created.code, created.stderr).to.equal(0);
    const key = /^key: +(\S+)$/m.exec(created.stdout)?.[1];
    const secret = /^secret: +(\S+)$/m.exec(created.stdout)?.[1];
    expect(key).to.match(/^[0-9a-f]{32}$/);
    dataDir = path.join(cwd, "data");
    const http = await serveDataDir();
    expect((await http.request("GET", "/statements", { auth: basicAuth(key!, secret!) })).status).to.equal(200);
  });

  const usage: [string, string[], string][] = [
    ["an unknown scope", ["create", "--name", "N", "--scopes", "statements/write,everything"], '--scopes: "everything" is not an xAPI scope'],
    ["a missing name", ["create", "--scopes", "all"], "--name is required"],
    ["missing scopes", ["create", "--name", "N"], "--scopes is required"],
    ["an unknown option", ["create", "--name", "N", "--scopes", "all", "--colour", "red"], "--colour"],
    ["an unknown subcommand", ["rotate"], 'unknown command "lrs credentials rotate"'],
    ["revoke without a key", ["revoke"], "revoke needs exactly one <key>"],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 naming the option for ${name}, without a stack trace`, async () => {
      const outcome = await obuka(["lrs", "credentials", ...args]);
      expect(outcome.code).to.equal(2);
      expect(outcome.stderr).to.contain(message);
      expect(outcome.stderr).not.to.match(/\bat .+:\d+:\d+\)/);
    });
  }

  it("exits 1 when revoking a key that does not exist", async () => {
    const outcome = await obuka(["lrs", "credentials", "revoke", "0123"]);
    expect(outcome).to.deep.include({ code: 1 });
    expect(outcome.stderr).to.contain("no credential with key 0123");
  });
});
