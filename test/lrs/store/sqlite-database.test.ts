import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteDatabase } from "../../../lrs/index.js";

describe("SqliteDatabase writes (group commit)", () => {
  let dir: string;
  let db: SqliteDatabase;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "obuka-sqlite-db-"));
    db = await SqliteDatabase.open(path.join(dir, "db.sqlite"));
    await db.exec("CREATE TABLE t (n INTEGER PRIMARY KEY)");
  });
  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const stored = () => db.read((tx) => tx.all<{ n: number }>("SELECT n FROM t ORDER BY n")).then((rows) => rows.map((r) => r.n));
  const insert = (...ns: number[]) => db.write(async (tx) => {
    for (const n of ns) await tx.run("INSERT INTO t (n) VALUES (?)", [n]);
    return ns.length;
  });
  const settle = (p: Promise<unknown>) => p.then((value) => ({ value }), (error: unknown) => ({ error }));

  it("keeps the writes that succeed and none of a failing one, when they are queued together", async () => {
    // Sent at once, they wait behind the first and are committed as one group.
    const outcomes = await Promise.all([
      settle(insert(1)),
      settle(insert(2, 3)),
      settle(insert(4, 1)), // 1 is taken: this write fails after inserting 4
      settle(insert(5)),
      settle(db.write(async () => Promise.reject(new Error("refused")))),
      settle(insert(6)),
    ]);
    expect(outcomes.map((o) => ("error" in o ? "failed" : o.value))).to.deep.equal([1, 2, "failed", 1, "failed", 1]);
    expect((outcomes[4] as { error: Error }).error.message).to.equal("refused");
    expect(await stored()).to.deep.equal([1, 2, 3, 5, 6]);
  });

  it("rejects a lone failing write with its own error and stores nothing of it", async () => {
    const failure = new Error("stop");
    const outcome = await settle(
      db.write(async (tx) => {
        await tx.run("INSERT INTO t (n) VALUES (7)");
        throw failure;
      }),
    );
    expect(outcome).to.deep.equal({ error: failure });
    expect(await stored()).to.deep.equal([]);
  });

  it("commits before a write's promise resolves: a second connection sees it", async () => {
    const [count] = await Promise.all([insert(1, 2), insert(3)]);
    expect(count).to.equal(2);
    const other = await SqliteDatabase.open(path.join(dir, "db.sqlite"));
    try {
      expect(await other.read((tx) => tx.all("SELECT n FROM t"))).to.have.length(3);
    } finally {
      await other.close();
    }
  });
});
