// The contract every LrsStore backend must meet. Backends call describeLrsStore with a
// factory; the same cases then run against SQLite today and PostgreSQL later.
import { defaultAuthority, StoreError, type LrsStore } from "../../../lrs/index.js";
import { indexStatement } from "../../../lrs/domain/statement-index.js";
import { toStatementFilter, type StatementQuery } from "../../../lrs/domain/statement-query.js";
import type { StoredStatement } from "../../../lrs/domain/xapi-types.js";
import { expect } from "chai";
import { ACTIVITY, uuid, VERBS } from "../support/fixtures.js";
import { describeProfilesAndRefs } from "./contract-profiles-and-refs.js";

export interface StoreHandle {
  store: LrsStore;
  cleanup(): Promise<void>;
}

const authority = defaultAuthority("writer");
const other = defaultAuthority("other-writer");

function stored(n: number, overrides: Partial<StoredStatement> = {}): StoredStatement {
  const at = new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString();
  return {
    id: uuid(n),
    actor: { mbox: "mailto:ana@example.org" },
    verb: { id: VERBS.completed },
    object: { id: ACTIVITY },
    stored: at,
    timestamp: at,
    authority,
    version: "1.0.0",
    ...overrides,
  };
}

export function describeLrsStore(name: string, makeStore: () => Promise<StoreHandle>): void {
  describe(`LrsStore contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: LrsStore;

    beforeEach(async () => {
      handle = await makeStore();
      store = handle.store;
    });
    afterEach(() => handle.cleanup());

    async function insert(...statements: StoredStatement[]): Promise<void> {
      await store.write(async (tx) => {
        for (const s of statements) await store.insertStatement(tx, indexStatement(s), false);
      });
    }

    async function query(q: StatementQuery, extra: { authorityIfi?: string } = {}): Promise<string[]> {
      const filter = { ...toStatementFilter(q), ...extra };
      const rows = await store.read((tx) => store.queryStatements(tx, filter));
      return rows.map((r) => r.statement.id);
    }

    describe("statements", () => {
      it("returns an inserted statement by id, as stored", async () => {
        await insert(stored(1));
        const row = await store.read((tx) => store.getStatement(tx, uuid(1)));
        expect(row?.statement).to.deep.equal(stored(1));
        expect(row?.voided).to.equal(false);
        expect(await store.read((tx) => store.getStatement(tx, uuid(2)))).to.equal(undefined);
      });

      it("rolls back every write of a transaction that throws", async () => {
        const failure = new Error("stop");
        const attempt = store.write(async (tx) => {
          await store.insertStatement(tx, indexStatement(stored(1)), false);
          throw failure;
        });
        expect(await attempt.then(() => "committed", (error: unknown) => error)).to.equal(failure);
        expect(await query({})).to.deep.equal([]);
      });

      it("wraps a driver error (duplicate id) in StoreError", async () => {
        await insert(stored(1));
        const error = await insert(stored(1)).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).to.be.instanceOf(StoreError);
      });

      it("marks a statement voided, hides it from queries and reports void targets", async () => {
        await insert(stored(1), stored(2));
        await store.write(async (tx) => store.markStatementVoided(tx, uuid(1)));
        expect((await store.read((tx) => store.getStatement(tx, uuid(1))))?.voided).to.equal(true);
        expect(await query({})).to.deep.equal([uuid(2)]);
        const voiding = stored(3, { verb: { id: VERBS.voided }, object: { objectType: "StatementRef", id: uuid(9) } });
        await insert(voiding);
        expect(await store.read((tx) => store.isVoidTarget(tx, uuid(9)))).to.equal(true);
        expect(await store.read((tx) => store.isVoidTarget(tx, uuid(2)))).to.equal(false);
        expect((await store.read((tx) => store.getStatement(tx, uuid(3))))?.voidsId).to.equal(uuid(9));
      });

      it("inserts a batch with its agents, activities and voided flags, and reads it back by ids", async () => {
        const agentOf = (n: number) => ({ mbox: `mailto:learner-${n}@example.org` });
        const batch = Array.from({ length: 250 }, (_, n) => stored(n + 1, { actor: agentOf(n % 7) }));
        await store.write((tx) => store.insertStatements(tx, batch.map((s, n) => ({ record: indexStatement(s), voided: n === 4 }))));
        const found = (await store.read((tx) => store.lookUpStatementIds(tx, [uuid(1), uuid(5), uuid(999)]))).stored;
        expect([...found.keys()].sort()).to.deep.equal([uuid(1), uuid(5)]);
        expect(found.get(uuid(1))?.statement).to.deep.equal(batch[0]);
        expect(found.get(uuid(5))?.voided).to.equal(true);
        const byAgent = await query({ agent: agentOf(3), limit: 500 });
        expect(byAgent).to.have.length(batch.filter((s) => s.actor.mbox === agentOf(3).mbox).length);
        expect(byAgent).to.not.include(uuid(5));
        expect(await query({ activity: ACTIVITY, limit: 500 })).to.have.length(249);
        const none = await store.read((tx) => store.lookUpStatementIds(tx, []));
        expect([none.stored.size, none.voidTargets.size]).to.deep.equal([0, 0]);
      });

      it("tells in the same lookup which of many ids are stored and which stored voiding statements target", async () => {
        const voiding = (n: number, target: number) => stored(n, { verb: { id: VERBS.voided }, object: { objectType: "StatementRef", id: uuid(target) } });
        // Two voiding statements target 20: it is reported once. 2 is both stored and a void target.
        await insert(stored(21), voiding(1, 20), voiding(2, 21), voiding(3, 20), voiding(4, 2));
        const found = await store.read((tx) => store.lookUpStatementIds(tx, [uuid(20), uuid(22), uuid(21), uuid(2)]));
        expect([...found.voidTargets].sort()).to.deep.equal([uuid(2), uuid(20), uuid(21)]);
        expect([...found.stored.keys()].sort()).to.deep.equal([uuid(2), uuid(21)]);
        expect(found.stored.get(uuid(2))?.voidsId).to.equal(uuid(21));
        expect(found.stored.get(uuid(21))?.voidsId).to.equal(undefined);
      });

      it("orders by stored, newest first unless ascending, and pages with a cursor", async () => {
        await insert(stored(1), stored(2), stored(3));
        expect(await query({})).to.deep.equal([uuid(3), uuid(2), uuid(1)]);
        expect(await query({ ascending: true })).to.deep.equal([uuid(1), uuid(2), uuid(3)]);
        const first = await store.read((tx) => store.queryStatements(tx, toStatementFilter({ limit: 2 })));
        expect(first).to.have.lengthOf(3); // limit + 1 tells the caller there is more
        const cursor = first[1]?.cursor;
        const rest = await store.read((tx) => store.queryStatements(tx, toStatementFilter({ limit: 2 }, cursor)));
        expect(rest.map((r) => r.statement.id)).to.deep.equal([uuid(1)]);
      });

      it("filters by verb, registration, since/until and authority", async () => {
        const registration = uuid(100);
        await insert(
          stored(1),
          stored(2, { verb: { id: VERBS.attempted }, context: { registration } }),
          stored(3, { authority: other }),
        );
        expect(await query({ verb: VERBS.attempted })).to.deep.equal([uuid(2)]);
        expect(await query({ registration: registration.toUpperCase() })).to.deep.equal([uuid(2)]);
        expect(await query({ since: stored(1).stored, until: stored(2).stored })).to.deep.equal([uuid(2)]);
        expect(await query({}, { authorityIfi: `account:${JSON.stringify(["urn:obuka:lrs", "other-writer"])}` })).to.deep.equal([uuid(3)]);
      });

      it("filters by agent, with related_agents widening to context agents and authority", async () => {
        const instructor = { mbox: "mailto:teacher@example.org" };
        await insert(
          stored(1),
          stored(2, { actor: { mbox: "mailto:bo@example.org" }, context: { instructor } }),
          stored(3, { actor: { objectType: "Group", member: [{ mbox: "mailto:teacher@example.org" }] } }),
        );
        expect(await query({ agent: { mbox: "mailto:ana@example.org" } })).to.deep.equal([uuid(1)]);
        expect(await query({ agent: instructor })).to.deep.equal([uuid(3)]);
        expect(await query({ agent: instructor, related_agents: true })).to.deep.equal([uuid(3), uuid(2)]);
        expect(await query({ agent: authority, related_agents: true })).to.have.lengthOf(3);
        expect(await query({ agent: authority })).to.deep.equal([]);
      });

      it("filters by activity, with related_activities widening to context activities and sub-statements", async () => {
        const parent = "https://example.org/courses/social-care";
        await insert(
          stored(1, { context: { contextActivities: { parent: [{ id: parent }] } } }),
          stored(2, { object: { id: parent } }),
          stored(3, { object: { objectType: "SubStatement", actor: { mbox: "mailto:x@example.org" }, verb: { id: VERBS.completed }, object: { id: parent } } }),
        );
        expect(await query({ activity: parent })).to.deep.equal([uuid(2)]);
        expect(await query({ activity: parent, related_activities: true })).to.deep.equal([uuid(3), uuid(2), uuid(1)]);
      });
    });

    describe("attachments", () => {
      it("keeps attachment data once per hash and returns only the stored hashes asked for", async () => {
        const part = (sha2: string, text: string) => ({ sha2, contentType: "text/plain", content: Buffer.from(text) });
        await store.write(async (tx) => {
          await store.insertAttachment(tx, part("aa".repeat(32), "first"));
          await store.insertAttachment(tx, part("aa".repeat(32), "first again"));
          await store.insertAttachment(tx, part("bb".repeat(32), "second"));
        });
        const got = await store.read((tx) => store.getAttachments(tx, ["aa".repeat(32), "cc".repeat(32)]));
        expect(got.map((p) => ({ ...p, content: p.content.toString() }))).to.deep.equal([{ sha2: "aa".repeat(32), contentType: "text/plain", content: "first" }]);
        expect(await store.read((tx) => store.getAttachments(tx, []))).to.deep.equal([]);
      });

      it("rolls attachment data back with its transaction", async () => {
        const attempt = store.write(async (tx) => {
          await store.insertAttachment(tx, { sha2: "dd".repeat(32), contentType: "text/plain", content: Buffer.from("x") });
          throw new Error("stop");
        });
        await attempt.catch(() => undefined);
        expect(await store.read((tx) => store.getAttachments(tx, ["dd".repeat(32)]))).to.deep.equal([]);
      });
    });

    describeProfilesAndRefs(() => store);

    describe("credentials", () => {
      it("stores, finds, lists and revokes credentials", async () => {
        const credential = { key: "k1", name: "lms", scopes: ["all" as const], authority, revoked: false, createdAt: "2024-01-01T00:00:00.000Z" };
        await store.write((tx) => store.insertCredential(tx, { credential, secretHash: "ab".repeat(32) }));
        expect(await store.read((tx) => store.getCredential(tx, "k1"))).to.deep.equal({ credential, secretHash: "ab".repeat(32) });
        expect(await store.read((tx) => store.getCredential(tx, "nope"))).to.equal(undefined);
        expect(await store.write((tx) => store.revokeCredential(tx, "k1"))).to.equal(true);
        expect(await store.write((tx) => store.revokeCredential(tx, "nope"))).to.equal(false);
        expect(await store.read((tx) => store.listCredentials(tx))).to.deep.equal([{ ...credential, revoked: true }]);
      });
    });

    describe("state documents", () => {
      const base = { activityId: ACTIVITY, agentIfi: "mbox:mailto:ana@example.org" };
      const doc = (text: string, updated: string) => ({ contentType: "text/plain", body: Buffer.from(text), etag: `"${text}"`, updated });

      it("puts, overwrites, gets and deletes one document, keyed by registration", async () => {
        const key = { ...base, registration: "", stateId: "s1" };
        const keyInRegistration = { ...key, registration: uuid(7) };
        await store.write(async (tx) => {
          await store.putStateDocument(tx, key, doc("a", "2024-01-01T00:00:00.000Z"));
          await store.putStateDocument(tx, key, doc("b", "2024-01-01T00:00:01.000Z"));
          await store.putStateDocument(tx, keyInRegistration, doc("r", "2024-01-01T00:00:02.000Z"));
        });
        const got = await store.read((tx) => store.getStateDocument(tx, key));
        expect(got?.body.toString()).to.equal("b");
        expect(got).to.deep.include({ contentType: "text/plain", etag: '"b"', updated: "2024-01-01T00:00:01.000Z" });
        await store.write((tx) => store.deleteStateDocument(tx, key));
        expect(await store.read((tx) => store.getStateDocument(tx, key))).to.equal(undefined);
        expect((await store.read((tx) => store.getStateDocument(tx, keyInRegistration)))?.body.toString()).to.equal("r");
      });

      it("lists ids (optionally since a time) and deletes by scope", async () => {
        await store.write(async (tx) => {
          await store.putStateDocument(tx, { ...base, registration: "", stateId: "a" }, doc("a", "2024-01-01T00:00:00.000Z"));
          await store.putStateDocument(tx, { ...base, registration: uuid(7), stateId: "b" }, doc("b", "2024-01-01T00:00:05.000Z"));
          await store.putStateDocument(tx, { ...base, agentIfi: "mbox:mailto:bo@example.org", registration: "", stateId: "c" }, doc("c", "2024-01-01T00:00:05.000Z"));
        });
        const all = { ...base, registration: undefined };
        expect(await store.read((tx) => store.listStateIds(tx, all, undefined))).to.deep.equal(["a", "b"]);
        expect(await store.read((tx) => store.listStateIds(tx, all, "2024-01-01T00:00:01.000Z"))).to.deep.equal(["b"]);
        expect(await store.read((tx) => store.listStateIds(tx, { ...base, registration: uuid(7) }, undefined))).to.deep.equal(["b"]);
        await store.write((tx) => store.deleteStateDocuments(tx, { ...base, registration: uuid(7) }));
        expect(await store.read((tx) => store.listStateIds(tx, all, undefined))).to.deep.equal(["a"]);
        await store.write((tx) => store.deleteStateDocuments(tx, all));
        expect(await store.read((tx) => store.listStateIds(tx, all, undefined))).to.deep.equal([]);
        const otherAgent = { ...all, agentIfi: "mbox:mailto:bo@example.org" };
        expect(await store.read((tx) => store.listStateIds(tx, otherAgent, undefined))).to.deep.equal(["c"]);
      });
    });
  });
}
