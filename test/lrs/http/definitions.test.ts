import { expect } from "chai";
import { ACTIVITY, createTestLrs, statement, uuid, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

const activity = (definition: Record<string, unknown>) => ({ id: ACTIVITY, definition });

describe("xAPI activities and agents resources over HTTP", () => {
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

  const getActivity = async (id = ACTIVITY) => {
    const res = await server.request("GET", `/activities${qs({ activityId: id })}`);
    expect(res.status).to.equal(200);
    return res.json();
  };

  it("returns the canonical definition merged from stored statements, and a bare Activity for an unknown id", async () => {
    await server.request("POST", "/statements", { json: statement({ object: activity({ name: { en: "Unit 1" }, type: "http://adlnet.gov/expapi/activities/lesson" }) }) });
    await server.request("POST", "/statements", {
      json: statement({
        object: { id: "https://example.org/other" },
        context: { contextActivities: { parent: [activity({ name: { "sr-Latn": "Celina 1" }, description: { en: "First unit" } })] } },
      }),
    });
    expect(await getActivity()).to.deep.equal({
      objectType: "Activity",
      id: ACTIVITY,
      definition: { name: { en: "Unit 1", "sr-Latn": "Celina 1" }, description: { en: "First unit" }, type: "http://adlnet.gov/expapi/activities/lesson" },
    });
    expect(await getActivity("https://example.org/never-seen")).to.deep.equal({ objectType: "Activity", id: "https://example.org/never-seen" });
    const head = await server.request("HEAD", `/activities${qs({ activityId: ACTIVITY })}`);
    expect(head.status).to.equal(200);
    expect(await head.text()).to.equal("");
  });

  it("does not let a credential without the define scope change canonical definitions", async () => {
    const { header: writer } = await t.credential(["statements/write"]);
    await server.request("POST", "/statements", { json: statement({ object: activity({ name: { en: "Unit 1" } }) }) });
    await server.request("POST", "/statements", { auth: writer, json: statement({ object: activity({ name: { en: "Hijacked" } }) }) });
    expect(await getActivity()).to.deep.include({ definition: { name: { en: "Unit 1" } } });
  });

  it("answers format=canonical with the LRS's definitions, one language per map chosen by Accept-Language", async () => {
    await server.request("POST", "/statements", { json: statement({ object: activity({ name: { en: "Unit 1", "sr-Latn": "Celina 1" } }) }) });
    await server.request("POST", "/statements", {
      json: statement({
        id: uuid(1),
        verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { en: "completed", "sr-Latn": "završio" } },
        object: activity({ name: { en: "Unit 1" }, description: { en: "First", "sr-Latn": "Prva" } }),
      }),
    });
    const get = async (language: string | undefined, format = "canonical") => {
      const res = await server.request("GET", `/statements${qs({ statementId: uuid(1), format })}`, language === undefined ? {} : { headers: { "Accept-Language": language } });
      return (await res.json()) as { verb: { display: unknown }; object: { definition: unknown } };
    };
    const serbian = await get("sr-Latn-RS, sr-Latn;q=0.9, en;q=0.5");
    expect(serbian.object.definition).to.deep.equal({ name: { "sr-Latn": "Celina 1" }, description: { "sr-Latn": "Prva" } });
    expect(serbian.verb.display).to.deep.equal({ "sr-Latn": "završio" });
    const english = await get("en");
    expect(english.object.definition).to.deep.equal({ name: { en: "Unit 1" }, description: { en: "First" } });
    // No usable preference still means one language per map.
    expect((await get("de")).verb.display).to.deep.equal({ en: "completed" });
    // exact keeps the statement as received.
    expect((await get("sr-Latn", "exact")).object.definition).to.deep.equal({ name: { en: "Unit 1" }, description: { en: "First", "sr-Latn": "Prva" } });
  });

  it("returns a Person object for an agent, and 400 for a missing or malformed agent", async () => {
    const res = await server.request("GET", `/agents${qs({ agent: { objectType: "Agent", name: "Ana", mbox: "mailto:ana@example.org" } })}`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ objectType: "Person", name: ["Ana"], mbox: ["mailto:ana@example.org"] });
    expect((await server.request("HEAD", `/agents${qs({ agent: { mbox: "mailto:ana@example.org" } })}`)).status).to.equal(200);
    for (const url of ["/agents", `/agents${qs({ agent: { mbox: "ana" } })}`, `/agents${qs({ agent: { objectType: "Group", member: [] } })}`, "/activities", `/activities${qs({ activityId: "x y" })}`]) {
      expect((await server.request("GET", url)).status, url).to.equal(400);
    }
    expect((await server.request("POST", "/agents", { json: {} })).status).to.equal(405);
  });
});
