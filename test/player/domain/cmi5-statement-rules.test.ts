import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { type Cmi5SessionState, checkAuStatements } from "../../../player/domain/cmi5-statement-rules.js";

const actor = { objectType: "Agent", account: { homePage: "https://obuka.test/accounts", name: "u1" } };
const initializedState: Cmi5SessionState = {
  actor: actor.account,
  registration: "8b6f3c1e-1111-4111-8111-111111111111",
  activityId: "urn:obuka:cmi5:au:1",
  publisherId: "https://example.org/au/1",
  sessionId: "s-1",
  masteryScore: 0.8,
  launchMode: "Normal",
  endedBy: undefined,
  initialized: true,
  preferencesRead: true,
  verbs: [cmi5.verbs.initialized],
  statementIds: [],
  completedInRegistration: false,
  passedInRegistration: false,
};

type Shape = Record<string, unknown> & { result?: Record<string, unknown>; context: Record<string, unknown> & { extensions: Record<string, unknown>; contextActivities: Record<string, unknown> } };

/** A cmi5 defined statement as a well-behaved AU sends it. */
function statement(verb: keyof typeof cmi5.verbs, result?: Record<string, unknown>, extra: Record<string, unknown> = {}): Shape {
  const judged = result !== undefined && ("success" in result || "completion" in result);
  return {
    id: randomUUID(),
    timestamp: "2026-11-23T10:00:00.000Z",
    actor,
    verb: { id: cmi5.verbs[verb] },
    object: { objectType: "Activity", id: initializedState.activityId },
    ...(result ? { result } : {}),
    context: {
      registration: initializedState.registration,
      contextActivities: {
        category: [{ id: cmi5.categoryCmi5 }, ...(judged ? [{ id: cmi5.categoryMoveOn }] : [])],
        grouping: [{ id: initializedState.publisherId }],
      },
      extensions: { [cmi5.extSessionId]: initializedState.sessionId, ...extra },
    },
  };
}
const mastery = { [cmi5.extMasteryScore]: 0.8 };
const passed = (scaled = 0.9) => statement("passed", { success: true, score: { scaled }, duration: "PT1M" }, mastery);
const failed = (scaled = 0.5) => statement("failed", { success: false, score: { scaled }, duration: "PT1M" }, mastery);
const completed = () => statement("completed", { completion: true, duration: "PT1M" });
const terminated = () => statement("terminated", { duration: "PT2M" });
/** A "cmi5 allowed" statement: no cmi5 category, context from the template. */
const allowed = (): Shape => {
  const s = statement("initialized");
  s.verb = { id: "http://adlnet.gov/expapi/verbs/answered" };
  s.object = { id: "https://example.org/au/1/q1" };
  s.context.contextActivities = { grouping: [{ id: initializedState.publisherId }] };
  return s;
};

function requirementOf(statements: unknown[], state: Cmi5SessionState = initializedState): string | undefined {
  return checkAuStatements(statements, state).violation?.requirement;
}

