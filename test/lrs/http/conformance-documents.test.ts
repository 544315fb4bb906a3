// Document resources (State, Activity Profile, Agent Profile), Activities and Agents, as
// the ADL conformance suites check them (1.0.3: Communication 2.2-2.7 and 3.1; 2.0: 4.1.4
// and 4.1.6.2-4.1.6.6), against a real server for both versions.
import { expect } from "chai";
import { createTestLrs, statement, uuid, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type RequestOptions, type TestServer } from "../support/http.js";

const VERSIONS = ["1.0.3", "2.0.0"] as const;
const AGENT = { objectType: "Agent", account: { homePage: "http://www.example.com/agentId/1", name: "Rick James" } };
const ACTIVITY_ID = "http://www.example.com/activityId/hashset";

interface DocumentResource {
  name: string;
  path: string;
  /** Query parameters naming one document; `n` makes each test's document its own. */
  params(n: number): Record<string, unknown>;
  /** The parameter without which every method is a 400. */
  required: string[];
}

const RESOURCES: DocumentResource[] = [
  { name: "State", path: "/activities/state", params: (n) => ({ activityId: ACTIVITY_ID, agent: AGENT, stateId: `s-${n}` }), required: ["activityId", "agent"] },
  { name: "Activity Profile", path: "/activities/profile", params: (n) => ({ activityId: ACTIVITY_ID, profileId: `p-${n}` }), required: ["activityId"] },
  { name: "Agent Profile", path: "/agents/profile", params: (n) => ({ agent: AGENT, profileId: `p-${n}` }), required: ["agent"] },
];

