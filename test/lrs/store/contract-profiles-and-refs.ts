// Part of the LrsStore contract (called by describeLrsStore): profile documents,
// canonical activity definitions, and queries that follow StatementRefs.
import { expect } from "chai";
import { defaultAuthority, type LrsStore } from "../../../lrs/index.js";
import { indexStatement } from "../../../lrs/domain/statement-index.js";
import { toStatementFilter, type StatementQuery } from "../../../lrs/domain/statement-query.js";
import type { StoredStatement } from "../../../lrs/domain/xapi-types.js";
import { ACTIVITY, uuid, VERBS } from "../support/fixtures.js";

function stored(n: number, overrides: Partial<StoredStatement> = {}): StoredStatement {
  const at = new Date(Date.UTC(2024, 0, 1, 0, 0, n)).toISOString();
  return {
    id: uuid(n),
    actor: { mbox: "mailto:ana@example.org" },
    verb: { id: VERBS.completed },
    object: { id: ACTIVITY },
    stored: at,
    timestamp: at,
    authority: defaultAuthority("writer"),
    version: "1.0.0",
    ...overrides,
  };
}

const ref = (n: number) => ({ objectType: "StatementRef" as const, id: uuid(n) });

export function describeProfilesAndRefs(storeOf: () => LrsStore): void {
  describe("profile documents", () => {
    const doc = (text: string, updated: string) => ({ contentType: "text/plain", body: Buffer.from(text), etag: `"${text}"`, updated });
    const activityKey = { kind: "activity" as const, owner: ACTIVITY, profileId: "p1" };
    const agentKey = { kind: "agent" as const, owner: "mbox:mailto:ana@example.org", profileId: "p1" };

    it("keeps activity and agent profiles with the same profileId apart, and overwrites and deletes one", async () => {
      const store = storeOf();
      await store.write(async (tx) => {
        await store.putProfileDocument(tx, activityKey, doc("a", "2024-01-01T00:00:00.000Z"));
        await store.putProfileDocument(tx, agentKey, doc("g", "2024-01-01T00:00:01.000Z"));
        await store.putProfileDocument(tx, activityKey, doc("a2", "2024-01-01T00:00:02.000Z"));
      });
      const got = await store.read((tx) => store.getProfileDocument(tx, activityKey));
      expect(got?.body.toString()).to.equal("a2");
      expect(got).to.deep.include({ contentType: "text/plain", etag: '"a2"', updated: "2024-01-01T00:00:02.000Z" });
      expect((await store.read((tx) => store.getProfileDocument(tx, agentKey)))?.body.toString()).to.equal("g");
      await store.write((tx) => store.deleteProfileDocument(tx, activityKey));
      expect(await store.read((tx) => store.getProfileDocument(tx, activityKey))).to.equal(undefined);
      expect(await store.read((tx) => store.getProfileDocument(tx, agentKey))).to.not.equal(undefined);
    });

    it("lists profile ids of one owner, optionally updated after a time", async () => {
      const store = storeOf();
      await store.write(async (tx) => {
        await store.putProfileDocument(tx, { ...activityKey, profileId: "b" }, doc("b", "2024-01-01T00:00:05.000Z"));
        await store.putProfileDocument(tx, { ...activityKey, profileId: "a" }, doc("a", "2024-01-01T00:00:00.000Z"));
        await store.putProfileDocument(tx, { ...agentKey, profileId: "c" }, doc("c", "2024-01-01T00:00:05.000Z"));
      });
      const scope = { kind: "activity" as const, owner: ACTIVITY };
      expect(await store.read((tx) => store.listProfileIds(tx, scope, undefined))).to.deep.equal(["a", "b"]);
      expect(await store.read((tx) => store.listProfileIds(tx, scope, "2024-01-01T00:00:01.000Z"))).to.deep.equal(["b"]);
      expect(await store.read((tx) => store.listProfileIds(tx, { kind: "agent", owner: agentKey.owner }, undefined))).to.deep.equal(["c"]);
    });
  });

  describe("activity definitions", () => {
    it("stores, replaces and returns a definition by activity id", async () => {
      const store = storeOf();
      await store.write(async (tx) => {
        await store.putActivityDefinition(tx, ACTIVITY, { name: { en: "Unit 1" } });
        await store.putActivityDefinition(tx, ACTIVITY, { name: { en: "Unit 1", sr: "Celina 1" } });
      });
      expect(await store.read((tx) => store.getActivityDefinition(tx, ACTIVITY))).to.deep.equal({ name: { en: "Unit 1", sr: "Celina 1" } });
      expect(await store.read((tx) => store.getActivityDefinition(tx, `${ACTIVITY}/other`))).to.equal(undefined);
    });
  });

  describe("StatementRef filter conditions", () => {
    const other = "https://example.org/courses/other";
    async function insert(...statements: StoredStatement[]): Promise<void> {
      const store = storeOf();
      await store.write(async (tx) => {
        for (const s of statements) await store.insertStatement(tx, indexStatement(s), false);
      });
    }
    async function query(q: StatementQuery): Promise<string[]> {
      const store = storeOf();
      const rows = await store.read((tx) => store.queryStatements(tx, toStatementFilter(q)));
      return rows.map((r) => r.statement.id);
    }

    it("returns statements that target a matching statement, recursively, with time filters on the targeting statement", async () => {
      const confirmer = { mbox: "mailto:mentor@example.org" };
      await insert(
        stored(1, { actor: { mbox: "mailto:ben@example.org" } }),
        stored(2, { actor: confirmer, verb: { id: "http://example.org/verbs/confirmed" }, object: ref(1) }),
        stored(3, { actor: confirmer, verb: { id: "http://example.org/verbs/endorsed" }, object: ref(2) }),
        stored(4, { object: { id: other } }),
        stored(5, { actor: confirmer, verb: { id: "http://example.org/verbs/confirmed" }, object: ref(4) }),
      );
      expect(await query({ agent: { mbox: "mailto:ben@example.org" } })).to.deep.equal([uuid(3), uuid(2), uuid(1)]);
      expect(await query({ activity: ACTIVITY })).to.deep.equal([uuid(3), uuid(2), uuid(1)]);
      expect(await query({ activity: other })).to.deep.equal([uuid(5), uuid(4)]);
      expect(await query({ activity: ACTIVITY, until: stored(2).stored })).to.deep.equal([uuid(2), uuid(1)]);
      expect(await query({ activity: ACTIVITY, since: stored(1).stored })).to.deep.equal([uuid(3), uuid(2)]);
      // A targeting statement that itself matches is listed once.
      expect(await query({ agent: confirmer })).to.deep.equal([uuid(5), uuid(3), uuid(2)]);
      expect(await query({ verb: "http://example.org/verbs/confirmed" })).to.deep.equal([uuid(5), uuid(3), uuid(2)]);
    });

    it("returns statements targeting a voided statement but never the voided one", async () => {
      await insert(stored(1), stored(2, { verb: { id: VERBS.voided }, object: ref(1), actor: { mbox: "mailto:admin@example.org" } }));
      const store = storeOf();
      await store.write((tx) => store.markStatementVoided(tx, uuid(1)));
      expect(await query({ activity: ACTIVITY })).to.deep.equal([uuid(2)]);
    });

    it("stops on reference cycles", async () => {
      await insert(stored(1, { object: ref(2) }), stored(2, { object: ref(1), verb: { id: VERBS.attempted } }));
      expect(await query({ verb: VERBS.attempted })).to.deep.equal([uuid(2), uuid(1)]);
    });
  });
}
