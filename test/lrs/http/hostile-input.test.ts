// Whatever a client sends, the answer is a 4xx naming the problem and nothing is stored;
// never a 500. Each row is one hostile request.
import { expect } from "chai";
import { ACTIVITY, createTestLrs, statement, uuid, type TestLrs } from "../support/fixtures.js";
import { MAX_JSON_DEPTH } from "../../../lrs/domain/validate-statement.js";
import { qs, startServer, type RequestOptions, type TestServer } from "../support/http.js";

const agent = { mbox: "mailto:ana@example.org" };
const nested = (depth: number, leaf = "1") => "[".repeat(depth) + leaf + "]".repeat(depth);
const statementJson = (extension: string) =>
  `{"actor":{"mbox":"mailto:ana@example.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/completed"},"object":{"id":"${ACTIVITY}"},"result":{"extensions":{"https://example.org/x":${extension}}}}`;
const state = (params: Record<string, unknown> = {}) => `/activities/state${qs({ activityId: ACTIVITY, agent, stateId: "s", ...params })}`;
const profile = (params: Record<string, unknown> = {}) => `/activities/profile${qs({ activityId: ACTIVITY, profileId: "p", ...params })}`;

interface Row {
  name: string;
  method: string;
  url: string;
  options?: RequestOptions;
  /** Part of the error message, when the answer has one to check. */
  message?: string;
}

const rows: Row[] = [
  { name: "truncated JSON", method: "POST", url: "/statements", options: { body: '{"actor":', contentType: "application/json" }, message: "body: is not valid JSON" },
  { name: "JSON sent as text/plain", method: "POST", url: "/statements", options: { body: JSON.stringify(statement()), contentType: "text/plain" }, message: "Content-Type" },
  { name: "no Content-Type", method: "POST", url: "/statements", options: { body: JSON.stringify(statement()) }, message: "Content-Type" },
  { name: "form-encoded statement", method: "POST", url: "/statements", options: { body: "actor=ana", contentType: "application/x-www-form-urlencoded" }, message: "Content-Type" },
  { name: "multipart without a boundary", method: "POST", url: "/statements", options: { body: "x", contentType: "multipart/mixed" } },
  { name: "JSON null", method: "POST", url: "/statements", options: { body: "null", contentType: "application/json" }, message: "must be an object" },
  { name: "a bare number", method: "POST", url: "/statements", options: { body: "42", contentType: "application/json" }, message: "must be an object" },
  { name: "a batch of non-objects", method: "POST", url: "/statements", options: { body: "[1, null]", contentType: "application/json" }, message: "[0]: must be an object" },
  { name: "a number too big for a double", method: "POST", url: "/statements", options: { body: JSON.stringify(statement()).replace('"object"', '"result":{"score":{"raw":1e400}},"object"'), contentType: "application/json" }, message: "result.score.raw" },
  { name: "scaled score of 1e308", method: "POST", url: "/statements", options: { json: statement({ result: { score: { scaled: 1e308 } } }) }, message: "result.score.scaled" },
  { name: "100,000 nested arrays in an extension", method: "POST", url: "/statements", options: { body: statementJson(nested(100_000)), contentType: "application/json" }, message: "must not nest" },
  { name: "65 nested arrays in an extension", method: "POST", url: "/statements", options: { body: statementJson(nested(65)), contentType: "application/json" }, message: "must not nest" },
  { name: "100,000 nested arrays as the body", method: "POST", url: "/statements", options: { body: nested(100_000), contentType: "application/json" } },
  { name: "id of the wrong type", method: "POST", url: "/statements", options: { json: statement({ id: 12345 }) }, message: "id: must be a string" },
  { name: "PUT with a statementId that is no UUID", method: "PUT", url: `/statements${qs({ statementId: "1; DROP TABLE lrs_statements" })}`, options: { json: statement() }, message: "id: must be a UUID" },
  { name: "limit below zero", method: "GET", url: "/statements?limit=-1", message: "limit" },
  { name: "limit as a float", method: "GET", url: "/statements?limit=1e400", message: "limit" },
  { name: "agent that is not JSON", method: "GET", url: "/statements?agent=ana", message: "agent: must be JSON" },
  { name: "agent as a JSON array", method: "GET", url: `/statements${qs({ agent: [agent] })}`, message: "agent: must be an object" },
  { name: "agent with a numeric mbox", method: "GET", url: `/statements${qs({ agent: { mbox: 1 } })}`, message: "agent.mbox" },
  { name: "ascending that is not a boolean", method: "GET", url: "/statements?ascending=yes", message: "ascending" },
  { name: "a parameter given twice", method: "GET", url: `/statements?statementId=${uuid(1)}&statementId=${uuid(2)}`, message: "statementId: must be given once" },
  { name: "a parameter in the wrong case", method: "GET", url: `/statements?StatementId=${uuid(1)}`, message: "StatementId: is not a parameter" },
  { name: "bracketed parameter names", method: "GET", url: "/statements?agent[mbox]=mailto:a@b.c", message: "is not a parameter" },
  { name: "an unknown format", method: "GET", url: "/statements?format=full", message: "format" },
  { name: "a forged more token", method: "GET", url: "/statements?more=eyJxdWVyeSI6MX0", message: "more" },
  { name: "since that is no timestamp", method: "GET", url: "/statements?since=yesterday", message: "since" },
  { name: "two version headers in one", method: "GET", url: "/statements", options: { version: "1.0.3, 2.0.0" }, message: "X-Experience-API-Version" },
  { name: "malformed Basic credentials", method: "GET", url: "/statements", options: { auth: "Basic !!!" } },
  { name: "state with an agent array", method: "PUT", url: state({ agent: [agent] }), options: { body: "x" }, message: "agent: must be an object" },
  { name: "state with a numeric registration", method: "PUT", url: state({ registration: 7 }), options: { body: "x" }, message: "registration" },
  { name: "state POST of JSON that is not an object", method: "POST", url: state(), options: { body: "[1]", contentType: "application/json" }, message: "body: must be an object" },
  { name: "state POST of invalid JSON", method: "POST", url: state(), options: { body: "{", contentType: "application/json" }, message: "body" },
  { name: "profile POST of invalid JSON", method: "POST", url: profile(), options: { body: "{oops", contentType: "application/json" }, message: "body" },
  { name: "profile PUT with a garbage If-Match", method: "PUT", url: profile(), options: { body: "x", headers: { "If-Match": '"not-an-etag"' } } },
  { name: "profile without activityId", method: "PUT", url: `/activities/profile${qs({ profileId: "p" })}`, options: { body: "x" }, message: "activityId" },
  { name: "agent profile for a Group", method: "PUT", url: `/agents/profile${qs({ agent: { objectType: "Group", member: [agent] }, profileId: "p" })}`, options: { body: "x" } },
  { name: "a body over the size limit", method: "PUT", url: profile(), options: { body: Buffer.alloc(11 * 1024 * 1024, 0x61), contentType: "text/plain" } },
];

