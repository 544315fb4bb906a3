import { expect } from "chai";
import { ACTIVITY, createTestLrs, uuid, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

const agent = { objectType: "Agent", mbox: "mailto:ana@example.org" };

describe("xAPI state over HTTP", () => {
  let t: TestLrs;
  let server: TestServer;

  beforeEach(async () => {
    t = await createTestLrs();
    const { header } = await t.credential(["state"]);
    server = await startServer(t.lrs, header);
  });
  afterEach(async () => {
    await server.close();
    await t.cleanup();
  });

  const path = (params: Record<string, unknown>) => `/activities/state${qs({ activityId: ACTIVITY, agent, ...params })}`;

  it("puts and gets a document with its content type and ETag, and 404s for a missing one", async () => {
    expect((await server.request("PUT", path({ stateId: "bookmark" }), { body: "page-3", contentType: "text/plain" })).status).to.equal(204);
    const res = await server.request("GET", path({ stateId: "bookmark" }));
    expect(res.status).to.equal(200);
    expect(res.headers.get("Content-Type")).to.match(/^text\/plain/);
    expect(res.headers.get("ETag")).to.match(/^"[0-9a-f]{40}"$/);
    expect(await res.text()).to.equal("page-3");
    expect((await server.request("GET", path({ stateId: "other" }))).status).to.equal(404);
  });

  it("keeps documents of different registrations apart", async () => {
    await server.request("PUT", path({ stateId: "s" }), { json: { where: "none" } });
    await server.request("PUT", path({ stateId: "s", registration: uuid(1) }), { json: { where: "r1" } });
    expect(await (await server.request("GET", path({ stateId: "s" }))).json()).to.deep.equal({ where: "none" });
    expect(await (await server.request("GET", path({ stateId: "s", registration: uuid(1) }))).json()).to.deep.equal({ where: "r1" });
    expect((await server.request("GET", path({ stateId: "s", registration: uuid(2) }))).status).to.equal(404);
  });

  it("merges JSON objects on POST and refuses to merge anything else", async () => {
    await server.request("POST", path({ stateId: "progress" }), { json: { a: 1, b: { x: 1 } } });
    expect((await server.request("POST", path({ stateId: "progress" }), { json: { b: { y: 2 }, c: 3 } })).status).to.equal(204);
    expect(await (await server.request("GET", path({ stateId: "progress" }))).json()).to.deep.equal({ a: 1, b: { y: 2 }, c: 3 });
    const notObject = await server.request("POST", path({ stateId: "progress" }), { body: "[1,2]", contentType: "application/json" });
    expect(notObject.status).to.equal(400);
    await server.request("PUT", path({ stateId: "text" }), { body: "plain", contentType: "text/plain" });
    expect((await server.request("POST", path({ stateId: "text" }), { json: { a: 1 } })).status).to.equal(400);
  });

  it("lists state ids, optionally since a time, and across registrations when none is given", async () => {
    await server.request("PUT", path({ stateId: "a" }), { body: "1" });
    await server.request("PUT", path({ stateId: "b", registration: uuid(1) }), { body: "2" });
    expect(await (await server.request("GET", path({}))).json()).to.deep.equal(["a", "b"]);
    expect(await (await server.request("GET", path({ registration: uuid(1) }))).json()).to.deep.equal(["b"]);
    // The test clock moves a second per reading, so half a second after "a" comes before "b".
    const aUpdated = Date.parse((await server.request("GET", path({ stateId: "a" }))).headers.get("Last-Modified") ?? "");
    const since = new Date(aUpdated + 500).toISOString();
    expect(await (await server.request("GET", path({ since }))).json()).to.deep.equal(["b"]);
  });

  it("deletes one document, all of a registration, or all of an activity and agent", async () => {
    await server.request("PUT", path({ stateId: "a" }), { body: "1" });
    await server.request("PUT", path({ stateId: "b" }), { body: "2" });
    await server.request("PUT", path({ stateId: "c", registration: uuid(1) }), { body: "3" });
    await server.request("PUT", path({ stateId: "d", registration: uuid(2) }), { body: "4" });
    expect((await server.request("DELETE", path({ stateId: "a" }))).status).to.equal(204);
    expect(await (await server.request("GET", path({}))).json()).to.deep.equal(["b", "c", "d"]);
    await server.request("DELETE", path({ registration: uuid(1) }));
    expect(await (await server.request("GET", path({}))).json()).to.deep.equal(["b", "d"]);
    await server.request("DELETE", path({}));
    expect(await (await server.request("GET", path({}))).json()).to.deep.equal([]);
  });

  // 1.0.3 lets a PUT without preconditions overwrite state; 2.0 (4.1.4) answers it 409 like a profile.
  for (const [version, overwrite] of [["1.0.3", 204], ["2.0.0", 409]] as const) {
    it(`answers ${overwrite} to a PUT without preconditions over existing state, and honours If-Match and If-None-Match (${version})`, async () => {
      const send = (method: string, options: Parameters<TestServer["request"]>[2] = {}) => server.request(method, path({ stateId: "s" }), { version, ...options });
      expect((await send("PUT", { json: { v: 1 } })).status).to.equal(204);
      if (overwrite === 409) {
        const conflict = await send("PUT", { json: { v: 2 } });
        expect(conflict.status).to.equal(409);
        expect(((await conflict.json()) as { error: { message: string } }).error.message).to.include("If-Match");
        expect(await (await send("GET")).json()).to.deep.equal({ v: 1 });
        expect((await send("POST", { json: { v: 2 } })).status).to.equal(204);
      } else {
        expect((await send("PUT", { json: { v: 2 } })).status).to.equal(204);
      }
      const etag = (await send("GET")).headers.get("ETag") ?? "";
      expect((await send("PUT", { json: { v: 3 }, headers: { "If-Match": '"stale"' } })).status).to.equal(412);
      expect((await send("POST", { json: { w: 1 }, headers: { "If-Match": '"stale"' } })).status).to.equal(412);
      expect((await send("DELETE", { headers: { "If-Match": '"stale"' } })).status).to.equal(412);
      expect((await send("PUT", { json: { v: 3 }, headers: { "If-None-Match": "*" } })).status).to.equal(412);
      expect(await (await send("GET")).json()).to.deep.equal({ v: 2 });
      expect((await send("PUT", { json: { v: 4 }, headers: { "If-Match": etag } })).status).to.equal(204);
      expect(await (await send("GET")).json()).to.deep.equal({ v: 4 });
    });
  }

  it("answers 400 naming missing or malformed parameters", async () => {
    const cases: [string, string][] = [
      [`/activities/state${qs({ agent, stateId: "s" })}`, "activityId: is required"],
      [`/activities/state${qs({ activityId: ACTIVITY, stateId: "s" })}`, "agent: is required"],
      [path({ stateId: "s", registration: "r1" }), "registration: must be a UUID"],
      [`/activities/state${qs({ activityId: "not an iri", agent, stateId: "s" })}`, "activityId: must be an absolute IRI"],
      [`/activities/state${qs({ activityId: ACTIVITY, agent: { mbox: "ana" }, stateId: "s" })}`, "agent.mbox: must be a mailto: IRI"],
      [path({ since: "soon" }), "since"],
    ];
    for (const [url, message] of cases) {
      const res = await server.request("GET", url);
      expect(res.status, url).to.equal(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).to.include(message);
    }
  });
});
