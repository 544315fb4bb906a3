// Interoperability: the community client @xapi/xapi (what content authors use) talks to our LRS.
import xapiModule from "@xapi/xapi";
import { expect } from "chai";
import { ACTIVITY, createTestLrs, learner, type TestLrs } from "../support/fixtures.js";
import { startServer, type TestServer } from "../support/http.js";

// The package is CommonJS; under NodeNext its class is the default export of module.exports.
const XAPI = xapiModule.default;

describe("xAPI client interop (@xapi/xapi against our LRS)", () => {
  let t: TestLrs;
  let server: TestServer;
  let xapi: InstanceType<typeof XAPI>;

  beforeEach(async () => {
    t = await createTestLrs();
    const created = await t.lrs.credentials.create({ name: "client", scopes: ["all"] });
    server = await startServer(t.lrs);
    xapi = new XAPI({ endpoint: `${server.url}/`, auth: XAPI.toBasicAuth(created.key, created.secret), adapter: "fetch" });
  });
  afterEach(async () => {
    await server.close();
    await t.cleanup();
  });

  it("sends a statement and reads it back by id and by agent", async () => {
    const actor = learner("jovana");
    const sent = await xapi.sendStatement({
      statement: { actor, verb: XAPI.Verbs.COMPLETED, object: { objectType: "Activity", id: ACTIVITY }, result: { completion: true } },
    });
    const id = sent.data[0]!;
    const single = await xapi.getStatement({ statementId: id });
    expect(single.data.verb.id).to.equal(XAPI.Verbs.COMPLETED.id);
    const list = await xapi.getStatements({ agent: actor });
    expect(list.data.statements.map((s) => s.id)).to.deep.equal([id]);
  });

  it("keeps state per registration", async () => {
    const agent = learner("marko");
    const registration = "6c1f1f52-3c4b-4b8a-9d7e-0d3c2a1b0e9f";
    await xapi.setState({ agent, activityId: ACTIVITY, stateId: "bookmark", registration, state: { page: 3 } });
    const state = await xapi.getState({ agent, activityId: ACTIVITY, stateId: "bookmark", registration });
    expect(state.data).to.deep.equal({ page: 3 });
    // Without the registration it is another document, which does not exist.
    const missing = await xapi.getState({ agent, activityId: ACTIVITY, stateId: "bookmark" }).then(() => "found", (e: unknown) => String(e));
    expect(missing).to.contain("NOT_FOUND");
  });
});
