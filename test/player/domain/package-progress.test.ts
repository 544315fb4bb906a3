import { expect } from "chai";
import { summarizeScormProgress, summarizeXapiProgress } from "../../../player/domain/package-progress.js";
import type { Activity, ActivityStatus } from "../../../player/domain/scorm-navigation.js";
import { emptySequencing } from "../../../player/domain/scorm-sequencing.js";
import type { XapiActivityProgress } from "../../../player/domain/xapi-progress.js";

const course = "https://example.org/k";
const a = (id: string, over: Partial<XapiActivityProgress> = {}): XapiActivityProgress => ({ id, name: { "sr-Latn": id.split("/").pop()! }, launchable: true, completed: false, passed: false, failed: false, ...over });

describe("package progress (Moje učenje and the portal API for SCORM and xAPI)", () => {
  const xapiTable: [string, XapiActivityProgress[], string | undefined, { done: number; total: number; completed: boolean; resume: string | undefined }][] = [
    ["modules count, not the course activity; nothing done: the first module", [a(course), a(`${course}/1`), a(`${course}/2`)], undefined, { done: 0, total: 2, completed: false, resume: `${course}/1` }],
    ["the module launched last while not done", [a(course), a(`${course}/1`, { completed: true }), a(`${course}/2`)], `${course}/2`, { done: 1, total: 2, completed: false, resume: `${course}/2` }],
    ["completed but failed is not done", [a(course), a(`${course}/1`, { completed: true, failed: true })], `${course}/1`, { done: 0, total: 1, completed: false, resume: `${course}/1` }],
    ["every module done: completed, no resume", [a(course), a(`${course}/1`, { passed: true }), a(`${course}/2`, { completed: true })], undefined, { done: 2, total: 2, completed: true, resume: undefined }],
    ["the course activity completed completes the package", [a(course, { completed: true }), a(`${course}/1`)], undefined, { done: 0, total: 1, completed: true, resume: undefined }],
    ["a package with only its course activity counts that one; activities that do not launch never count", [a(course), a(`${course}/q`, { launchable: false })], undefined, { done: 0, total: 1, completed: false, resume: course }],
  ];
  for (const [what, activities, last, expected] of xapiTable) {
    it(`xAPI: ${what}`, () => {
      const summary = summarizeXapiProgress(course, activities, last);
      expect({ done: summary.done, total: summary.total, completed: summary.completed, resume: summary.resume?.id }).to.deep.equal(expected);
    });
  }

  const leaf = (id: string): Activity => ({ id, title: `Celina ${id}`, launch: `${id}.html`, isVisible: true, sequencing: emptySequencing(), children: [] });
  const tree: Activity = { id: "org", title: "Kurs", launch: undefined, isVisible: true, sequencing: emptySequencing(), children: [leaf("s1"), leaf("s2"), leaf("s3")] };
  const st = (completed?: boolean, satisfied?: boolean): ActivityStatus => ({ attempted: true, completed, satisfied });
  const scormTable: [string, [string, ActivityStatus][], { suspended?: string; pageChoice: string; choosable: string[] }, { done: number; completed: boolean; resume: string | undefined; byName: boolean | undefined }][] = [
    ["the SCO suspended last while not done, opened without naming it", [["s2", st(false)]], { suspended: "s2", pageChoice: "s2", choosable: [] }, { done: 0, completed: false, resume: "s2", byName: false }],
    ["the first SCO not done, named when choice allows it", [["s1", st(true)]], { pageChoice: "s1", choosable: ["s1", "s2", "s3"] }, { done: 1, completed: false, resume: "s2", byName: true }],
    ["where the page starts when sequencing does not let the learner choose the next one", [["s1", st(true)]], { pageChoice: "s1", choosable: [] }, { done: 1, completed: false, resume: "s1", byName: false }],
    ["completed but failed is not done", [["s1", st(true, false)]], { pageChoice: "s1", choosable: ["s1"] }, { done: 0, completed: false, resume: "s1", byName: false }],
    ["the root rolled up to completed: completed, no resume", [["s1", st(true)], ["s2", st(true)], ["s3", st(true)], ["org", st(true)]], { pageChoice: "s1", choosable: [] }, { done: 3, completed: true, resume: undefined, byName: undefined }],
  ];
  for (const [what, statuses, rules, expected] of scormTable) {
    it(`SCORM: ${what}`, () => {
      const summary = summarizeScormProgress(tree, new Map(statuses), { suspendedScoId: rules.suspended, pageChoice: rules.pageChoice, mayOpen: (id) => rules.choosable.includes(id) });
      expect({ done: summary.done, completed: summary.completed, resume: summary.resume?.id, byName: summary.resume?.openByName }).to.deep.equal(expected);
      expect(summary.total).to.equal(3);
    });
  }
});