describe("xAPI hostile input over HTTP", () => {
  let t: TestLrs;
  let server: TestServer;

  before(async () => {
    t = await createTestLrs();
    const { header } = await t.credential(["all"]);
    server = await startServer(t.lrs, header);
  });
  after(async () => {
    await server.close();
    await t.cleanup();
  });

  async function storedNothing(): Promise<void> {
    const [credential] = await t.lrs.credentials.list();
    expect((await t.lrs.queryStatements({}, credential!)).statements, "statements").to.deep.equal([]);
    expect(await t.lrs.listStateIds({ activityId: ACTIVITY, agent }, undefined, credential!), "state").to.deep.equal([]);
    expect(await t.lrs.listProfileIds({ activityId: ACTIVITY }, undefined, credential!), "activity profiles").to.deep.equal([]);
  }

  for (const row of rows) {
    it(`answers 4xx to ${row.name} and stores nothing`, async () => {
      const res = await server.request(row.method, row.url, row.options);
      const text = await res.text();
      expect(res.status, text).to.be.within(400, 499);
      if (row.message !== undefined) expect(text).to.include(row.message);
      expect(text).to.not.match(/\bat \w+ \(|node_modules|Error:/);
      expect(server.logged, "nothing reached the 500 path").to.deep.equal([]);
      await storedNothing();
    });
  }

  it("stores, re-sends and returns in every format a statement nested as deep as validation allows, without a 500", async () => {
    // The statement, result and extensions objects take three of the levels.
    const deepest = statementJson(nested(MAX_JSON_DEPTH - 3)).replace("{", `{"id":"${uuid(64)}",`);
    const res = await server.request("POST", "/statements", { body: deepest, contentType: "application/json" });
    expect(res.status, await res.text()).to.equal(200);
    const id = uuid(64);
    const tooDeep = statementJson(nested(MAX_JSON_DEPTH - 2));
    expect((await server.request("POST", "/statements", { body: tooDeep, contentType: "application/json" })).status).to.equal(400);
    const again = await server.request("POST", "/statements", { body: deepest, contentType: "application/json" });
    expect(again.status).to.equal(200);
    for (const format of ["exact", "ids", "canonical"]) {
      expect((await server.request("GET", `/statements${qs({ statementId: id, format })}`)).status, format).to.equal(200);
      expect((await server.request("GET", `/statements${qs({ format })}`)).status, format).to.equal(200);
    }
    expect(server.logged).to.deep.equal([]);
  });
});
