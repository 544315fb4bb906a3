// Statement rules of the ADL LRS conformance suites (test/v1_0_3 and test/v2_0 of
// adlnet/lrs-conformance-test-suite), checked against a real server for both versions.
// docs/lrs-conformance.md maps each requirement group to the tests that cover it.
import { expect } from "chai";
import { ACTIVITY, createTestLrs, statement, uuid, VERBS, voiding, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

const VERSIONS = ["1.0.3", "2.0.0"] as const;
type Version = (typeof VERSIONS)[number];

const mbox = (name: string) => ({ objectType: "Agent", mbox: `mailto:${name}@example.org` });
const subStatement = (overrides: Record<string, unknown> = {}) =>
  statement({ object: { objectType: "SubStatement", actor: mbox("sub"), verb: { id: VERBS.attempted }, object: { id: ACTIVITY }, ...overrides } });
const interaction = (definition: Record<string, unknown>) => statement({ object: { objectType: "Activity", id: ACTIVITY, definition } });
const withContext = (context: Record<string, unknown>) => statement({ context });
const contextAgent = (entry: Record<string, unknown>) => withContext({ contextAgents: [{ objectType: "contextAgent", agent: mbox("peer"), ...entry }] });

interface Row {
  name: string;
  body: unknown;
  /** Expected status per version; one number for both. */
  status: number | Record<Version, number>;
  /** Part of the 400's message: the path it names. */
  message?: string;
}

const rows: Row[] = [
  // Data 4.5 (2.0: 4.2.7) timestamps
  { name: "an RFC 3339 timestamp with a space for the T", body: statement({ timestamp: "2008-09-15 15:53:00.601+00:00" }), status: 200 },
  { name: "a timestamp with a basic offset", body: statement({ timestamp: "2008-09-15T15:53:00.601+0100" }), status: 200 },
  { name: "a timestamp with the -00 offset", body: statement({ timestamp: "2008-09-15T15:53:00.601-00" }), status: 400, message: "timestamp" },
  { name: "a timestamp with the -0000 offset", body: statement({ timestamp: "2008-09-15T15:53:00.601-0000" }), status: 400, message: "timestamp" },
  { name: "a timestamp with the -00:00 offset", body: statement({ timestamp: "2008-09-15T15:53:00.601-00:00" }), status: 400, message: "timestamp" },
  { name: "a date that is no timestamp", body: statement({ timestamp: "01/011/2015" }), status: 400, message: "timestamp" },
  // ISO 8601 (Data 4.5; suite XAPI-00123: "ISO 8601 Extended or ISO 8601 Basic") beyond RFC 3339
  { name: "an ISO 8601 basic-format timestamp", body: statement({ timestamp: "20080915T155300Z" }), status: 200 },
  { name: "a basic-format timestamp with a fraction and an offset", body: statement({ timestamp: "20080915T155300.601+0100" }), status: 200 },
  { name: "a timestamp with a comma as the decimal sign", body: statement({ timestamp: "2008-09-15T15:53:00,601Z" }), status: 200 },
  { name: "a timestamp to the minute (ISO 8601 reduced accuracy)", body: statement({ timestamp: "2008-09-15T15:53Z" }), status: 200 },
  { name: "a sub-statement timestamp in basic format", body: subStatement({ timestamp: "20080915T155300Z" }), status: 200 },
  { name: "a timestamp mixing extended date and basic time", body: statement({ timestamp: "2008-09-15T155300Z" }), status: 400, message: "timestamp" },
  { name: "a timestamp mixing basic date and extended time", body: statement({ timestamp: "20080915T15:53:00Z" }), status: 400, message: "timestamp" },
  { name: "a timestamp on a day that does not exist", body: statement({ timestamp: "2008-02-30T15:53:00Z" }), status: 400, message: "timestamp" },
  { name: "a timestamp at hour 25", body: statement({ timestamp: "2008-09-15T25:00:00Z" }), status: 400, message: "timestamp" },
  { name: "a timestamp with a 24-hour offset", body: statement({ timestamp: "2008-09-15T15:53:00+24:00" }), status: 400, message: "timestamp" },
  { name: "a date without a time", body: statement({ timestamp: "2008-09-15" }), status: 400, message: "timestamp" },
  { name: "a sub-statement timestamp mixing formats", body: subStatement({ timestamp: "2008-09-15T155300Z" }), status: 400, message: "object.timestamp" },
  {
    name: "a basic-format timestamp without a time zone",
    body: statement({ timestamp: "20080915T155300" }),
    status: { "1.0.3": 200, "2.0.0": 400 },
    message: "timestamp: must include a time zone",
  },
  {
    name: "a timestamp without a time zone (1.0.3 recommends one, 2.0 requires it)",
    body: statement({ timestamp: "2008-09-15T15:53:00.601" }),
    status: { "1.0.3": 200, "2.0.0": 400 },
    message: "timestamp: must include a time zone",
  },
  {
    name: "a sub-statement timestamp without a time zone",
    body: subStatement({ timestamp: "2008-09-15T15:53:00" }),
    status: { "1.0.3": 200, "2.0.0": 400 },
    message: "object.timestamp: must include a time zone",
  },
  // Data 4.6 durations
  { name: "a duration in weeks", body: statement({ result: { duration: "P4W" } }), status: 200 },
  { name: "a duration with fractional seconds", body: statement({ result: { duration: "P3Y1M29DT4H35M59.14S" } }), status: 200 },
  { name: "weeks mixed with days", body: statement({ result: { duration: "P4W1D" } }), status: 400, message: "result.duration" },
  { name: "a duration that is no duration", body: statement({ result: { duration: "PA1H0M0S" } }), status: 400, message: "result.duration" },
  // Data 2.2 / 4.2 language tags (RFC 5646)
  { name: "a language-script-region tag", body: statement({ verb: { id: VERBS.completed, display: { "sr-Latn-RS": "završio" } } }), status: 200 },
  { name: "a three-letter language in context.language", body: withContext({ language: "cmn" }), status: 200 },
  { name: "a nine-letter language subtag", body: statement({ verb: { id: VERBS.completed, display: { something: "x" } } }), status: 400, message: "verb.display.something" },
  {
    name: "a tag repeating an extension singleton",
    body: statement({ object: { id: ACTIVITY, definition: { name: { "zh-z-aaa-z-bbb-c-ccc": "x" } } } }),
    status: 400,
    message: "object.definition.name.zh-z-aaa-z-bbb-c-ccc",
  },
  { name: "an invalid context.language", body: withContext({ language: "something" }), status: 400, message: "context.language" },
  // Data 2.2 nulls, types and key case
  { name: "a null agent name", body: statement({ actor: { mbox: "mailto:ana@example.org", name: null } }), status: 400, message: "actor.name" },
  { name: "a null language map value", body: statement({ verb: { id: VERBS.completed, display: { "en-US": null } } }), status: 400, message: "verb.display.en-US" },
  { name: "a null extension value", body: statement({ result: { extensions: { "http://example.com/null": null } } }), status: 200 },
  { name: "a number given as a string", body: statement({ result: { score: { max: "100" } } }), status: 400, message: "result.score.max" },
  { name: "a key in the wrong case", body: { ...statement(), Version: "1.0.0" }, status: 400, message: "Version: is not allowed" },
  // Data 2.4.4.1 interaction activities
  { name: "a correctResponsesPattern without interactionType", body: interaction({ correctResponsesPattern: ["true"] }), status: 400, message: "object.definition.correctResponsesPattern: requires interactionType" },
  { name: "an interactionType in the wrong case", body: interaction({ interactionType: "choiCe" }), status: 400, message: "object.definition.interactionType" },
  { name: "choices on a likert interaction", body: interaction({ interactionType: "likert", choices: [{ id: "a" }] }), status: 400, message: "object.definition.choices" },
  { name: "a likert interaction with its scale", body: interaction({ interactionType: "likert", scale: [{ id: "1", description: { "sr-Latn-RS": "loše" } }] }), status: 200 },
  { name: "a matching interaction with source and target", body: interaction({ interactionType: "matching", source: [{ id: "a" }], target: [{ id: "1" }] }), status: 200 },
  // Data 2.4.4.2 objects
  { name: "an Agent object without objectType", body: statement({ object: { mbox: "mailto:x@example.org" } }), status: 400, message: "object.mbox" },
  // Data 2.4.9 authority
  { name: "an Agent authority", body: statement({ authority: mbox("lms") }), status: 200 },
  { name: "an anonymous two-member Group authority", body: statement({ authority: { objectType: "Group", member: [mbox("app"), mbox("user")] } }), status: 200 },
  {
    name: "an identified Group authority",
    body: statement({ authority: { objectType: "Group", mbox: "mailto:team@example.org", member: [mbox("app"), mbox("user")] } }),
    status: 400,
    message: "authority: a Group authority must be anonymous",
  },
  { name: "a one-member Group authority", body: statement({ authority: { objectType: "Group", member: [mbox("app")] } }), status: 400, message: "authority.member" },
  {
    name: "a three-member Group authority",
    body: statement({ authority: { objectType: "Group", member: [mbox("a"), mbox("b"), mbox("c")] } }),
    status: 400,
    message: "authority.member",
  },
  // 2.0 contextAgents / contextGroups (refused altogether under 1.0.3)
  { name: "a valid contextAgent", body: contextAgent({ relevantTypes: ["https://example.org/types/mentor"] }), status: { "1.0.3": 400, "2.0.0": 200 }, message: "context.contextAgents" },
  { name: "a contextAgent with another objectType", body: contextAgent({ objectType: "Should fail" }), status: 400, message: "context.contextAgents[0]" },
  { name: "a contextAgent whose agent is no Agent", body: contextAgent({ agent: { key: "x" } }), status: 400, message: "context.contextAgents[0]" },
  { name: "a contextAgent with empty relevantTypes", body: contextAgent({ relevantTypes: [] }), status: 400, message: "context.contextAgents[0]" },
  { name: "a contextAgent with a relevantType that is no IRI", body: contextAgent({ relevantTypes: ["abc"] }), status: 400, message: "context.contextAgents[0]" },
  {
    name: "a contextGroup with an anonymous Group",
    body: withContext({ contextGroups: [{ objectType: "contextGroup", group: { objectType: "Group", member: [mbox("a"), mbox("b")] } }] }),
    status: { "1.0.3": 400, "2.0.0": 200 },
    message: "context.contextGroups",
  },
  {
    name: "contextGroups of identified Groups with members and relevantTypes, in a sub-statement",
    body: subStatement({
      context: {
        contextGroups: [
          { objectType: "contextGroup", group: { objectType: "Group", mbox: "mailto:team-1@example.org", member: [mbox("p1"), mbox("p2")] }, relevantTypes: ["https://example.org/types/team"] },
          { objectType: "contextGroup", group: { objectType: "Group", mbox: "mailto:team-2@example.org", member: [mbox("p3")] } },
        ],
      },
    }),
    status: { "1.0.3": 400, "2.0.0": 200 },
    message: "object.context.contextGroups",
  },
  {
    name: "a contextGroup whose group is an Agent",
    body: withContext({ contextGroups: [{ objectType: "contextGroup", group: mbox("a") }] }),
    status: 400,
    message: "context.contextGroups[0].group",
  },
];

describe("xAPI conformance: statements (ADL suite, 1.0.3 and 2.0)", () => {
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

  async function all(version: Version, query: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
    const res = await server.request("GET", `/statements${qs(query)}`, { version });
    expect(res.status, JSON.stringify(query)).to.equal(200);
    return ((await res.json()) as { statements: Record<string, unknown>[] }).statements;
  }

  for (const version of VERSIONS) {
    describe(`X-Experience-API-Version ${version}`, () => {
      for (const row of rows) {
        const status = typeof row.status === "number" ? row.status : row.status[version];
        it(`answers ${status} to ${row.name}${status === 400 ? ", naming the path, and stores nothing" : ""}`, async () => {
          const res = await server.request("POST", "/statements", { json: row.body, version });
          const text = await res.text();
          expect(res.status, text).to.equal(status);
          if (status === 400) {
            if (row.message !== undefined) expect((JSON.parse(text) as { error: { message: string } }).error.message).to.include(row.message);
            expect(await all(version)).to.deep.equal([]);
          } else {
            expect(await all(version)).to.have.lengthOf(1);
          }
        });
      }

      it("sends Last-Modified with one statement, its stored time, and none with a page that voiding may change", async () => {
        await server.request("POST", "/statements", { json: statement({ id: uuid(1) }), version });
        await server.request("POST", "/statements", { json: statement({ id: uuid(2) }), version });
        for (const key of ["statementId", "voidedStatementId"]) {
          if (key === "voidedStatementId") await server.request("POST", "/statements", { json: voiding(uuid(1), { id: uuid(3) }), version });
          const one = await server.request("GET", `/statements${qs({ [key]: uuid(1) })}`, { version });
          const stored = ((await one.json()) as { stored: string }).stored;
          expect(Date.parse(one.headers.get("Last-Modified") ?? ""), key).to.equal(Math.floor(Date.parse(stored) / 1000) * 1000);
        }
        expect((await server.request("GET", "/statements", { version })).headers.get("Last-Modified")).to.equal(null);
      });

      it("sends X-Experience-API-Consistent-Through with a 400 too", async () => {
        for (const query of ["?LIMIT=1", "?statementId=not-a-uuid", `?statementId=${uuid(1)}&verb=${encodeURIComponent(VERBS.completed)}`]) {
          const res = await server.request("GET", `/statements${query}`, { version });
          expect(res.status, query).to.equal(400);
          expect(Date.parse(res.headers.get("X-Experience-API-Consistent-Through") ?? ""), query).to.not.be.NaN;
        }
      });

      it("returns UTF-8 text exactly as sent (Communication 1.4)", async () => {
        const display = { "sr-Latn": "završio", "sr-Cyrl": "завршио", "zh-Hans": "完成", und: "👍" };
        await server.request("POST", "/statements", { json: statement({ id: uuid(1), verb: { id: VERBS.completed, display } }), version });
        const [got] = await all(version, { verb: VERBS.completed });
        expect((got?.["verb"] as { display: unknown }).display).to.deep.equal(display);
      });

      it("fills timestamp with stored, and replaces a stored sent by the client", async () => {
        await server.request("POST", "/statements", { json: statement({ id: uuid(1), stored: "2011-07-15T00:00:00.000Z" }), version });
        const [got] = await all(version);
        expect(got?.["stored"]).to.not.equal("2011-07-15T00:00:00.000Z");
        expect(got?.["timestamp"]).to.equal(got?.["stored"]);
      });

      it("keeps only identifiers with format=ids: activities by id, identified groups without members", async () => {
        const group = { objectType: "Group", mbox: "mailto:team@example.org", name: "Team", member: [mbox("a")] };
        const anonymous = { objectType: "Group", member: [{ ...mbox("b"), name: "Bo" }] };
        await server.request("POST", "/statements", {
          json: statement({ id: uuid(1), actor: anonymous, object: { objectType: "SubStatement", actor: group, verb: { id: VERBS.completed, display: { en: "x" } }, object: { objectType: "Activity", id: ACTIVITY, definition: { name: { en: "Unit" } } } } }),
          version,
        });
        const [got] = await all(version, { format: "ids" });
        const sub = got?.["object"] as Record<string, unknown>;
        expect(got?.["actor"]).to.deep.equal({ objectType: "Group", member: [mbox("b")] });
        expect(sub["actor"]).to.deep.equal({ objectType: "Group", mbox: "mailto:team@example.org" });
        expect(sub["verb"]).to.deep.equal({ id: VERBS.completed });
        expect(sub["object"]).to.deep.equal({ id: ACTIVITY });
      });

      it("filters by since (exclusive), until (inclusive), ascending and limit, on stored time", async () => {
        for (const n of [1, 2, 3]) await server.request("POST", "/statements", { json: statement({ id: uuid(n) }), version });
        const stored = new Map((await all(version)).map((s) => [s["id"] as string, s["stored"] as string]));
        const at = (n: number) => stored.get(uuid(n)) ?? "";
        const ids = async (query: Record<string, unknown>) => (await all(version, query)).map((s) => s["id"]);
        expect(await ids({ since: at(1) })).to.deep.equal([uuid(3), uuid(2)]);
        expect(await ids({ until: at(2) })).to.deep.equal([uuid(2), uuid(1)]);
        expect(await ids({ since: at(1), until: at(2) })).to.deep.equal([uuid(2)]);
        expect(await ids({ ascending: "true" })).to.deep.equal([uuid(1), uuid(2), uuid(3)]);
        expect(await ids({ limit: "1", ascending: "true" })).to.deep.equal([uuid(1)]);
        // The same instant written with an offset means the same thing.
        const inBelgrade = new Date(Date.parse(at(1)) + 3_600_000).toISOString().replace("Z", "+01:00");
        expect(await ids({ since: inBelgrade })).to.deep.equal([uuid(3), uuid(2)]);
      });

      it("matches related agents and activities anywhere in the statement only when asked", async () => {
        const instructor = mbox("mentor");
        const category = "https://example.org/categories/foster-care";
        await server.request("POST", "/statements", {
          json: [
            statement({ id: uuid(1), context: { instructor, contextActivities: { category: { id: category } } } }),
            subStatement({ context: { instructor } }),
            statement({ id: uuid(3), actor: instructor }),
          ],
          version,
        });
        const ids = async (query: Record<string, unknown>) => (await all(version, query)).map((s) => s["id"]);
        expect(await ids({ agent: instructor })).to.deep.equal([uuid(3)]);
        expect(await ids({ agent: instructor, related_agents: "true" })).to.have.lengthOf(3);
        expect(await ids({ activity: category })).to.deep.equal([]);
        expect(await ids({ activity: category, related_activities: "true" })).to.deep.equal([uuid(1)]);
      });

      it("returns a voided statement only by voidedStatementId, and what targets it by the filters", async () => {
        const verb = "https://example.org/verbs/reviewed";
        await server.request("POST", "/statements", { json: statement({ id: uuid(1), verb: { id: verb } }), version });
        await server.request("POST", "/statements", { json: voiding(uuid(1), { id: uuid(2) }), version });
        await server.request("POST", "/statements", { json: statement({ id: uuid(3), verb: { id: verb }, object: { objectType: "StatementRef", id: uuid(1) } }), version });
        expect((await server.request("GET", `/statements${qs({ statementId: uuid(1) })}`, { version })).status).to.equal(404);
        expect((await server.request("GET", `/statements${qs({ voidedStatementId: uuid(1), format: "ids", attachments: "true" })}`, { version })).status).to.equal(200);
        expect((await all(version, { verb })).map((s) => s["id"])).to.deep.equal([uuid(3), uuid(2)]);
        expect((await all(version, { verb, limit: "1" })).map((s) => s["id"])).to.deep.equal([uuid(3)]);
      });

      it("refuses statementId or voidedStatementId with any filter but format and attachments", async () => {
        await server.request("POST", "/statements", { json: statement({ id: uuid(1) }), version });
        for (const key of ["statementId", "voidedStatementId"]) {
          for (const [name, value] of [["agent", JSON.stringify(mbox("a"))], ["verb", VERBS.completed], ["activity", ACTIVITY], ["registration", uuid(9)], ["related_activities", "true"], ["related_agents", "true"], ["since", "2012-06-01T19:09:13.245Z"], ["until", "2012-06-01T19:09:13.245Z"], ["limit", "1"], ["ascending", "true"]] as const) {
            const res = await server.request("GET", `/statements?${key}=${uuid(1)}&${name}=${encodeURIComponent(value)}`, { version });
            expect(res.status, `${key} + ${name}`).to.equal(400);
          }
        }
        expect((await server.request("GET", `/statements?statementId=${uuid(1)}&format=ids&attachments=false`, { version })).status).to.equal(200);
      });
    });
  }
});
