import { expect } from "chai";
import { buildXapiLaunchUrl, findStateOutsideScope, findStatementOutsideScope } from "../../../player/domain/xapi-launch.js";

const actor = { objectType: "Agent" as const, name: "Ana", account: { homePage: "https://obuka.test/accounts", name: "u1" } };
const registration = "0b8a6f8e-3e0b-4d3c-9d39-5f6f2f9a1c11";
const scope = { actor, registration };
const own = { actor: { account: { ...actor.account } }, verb: { id: "http://adlnet.gov/expapi/verbs/completed" }, object: { id: "https://x.example/a" }, context: { registration } };

describe("player domain: xAPI launch (Rustici launch document) and the launch credential's scope", () => {
  it("puts endpoint, auth, actor, registration and activity_id on the content URL, keeping its query", () => {
    const url = new URL(buildXapiLaunchUrl("http://127.0.0.1:1/content/p/au/01/index.html?lang=en", { endpoint: "http://127.0.0.1:1/xapi/", authorization: "Basic a2V5OnNlY3JldA==", actor, registration, activityId: "https://x.example/course" }));
    expect(url.searchParams.get("lang")).to.equal("en");
    expect(url.searchParams.get("endpoint")).to.equal("http://127.0.0.1:1/xapi/");
    expect(url.searchParams.get("auth")).to.equal("Basic a2V5OnNlY3JldA==");
    expect(JSON.parse(url.searchParams.get("actor")!)).to.deep.equal(actor);
    expect(url.searchParams.get("registration")).to.equal(registration);
    expect(url.searchParams.get("activity_id")).to.equal("https://x.example/course");
    expect(url.searchParams.has("Accept-Language")).to.equal(false);
    const withLanguage = new URL(buildXapiLaunchUrl("http://127.0.0.1:1/a.html", { endpoint: "http://127.0.0.1:1/xapi/", authorization: "Basic x", actor, registration, activityId: "https://x.example/a", acceptLanguage: "sr-Cyrl" }));
    expect(withLanguage.searchParams.get("Accept-Language")).to.equal("sr-Cyrl");
  });

  const refusals: [string, unknown, string][] = [
    ["another learner", { ...own, actor: { account: { homePage: actor.account.homePage, name: "u2" } } }, "actor:"],
    ["an mbox actor", { ...own, actor: { mbox: "mailto:ana@example.org" } }, "actor:"],
    ["a group", { ...own, actor: { objectType: "Group", account: actor.account } }, "actor:"],
    ["another registration", { ...own, context: { registration: "11111111-1111-4111-8111-111111111111" } }, "context.registration:"],
    ["no registration", { ...own, context: {} }, "context.registration:"],
    ["voiding", { ...own, verb: { id: "http://adlnet.gov/expapi/verbs/voided" } }, "verb.id:"],
  ];
  for (const [what, statement, field] of refusals) {
    it(`refuses a statement with ${what}, naming ${field}`, () => {
      const outside = findStatementOutsideScope([own, statement], scope);
      expect(outside?.index).to.equal(1);
      expect(outside?.message.startsWith(field)).to.equal(true);
    });
  }

  it("accepts the launch learner's statements in the launch registration (any letter case of the UUID)", () => {
    expect(findStatementOutsideScope([own, { ...own, context: { registration: registration.toUpperCase() } }], scope)).to.equal(undefined);
  });

  it("allows state only for the learner and registration of the launch", () => {
    expect(findStateOutsideScope({ agent: actor, registration }, scope)).to.equal(undefined);
    expect(findStateOutsideScope({ agent: { account: { ...actor.account, name: "u2" } }, registration }, scope)).to.match(/^agent:/);
    expect(findStateOutsideScope({ agent: actor }, scope)).to.match(/^registration:/);
    expect(findStateOutsideScope({ agent: actor, registration: "11111111-1111-4111-8111-111111111111" }, scope)).to.match(/^registration:/);
  });
});