describe("cmi5 statement rules (LMS side, AICC cmi5 sections 7 to 10)", () => {
  it("accepts a whole Normal session in one batch: Initialized, Completed, Passed, Terminated, and a cmi5 allowed statement", () => {
    const outcome = checkAuStatements([statement("initialized"), allowed(), completed(), passed(), terminated()], { ...initializedState, initialized: false, verbs: [] });
    expect(outcome.violation).to.equal(undefined);
    expect(outcome.state?.endedBy).to.equal("terminated");
    expect(outcome.state?.completedInRegistration).to.equal(true);
    expect(outcome.state?.passedInRegistration).to.equal(true);
  });

  // [what, statements, state changes, requirement id]
  const refusals: [string, () => unknown[], Partial<Cmi5SessionState>, string][] = [
    ["anything after Terminated", () => [allowed()], { endedBy: "terminated" }, "9.3.0.0-5 (d2)"],
    ["anything after Abandoned", () => [allowed()], { endedBy: "abandoned" }, "9.3.6.0-2 (d2)"],
    ["a statement after Terminated in the same batch", () => [terminated(), allowed()], {}, "9.3.0.0-5 (d2)"],
    ["a statement without an id", () => [{ ...completed(), id: undefined }], {}, "9.1.0.0-1 (d)"],
    ["Initialized before the learner preferences were read", () => [statement("initialized")], { initialized: false, verbs: [], preferencesRead: false }, "11.0.0.0-3 (d2)"],
    ["a statement before Initialized", () => [allowed()], { initialized: false, verbs: [] }, "9.3.0.0-4 (d2)"],
    ["Initialized twice in a session", () => [statement("initialized")], {}, "9.3.2.0-3 (d)"],
    ["Completed twice in a session", () => [completed()], { verbs: [cmi5.verbs.initialized, cmi5.verbs.completed] }, "9.3.0.0-2 (d)"],
    ["Passed after Failed in a session", () => [passed()], { verbs: [cmi5.verbs.initialized, cmi5.verbs.failed] }, "9.3.0.0-3 (d)"],
    ["Completed again in the registration", () => [completed()], { completedInRegistration: true }, "9.3.0.0-6 (d2)"],
    ["Passed again in the registration", () => [passed()], { passedInRegistration: true }, "9.3.0.0-7 (d2)"],
    ["Failed after Passed in the registration", () => [failed()], { passedInRegistration: true }, "9.3.0.0-8 (d)"],
    ["a voiding statement", () => [{ ...allowed(), verb: { id: "http://adlnet.gov/expapi/verbs/voided" } }], {}, "6.3.0.0-1"],
    ["another actor", () => [{ ...completed(), actor: { account: { homePage: actor.account.homePage, name: "u2" } } }], {}, "8.1.3.0-3 (d)"],
    ["a missing timestamp", () => [{ ...completed(), timestamp: undefined }], {}, "9.7.0.0-1 (d)"],
    ["a timestamp not in UTC", () => [{ ...completed(), timestamp: "2026-11-23T11:00:00.000+01:00" }], {}, "9.7.0.0-2 (d)"],
    ["another registration", () => [{ ...completed(), context: { ...completed().context, registration: "00000000-0000-4000-8000-000000000000" } }], {}, "9.6.1.0-1 (d)"],
    ["a missing session id", () => [{ ...completed(), context: { ...completed().context, extensions: {} } }], {}, "9.6.3.1-4 (d)"],
    ["the template's grouping dropped", () => [{ ...completed(), context: { ...completed().context, contextActivities: { category: [{ id: cmi5.categoryCmi5 }, { id: cmi5.categoryMoveOn }] } } }], {}, "9.6.2.0-1 (d)"],
    ["a cmi5 defined statement about another object", () => [{ ...completed(), object: { id: "https://example.org/au/1" } }], {}, "8.1.5.0-6 (d)"],
    ["an LMS verb from the AU (Satisfied)", () => [statement("satisfied")], {}, "9.3.0.0-1"],
    ["Completed in a Browse session", () => [completed()], { launchMode: "Browse" }, "10.2.2.0-2 (d)"],
    ["Passed in a Review session", () => [passed()], { launchMode: "Review" }, "10.2.2.0-3 (d)"],
    ["a score on Completed", () => [statement("completed", { completion: true, duration: "PT1M", score: { scaled: 1 } })], {}, "9.5.1.0-2 (d)"],
    ["score.raw without min", () => [statement("passed", { success: true, duration: "PT1M", score: { raw: 9, max: 10 } })], { masteryScore: undefined }, "9.5.1.0-3 (d1)"],
    ["score.raw without max", () => [statement("passed", { success: true, duration: "PT1M", score: { raw: 9, min: 0 } })], { masteryScore: undefined }, "9.5.1.0-3 (d2)"],
    ["Passed without success true", () => [statement("passed", { success: false, duration: "PT1M" })], {}, "9.5.2.0-1 (d1)"],
    ["Failed without success false", () => [statement("failed", { success: true, duration: "PT1M" })], {}, "9.5.2.0-2 (d)"],
    ["success on Terminated", () => [statement("terminated", { success: true, duration: "PT1M" })], {}, "9.5.2.0-3 (d)"],
    ["Completed without completion true", () => [statement("completed", { duration: "PT1M" })], {}, "9.5.3.0-1 (d1)"],
    ["completion on Terminated", () => [statement("terminated", { completion: true, duration: "PT1M" })], {}, "9.5.3.0-2 (d)"],
    ["Terminated without duration", () => [statement("terminated")], {}, "9.5.4.1-1 (d)"],
    ["Completed without duration", () => [statement("completed", { completion: true })], {}, "9.5.4.1-2 (d)"],
    ["Passed without duration", () => [statement("passed", { success: true })], { masteryScore: undefined }, "9.5.4.1-3 (d)"],
    ["Failed without duration", () => [statement("failed", { success: false })], { masteryScore: undefined }, "9.5.4.1-4 (d)"],
    ["Completed without the moveOn category", () => [{ ...completed(), context: { ...completed().context, contextActivities: { category: [{ id: cmi5.categoryCmi5 }], grouping: [{ id: initializedState.publisherId }] } } }], {}, "9.6.2.2-1 (d1)"],
    ["the moveOn category on Terminated", () => [{ ...terminated(), context: { ...terminated().context, contextActivities: { category: [{ id: cmi5.categoryCmi5 }, { id: cmi5.categoryMoveOn }], grouping: [{ id: initializedState.publisherId }] } } }], {}, "9.6.2.2-2 (d)"],
    ["the moveOn category on a cmi5 allowed statement", () => [{ ...allowed(), context: { ...allowed().context, contextActivities: { category: [{ id: cmi5.categoryMoveOn }], grouping: [{ id: initializedState.publisherId }] } } }], {}, "9.6.2.2-2 (d)"],
    ["Passed with a score but no masteryScore extension", () => [statement("passed", { success: true, score: { scaled: 0.9 }, duration: "PT1M" })], {}, "9.6.3.2-2 (d)"],
    ["Passed below the masteryScore", () => [passed(0.5)], {}, "9.3.4.0-2 (d2)"],
    ["Failed at the masteryScore", () => [failed(0.8)], {}, "9.3.5.0-2 (d)"],
  ];
  for (const [what, statements, changes, requirement] of refusals) {
    it(`refuses ${what} (${requirement})`, () => {
      expect(requirementOf(statements(), { ...initializedState, ...changes })).to.equal(requirement);
    });
  }

  it("accepts Initialized and Terminated in Browse and Review sessions (10.2.2.0-8, 10.2.2.0-10)", () => {
    for (const launchMode of ["Browse", "Review"] as const) {
      expect(requirementOf([statement("initialized"), terminated()], { ...initializedState, launchMode, initialized: false, verbs: [] })).to.equal(undefined);
    }
  });

  it("accepts Failed then, in a later session, Passed in the same registration (9.3.0.0-8 only forbids the reverse)", () => {
    expect(requirementOf([failed()])).to.equal(undefined);
    expect(requirementOf([passed()], { ...initializedState, verbs: [cmi5.verbs.initialized] })).to.equal(undefined);
  });

  it("lets a resend of an accepted statement through to the LRS, which answers it as a duplicate", () => {
    const sent = completed();
    const after = checkAuStatements([sent], initializedState).state!;
    expect(requirementOf([sent], after)).to.equal(undefined);
    expect(requirementOf([completed()], after)).to.equal("9.3.0.0-2 (d)");
  });

  it("names the statement of a batch that broke a rule", () => {
    expect(checkAuStatements([completed(), passed(0.1)], initializedState).violation).to.include({ index: 1, field: "result.score.scaled" });
  });
});
