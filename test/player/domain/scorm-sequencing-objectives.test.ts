// SCORM 2004 objectives (SN 4.2.1, 4.6): cmi.objectives mapped to global objectives through
// mapInfo, read by rule conditions and rollup, measure rollup with objectiveMeasureWeight;
// and selection and randomization (SN 4.7). Manifests are written here.
import { expect } from "chai";
import { parseScormManifest } from "../../../player/domain/scorm-manifest.js";
import { buildActivityTree, launchableActivities } from "../../../player/domain/scorm-navigation.js";
import { globalObjectiveScope, globalObjectiveWrites, initialCmiObjectives, objectivesOfCmi } from "../../../player/domain/scorm-objectives.js";
import { arrangeActivityTree } from "../../../player/domain/scorm-selection.js";
import { processNavigation } from "../../../player/domain/scorm-sequencer.js";
import { attempt, cluster, contextOf, flowAndChoice, manifestXml, rule, sco, sequencing, treeOf } from "./support/scorm-sequencing-fixture.js";

describe("player domain: SCORM 2004 objectives and global objectives", () => {
  const writer = sequencing({
    objectives: `<imsss:primaryObjective objectiveID="pretest"><imsss:mapInfo targetObjectiveID="g-mastery" writeSatisfiedStatus="true" writeNormalizedMeasure="true"/></imsss:primaryObjective>`,
  });
  const reader = sequencing({
    rules: rule("pre", "skip", [["satisfied"]]),
    objectives: `<imsss:primaryObjective objectiveID="lesson"><imsss:mapInfo targetObjectiveID="g-mastery"/></imsss:primaryObjective>`,
  });
  const root = treeOf(sco("pre", writer) + sco("lesson", reader) + sco("end") + flowAndChoice);

  it("writes a SCO's known objective status and measure to the global objective it maps to, and nothing unknown", () => {
    const passed = contextOf(root, { pre: [attempt({ successStatus: "passed", scoreScaled: 0.9 })] });
    expect(globalObjectiveWrites(root, passed.states)).to.deep.equal([{ objectiveId: "g-mastery", satisfied: true, measure: 0.9 }]);
    expect(globalObjectiveWrites(root, contextOf(root, { pre: [attempt({ completionStatus: "completed" })] }).states)).to.deep.equal([]);
  });

  it("lets another SCO read the global objective: its skip rule on satisfied follows what the first SCO wrote", () => {
    const mastered = contextOf(root, { pre: [attempt({ successStatus: "passed" })] }, "pre", { "g-mastery": { satisfied: true } });
    expect(processNavigation(mastered, { kind: "continue" })).to.deep.equal({ kind: "deliver", activityId: "end" });
    const notMastered = contextOf(root, { pre: [attempt({ successStatus: "failed" })] }, "pre", { "g-mastery": { satisfied: false } });
    expect(processNavigation(notMastered, { kind: "continue" })).to.deep.equal({ kind: "deliver", activityId: "lesson" });
    // The reading SCO starts with the global's value in cmi.objectives.
    const lesson = launchableActivities(root).find((a) => a.id === "lesson")!;
    expect(initialCmiObjectives(lesson, mastered.states.get("lesson"))).to.deep.equal([{ id: "lesson", success_status: "passed" }]);
  });

  it("maps secondary objectives reported in cmi.objectives, and reads them as scorm-again serialises them", () => {
    const secondary = sequencing({
      objectives: `<imsss:primaryObjective/><imsss:objective objectiveID="obj-safety"><imsss:mapInfo targetObjectiveID="g-safety" readSatisfiedStatus="false" writeSatisfiedStatus="true"/></imsss:objective>`,
    });
    const tree = treeOf(sco("s", secondary));
    const cmiObjectives = objectivesOfCmi({ objectives: { 0: { id: "obj-safety", success_status: "failed", score: { scaled: "0.25" } }, 1: { id: "", success_status: "passed" } } });
    expect([...cmiObjectives]).to.deep.equal([["obj-safety", { satisfied: false, measure: 0.25 }]]);
    const ctx = contextOf(tree, { s: [{ summary: attempt({}).summary, objectives: cmiObjectives }] });
    expect(globalObjectiveWrites(tree, ctx.states)).to.deep.equal([{ objectiveId: "g-safety", satisfied: false, measure: undefined }]);
  });

  it("shares globals across packages unless the organization's objectivesGlobalToSystem is false", () => {
    expect(globalObjectiveScope(parseScormManifest(manifestXml(sco("a"))), "pkg-1")).to.equal("system");
    expect(globalObjectiveScope(parseScormManifest(manifestXml(sco("a"), false)), "pkg-1")).to.equal("package:pkg-1");
  });

  it("rolls measures up weighted by objectiveMeasureWeight, and decides satisfaction by measure when the cluster says so", () => {
    const weight = (w: string) => sequencing({ rollup: `<imsss:rollupRules objectiveMeasureWeight="${w}"/>` });
    const byMeasure = sequencing({ objectives: `<imsss:primaryObjective satisfiedByMeasure="true"><imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure></imsss:primaryObjective>` });
    const tree = treeOf(cluster("m", sco("a", weight("0.75")) + sco("b", weight("0.25")), byMeasure) + flowAndChoice);
    const high = contextOf(tree, { a: [attempt({ scoreScaled: 0.8, successStatus: "failed" })], b: [attempt({ scoreScaled: 0.4 })] });
    expect(high.states.get("m")!.primary.measure).to.be.closeTo(0.7, 1e-9);
    expect(high.states.get("m")!.primary.satisfied).to.equal(true);
    const low = contextOf(tree, { a: [attempt({ scoreScaled: 0.4, successStatus: "passed" })], b: [attempt({ scoreScaled: 0.8 })] });
    expect(low.states.get("m")!.primary).to.deep.equal({ satisfied: false, measure: 0.5 });
    // Weights count for children without a measure too; no measure at all is unknown.
    expect(contextOf(tree, { a: [attempt({ scoreScaled: 0.8 })] }).states.get("m")!.primary.measure).to.be.closeTo(0.6, 1e-9);
    expect(contextOf(tree, {}).states.get("m")!.primary).to.deep.equal({ satisfied: undefined, measure: undefined });
  });
});

