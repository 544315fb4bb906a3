// SCORM 2004 sequencing rules (SN 3.4, UP.2) against the tracking state of the referenced
// objective, and the precondition actions in flow and choice. Manifests are written here.
import { expect } from "chai";
import { ruleAction } from "../../../player/domain/scorm-rules.js";
import { choiceAllowed, processNavigation } from "../../../player/domain/scorm-sequencer.js";
import { type Activity, navigationFrom } from "../../../player/domain/scorm-navigation.js";
import { attempt, contextOf, flowAndChoice, rule, sco, sequencing, treeOf } from "./support/scorm-sequencing-fixture.js";

const leafOf = (root: Activity, id: string) => root.children.find((c) => c.id === id)!;

describe("player domain: SCORM 2004 sequencing rule conditions", () => {
  // One SCO "s" with a precondition rule `skip`; the table says what its attempts were and whether the rule applies.
  const cases: { condition: string; extra?: string; reported: Parameters<typeof attempt>[0][]; applies: boolean; not?: boolean; limit?: number }[] = [
    { condition: "satisfied", reported: [{ successStatus: "passed" }], applies: true },
    { condition: "satisfied", reported: [{ successStatus: "failed" }], applies: false },
    { condition: "satisfied", reported: [], applies: false },
    { condition: "satisfied", reported: [{ successStatus: "failed" }], applies: true, not: true },
    // Unknown stays unknown under not: a SCO that reported nothing is neither satisfied nor not.
    { condition: "satisfied", reported: [{ completionStatus: "incomplete" }], applies: false, not: true },
    { condition: "objectiveStatusKnown", reported: [{ successStatus: "failed" }], applies: true },
    { condition: "objectiveStatusKnown", reported: [{ completionStatus: "completed" }], applies: false },
    { condition: "objectiveMeasureKnown", reported: [{ scoreScaled: 0.2 }], applies: true },
    { condition: "objectiveMeasureKnown", reported: [{ successStatus: "passed" }], applies: false },
    { condition: "objectiveMeasureGreaterThan", extra: 'measureThreshold="0.5"', reported: [{ scoreScaled: 0.6 }], applies: true },
    { condition: "objectiveMeasureGreaterThan", extra: 'measureThreshold="0.5"', reported: [{ scoreScaled: 0.5 }], applies: false },
    { condition: "objectiveMeasureLessThan", extra: 'measureThreshold="0.5"', reported: [{ scoreScaled: 0.4 }], applies: true },
    { condition: "objectiveMeasureLessThan", extra: 'measureThreshold="0.5"', reported: [{ completionStatus: "completed" }], applies: false, not: true },
    { condition: "completed", reported: [{ completionStatus: "completed" }], applies: true },
    { condition: "completed", reported: [{ completionStatus: "incomplete" }], applies: true, not: true },
    { condition: "activityProgressKnown", reported: [{ completionStatus: "incomplete" }], applies: true },
    { condition: "activityProgressKnown", reported: [undefined], applies: false },
    { condition: "attempted", reported: [undefined], applies: true },
    { condition: "attempted", reported: [], applies: true, not: true },
    { condition: "attemptLimitExceeded", reported: [{}, {}], applies: true, limit: 2 },
    { condition: "attemptLimitExceeded", reported: [{}], applies: false, limit: 2 },
    { condition: "always", reported: [], applies: true },
    { condition: "timeLimitExceeded", reported: [{}], applies: false },
    { condition: "outsideAvailableTimeRange", reported: [{}], applies: false },
  ];
  for (const { condition, extra = "", reported, applies, not, limit } of cases) {
    it(`${not ? "not " : ""}${condition} ${extra} after ${JSON.stringify(reported)}: ${applies ? "applies" : "does not apply"}`, () => {
      const root = treeOf(sco("s", sequencing({ rules: rule("pre", "skip", [[condition, `${extra} ${not ? 'operator="not"' : ""}`]]), ...(limit ? { limit: `attemptLimit="${limit}"` } : {}) })));
      const ctx = contextOf(root, { s: reported.map(attempt) });
      expect(ruleAction(leafOf(root, "s"), ctx.states.get("s")!, "pre", ["skip"])).to.equal(applies ? "skip" : undefined);
    });
  }

  it("combines conditions with all and any, and reads the referenced objective instead of the primary one", () => {
    const objectives = `<imsss:primaryObjective objectiveID="p"/><imsss:objective objectiveID="extra"/>`;
    const both = rule("pre", "disabled", [["satisfied"], ["completed"]], "all");
    const either = rule("pre", "hiddenFromChoice", [["satisfied"], ["completed"]], "any");
    const referenced = rule("pre", "skip", [["satisfied", 'referencedObjective="extra"']]);
    const root = treeOf(sco("s", sequencing({ rules: both + either + referenced, objectives })));
    const state = (reported: Parameters<typeof attempt>[0]) => contextOf(root, { s: [attempt(reported)] }).states.get("s")!;
    const s = leafOf(root, "s");
    expect(ruleAction(s, state({ successStatus: "passed", completionStatus: "incomplete" }), "pre", ["disabled", "hiddenFromChoice"])).to.equal("hiddenFromChoice");
    expect(ruleAction(s, state({ successStatus: "passed", completionStatus: "completed" }), "pre", ["disabled", "hiddenFromChoice"])).to.equal("disabled");
    expect(ruleAction(s, state({ successStatus: "passed" }), "pre", ["skip"])).to.equal(undefined);
    expect(ruleAction(s, state({ successStatus: "failed", objectives: { extra: { satisfied: true } } }), "pre", ["skip"])).to.equal("skip");
  });
});

