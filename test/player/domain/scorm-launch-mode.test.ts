import { expect } from "chai";
import { attemptRecords } from "../../../player/domain/scorm-attempt-records.js";
import type { CmiSummary } from "../../../player/domain/scorm-cmi.js";
import { planScormLaunch } from "../../../player/domain/scorm-launch-mode.js";

const summary = (over: Partial<CmiSummary>): Omit<CmiSummary, "sessionSeconds"> => ({
  completionStatus: "incomplete", successStatus: "unknown", scoreScaled: undefined, scoreRaw: undefined, location: "", suspendData: "", exit: "", ...over,
});

describe("planScormLaunch", () => {
  const table: [string, Parameters<typeof planScormLaunch>[0], "browse" | undefined, ReturnType<typeof planScormLaunch>][] = [
    ["no attempt yet", undefined, undefined, { mode: "normal", attempt: "new" }],
    ["an attempt that never committed", { summary: undefined }, undefined, { mode: "normal", attempt: "resume" }],
    ["a suspended attempt, even a passed one", { summary: summary({ exit: "suspend", successStatus: "passed" }) }, undefined, { mode: "normal", attempt: "resume" }],
    ["an attempt that ended passed", { summary: summary({ successStatus: "passed" }) }, undefined, { mode: "review", attempt: "latest" }],
    ["an attempt that ended completed", { summary: summary({ completionStatus: "completed" }) }, undefined, { mode: "review", attempt: "latest" }],
    ["an attempt that ended failed (1.2: completed and failed)", { summary: summary({ completionStatus: "completed", successStatus: "failed" }) }, undefined, { mode: "normal", attempt: "new" }],
    ["an attempt that ended incomplete", { summary: summary({ exit: "logout" }) }, undefined, { mode: "normal", attempt: "new" }],
    ["browse with no attempt", undefined, "browse", { mode: "browse", attempt: "new" }],
    ["browse on an attempt that never committed", { summary: undefined }, "browse", { mode: "browse", attempt: "latest" }],
    ["browse on a started SCO", { summary: summary({ exit: "suspend" }) }, "browse", { refused: "browse is only for a SCO the learner has not started" }],
  ];
  for (const [what, latest, requested, expected] of table) {
    it(`plans ${JSON.stringify(expected)} for ${what}${requested ? " (browse asked)" : ""}`, () => {
      expect(planScormLaunch(latest, requested)).to.deep.equal(expected);
    });
  }
});

describe("attemptRecords", () => {
  it("turns scorm-again's indexed objects into arrays in index order, without counts and empty values", () => {
    const records = attemptRecords({
      interactions: { _count: 2, _children: "id,type", "10": { id: "b" }, "2": { id: "a", weighting: "", objectives: { "0": { id: "o" } }, correct_responses: {} } },
      objectives: [{ id: "c", score: { raw: "4", min: "", max: "" } }, { _children: "id" }],
    });
    expect(records).to.deep.equal({ interactions: [{ id: "a", objectives: [{ id: "o" }] }, { id: "b" }], objectives: [{ id: "c", score: { raw: "4" } }] });
  });

  it("gives nothing for an attempt without them", () => {
    expect(attemptRecords(undefined)).to.deep.equal({});
    expect(attemptRecords({ interactions: {}, objectives: "x" })).to.deep.equal({});
  });
});