describe("player domain: SCORM 2004 rollup defaults and considerations", () => {
  it("rolls up not satisfied only once every contributing child's status is known (the SN default rules)", () => {
    const tree = treeOf(cluster("m", sco("a") + sco("b"), flowAndChoice) + flowAndChoice);
    expect(contextOf(tree, { a: [attempt({ successStatus: "failed" })] }).states.get("m")!.primary.satisfied).to.equal(undefined);
    expect(contextOf(tree, { a: [attempt({ successStatus: "failed" })], b: [attempt({ successStatus: "passed" })] }).states.get("m")!.primary.satisfied).to.equal(false);
    expect(contextOf(tree, { a: [attempt({ completionStatus: "completed" })], b: [attempt({ completionStatus: "completed" })] }).states.get("m")!.completed).to.equal(true);
  });

  it("leaves a child out of rollup by its requiredFor… consideration", () => {
    const optional = sequencing({ considerations: 'requiredForSatisfied="ifAttempted" requiredForNotSatisfied="ifAttempted" requiredForCompleted="ifNotSkipped"', rules: rule("pre", "skip", [["always"]]) });
    const tree = treeOf(cluster("m", sco("a") + sco("b", optional), flowAndChoice) + flowAndChoice);
    const state = contextOf(tree, { a: [attempt({ successStatus: "passed", completionStatus: "completed" })] }).states.get("m")!;
    expect(state.primary.satisfied).to.equal(true);
    expect(state.completed).to.equal(true);
    const plain = treeOf(cluster("m", sco("a") + sco("b"), flowAndChoice) + flowAndChoice);
    expect(contextOf(plain, { a: [attempt({ successStatus: "passed", completionStatus: "completed" })] }).states.get("m")!.primary.satisfied).to.equal(undefined);
  });
});

describe("player domain: SCORM 2004 selection and randomization", () => {
  const pool = Array.from({ length: 8 }, (_, i) => sco(`q${i}`)).join("");
  const idsOf = (seed: string, random: string) =>
    launchableActivities(arrangeActivityTree(buildActivityTree(parseScormManifest(manifestXml(cluster("pool", pool, sequencing({ random })) + flowAndChoice))), seed)).map((a) => a.id);

  it("selects selectCount children, in their order, the same ones for the same learner every time", () => {
    const first = idsOf("learner-1/pkg", 'selectCount="3" selectionTiming="once"');
    expect(first).to.have.length(3);
    expect(first).to.deep.equal([...first].sort());
    expect(idsOf("learner-1/pkg", 'selectCount="3" selectionTiming="once"')).to.deep.equal(first);
    const others = ["learner-2/pkg", "learner-3/pkg", "learner-4/pkg", "learner-5/pkg"].map((seed) => idsOf(seed, 'selectCount="3" selectionTiming="once"').join());
    expect(new Set([first.join(), ...others]).size).to.be.greaterThan(1);
  });

  it("reorders children when reorderChildren is set with a timing, and leaves them alone with timing never", () => {
    const order = idsOf("learner-1/pkg", 'reorderChildren="true" randomizationTiming="onEachNewAttempt"');
    expect([...order].sort()).to.deep.equal(Array.from({ length: 8 }, (_, i) => `q${i}`));
    expect(order).to.not.deep.equal([...order].sort());
    expect(idsOf("learner-1/pkg", 'reorderChildren="true" randomizationTiming="never"')).to.deep.equal([...order].sort());
    // Flow walks the arranged tree.
    const tree = arrangeActivityTree(treeOf(cluster("pool", pool, sequencing({ random: 'reorderChildren="true" randomizationTiming="once"' })) + flowAndChoice), "learner-1/pkg");
    expect(processNavigation(contextOf(tree, {}), { kind: "start" })).to.deep.equal({ kind: "deliver", activityId: order[0] });
  });
});
