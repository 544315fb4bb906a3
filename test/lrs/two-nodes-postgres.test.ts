// Two LRS server processes on one PostgreSQL database, driven at once over HTTP, as two
// nodes behind a load balancer would be. Whatever the interleaving, the answers must be
// those of one node: nothing lost or stored twice, one winner per conflict.
// (test/lrs/store/pg-concurrency.test.ts forces the interleavings in one process.)
import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLrs, openPgLrsStore } from "../../lrs/index.js";
import { createTestSchema, databaseUrlFor, requirePostgres, TEST_DATABASE_URL, type TestSchema } from "../support/postgres.js";
import { ACTIVITY, basicAuth, statement } from "./support/fixtures.js";
import { spawnLrs, type LrsProcess } from "./support/spawn-lrs.js";

function id(node: number, batch: number, n: number): string {
  return `cccccccc-000${node}-4000-8000-${(batch * 1000 + n).toString(16).padStart(12, "0")}`;
}

describe("lrs: two server processes on one PostgreSQL database", function () {
  let schema: TestSchema;
  let dir: string;
  let nodes: LrsProcess[] = [];
  let headers: Record<string, string>;

  before(async function () {
    await requirePostgres(this);
  });

  beforeEach(async () => {
    schema = await createTestSchema();
    dir = await mkdtemp(path.join(tmpdir(), "obuka-two-nodes-"));
    const setup = await openPgLrsStore({ connectionString: TEST_DATABASE_URL, schema: schema.name });
    const { key, secret } = await createLrs({ store: setup }).credentials.create({ name: "two nodes", scopes: ["all"] });
    await setup.close();
    headers = { Authorization: basicAuth(key, secret), "X-Experience-API-Version": "1.0.3" };
    // The SQLite path is never opened: DATABASE_URL wins.
    nodes = await Promise.all([1, 2].map(() => spawnLrs(path.join(dir, "unused.sqlite"), databaseUrlFor(schema.name))));
  });

  afterEach(async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    nodes = [];
    await schema.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const json = { "Content-Type": "application/json" };

  async function post(node: LrsProcess, body: unknown): Promise<number> {
    const res = await fetch(`${node.url}/statements`, { method: "POST", headers: { ...headers, ...json }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return res.status;
  }

  /** Every statement id the node returns, following `more` to the end. */
  async function allIds(node: LrsProcess): Promise<string[]> {
    const ids: string[] = [];
    let next = `${node.url}/statements?limit=100&format=ids`;
    for (;;) {
      const res = await fetch(next, { headers });
      expect(res.status).to.equal(200);
      const page = (await res.json()) as { statements: { id: string }[]; more: string };
      ids.push(...page.statements.map((s) => s.id));
      if (page.more === "") return ids;
      next = new URL(page.more, node.url).toString();
    }
  }

  it("keeps every statement of concurrent batches and resends sent to both nodes, each once", async () => {
    const [a, b] = nodes as [LrsProcess, LrsProcess];
    const batch = (node: number, n: number) => Array.from({ length: 25 }, (_, i) => statement({ id: id(node, n, i) }));
    const sends: Promise<number>[] = [];
    for (let n = 0; n < 6; n++) {
      sends.push(post(a, batch(1, n)), post(b, batch(2, n)), post(b, batch(1, n)), post(a, batch(2, n)));
    }
    expect(new Set(await Promise.all(sends))).to.deep.equal(new Set([200]));
    const fromA = await allIds(a);
    expect(fromA).to.have.lengthOf(300);
    expect(new Set(fromA).size).to.equal(300);
    expect((await allIds(b)).sort()).to.deep.equal([...fromA].sort());
  });

  it("answers one of two different statements under one id with 200 and the other with 409", async () => {
    const [a, b] = nodes as [LrsProcess, LrsProcess];
    for (let round = 0; round < 5; round++) {
      const statusA = post(a, statement({ id: id(3, round, 0), result: { success: true } }));
      const statusB = post(b, statement({ id: id(3, round, 0), result: { success: false } }));
      expect([await statusA, await statusB].sort()).to.deep.equal([200, 409]);
    }
  });

  it("lets one of two If-Match writes of the same ETag win on either node; the other gets 412", async () => {
    const [a, b] = nodes as [LrsProcess, LrsProcess];
    const query = `?activityId=${encodeURIComponent(ACTIVITY)}&agent=${encodeURIComponent(JSON.stringify({ mbox: "mailto:ana@example.org" }))}&stateId=resume`;
    const put = async (node: LrsProcess, body: unknown, ifMatch?: string) => {
      const res = await fetch(`${node.url}/activities/state${query}`, {
        method: "PUT",
        headers: { ...headers, ...json, ...(ifMatch === undefined ? {} : { "If-Match": ifMatch }) },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    };
    expect(await put(a, { page: 0 })).to.equal(204);
    for (let round = 1; round <= 5; round++) {
      const current = await fetch(`${b.url}/activities/state${query}`, { headers });
      const etag = current.headers.get("etag") ?? "";
      await current.arrayBuffer();
      const statuses = await Promise.all([put(a, { page: round, by: "a" }, etag), put(b, { page: round, by: "b" }, etag)]);
      expect([...statuses].sort()).to.deep.equal([204, 412]);
      const stored = (await (await fetch(`${a.url}/activities/state${query}`, { headers })).json()) as { by: string };
      expect(stored.by).to.equal(statuses[0] === 204 ? "a" : "b");
    }
  });
});
