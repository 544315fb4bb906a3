import { expect } from "chai";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { SqliteDatabase, type SqliteOpenOptions } from "../../../lrs/index.js";

// The same behaviour whether a group's writes get a savepoint each or run again after a failure.
for (const options of [{}, { separateReads: true, rerunnableWrites: true }] satisfies SqliteOpenOptions[]) describe(`SqliteDatabase writes (group commit) ${JSON.stringify(options)}`, () => {
  let dir: string;
  let db: SqliteDatabase;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "obuka-sqlite-db-"));
    db = await SqliteDatabase.open(path.join(dir, "db.sqlite"), options);
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

describe("SqliteDatabase with separate reads and rerunnable writes", () => {
  let dir: string;
  let db: SqliteDatabase;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "obuka-sqlite-db-"));
    db = await SqliteDatabase.open(path.join(dir, "db.sqlite"), { separateReads: true, rerunnableWrites: true });
    await db.exec("CREATE TABLE t (n INTEGER PRIMARY KEY)");
  });
  afterEach(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const stored = () => db.read((tx) => tx.all<{ n: number }>("SELECT n FROM t ORDER BY n")).then((rows) => rows.map((r) => r.n));

  it("reads the last commit while a write is still open, and sees that write once it has resolved", async () => {
    await db.write((tx) => tx.run("INSERT INTO t (n) VALUES (1)"));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const writing = db.write(async (tx) => {
      await tx.run("INSERT INTO t (n) VALUES (2)");
      inside();
      await held;
    });
    await started;
    // On one connection this read would queue behind the open write and never finish.
    expect(await stored()).to.deep.equal([1]);
    release();
    await writing;
    expect(await stored()).to.deep.equal([1, 2]);
  });

  it("refuses a write inside a read transaction", async () => {
    const outcome = await db.read((tx) => tx.run("INSERT INTO t (n) VALUES (3)")).then(() => "written", (error: Error) => error.message);
    expect(outcome).to.match(/readonly|read-only|query_only/i);
    expect(await stored()).to.deep.equal([]);
  });

  it("runs the writes of a group again after one of them fails, and each failing write only once", async () => {
    const runs = new Map<string, number>();
    const counted = (name: string, work: Parameters<SqliteDatabase["write"]>[0]) =>
      db.write(async (tx) => {
        runs.set(name, (runs.get(name) ?? 0) + 1);
        return work(tx);
      });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first write holds the connection, so the next four queue up as one group.
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const first = counted("first", async (tx) => {
      inside();
      await held;
      return tx.run("INSERT INTO t (n) VALUES (1)");
    });
    await started;
    const group = [
      counted("a", (tx) => tx.run("INSERT INTO t (n) VALUES (2)")),
      counted("fails", async (tx) => {
        await tx.run("INSERT INTO t (n) VALUES (3)");
        throw new Error("refused");
      }),
      counted("b", (tx) => tx.run("INSERT INTO t (n) VALUES (4)")),
      counted("duplicate", (tx) => tx.run("INSERT INTO t (n) VALUES (2)")),
    ].map((p) => p.then(() => "ok", (error: Error) => error.message));
    release();
    await first;
    const outcomes = await Promise.all(group);
    expect(outcomes.slice(0, 3)).to.deep.equal(["ok", "refused", "ok"]);
    expect(outcomes[3]).to.match(/UNIQUE constraint failed/);
    expect(await stored()).to.deep.equal([1, 2, 4]);
    // a ran before both failures, b before the second; each failing write ran once.
    expect(Object.fromEntries(runs)).to.deep.equal({ first: 1, a: 3, fails: 1, b: 2, duplicate: 1 });
  });
});
