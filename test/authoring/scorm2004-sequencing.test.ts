// SCORM 2004 sequencing of a built package, as behaviour: what an LMS rolls up to the course
// from its modules' states (rollup by the assessment: each module satisfied by its quiz
// score), and the learner's navigation (flow and choice) in the built manifest.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { buildCourse } from "../../authoring/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { writeMultiModuleCourse } from "./support/multi-module-course.js";
import { type ModuleState, type RolledUp, rollupCourse } from "./support/scorm2004-rollup.js";

// The fixture: module 1 CompletedAndPassed (mastery 0.5), module 2 Completed (no quiz),
// module 3 Passed (mastery 0.75).
const done: ModuleState = { attempted: true, completed: true };
const fresh: ModuleState = { attempted: false, completed: false };
const cases: [string, ModuleState[], RolledUp][] = [
  ["every module done, quizzes at their mastery score", [{ ...done, measure: 0.5 }, done, { attempted: true, completed: false, measure: 0.75 }], { satisfied: true, completed: true }],
  ["module 1's quiz below its mastery score fails the course, which is still complete", [{ ...done, measure: 0.49 }, done, { ...done, measure: 1 }], { satisfied: false, completed: true }],
  ["module 3's quiz below 0.75 fails the course", [{ ...done, measure: 1 }, done, { ...done, measure: 0.7 }], { satisfied: false, completed: true }],
  ["module 2 unread leaves the course incomplete but satisfied (its success does not count)", [{ ...done, measure: 1 }, { attempted: true, completed: false }, { ...fresh, measure: 1 }], { satisfied: true, completed: false }],
  ["module 3 never opened: its completion does not count, its missing score leaves satisfaction open", [{ ...done, measure: 1 }, done, fresh], { satisfied: undefined, completed: true }],
  ["nothing attempted: nothing known", [fresh, fresh, fresh], { satisfied: undefined, completed: undefined }],
];

describe("authoring: SCORM 2004 sequencing of the built package (rollup and navigation)", () => {
  let manifest: string;

  before(async () => {
    const cwd = await writeMultiModuleCourse();
    const [zip] = await buildCourse({ cwd, courseDir: "courses/fixture", format: "scorm2004", outDir: "dist" });
    const dir = await mkdtemp(path.join(os.tmpdir(), "obuka-seq-"));
    await extractZip(zip!, dir);
    manifest = await readFile(path.join(dir, "imsmanifest.xml"), "utf8");
  });

  for (const [why, modules, expected] of cases) {
    it(`rolls up: ${why}`, () => {
      expect(rollupCourse(manifest, modules)).to.deep.equal(expected);
    });
  }

  it("lets the learner move with flow (Continue/Previous) and choice (the menu), and leaves completion and success to the SCO", () => {
    expect(manifest).to.contain('<imsss:controlMode choice="true" flow="true"/>');
    expect(manifest.match(/<imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"\/>/g)).to.have.length(3);
    expect(manifest, "no rule that would hide a module or force an order").not.to.match(/sequencingRules|forwardOnly|hiddenFromChoice|preventActivation/);
  });
});