describe("xAPI conformance: documents, activities and agents (ADL suite, 1.0.3 and 2.0)", () => {
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

  for (const version of VERSIONS) {
    for (const resource of RESOURCES) {
      describe(`${resource.name} (X-Experience-API-Version ${version})`, () => {
        const send = (method: string, n: number, options: RequestOptions = {}, params: Record<string, unknown> = {}) =>
          server.request(method, `${resource.path}${qs({ ...resource.params(n), ...params })}`, { version, ...options });
        const body = async (n: number) => (await send("GET", n)).json();

        it("answers a GET with a quoted SHA-1 ETag and Last-Modified", async () => {
          expect((await send("POST", 1, { json: { name: "a" } })).status).to.equal(204);
          const res = await send("GET", 1);
          expect(res.headers.get("ETag")).to.match(/^"[0-9a-f]{40}"$/);
          expect(Date.parse(res.headers.get("Last-Modified") ?? "")).to.not.be.NaN;
        });

        it("answers 412 to PUT, POST and DELETE whose If-Match does not hold, changing nothing, and obeys a matching one", async () => {
          await send("POST", 1, { json: { name: "original" } });
          const etag = (await send("GET", 1)).headers.get("ETag") ?? "";
          for (const method of ["PUT", "POST", "DELETE"]) {
            for (const stale of ["1234", '"1111111111111111111111111111111111111111"']) {
              const res = await send(method, 1, { json: { name: "changed" }, headers: { "If-Match": stale } });
              expect(res.status, `${method} If-Match ${stale}`).to.equal(412);
            }
          }
          expect(await body(1)).to.deep.equal({ name: "original" });
          expect((await send("PUT", 1, { json: { name: "updated" }, headers: { "If-Match": etag } })).status).to.equal(204);
          expect(await body(1)).to.deep.equal({ name: "updated" });
          const next = (await send("GET", 1)).headers.get("ETag") ?? "";
          expect((await send("DELETE", 1, { headers: { "If-Match": next } })).status).to.equal(204);
          expect((await send("GET", 1)).status).to.equal(404);
        });

        it("answers a GET naming a document and a since with the document, and 400 for a since that is no timestamp", async () => {
          await send("PUT", 1, { json: { v: 1 }, headers: { "If-None-Match": "*" } });
          const res = await send("GET", 1, {}, { since: "2012-06-01T19:09:13.245Z" });
          expect(res.status).to.equal(200);
          expect(await res.json()).to.deep.equal({ v: 1 });
          expect((await send("GET", 1, {}, { since: "not timestamp" })).status).to.equal(400);
        });

        it("creates with If-None-Match: * and answers 412 once the document exists", async () => {
          expect((await send("PUT", 1, { json: { v: 1 }, headers: { "If-None-Match": "*" } })).status).to.equal(204);
          expect((await send("PUT", 1, { json: { v: 2 }, headers: { "If-None-Match": "*" } })).status).to.equal(412);
          expect(await body(1)).to.deep.equal({ v: 1 });
        });

        // Profiles: 409 under both versions (1.0.3 3.1, 2.0 4.1.4); state only under 2.0.
        const conflicts = resource.name !== "State" || version === "2.0.0";
        it(`answers ${conflicts ? "409 with an explanation" : "204"} to a PUT without If-Match or If-None-Match over an existing document`, async () => {
          await send("POST", 1, { json: { v: 1 } });
          const res = await send("PUT", 1, { json: { v: 2 } });
          if (conflicts) {
            expect(res.status).to.equal(409);
            expect(((await res.json()) as { error: { message: string } }).error.message).to.have.length.above(0);
            expect(await body(1)).to.deep.equal({ v: 1 });
          } else {
            expect(res.status).to.equal(204);
            expect(await body(1)).to.deep.equal({ v: 2 });
          }
        });

        it("stores a POST whatever its content when nothing is stored, and merges JSON objects one level deep", async () => {
          for (const [n, document] of [[2, "1"], [3, "true"]] as const) {
            expect((await send("POST", n, { body: document, contentType: "application/x-www-form-urlencoded" })).status).to.equal(204);
            expect(await (await send("GET", n)).text()).to.equal(document);
          }
          await send("POST", 1, { json: { car: { make: "Ford", model: "Escape" }, driver: "Dale" } });
          await send("POST", 1, { json: { car: { make: "Dodge" }, series: "nextel" } });
          expect(await body(1)).to.deep.equal({ car: { make: "Dodge" }, driver: "Dale", series: "nextel" });
          const notJson = await send("POST", 1, { body: "abc", contentType: "text/plain" });
          expect(notJson.status).to.equal(400);
          expect(await body(1)).to.deep.equal({ car: { make: "Dodge" }, driver: "Dale", series: "nextel" });
        });

        it("answers 400 naming a missing or malformed owner parameter, for every method", async () => {
          for (const method of ["GET", "PUT", "POST", "DELETE"]) {
            const withBody = method === "PUT" || method === "POST" ? { json: { v: 1 } } : {};
            for (const name of resource.required) {
              const params = { ...resource.params(1) };
              delete params[name];
              const missing = await server.request(method, `${resource.path}${qs(params)}`, { version, ...withBody });
              expect(missing.status, `${method} without ${name}`).to.equal(400);
              expect(((await missing.json()) as { error: { message: string } }).error.message).to.include(name);
            }
            if (resource.required.includes("agent")) {
              const malformed = await send(method, 1, withBody, { agent: true });
              expect(malformed.status, `${method} agent=true`).to.equal(400);
            }
          }
        });
      });
    }

    it(`answers 405 with Allow to methods a resource lacks, credentials or not (${version})`, async () => {
      const cases: [string, string, string][] = [
        ["DELETE", `/statements${qs({ statementId: uuid(1) })}`, "GET, HEAD, PUT, POST"],
        ["DELETE", `/activities${qs({ activityId: ACTIVITY_ID })}`, "GET, HEAD"],
        ["POST", `/activities${qs({ activityId: ACTIVITY_ID })}`, "GET, HEAD"],
        ["PUT", `/agents${qs({ agent: AGENT })}`, "GET, HEAD"],
        ["DELETE", `/agents${qs({ agent: AGENT })}`, "GET, HEAD"],
        ["POST", "/about", "GET, HEAD"],
      ];
      for (const [method, url, allow] of cases) {
        for (const auth of [undefined, ""]) {
          const res = await server.request(method, url, auth === undefined ? { version } : { version, auth });
          expect(res.status, `${method} ${url}`).to.equal(405);
          expect(res.headers.get("Allow")).to.equal(allow);
          expect(res.headers.get("X-Experience-API-Version")).to.equal(version);
        }
      }
    });

    describe(`Activities and Agents (X-Experience-API-Version ${version})`, () => {
      it("returns the complete Activity, its language maps merged across statements, and a bare Activity for an unknown id", async () => {
        const id = "http://www.example.com/verify/complete/34534";
        const object = { objectType: "Activity", id, definition: { name: { "en-US": "example meeting" }, type: "http://adlnet.gov/expapi/activities/meeting" } };
        await server.request("POST", "/statements", { json: [statement({ object }), statement({ object: { ...object, definition: { name: { "fr-FR": "réunion" } } } })], version });
        const res = await server.request("GET", `/activities${qs({ activityId: id })}`, { version });
        expect(await res.json()).to.deep.equal({ ...object, definition: { ...object.definition, name: { "en-US": "example meeting", "fr-FR": "réunion" } } });
        const unknown = `http://www.example.com/never-before-seen-activityId/${uuid(1)}`;
        expect(await (await server.request("GET", `/activities${qs({ activityId: unknown })}`, { version })).json()).to.deep.equal({ objectType: "Activity", id: unknown });
        expect((await server.request("GET", "/activities", { version })).status).to.equal(400);
      });

      it("returns a Person whose every property is an array, and 400 for an agent without an identifier", async () => {
        for (const agent of [
          { objectType: "Agent", name: "Ana", mbox: "mailto:ana@example.org" },
          { mbox_sha1sum: "cd9b00a5611f94eaa7b1661edab976068e364975" },
          { openid: "http://openid.example.org/12345" },
          AGENT,
        ]) {
          const person = (await (await server.request("GET", `/agents${qs({ agent })}`, { version })).json()) as Record<string, unknown>;
          expect(person["objectType"]).to.equal("Person");
          for (const [key, value] of Object.entries(agent)) if (key !== "objectType") expect(person[key], key).to.deep.equal([value]);
        }
        const { account: _account, ...noIdentifier } = AGENT;
        expect((await server.request("GET", `/agents${qs({ agent: noIdentifier })}`, { version })).status).to.equal(400);
        expect((await server.request("GET", "/agents", { version })).status).to.equal(400);
      });
    });
  }
});
