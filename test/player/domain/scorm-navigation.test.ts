import { expect } from "chai";
import type { ScormItem, ScormPackage } from "../../../player/domain/content-package.js";
import { type ActivityStatus, buildActivityTree, navigationFrom, rollUp, startingActivity, statusOfAttempts, unknownStatus } from "../../../player/domain/scorm-navigation.js";
import { type Sequencing, emptySequencing } from "../../../player/domain/scorm-sequencing.js";

function item(identifier: string, children: ScormItem[] = [], sequencing?: Partial<Sequencing>): ScormItem {
  return {
    identifier, title: identifier, identifierRef: children.length ? undefined : `res-${identifier}`, launch: children.length ? undefined : `${identifier}.html`,
    parameters: undefined, isVisible: true, masteryScore: undefined, prerequisites: undefined, maxTimeAllowed: undefined, timeLimitAction: undefined,
    dataFromLms: undefined, completionThreshold: undefined, sequencing: sequencing && { ...emptySequencing(), ...sequencing }, hideLmsUi: [], children,
  };
}
const flowAndChoice = { controlMode: { ...emptySequencing().controlMode, flow: true, choice: true } };
function pkg(items: ScormItem[], rootSequencing?: Partial<Sequencing>, format: "scorm12" | "scorm2004" = "scorm2004"): ScormPackage {
  return {
    format, edition: format === "scorm12" ? "1.2" : "4th", identifier: "m", title: { und: "M" }, metadata: { schema: undefined, schemaVersion: undefined, location: undefined },
    defaultOrganization: "org", resources: [],
    organizations: [{ identifier: "org", title: "Kurs", items, sequencing: rootSequencing && { ...emptySequencing(), ...rootSequencing }, objectivesGlobalToSystem: true, sharedDataGlobalToSystem: true }],
  };
}

describe("player domain: SCORM activity tree, flow, choice and rollup", () => {
  it("walks flow inside clusters that allow it and not past one that does not", () => {
    const tree = buildActivityTree(pkg([item("a", [item("a1"), item("a2")], flowAndChoice), item("b", [item("b1")])], flowAndChoice));
    expect(navigationFrom(tree, "a1", "scorm2004")).to.include({ next: "a2", previous: undefined });
    // Cluster b has no flow (the XSD default), so continue from a2 stops at its border.
    expect(navigationFrom(tree, "a2", "scorm2004")).to.include({ next: undefined, previous: "a1" });
    expect(startingActivity(tree, "scorm2004")).to.equal("a1");
  });

  it("keeps previous from a forwardOnly cluster and hides activities disabled by an always rule from choice", () => {
    const disabled = { sequencingRules: { pre: [{ conditionCombination: "all" as const, conditions: [{ condition: "always" as const, operator: "noOp" as const, referencedObjective: undefined, measureThreshold: undefined }], action: "disabled" }], exit: [], post: [] } };
    const tree = buildActivityTree(pkg([item("x", [item("x1"), item("x2"), item("x3", [], disabled)], { controlMode: { ...flowAndChoice.controlMode, forwardOnly: true } })], flowAndChoice));
    const options = navigationFrom(tree, "x2", "scorm2004");
    expect(options.previous).to.equal(undefined);
    expect(options.next).to.equal(undefined);
    // A choice backwards among siblings passes the forwardOnly cluster too (SB.2.4): only x2 itself remains.
    expect([...options.choosable]).to.deep.equal(["x2"]);
    expect([...navigationFrom(tree, undefined, "scorm2004").choosable]).to.deep.equal(["x1", "x2"]);
  });

  it("offers no choice under a cluster with choice=false", () => {
    const tree = buildActivityTree(pkg([item("c", [item("c1"), item("c2")], { controlMode: { ...flowAndChoice.controlMode, choice: false } }), item("d")], flowAndChoice));
    expect([...navigationFrom(tree, "c1", "scorm2004").choosable]).to.deep.equal(["d"]);
  });

  it("lets SCORM 1.2 learners move freely, in document order", () => {
    const tree = buildActivityTree(pkg([item("p", [item("p1"), item("p2")]), item("q")], undefined, "scorm12"));
    expect(navigationFrom(tree, "p2", "scorm12")).to.include({ previous: "p1", next: "q" });
    expect(navigationFrom(tree, "p2", "scorm12").choosable.size).to.equal(3);
  });

  const status = (map: Record<string, Partial<ActivityStatus>>) => (id: string): ActivityStatus => ({ ...unknownStatus, attempted: id in map, ...map[id] });

  it("rolls completion and satisfaction up by the default rules", () => {
    const tree = buildActivityTree(pkg([item("a", [item("a1"), item("a2")]), item("b")]));
    const some = rollUp(tree, status({ a1: { completed: true, satisfied: true }, a2: { completed: true, satisfied: true } }));
    expect(some.get("a")).to.deep.equal({ attempted: true, completed: true, satisfied: true });
    expect(some.get("org")).to.include({ completed: undefined, satisfied: undefined });
    const failed = rollUp(tree, status({ a1: { completed: true, satisfied: false }, a2: { completed: true, satisfied: true }, b: { completed: true, satisfied: true } }));
    expect(failed.get("org")).to.include({ completed: true, satisfied: false });
  });

  it("applies rollup rules instead of the defaults, and leaves untracked children out", () => {
    const anySatisfied = {
      rollupRules: { ...emptySequencing().rollupRules, rules: [{ childActivitySet: "any" as const, minimumCount: 0, minimumPercent: 0, conditionCombination: "any" as const, conditions: [{ condition: "satisfied" as const, operator: "noOp" as const }], action: "satisfied" as const }] },
    };
    const untracked = { deliveryControls: { tracked: false, completionSetByContent: false, objectiveSetByContent: false } };
    const tree = buildActivityTree(pkg([item("r1"), item("r2"), item("r3", [], untracked)], anySatisfied));
    const rolled = rollUp(tree, status({ r1: { satisfied: true, completed: true }, r2: { satisfied: false, completed: true }, r3: { completed: false } }));
    expect(rolled.get("org")).to.include({ satisfied: true, completed: true });
  });

  it("keeps a SCO completed and passed once an attempt was, and otherwise reads the latest attempt that reported", () => {
    const summary = (completionStatus: "completed" | "incomplete", successStatus: "passed" | "failed" | "unknown") =>
      ({ completionStatus, successStatus, scoreScaled: undefined, scoreRaw: undefined, location: "", suspendData: "", exit: "" });
    expect(statusOfAttempts([summary("completed", "passed"), summary("incomplete", "unknown"), undefined])).to.deep.equal({ attempted: true, completed: true, satisfied: true });
    expect(statusOfAttempts([summary("completed", "unknown"), summary("incomplete", "failed")])).to.deep.equal({ attempted: true, completed: true, satisfied: false });
    expect(statusOfAttempts([undefined])).to.deep.equal(unknownStatus);
  });
});
