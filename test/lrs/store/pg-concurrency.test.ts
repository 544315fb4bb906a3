// Two LRS nodes (two connection pools, as two processes would have) on one PostgreSQL
// schema. A barrier holds each node's write transaction at its first step until both
// transactions are open, so both read and decide at the same moment; only the store's
// key locks make the second wait for the first and decide on what it committed.
import { expect } from "chai";
import {
  ConflictError,
  createLrs,
  openPgLrsStore,
  PreconditionFailedError,
  type Credential,
  type Lrs,
  type LrsStore,
  type PgLrsStore,
} from "../../../lrs/index.js";
import { createTestSchema, requirePostgres, TEST_DATABASE_URL, type TestSchema } from "../../support/postgres.js";
import { ACTIVITY, sequentialIds, statement, steppingClock, uuid, voiding } from "../support/fixtures.js";

/**
 * Resolves every waiter once `parties` have arrived; later arrivals pass straight through.
 * If a party never arrives (a bug), the barrier opens anyway after a while and `forced`
 * says so: the test then fails instead of hanging.
 */
class Barrier {
  forced = false;
  private arrived = 0;
  private release!: () => void;
  private readonly open = new Promise<void>((resolve) => (this.release = resolve));
  private readonly safety: NodeJS.Timeout;
  constructor(private readonly parties: number) {
    this.safety = setTimeout(() => {
      this.forced = true;
      this.release();
    }, 10_000);
    this.safety.unref();
  }
  arrive(): Promise<void> {
    if (++this.arrived >= this.parties) {
      clearTimeout(this.safety);
      this.release();
    }
    return this.open;
  }
}

/** The store, with each write transaction's first call waiting at the barrier (retries pass). */
function meetingFirst(store: LrsStore, barrier: Barrier): LrsStore {
  const started = new WeakSet<object>();
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property === "read" || property === "write") return value.bind(target);
      return async (tx: { writing?: boolean }, ...rest: unknown[]) => {
        if (tx.writing === true && !started.has(tx)) {
          started.add(tx);
          await barrier.arrive();
        }
        return (value as (...a: unknown[]) => unknown).call(target, tx, ...rest);
      };
    },
  });
}

async function outcome(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "ok",
    (error: unknown) => error,
  );
}

