import { expect } from "chai";
import { ACTIVITY, createTestLrs, statement, uuid, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

const FORM = "application/x-www-form-urlencoded";
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe("xAPI 1.0.3 alternate request syntax over HTTP", () => {
  let t: TestLrs;
  let server: TestServer;
  let auth: string;

  beforeEach(async () => {
    t = await createTestLrs();
    auth = (await t.credential(["all"])).header;
    // No default credentials and no version header: the form carries them.
    server = await startServer(t.lrs);
  });
  afterEach(async () => {
    await server.close();
    await t.cleanup();
  });

  const post = (method: string, fields: Record<string, string>, options: { version?: string | null; contentType?: string } = {}) =>
    server.request("POST", `/statements?method=${method}`, { body: form(fields), contentType: options.contentType ?? FORM, version: options.version ?? null, auth: "" });

  it("PUTs a statement with headers, parameters and content taken from the form", async () => {
    const res = await post("PUT", {
      statementId: uuid(1),
      Authorization: auth,
      "X-Experience-API-Version": "1.0.3",
      "Content-Type": "application/json",
      content: JSON.stringify(statement()),
    });
    expect(res.status).to.equal(204);
    expect(res.headers.get("X-Experience-API-Version")).to.equal("1.0.3");
    const get = await server.request("GET", `/statements${qs({ statementId: uuid(1) })}`, { auth });
    expect(get.status).to.equal(200);
  });

  it("GETs statements with the query in the form, and sends If-None-Match from the form to a profile", async () => {
    await server.request("POST", "/statements", { json: statement({ id: uuid(1) }), auth });
    const res = await post("GET", { Authorization: auth, "X-Experience-API-Version": "1.0.3", statementId: uuid(1) });
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { id: string }).id).to.equal(uuid(1));
    const profile = (fields: Record<string, string>) =>
      server.request("POST", "/activities/profile?method=PUT", {
        body: form({ Authorization: auth, "X-Experience-API-Version": "1.0.3", activityId: ACTIVITY, profileId: "p", "Content-Type": "text/plain", ...fields }),
        contentType: FORM,
        version: null,
        auth: "",
      });
    expect((await profile({ content: "one", "If-None-Match": "*" })).status).to.equal(204);
    expect((await profile({ content: "two", "If-None-Match": "*" })).status).to.equal(412);
    const doc = await server.request("GET", `/activities/profile${qs({ activityId: ACTIVITY, profileId: "p" })}`, { auth });
    expect(await doc.text()).to.equal("one");
  });

  it("lets headers the client really sent win over their form stand-ins, as the 1.0.3 suite sends both (1.3.s3.b7)", async () => {
    const res = await server.request("POST", "/statements?method=PUT", {
      body: form({ statementId: uuid(1), "X-Experience-API-Version": "0.8", content: JSON.stringify(statement()) }),
      contentType: FORM,
      version: "1.0.3",
      auth,
    });
    expect(res.status).to.equal(204);
    expect(res.headers.get("X-Experience-API-Version")).to.equal("1.0.3");
    const get = await server.request("GET", `/statements${qs({ statementId: uuid(1) })}`, { auth, version: "1.0.3" });
    expect(get.status).to.equal(200);
  });

  const refused: [string, () => Promise<Response>, string][] = [
    ["under xAPI 2.0", () => post("PUT", { statementId: uuid(1), Authorization: auth, "X-Experience-API-Version": "2.0.0", content: JSON.stringify(statement()) }), "removed in xAPI 2.0"],
    ["with other query parameters", () => server.request("POST", `/statements?method=PUT&statementId=${uuid(1)}`, { body: form({ Authorization: auth, content: JSON.stringify(statement()) }), contentType: FORM, auth: "" }), "statementId: must be a form parameter"],
    ["not sent as POST", () => server.request("PUT", "/statements?method=POST", { body: form({ Authorization: auth }), contentType: FORM, auth: "" }), "must be sent as POST"],
    ["with an unknown method", () => post("PATCH", { Authorization: auth }), "method: must be GET, PUT, POST or DELETE"],
    ["with a JSON body", () => post("PUT", {}, { contentType: "application/json" }), "application/x-www-form-urlencoded"],
    ["with a field twice", () => server.request("POST", "/statements?method=GET", { body: "limit=1&limit=2", contentType: FORM, auth }), "limit: must be given once"],
  ];
  for (const [name, send, message] of refused) {
    it(`refuses the syntax ${name} with 400 and stores nothing`, async () => {
      const res = await send();
      expect(res.status).to.equal(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).to.include(message);
      const [credential] = await t.lrs.credentials.list();
      expect((await t.lrs.queryStatements({}, credential!)).statements).to.deep.equal([]);
    });
  }
});
