// SCORM 2004 termination and sequencing requests (SN TB.2.x, SB.2.x): exit actions and post
// conditions after a SCO ends, limit conditions, the SCO's own navigation requests, and the
// control modes of choice. Manifests are written here.
import { expect } from "chai";
import { processNavigation } from "../../../player/domain/scorm-sequencer.js";
import { navigationFrom } from "../../../player/domain/scorm-navigation.js";
import { attempt, cluster, contextOf, flowAndChoice, rule, sco, sequencing, treeOf } from "./support/scorm-sequencing-fixture.js";

const deliver = (activityId: string) => ({ kind: "deliver", activityId });

describe("player domain: SCORM 2004 exit actions and post conditions", () => {
  it("retries a SCO whose post condition retry on not satisfied applies, and continues once it is satisfied", () => {
    const root = treeOf(sco("quiz", sequencing({ rules: rule("post", "retry", [["satisfied", 'operator="not"']]) })) + sco("end") + flowAndChoice);
    const failed = contextOf(root, { quiz: [attempt({ successStatus: "failed" })] }, "quiz");
    expect(processNavigation(failed, { kind: "continue" })).to.deep.equal(deliver("quiz"));
    // A retry replaces the learner's request, whatever it was.
    expect(processNavigation(failed, { kind: "choice", target: "end" })).to.deep.equal(deliver("quiz"));
    const passed = contextOf(root, { quiz: [attempt({ successStatus: "failed" }), attempt({ successStatus: "passed" })] }, "quiz");
    expect(processNavigation(passed, { kind: "continue" })).to.deep.equal(deliver("end"));
    // Looking ahead (buttons, request_valid) does not end the attempt, so no post condition applies.
    expect(processNavigation(failed, { kind: "continue" }, { terminate: false })).to.deep.equal(deliver("end"));
    // A suspended attempt is not judged by its post conditions (TB.2.2).
    const suspended = contextOf(root, { quiz: [attempt({ successStatus: "failed", exit: "suspend" })] }, "quiz");
    expect(processNavigation(suspended, { kind: "continue" })).to.deep.equal(deliver("end"));
  });

  it("moves on by a post condition continue or previous when the SCO only exits", () => {
    const root = treeOf(sco("a") + sco("b", sequencing({ rules: rule("post", "continue", [["completed"]]) + rule("post", "previous", [["completed", 'operator="not"']]) })) + sco("c") + flowAndChoice);
    expect(processNavigation(contextOf(root, { b: [attempt({ completionStatus: "completed" })] }, "b"), { kind: "exit" })).to.deep.equal(deliver("c"));
    expect(processNavigation(contextOf(root, { b: [attempt({ completionStatus: "incomplete" })] }, "b"), { kind: "exit" })).to.deep.equal(deliver("a"));
    // Without a rule that applies, exit leaves the learner to choose.
    expect(processNavigation(contextOf(root, { a: [attempt({})] }, "a"), { kind: "exit" })).to.deep.equal({ kind: "wait" });
  });

  it("exits the parent and applies the parent's post conditions: retry of the cluster starts it again at its first SCO", () => {
    const moduleRules = sequencing({ rules: rule("post", "retry", [["satisfied", 'operator="not"']]), rollup: "" });
    const lastRules = sequencing({ rules: rule("post", "exitParent", [["always"]]) });
    const root = treeOf(cluster("m", sco("m1") + sco("m2", lastRules), moduleRules) + sco("next") + flowAndChoice);
    const failed = contextOf(root, { m1: [attempt({ successStatus: "passed" })], m2: [attempt({ successStatus: "failed" })] }, "m2");
    expect(processNavigation(failed, { kind: "continue" })).to.deep.equal(deliver("m1"));
    const passed = contextOf(root, { m1: [attempt({ successStatus: "passed" })], m2: [attempt({ successStatus: "passed" })] }, "m2");
    expect(processNavigation(passed, { kind: "continue" })).to.deep.equal(deliver("next"));
  });

  it("ends the course on exitAll, and starts it again on retryAll", () => {
    const root = treeOf(sco("a") + sco("b", sequencing({ rules: rule("post", "exitAll", [["satisfied"]]) + rule("post", "retryAll", [["satisfied", 'operator="not"']]) })) + flowAndChoice);
    expect(processNavigation(contextOf(root, { b: [attempt({ successStatus: "passed" })] }, "b"), { kind: "continue" })).to.deep.equal({ kind: "end" });
    expect(processNavigation(contextOf(root, { a: [attempt({})], b: [attempt({ successStatus: "failed" })] }, "b"), { kind: "continue" })).to.deep.equal(deliver("a"));
  });

  it("leaves a cluster whose exit action rule applies, and continues from the cluster", () => {
    const exitWhenDone = sequencing({ rules: rule("exit", "exit", [["satisfied"]]) });
    const root = treeOf(cluster("m", sco("m1") + sco("m2") + sco("m3"), exitWhenDone) + sco("after") + flowAndChoice);
    // The module's default rollup: satisfied once every SCO is. m3 is skipped over by leaving m.
    const states = { m1: [attempt({ successStatus: "passed" })], m2: [attempt({ successStatus: "passed" })], m3: [attempt({ successStatus: "passed" })] };
    expect(processNavigation(contextOf(root, states, "m1"), { kind: "continue" })).to.deep.equal(deliver("after"));
    expect(processNavigation(contextOf(root, { m1: [attempt({ successStatus: "passed" })] }, "m1"), { kind: "continue" })).to.deep.equal(deliver("m2"));
  });
});