describe("PostgreSQL LRS: two nodes on one database", function () {
  let schema: TestSchema;
  let stores: PgLrsStore[];
  let barriers: Barrier[];

  before(async function () {
    await requirePostgres(this);
  });

  beforeEach(async () => {
    barriers = [];
    schema = await createTestSchema();
    // Both nodes start at once: migrations must run once, behind the migration lock.
    stores = await Promise.all([1, 2].map(() => openPgLrsStore({ connectionString: TEST_DATABASE_URL, schema: schema.name, maxConnections: 4 })));
  });

  afterEach(async function () {
    await Promise.all(stores.map((s) => s.close()));
    await schema.drop();
    // A race that was not set up as intended proves nothing, even if its assertions held.
    if (this.currentTest?.state === "passed" && barriers.some((b) => b.forced)) throw new Error("a node never started its write: the race did not happen");
  });

  /** Two LRSs over the two stores; with a barrier, each one's write transaction waits for the other's to start. */
  async function nodes(barrier?: Barrier): Promise<{ a: Lrs; b: Lrs; writer: Credential }> {
    if (barrier !== undefined) barriers.push(barrier);
    const [first, second] = stores.map((store) => (barrier === undefined ? store : meetingFirst(store, barrier)));
    const a = createLrs({ store: first!, clock: steppingClock(), newId: sequentialIds("0000000a") });
    const b = createLrs({ store: second!, clock: steppingClock(), newId: sequentialIds("0000000b") });
    const { credential } = await createLrs({ store: stores[0]! }).credentials.create({ name: "writer", scopes: ["all"] });
    return { a, b, writer: credential };
  }

  it("authenticates on one node a credential created on the other, and refuses it there once revoked", async () => {
    const { a, b } = await nodes();
    const { key, secret } = await a.credentials.create({ name: "lms", scopes: ["statements/write"] });
    const header = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
    expect((await b.credentials.authenticate(header)).key).to.equal(key);
    await a.credentials.revoke(key);
    expect(await outcome(b.credentials.authenticate(header))).to.have.property("code", "UNAUTHORIZED");
  });

  it("keeps every statement of concurrent batches from both nodes, each once, with unique seqs", async () => {
    const { a, b, writer } = await nodes();
    const batch = (node: number, n: number) => Array.from({ length: 10 }, (_, i) => statement({ id: uuid(node * 10_000 + n * 100 + i) }));
    const sends = [];
    for (let n = 0; n < 8; n++) {
      sends.push(a.storeStatements(batch(1, n), writer), b.storeStatements(batch(2, n), writer));
      // The same batch again from the other node: an idempotent resend racing the first send.
      sends.push(b.storeStatements(batch(1, n), writer));
    }
    await Promise.all(sends);
    const rows = await stores[0]!.read((tx) => stores[0]!.queryStatements(tx, { relatedActivities: false, relatedAgents: false, ascending: true, limit: 1000 }));
    const ids = rows.map((r) => r.statement.id);
    expect(ids).to.have.lengthOf(160);
    expect(new Set(ids).size).to.equal(160);
    expect(new Set(rows.map((r) => r.cursor.seq)).size).to.equal(160);
  });

  it("lets exactly one of two different statements under the same id win; the other gets a conflict", async () => {
    const { a, b, writer } = await nodes(new Barrier(2));
    const results = await Promise.all([
      outcome(a.storeStatements(statement({ id: uuid(1), result: { success: true } }), writer)),
      outcome(b.storeStatements(statement({ id: uuid(1), result: { success: false } }), writer)),
    ]);
    expect(results.filter((r) => r === "ok")).to.have.lengthOf(1);
    expect(results.find((r) => r !== "ok")).to.be.instanceOf(ConflictError);
    const { statements } = await a.queryStatements({}, writer);
    expect(statements).to.have.lengthOf(1);
  });

  it("stores an equal statement sent to both nodes at once exactly once, and both sends succeed", async () => {
    const { a, b, writer } = await nodes(new Barrier(2));
    const results = await Promise.all([a.storeStatements(statement({ id: uuid(1) }), writer), b.storeStatements(statement({ id: uuid(1) }), writer)]);
    expect(results).to.deep.equal([[uuid(1)], [uuid(1)]]);
    expect((await b.queryStatements({}, writer)).statements).to.have.lengthOf(1);
  });

  it("voids a statement whose voiding statement is stored on the other node at the same moment", async () => {
    const { a, b, writer } = await nodes(new Barrier(2));
    await Promise.all([a.storeStatements(statement({ id: uuid(1) }), writer), b.storeStatements(voiding(uuid(1), { id: uuid(2) }), writer)]);
    expect((await a.queryStatements({ statementId: uuid(1) }, writer)).statements).to.deep.equal([]);
    expect((await a.queryStatements({ voidedStatementId: uuid(1) }, writer)).statements).to.have.lengthOf(1);
  });

  it("lets exactly one of two If-Match writes of the same ETag win; the other gets a failed precondition", async () => {
    const { a, b, writer } = await nodes();
    const params = { activityId: ACTIVITY, agent: { mbox: "mailto:ana@example.org" }, stateId: "resume" };
    const json = (value: unknown) => ({ contentType: "application/json", body: Buffer.from(JSON.stringify(value)) });
    await a.putStateDocument(params, json({ page: 1 }), writer);
    const etag = (await a.getStateDocument(params, writer))?.etag ?? "";

    const racing = await nodes(new Barrier(2));
    const results = await Promise.all([
      outcome(racing.a.putStateDocument(params, json({ page: 2 }), writer, { ifMatch: etag })),
      outcome(racing.b.putStateDocument(params, json({ page: 3 }), writer, { ifMatch: etag })),
    ]);
    expect(results.filter((r) => r === "ok")).to.have.lengthOf(1);
    expect(results.find((r) => r !== "ok")).to.be.instanceOf(PreconditionFailedError);
    const winner = results[0] === "ok" ? 2 : 3;
    expect(JSON.parse((await b.getStateDocument(params, writer))?.body.toString() ?? "")).to.deep.equal({ page: winner });
  });
});
