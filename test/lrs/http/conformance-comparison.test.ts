// Statement Comparison (1.0.3 xAPI-Data.md 2.3.1; 2.0 IEEE 9274.1.1 4.2 "Statement
// Immutability" and 4.2.7 durations) decides whether a statement sent again with a known id
// is the same one (200, stored once) or a different one (409, nothing changes). Checked over
// real HTTP against a real store, for both versions.
import { expect } from "chai";
import { ACTIVITY, createTestLrs, statement, uuid, VERBS, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

type Version = "1.0.3" | "2.0.0";
type Outcome = "same" | "conflict";

interface Case {
  name: string;
  first: Record<string, unknown>;
  again: Record<string, unknown>;
  outcome: Outcome | Record<Version, Outcome>;
}

const group = (members: string[]) => ({ objectType: "Group", member: members.map((m) => ({ mbox: `mailto:${m}` })) });
const withResult = (result: Record<string, unknown>) => statement({ result });
const CASES: Case[] = [
  {
    name: "the properties the LRS sets (stored, authority, version)",
    first: statement(),
    again: statement({ stored: "2030-01-01T00:00:00Z", authority: { mbox: "mailto:someone@example.org" }, version: "1.0.0" }),
    outcome: "same",
  },
  {
    name: "the same timestamp written in another zone and notation",
    first: statement({ timestamp: "2024-03-01T10:00:00.000Z" }),
    again: statement({ timestamp: "20240301T110000+0100" }),
    outcome: "same",
  },
  {
    name: "a different timestamp (1.0.3 compares it, 2.0 does not consider it)",
    first: statement({ timestamp: "2024-03-01T10:00:00Z" }),
    again: statement({ timestamp: "2024-03-01T10:00:01Z" }),
    outcome: { "1.0.3": "conflict", "2.0.0": "same" },
  },
  {
    name: "a timestamp sent only the second time, after the LRS filled in its own",
    first: statement(),
    again: statement({ timestamp: "2019-05-05T05:05:05Z" }),
    outcome: "same",
  },
  {
    name: "a different Verb display (not part of the statement)",
    first: statement({ verb: { id: VERBS.completed, display: { "en-US": "completed" } } }),
    again: statement({ verb: { id: VERBS.completed, display: { sr: "završio" } } }),
    outcome: "same",
  },
  {
    name: "a different Activity Definition, on the object and in context (not part of the statement)",
    first: statement({ context: { contextActivities: { parent: { id: "https://example.org/course", definition: { name: { en: "Course" } } } } } }),
    again: statement({ object: { objectType: "Activity", id: ACTIVITY, definition: { name: { en: "Renamed" } } }, context: { contextActivities: { parent: [{ id: "https://example.org/course" }] } } }),
    outcome: "same",
  },
  {
    name: "Group members in another order",
    first: statement({ actor: group(["a@example.org", "b@example.org"]) }),
    again: statement({ actor: group(["b@example.org", "a@example.org"]) }),
    outcome: "same",
  },
  {
    name: "an mbox domain and a registration UUID in other case (case-insensitive properties)",
    first: statement({ actor: { mbox: "mailto:ana@example.org" }, context: { registration: uuid(7) } }),
    again: statement({ actor: { mbox: "MAILTO:ana@EXAMPLE.ORG" }, context: { registration: uuid(7).toUpperCase() } }),
    outcome: "same",
  },
  {
    name: "a result response in other case (only 2.0 disregards case everywhere)",
    first: withResult({ response: "Foster care" }),
    again: withResult({ response: "FOSTER CARE" }),
    outcome: { "1.0.3": "conflict", "2.0.0": "same" },
  },
  {
    name: "durations equal to 0.01 s (1.0.3 compares them as strings)",
    first: withResult({ duration: "PT1M2.341S" }),
    again: withResult({ duration: "PT1M2.349S" }),
    outcome: { "1.0.3": "conflict", "2.0.0": "same" },
  },
  {
    name: "durations that differ by 0.01 s",
    first: withResult({ duration: "PT2.34S" }),
    again: withResult({ duration: "PT2.35S" }),
    outcome: "conflict",
  },
  {
    name: "a duration in other units (the LRS does not convert)",
    first: withResult({ duration: "PT60S" }),
    again: withResult({ duration: "PT1M" }),
    outcome: "conflict",
  },
  {
    name: "a different verb",
    first: statement(),
    again: statement({ verb: { id: VERBS.attempted } }),
    outcome: "conflict",
  },
  {
    name: "a different activity id",
    first: statement(),
    again: statement({ object: { id: `${ACTIVITY}/other` } }),
    outcome: "conflict",
  },
  {
    name: "a different result",
    first: withResult({ success: true }),
    again: withResult({ success: false }),
    outcome: "conflict",
  },
];

describe("xAPI conformance: statement comparison for resends (1.0.3 and 2.0)", () => {
  let t: TestLrs;
  let server: TestServer;

  beforeEach(async () => {
    t = await createTestLrs();
    const { header } = await t.credential(["all"]);
    server = await startServer(t.lrs, header);
  });
  afterEach(async () => {
    await server.close();
    await t.cleanup();
  });

  async function storedStatements(version: Version): Promise<Record<string, unknown>[]> {
    const res = await server.request("GET", `/statements${qs({ ascending: "true" })}`, { version });
    return ((await res.json()) as { statements: Record<string, unknown>[] }).statements;
  }

  for (const version of ["1.0.3", "2.0.0"] as const) {
    describe(`X-Experience-API-Version ${version}`, () => {
      for (const c of CASES) {
        const outcome = typeof c.outcome === "string" ? c.outcome : c.outcome[version];
        it(`${outcome === "same" ? "accepts as the same statement" : "answers 409 to"} ${c.name}`, async () => {
          const first = await server.request("POST", "/statements", { json: { ...c.first, id: uuid(1) }, version });
          expect(first.status, await first.text()).to.equal(200);
          const before = await storedStatements(version);

          const again = await server.request("PUT", `/statements${qs({ statementId: uuid(1) })}`, { json: { ...c.again, id: uuid(1) }, version });
          expect(again.status, await again.text()).to.equal(outcome === "same" ? 204 : 409);
          // Either way the LRS changes nothing (Communication 2.1.1.s2.b2).
          expect(await storedStatements(version)).to.deep.equal(before);
        });
      }

      it("decides each statement of a batch by the same rules, all or nothing", async () => {
        await server.request("POST", "/statements", { json: statement({ id: uuid(1), verb: { id: VERBS.completed, display: { en: "done" } } }), version });
        const same = await server.request("POST", "/statements", { json: [statement({ id: uuid(1), verb: { id: VERBS.completed } }), statement({ id: uuid(2) })], version });
        expect(same.status, await same.text()).to.equal(200);
        const conflict = await server.request("POST", "/statements", { json: [statement({ id: uuid(3) }), statement({ id: uuid(1), verb: { id: VERBS.attempted } })], version });
        expect(conflict.status).to.equal(409);
        expect(((await conflict.json()) as { error: { message: string } }).error.message).to.include("[1].id");
        expect((await storedStatements(version)).map((s) => s["id"])).to.deep.equal([uuid(1), uuid(2)]);
      });
    });
  }
});