describe("player domain: SCORM 2004 precondition actions in flow and choice", () => {
  const skipIfSatisfied = sequencing({ rules: rule("pre", "skip", [["satisfied"]]) });

  it("skips an activity whose skip rule applies when flowing forward and back, and delivers it otherwise", () => {
    const root = treeOf(sco("a") + sco("b", skipIfSatisfied) + sco("c") + flowAndChoice);
    const passed = contextOf(root, { a: [attempt({ completionStatus: "completed" })], b: [attempt({ successStatus: "passed" })] }, "a");
    expect(processNavigation(passed, { kind: "continue" })).to.deep.equal({ kind: "deliver", activityId: "c" });
    expect(processNavigation({ ...passed, current: "c" }, { kind: "previous" })).to.deep.equal({ kind: "deliver", activityId: "a" });
    const notYet = contextOf(root, { a: [attempt({ completionStatus: "completed" })] }, "a");
    expect(processNavigation(notYet, { kind: "continue" })).to.deep.equal({ kind: "deliver", activityId: "b" });
    // Skip is a flow action: the learner may still choose b.
    expect(choiceAllowed(passed, "b")).to.equal(true);
  });

  it("starts past skipped activities and ends the session when flow runs past the last one", () => {
    const root = treeOf(sco("a", skipIfSatisfied) + sco("b") + flowAndChoice);
    const ctx = contextOf(root, { a: [attempt({ successStatus: "passed" })] });
    expect(processNavigation(ctx, { kind: "start" })).to.deep.equal({ kind: "deliver", activityId: "b" });
    expect(processNavigation({ ...ctx, current: "b" }, { kind: "continue" })).to.deep.equal({ kind: "end" });
  });

  it("stops flow at a disabled activity and refuses to choose it", () => {
    const disabledUntilAPassed = sequencing({ rules: rule("pre", "disabled", [["always"]]) });
    const root = treeOf(sco("a") + sco("b", disabledUntilAPassed) + sco("c") + flowAndChoice);
    const ctx = contextOf(root, {}, "a");
    expect(processNavigation(ctx, { kind: "continue" })).to.include({ kind: "invalid" });
    expect(choiceAllowed(ctx, "b")).to.equal(false);
    expect(choiceAllowed(ctx, "c")).to.equal(true);
  });

  it("hides an activity from choice by its hiddenFromChoice rule, on a cluster for all its descendants, while flow still reaches it", () => {
    const hidden = sequencing({ rules: rule("pre", "hiddenFromChoice", [["attempted", 'operator="not"']]) });
    const root = treeOf(sco("a") + `<item identifier="k"><title>k</title>${sco("k1")}${hidden}</item>` + flowAndChoice);
    const ctx = contextOf(root, {}, "a");
    expect(navigationFrom(root, "a", "scorm2004", ctx.states).choosable).to.deep.equal(new Set(["a"]));
    expect(processNavigation(ctx, { kind: "continue" })).to.deep.equal({ kind: "deliver", activityId: "k1" });
    const attempted = contextOf(root, { k1: [attempt({})] }, "a");
    expect(choiceAllowed(attempted, "k1")).to.equal(true);
  });

  it("refuses a forward choice past an activity whose stopForwardTraversal rule applies, and allows one back", () => {
    const stopUntilPassed = sequencing({ rules: rule("pre", "stopForwardTraversal", [["satisfied", 'operator="not"']]) });
    const root = treeOf(sco("a") + sco("b", stopUntilPassed) + sco("c") + flowAndChoice);
    const failed = contextOf(root, { b: [attempt({ successStatus: "failed" })] }, "a");
    expect(choiceAllowed(failed, "c")).to.equal(false);
    expect(choiceAllowed(failed, "b")).to.equal(true);
    expect(choiceAllowed({ ...failed, current: "c" }, "a")).to.equal(true);
    const passed = contextOf(root, { b: [attempt({ successStatus: "passed" })] }, "a");
    expect(choiceAllowed(passed, "c")).to.equal(true);
  });
});
