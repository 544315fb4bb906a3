import { expect } from "chai";
import { ACTIVITY, createTestLrs, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

const agent = { objectType: "Agent", mbox: "mailto:ana@example.org" };
const resources = [
  { name: "Activity Profile", path: "/activities/profile", owner: { activityId: ACTIVITY } },
  { name: "Agent Profile", path: "/agents/profile", owner: { agent } },
];

describe("xAPI activity and agent profiles over HTTP", () => {
  let t: TestLrs;
  let server: TestServer;

  beforeEach(async () => {
    t = await createTestLrs();
    const { header } = await t.credential(["profile"]);
    server = await startServer(t.lrs, header);
  });
  afterEach(async () => {
    await server.close();
    await t.cleanup();
  });

  for (const { name, path, owner } of resources) {
    for (const version of ["1.0.3", "2.0.0"]) {
      describe(`${name} (X-Experience-API-Version ${version})`, () => {
        const url = (params: Record<string, unknown> = {}) => `${path}${qs({ ...owner, ...params })}`;
        const send = (method: string, params: Record<string, unknown>, options: Parameters<TestServer["request"]>[2] = {}) =>
          server.request(method, url(params), { version, ...options });
        const etagOf = async (profileId: string) => (await send("GET", { profileId })).headers.get("ETag") ?? "";

        it("creates with PUT, returns the document with a quoted SHA-1 ETag and Last-Modified, and answers HEAD alike without a body", async () => {
          expect((await send("PUT", { profileId: "p" }, { body: "hello", contentType: "text/plain" })).status).to.equal(204);
          const res = await send("GET", { profileId: "p" });
          expect(res.status).to.equal(200);
          // sha1("hello")
          expect(res.headers.get("ETag")).to.equal('"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"');
          expect(res.headers.get("Last-Modified")).to.match(/GMT$/);
          expect(res.headers.get("Content-Type")).to.match(/^text\/plain/);
          expect(await res.text()).to.equal("hello");
          const head = await send("HEAD", { profileId: "p" });
          expect(head.status).to.equal(200);
          expect(head.headers.get("ETag")).to.equal(res.headers.get("ETag"));
          expect(await head.text()).to.equal("");
          expect((await send("GET", { profileId: "missing" })).status).to.equal(404);
        });

        it("refuses a PUT without If-Match or If-None-Match over an existing document with 409 and keeps it", async () => {
          await send("PUT", { profileId: "p" }, { json: { v: 1 } });
          const res = await send("PUT", { profileId: "p" }, { json: { v: 2 } });
          expect(res.status).to.equal(409);
          expect(((await res.json()) as { error: { message: string } }).error.message).to.include("If-Match");
          expect(await (await send("GET", { profileId: "p" })).json()).to.deep.equal({ v: 1 });
        });

        it("replaces with the current ETag in If-Match, and answers 412 for a stale one without changing anything", async () => {
          await send("PUT", { profileId: "p" }, { json: { v: 1 } });
          const first = await etagOf("p");
          expect((await send("PUT", { profileId: "p" }, { json: { v: 2 }, headers: { "If-Match": first } })).status).to.equal(204);
          const stale = await send("PUT", { profileId: "p" }, { json: { v: 3 }, headers: { "If-Match": first } });
          expect(stale.status).to.equal(412);
          expect(await (await send("GET", { profileId: "p" })).json()).to.deep.equal({ v: 2 });
          expect((await send("PUT", { profileId: "p" }, { json: { v: 4 }, headers: { "If-Match": "*" } })).status).to.equal(204);
          expect((await send("PUT", { profileId: "new" }, { json: { v: 1 }, headers: { "If-Match": "*" } })).status).to.equal(412);
        });

        it("creates only with If-None-Match: * and answers 412 when the document exists", async () => {
          expect((await send("PUT", { profileId: "p" }, { json: { v: 1 }, headers: { "If-None-Match": "*" } })).status).to.equal(204);
          expect((await send("PUT", { profileId: "p" }, { json: { v: 2 }, headers: { "If-None-Match": "*" } })).status).to.equal(412);
          expect(await (await send("GET", { profileId: "p" })).json()).to.deep.equal({ v: 1 });
        });

        it("merges JSON on POST, honours If-Match there, and refuses to merge non-JSON", async () => {
          expect((await send("POST", { profileId: "p" }, { json: { a: 1, b: 1 } })).status).to.equal(204);
          expect((await send("POST", { profileId: "p" }, { json: { b: 2 }, headers: { "If-Match": '"0000"' } })).status).to.equal(412);
          expect((await send("POST", { profileId: "p" }, { json: { b: 2, c: 3 }, headers: { "If-Match": await etagOf("p") } })).status).to.equal(204);
          expect(await (await send("GET", { profileId: "p" })).json()).to.deep.equal({ a: 1, b: 2, c: 3 });
          expect((await send("POST", { profileId: "p" }, { body: "x", contentType: "text/plain" })).status).to.equal(400);
        });

        it("deletes with a matching If-Match (412 for a stale one) and without one", async () => {
          await send("PUT", { profileId: "p" }, { json: { v: 1 } });
          await send("PUT", { profileId: "q" }, { json: { v: 1 } });
          expect((await send("DELETE", { profileId: "p" }, { headers: { "If-Match": '"stale"' } })).status).to.equal(412);
          expect((await send("GET", { profileId: "p" })).status).to.equal(200);
          expect((await send("DELETE", { profileId: "p" }, { headers: { "If-Match": await etagOf("p") } })).status).to.equal(204);
          expect((await send("DELETE", { profileId: "q" })).status).to.equal(204);
          expect(await (await send("GET", {})).json()).to.deep.equal([]);
        });

        it("lists profile ids, with since exclusive", async () => {
          await send("PUT", { profileId: "a" }, { body: "1" });
          await send("PUT", { profileId: "b" }, { body: "2" });
          expect(await (await send("GET", {})).json()).to.deep.equal(["a", "b"]);
          const aUpdated = Date.parse((await send("GET", { profileId: "a" })).headers.get("Last-Modified") ?? "");
          // The test clock moves a second per reading, so half a second after "a" comes before "b".
          expect(await (await send("GET", { since: new Date(aUpdated + 500).toISOString() })).json()).to.deep.equal(["b"]);
        });
      });
    }
  }

  it("answers 400 naming missing or malformed parameters", async () => {
    const cases: [string, string, string][] = [
      ["GET", `/activities/profile${qs({ profileId: "p" })}`, "activityId: is required"],
      ["GET", `/agents/profile${qs({ profileId: "p" })}`, "agent: is required"],
      ["PUT", `/activities/profile${qs({ activityId: ACTIVITY })}`, "profileId: is required"],
      ["GET", `/activities/profile${qs({ activityId: "not an iri" })}`, "activityId: must be an absolute IRI"],
      ["GET", `/agents/profile${qs({ agent: { objectType: "Group", mbox: "mailto:team@example.org" } })}`, "agent.objectType"],
      ["GET", `/agents/profile?agent=%7Bnot-json`, "agent: must be JSON"],
      // A since beside a profileId filters nothing, but must still be a timestamp (the suites send both).
      ["GET", `/activities/profile${qs({ activityId: ACTIVITY, profileId: "p", since: "soon" })}`, "since"],
      ["GET", `/activities/profile${qs({ activityId: ACTIVITY, since: "soon" })}`, "since"],
      ["GET", `/activities/profile${qs({ activityId: ACTIVITY, stateId: "s" })}`, "stateId: is not a parameter"],
    ];
    for (const [method, url, message] of cases) {
      const res = await server.request(method, url, method === "GET" ? {} : { body: "{}", contentType: "application/json" });
      expect(res.status, url).to.equal(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, url).to.include(message);
    }
  });

  it("needs the profile scope (403 without it)", async () => {
    const { header } = await t.credential(["state", "statements/read"]);
    const url = `/activities/profile${qs({ activityId: ACTIVITY, profileId: "p" })}`;
    expect((await server.request("GET", url, { auth: header })).status).to.equal(403);
    expect((await server.request("PUT", url, { auth: header, body: "x" })).status).to.equal(403);
  });
});