describe("player domain: SCORM 2004 limit conditions", () => {
  const limited = (limit: number) => treeOf(sco("intro") + sco("quiz", sequencing({ limit: `attemptLimit="${limit}"`, rules: rule("post", "retry", [["satisfied", 'operator="not"']]) })) + sco("end") + flowAndChoice);

  it("retries until the attempts are used up, then delivers nothing and disables the SCO", () => {
    const root = limited(2);
    expect(processNavigation(contextOf(root, { quiz: [attempt({ successStatus: "failed" })] }, "quiz"), { kind: "continue" })).to.deep.equal(deliver("quiz"));
    const usedUp = contextOf(root, { quiz: [attempt({ successStatus: "failed" }), attempt({ successStatus: "failed" })] }, "quiz");
    expect(processNavigation(usedUp, { kind: "continue" })).to.include({ kind: "invalid" });
    const fromIntro = { ...usedUp, current: "intro" };
    expect(processNavigation(fromIntro, { kind: "continue" })).to.include({ kind: "invalid" });
    expect(navigationFrom(root, "intro", "scorm2004", usedUp.states).choosable.has("quiz")).to.equal(false);
  });

  it("lets a learner resume a suspended attempt at the limit, and treats attemptLimit 0 as no limit", () => {
    const suspended = contextOf(limited(1), { quiz: [attempt({ exit: "suspend" })] }, "intro");
    expect(processNavigation(suspended, { kind: "continue" })).to.deep.equal(deliver("quiz"));
    const unlimited = contextOf(limited(0), { quiz: [attempt({ successStatus: "failed" }), attempt({ successStatus: "failed" })] }, "quiz");
    expect(processNavigation(unlimited, { kind: "continue" })).to.deep.equal(deliver("quiz"));
  });
});

describe("player domain: SCORM 2004 navigation requests from the SCO", () => {
  const root = treeOf(cluster("m", sco("m1") + sco("m2"), flowAndChoice) + flowAndChoice);

  it("answers exit, exitAll, abandon, abandonAll and suspendAll", () => {
    const ctx = contextOf(root, { m1: [attempt({})] }, "m1");
    expect(processNavigation(ctx, { kind: "exit" })).to.deep.equal({ kind: "wait" });
    expect(processNavigation(ctx, { kind: "abandon" })).to.deep.equal({ kind: "wait" });
    expect(processNavigation(ctx, { kind: "exitAll" })).to.deep.equal({ kind: "end" });
    expect(processNavigation(ctx, { kind: "abandonAll" })).to.deep.equal({ kind: "end" });
    expect(processNavigation(ctx, { kind: "suspendAll" })).to.deep.equal({ kind: "suspended" });
    expect(processNavigation(contextOf(root, {}), { kind: "continue" })).to.include({ kind: "invalid" });
  });

  it("ends the session when a single-SCO course exits from its root", () => {
    const single = treeOf(sco("only"));
    const ctx = { ...contextOf(single, { only: [attempt({})] }, "only") };
    expect(processNavigation(ctx, { kind: "exit" })).to.deep.equal({ kind: "wait" });
    const exitParent = treeOf(sco("only", sequencing({ rules: rule("post", "exitParent", [["always"]]) })));
    expect(processNavigation(contextOf(exitParent, { only: [attempt({})] }, "only"), { kind: "exit" })).to.deep.equal({ kind: "end" });
  });
});

describe("player domain: SCORM 2004 control modes in choice", () => {
  it("keeps the learner in an activity with choiceExit=false until it ends by flow", () => {
    const root = treeOf(sco("a", sequencing({ controlMode: 'choice="true" flow="true" choiceExit="false"' })) + sco("b") + flowAndChoice);
    const ctx = contextOf(root, {}, "a");
    expect(navigationFrom(root, "a", "scorm2004", ctx.states).choosable.has("b")).to.equal(false);
    expect(processNavigation(ctx, { kind: "choice", target: "b" })).to.include({ kind: "invalid" });
    expect(processNavigation(ctx, { kind: "continue" })).to.deep.equal(deliver("b"));
  });

  it("lets a constrainChoice cluster's learner choose only into the next or previous activity", () => {
    const constrained = sequencing({ constrained: 'constrainChoice="true"' });
    const root = treeOf(cluster("one", sco("o1"), flowAndChoice) + cluster("two", sco("t1") + sco("t2"), constrained) + cluster("three", sco("h1"), flowAndChoice) + cluster("four", sco("f1"), flowAndChoice) + flowAndChoice);
    const choosable = navigationFrom(root, "t1", "scorm2004", contextOf(root, {}, "t1").states).choosable;
    expect([...choosable].sort()).to.deep.equal(["h1", "o1", "t1", "t2"]);
  });

  it("refuses a choice into a cluster with preventActivation until the learner is inside it", () => {
    const prevent = sequencing({ constrained: 'preventActivation="true"' });
    const root = treeOf(sco("a") + cluster("p", sco("p1") + sco("p2"), prevent) + flowAndChoice);
    expect(navigationFrom(root, "a", "scorm2004", contextOf(root, {}, "a").states).choosable).to.deep.equal(new Set(["a"]));
    expect(processNavigation(contextOf(root, {}, "a"), { kind: "continue" })).to.deep.equal(deliver("p1"));
    expect(navigationFrom(root, "p1", "scorm2004", contextOf(root, {}, "p1").states).choosable).to.deep.equal(new Set(["a", "p1", "p2"]));
  });

  it("refuses previous and backward choice inside a forwardOnly cluster", () => {
    const root = treeOf(cluster("f", sco("f1") + sco("f2"), sequencing({ controlMode: 'choice="true" flow="true" forwardOnly="true"' })) + flowAndChoice);
    const ctx = contextOf(root, {}, "f2");
    expect(processNavigation(ctx, { kind: "previous" })).to.include({ kind: "invalid" });
    expect(processNavigation(ctx, { kind: "choice", target: "f1" })).to.include({ kind: "invalid" });
  });
});
