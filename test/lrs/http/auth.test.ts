import type { Scope } from "../../../lrs/index.js";
import { expect } from "chai";
import { ACTIVITY, basicAuth, createTestLrs, statement, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

describe("xAPI authentication, scopes and versions over HTTP", () => {
  let t: TestLrs;
  let server: TestServer;

  beforeEach(async () => {
    t = await createTestLrs();
    server = await startServer(t.lrs);
  });
  afterEach(async () => {
    await server.close();
    await t.cleanup();
  });

  async function as(scopes: Scope[]): Promise<string> {
    return (await t.credential(scopes)).header;
  }

  it("answers 401 with a Basic challenge for missing, malformed, unknown, wrong and revoked credentials", async () => {
    const { key, secret } = await t.lrs.credentials.create({ name: "revoked", scopes: ["all"] });
    await t.lrs.credentials.revoke(key);
    const good = await as(["all"]);
    const goodKey = Buffer.from(good.slice("Basic ".length), "base64").toString().split(":")[0] ?? "";
    const headers = [undefined, "Bearer abc", "Basic !!!", basicAuth("nobody", "x"), basicAuth(goodKey, "wrong"), basicAuth(key, secret)];
    for (const auth of headers) {
      const res = await server.request("GET", "/statements", auth === undefined ? {} : { auth });
      expect(res.status, String(auth)).to.equal(401);
      expect(res.headers.get("WWW-Authenticate")).to.equal('Basic realm="obuka LRS"');
    }
    expect((await server.request("GET", "/statements", { auth: good })).status).to.equal(200);
  });

  it("answers 400 for a missing or unsupported version header and echoes the negotiated version", async () => {
    const auth = await as(["all"]);
    expect((await server.request("GET", "/statements", { auth, version: null })).status).to.equal(400);
    expect((await server.request("GET", "/statements", { auth, version: "0.95" })).status).to.equal(400);
    const v2 = await server.request("GET", "/statements", { auth, version: "2.0.0" });
    expect(v2.status).to.equal(200);
    expect(v2.headers.get("X-Experience-API-Version")).to.equal("2.0.0");
    const v1 = await server.request("GET", "/statements", { auth, version: "1.0.1" });
    expect(v1.headers.get("X-Experience-API-Version")).to.equal("1.0.3");
  });

  it("answers 403 when the credential lacks the scope", async () => {
    const readOnly = await as(["statements/read"]);
    const writeOnly = await as(["statements/write"]);
    const stateOnly = await as(["state"]);
    expect((await server.request("POST", "/statements", { auth: readOnly, json: statement() })).status).to.equal(403);
    expect((await server.request("GET", "/statements", { auth: writeOnly })).status).to.equal(403);
    expect((await server.request("POST", "/statements", { auth: writeOnly, json: statement() })).status).to.equal(200);
    const stateQuery = qs({ activityId: ACTIVITY, agent: { mbox: "mailto:ana@example.org" }, stateId: "s" });
    expect((await server.request("PUT", `/activities/state${stateQuery}`, { auth: readOnly, body: "x" })).status).to.equal(403);
    expect((await server.request("PUT", `/activities/state${stateQuery}`, { auth: stateOnly, body: "x" })).status).to.equal(204);
    expect((await server.request("GET", "/statements", { auth: stateOnly })).status).to.equal(403);
    const allRead = await as(["all/read"]);
    expect((await server.request("GET", `/activities/state${stateQuery}`, { auth: allRead })).status).to.equal(200);
    expect((await server.request("PUT", `/activities/state${stateQuery}`, { auth: allRead, body: "y" })).status).to.equal(403);
  });

  it("lets statements/read/mine read only what its own credential wrote", async () => {
    const mine = await as(["statements/write", "statements/read/mine"]);
    const other = await as(["all"]);
    await server.request("POST", "/statements", { auth: mine, json: statement() });
    await server.request("POST", "/statements", { auth: other, json: statement() });
    const res = await server.request("GET", "/statements", { auth: mine });
    const body = (await res.json()) as { statements: unknown[] };
    expect(body.statements).to.have.lengthOf(1);
    expect((await (await server.request("GET", "/statements", { auth: other })).json()) as { statements: unknown[] }).to.have.property("statements").with.lengthOf(2);
  });
});
