import { expect } from "chai";
import type { ScormItem } from "../../../player/domain/content-package.js";
import { checkCmi, formatIsoDuration, initialCmi, parseCmiTimespan, parseIsoDuration, summarizeCmi } from "../../../player/domain/scorm-cmi.js";

const item: ScormItem = {
  identifier: "i", title: "I", identifierRef: "r", launch: "i.html", parameters: undefined, isVisible: true, masteryScore: 80, prerequisites: undefined,
  maxTimeAllowed: "00:30:00", timeLimitAction: "continue,no message", dataFromLms: "mode=x", completionThreshold: undefined, sequencing: undefined, hideLmsUi: [], children: [],
};

describe("player domain: SCORM CMI data", () => {
  for (const [text, seconds] of [["00:00:00", 0], ["01:02:03.5", 3723.5], ["9999:59:59.99", 9999 * 3600 + 3599.99]] as const) {
    it(`reads the CMITimespan ${text}`, () => expect(parseCmiTimespan(text)).to.be.closeTo(seconds, 1e-6));
  }
  for (const [text, seconds] of [["PT0S", 0], ["PT1H2M3.5S", 3723.5], ["P1DT1S", 86401], ["P1Y", 365 * 86400]] as const) {
    it(`reads the timeinterval ${text}`, () => expect(parseIsoDuration(text)).to.equal(seconds));
  }
  for (const text of ["P", "PT", "1:00", "PT-1S", ""]) it(`refuses "${text}" as a timeinterval`, () => expect(parseIsoDuration(text)).to.equal(undefined));
  it("writes durations back in the form the SCO reads", () => {
    expect(formatIsoDuration(3723.5)).to.equal("PT1H2M3.5S");
    expect(parseIsoDuration(formatIsoDuration(5))).to.equal(5);
  });

  it("summarises SCORM 1.2 data: lesson_status split into completion and success, raw score scaled by min and max", () => {
    expect(summarizeCmi("scorm12", { core: { lesson_status: "passed", score: { raw: "80", min: "0", max: "100" }, lesson_location: "3", exit: "suspend", session_time: "00:01:00" }, suspend_data: "s" }))
      .to.deep.equal({ completionStatus: "completed", successStatus: "passed", scoreScaled: 0.8, scoreRaw: 80, location: "3", suspendData: "s", exit: "suspend", sessionSeconds: 60 });
  });

  it("gives a resumed 1.2 SCO entry=resume, its location, suspend data, status and total time; a new one ab-initio", () => {
    const summary = summarizeCmi("scorm12", { core: { lesson_status: "incomplete", lesson_location: "2", exit: "suspend" }, suspend_data: "abc" });
    const resumed = initialCmi("scorm12", { learnerId: "u", learnerName: "Ana", item, mode: "normal", resumed: { summary, totalSeconds: 90 } });
    expect(resumed).to.deep.include({ suspend_data: "abc", launch_data: "mode=x" });
    expect(resumed.core).to.deep.include({ entry: "resume", lesson_location: "2", lesson_status: "incomplete", total_time: "00:01:30", student_id: "u" });
    expect((resumed.student_data as Record<string, string>).mastery_score).to.equal("80");
    const fresh = initialCmi("scorm12", { learnerId: "u", learnerName: "Ana", item, mode: "normal", resumed: undefined });
    expect(fresh.core).to.deep.include({ entry: "ab-initio", lesson_status: "not attempted", total_time: "00:00:00" });
  });

  it("names the element that breaks the data model", () => {
    expect(checkCmi("scorm12", { core: { lesson_status: "done" } })).to.deep.include({ field: "cmi.core.lesson_status" });
    expect(checkCmi("scorm12", { suspend_data: "x".repeat(4097) })).to.deep.include({ field: "cmi.suspend_data" });
    expect(checkCmi("scorm2004", { suspend_data: "x".repeat(4097) })).to.equal(undefined);
    expect(checkCmi("scorm2004", { score: { scaled: "1.5" } })).to.deep.include({ field: "cmi.score.scaled" });
    expect(checkCmi("scorm2004", { location: 3 })).to.deep.include({ field: "cmi.location", message: "must be a string" });
  });
});
