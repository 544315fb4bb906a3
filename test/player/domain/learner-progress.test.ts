import { expect } from "chai";
import type { AuProgress } from "../../../player/domain/cmi5-progress.js";
import { parseCmi5Structure } from "../../../player/domain/cmi5-structure.js";
import { describeAus, resumeAu } from "../../../player/domain/learner-progress.js";

const course = parseCmi5Structure(`<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/c"><title><langstring lang="sr-Latn">K</langstring></title><description><langstring lang="sr-Latn">O</langstring></description></course>
  <au id="https://example.org/c/info" moveOn="NotApplicable"><title><langstring lang="sr-Latn">Uvod</langstring></title><description><langstring lang="sr-Latn">O</langstring></description><url>i.html</url></au>
  <block id="https://example.org/c/b"><title><langstring lang="sr-Latn">B</langstring></title><description><langstring lang="sr-Latn">O</langstring></description>
    <au id="https://example.org/c/1" moveOn="Completed"><title><langstring lang="sr-Latn">Jedan</langstring></title><description><langstring lang="sr-Latn">O</langstring></description><url>1.html</url></au>
    <au id="https://example.org/c/2" moveOn="CompletedAndPassed"><title><langstring lang="sr-Latn">Dva</langstring></title><description><langstring lang="sr-Latn">O</langstring></description><url>2.html</url></au>
  </block>
  <au id="https://example.org/c/3" moveOn="Passed"><title><langstring lang="sr-Latn">Tri</langstring></title><description><langstring lang="sr-Latn">O</langstring></description><url>3.html</url></au>
</courseStructure>`);
const p = (over: Partial<AuProgress>): AuProgress => ({ completed: false, passed: false, failed: false, waived: false, ...over });

describe("learner progress (my learning, resume)", () => {
  it("parses the fixture it relies on", () => {
    expect(describeAus(course, new Map()).map((s) => s.au.id)).to.deep.equal(["https://example.org/c/info", "https://example.org/c/1", "https://example.org/c/2", "https://example.org/c/3"]);
  });

  const table: [string, Map<string, AuProgress>, string | undefined, string | undefined][] = [
    ["nothing done, nothing launched: the first AU that counts (not the NotApplicable one)", new Map(), undefined, "https://example.org/c/1"],
    ["the AU launched last while it is not done", new Map([["https://example.org/c/1", p({ completed: true })]]), "https://example.org/c/3", "https://example.org/c/3"],
    ["the next open AU when the one launched last is done", new Map([["https://example.org/c/1", p({ completed: true })]]), "https://example.org/c/1", "https://example.org/c/2"],
    ["a completed but not passed AU is still open under CompletedAndPassed", new Map([["https://example.org/c/1", p({ completed: true })], ["https://example.org/c/2", p({ completed: true, failed: true })]]), "https://example.org/c/2", "https://example.org/c/2"],
    ["a waived AU is done", new Map([["https://example.org/c/1", p({ waived: true })]]), undefined, "https://example.org/c/2"],
    ["nothing when every AU is done", new Map([["https://example.org/c/1", p({ completed: true })], ["https://example.org/c/2", p({ completed: true, passed: true })], ["https://example.org/c/3", p({ passed: true })]]), "https://example.org/c/3", undefined],
  ];
  for (const [name, progress, last, expected] of table) {
    it(`resumes at ${name}`, () => {
      expect(resumeAu(course, progress, last)?.id).to.equal(expected);
    });
  }

  it("describes each AU: done only by the learner's own results, failed only until passed", () => {
    const statuses = describeAus(course, new Map([["https://example.org/c/2", p({ completed: true, failed: true })], ["https://example.org/c/3", p({ failed: true, passed: true })]]));
    expect(statuses.map(({ done, started, failedOnly, reviewable }) => ({ done, started, failedOnly, reviewable }))).to.deep.equal([
      { done: false, started: false, failedOnly: false, reviewable: false },
      { done: false, started: false, failedOnly: false, reviewable: false },
      { done: false, started: true, failedOnly: true, reviewable: false },
      { done: true, started: true, failedOnly: false, reviewable: true },
    ]);
  });
});
