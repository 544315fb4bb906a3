import { expect } from "chai";
import { ACTIVITY, createTestLrs, statement, uuid, VERBS, voiding, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

describe("xAPI versions, HEAD and StatementRef queries over HTTP", () => {
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

  const getStatement = async (id: string) => (await (await server.request("GET", `/statements${qs({ statementId: id })}`)).json()) as Record<string, unknown>;

  it("stores version 1.0.0 under 1.0.x and 2.0.0 under 2.0, and keeps a version sent with the statement", async () => {
    await server.request("POST", "/statements", { json: statement({ id: uuid(1) }), version: "1.0.3" });
    await server.request("POST", "/statements", { json: statement({ id: uuid(2) }), version: "2.0.0" });
    await server.request("PUT", `/statements${qs({ statementId: uuid(3) })}`, { json: statement(), version: "2.0" });
    await server.request("POST", "/statements", { json: statement({ id: uuid(4), version: "1.0.3" }), version: "2.0.0" });
    expect((await getStatement(uuid(1)))["version"]).to.equal("1.0.0");
    expect((await getStatement(uuid(2)))["version"]).to.equal("2.0.0");
    expect((await getStatement(uuid(3)))["version"]).to.equal("2.0.0");
    expect((await getStatement(uuid(4)))["version"]).to.equal("1.0.3");
  });

  it("refuses 2.0 statements and 2.0 properties under 1.0.x, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [statement({ version: "2.0.0" }), "version: must start with 1.0."],
      [statement({ context: { contextAgents: [{ objectType: "contextAgent", agent: { mbox: "mailto:t@example.org" } }] } }), "context.contextAgents"],
    ];
    for (const [body, message] of cases) {
      const res = await server.request("POST", "/statements", { json: body, version: "1.0.3" });
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).to.include(message);
      expect((await server.request("POST", "/statements", { json: body, version: "2.0.0" })).status).to.equal(200);
    }
  });

  it("rejects unsupported or missing version headers with 400, and answers with the negotiated version", async () => {
    for (const version of ["0.95", "1.1.0", "2.1.0", "3.0.0", "banana"]) {
      const res = await server.request("GET", "/statements", { version });
      expect(res.status, version).to.equal(400);
      // No version was negotiated: the answer names the newest (a 2.0 client must see 2.0.0).
      expect(res.headers.get("X-Experience-API-Version")).to.equal("2.0.0");
    }
    const missing = await server.request("GET", "/statements", { version: null });
    expect(missing.status).to.equal(400);
    expect(missing.headers.get("X-Experience-API-Version")).to.equal("2.0.0");
    expect((await server.request("GET", "/statements", { version: "1.0" })).headers.get("X-Experience-API-Version")).to.equal("1.0.3");
    expect((await server.request("GET", "/statements", { version: "2.0.0" })).headers.get("X-Experience-API-Version")).to.equal("2.0.0");
    // /about answers whatever the version header says (2.8.s5.b4).
    expect((await server.request("GET", "/about", { version: "0.9" })).status).to.equal(200);
  });

  it("sends X-Experience-API-Consistent-Through on every statement GET, found or not", async () => {
    await server.request("POST", "/statements", { json: statement({ id: uuid(1) }) });
    for (const query of [{}, { statementId: uuid(1) }, { statementId: uuid(2) }, { voidedStatementId: uuid(1) }, { verb: VERBS.completed }]) {
      const res = await server.request("GET", `/statements${qs(query)}`);
      expect(res.headers.get("X-Experience-API-Consistent-Through"), JSON.stringify(query)).to.match(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    }
  });

  it("answers HEAD on every GET resource like GET, without a body", async () => {
    const agent = { mbox: "mailto:ana@example.org" };
    await server.request("POST", "/statements", { json: statement({ id: uuid(1) }) });
    await server.request("PUT", `/activities/state${qs({ activityId: ACTIVITY, agent, stateId: "s" })}`, { body: "x" });
    await server.request("PUT", `/activities/profile${qs({ activityId: ACTIVITY, profileId: "p" })}`, { body: "x" });
    await server.request("PUT", `/agents/profile${qs({ agent, profileId: "p" })}`, { body: "x" });
    const urls = [
      "/about",
      "/statements",
      `/statements${qs({ statementId: uuid(1) })}`,
      `/activities/state${qs({ activityId: ACTIVITY, agent, stateId: "s" })}`,
      `/activities/state${qs({ activityId: ACTIVITY, agent })}`,
      `/activities/profile${qs({ activityId: ACTIVITY, profileId: "p" })}`,
      `/activities/profile${qs({ activityId: ACTIVITY })}`,
      `/agents/profile${qs({ agent, profileId: "p" })}`,
      `/agents/profile${qs({ agent })}`,
      `/activities${qs({ activityId: ACTIVITY })}`,
      `/agents${qs({ agent })}`,
      `/statements${qs({ statementId: uuid(9) })}`,
    ];
    for (const url of urls) {
      const get = await server.request("GET", url);
      const head = await server.request("HEAD", url);
      expect(head.status, url).to.equal(get.status);
      for (const header of ["Content-Type", "ETag", "X-Experience-API-Version"]) expect(head.headers.get(header), `${url} ${header}`).to.equal(get.headers.get(header));
      expect(await head.text(), url).to.equal("");
    }
  });

  it("returns statements that target matching statements through StatementRef, voiding ones included", async () => {
    const ben = { mbox: "mailto:ben@example.org" };
    const mentor = { mbox: "mailto:mentor@example.org" };
    await server.request("POST", "/statements", { json: statement({ id: uuid(1), actor: ben }) });
    await server.request("POST", "/statements", { json: statement({ id: uuid(2), actor: mentor, verb: { id: "http://example.org/verbs/confirmed" }, object: { objectType: "StatementRef", id: uuid(1) } }) });
    await server.request("POST", "/statements", { json: statement({ id: uuid(3), actor: mentor, object: { id: "https://example.org/other" } }) });
    const ids = async (query: Record<string, unknown>) =>
      ((await (await server.request("GET", `/statements${qs(query)}`)).json()) as { statements: { id: string }[] }).statements.map((s) => s.id);
    expect(await ids({ agent: ben })).to.deep.equal([uuid(2), uuid(1)]);
    expect(await ids({ activity: ACTIVITY })).to.deep.equal([uuid(2), uuid(1)]);
    await server.request("POST", "/statements", { json: voiding(uuid(1), { id: uuid(4), actor: mentor }) });
    // The voided statement is gone; what targets it (the voiding statement too) still matches.
    expect(await ids({ agent: ben })).to.deep.equal([uuid(4), uuid(2)]);
  });
});
