// The runtime's SCORM side against recorded stand-in APIs (no DOM): discovery, the CMI
// elements each version expects, commits retried when the LMS drops them.
import { expect } from "chai";
import type { AuConfig } from "../../authoring/runtime/au-config.js";
import { findApi, scormPort, type ScormVersion } from "../../authoring/runtime/scorm-api.js";
import { ScormSession } from "../../authoring/runtime/scorm-session.js";
import { cmiTimespan } from "../../authoring/runtime/scorm-time.js";
import { decodeResume, encodeResume, type ResumeState } from "../../authoring/runtime/tracker.js";

const question = { id: "q1", type: "single" as const, activityId: "https://example.org/c/modules/1/questions/q1", prompt: "Koliko?", weight: 2, choices: [{ id: "a", text: "A", correct: false, feedback: undefined }, { id: "b", text: "B", correct: true, feedback: undefined }] };
const config: AuConfig = { standard: "scorm12", lang: "sr-Latn", courseId: "https://example.org/c", publisherId: "https://example.org/c/modules/1", moveOn: "CompletedAndPassed", masteryScore: 0.8, strings: {} as AuConfig["strings"], quiz: { questions: [question] }, videos: [] };

/** A stand-in LMS: keeps the CMI values, records every call, can refuse commits. */
function standIn(version: ScormVersion, initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const calls: string[] = [];
  let refuseCommits = 0;
  const get = (element: string) => (calls.push(`get ${element}`), values.get(element) ?? "");
  const set = (element: string, value: string) => (calls.push(`set ${element}=${value}`), values.set(element, value), "true");
  const commit = () => (calls.push("commit"), refuseCommits > 0 ? (refuseCommits--, "false") : "true");
  const api =
    version === "1.2"
      ? { LMSInitialize: () => (calls.push("initialize"), "true"), LMSFinish: () => (calls.push("finish"), "true"), LMSGetValue: get, LMSSetValue: set, LMSCommit: commit, LMSGetLastError: () => "0", LMSGetErrorString: () => "" }
      : { Initialize: () => (calls.push("initialize"), "true"), Terminate: () => (calls.push("finish"), "true"), GetValue: get, SetValue: set, Commit: commit, GetLastError: () => "0", GetErrorString: () => "" };
  const scheduled: { fn: () => void; ms: number }[] = [];
  let clock = Date.UTC(2026, 0, 1, 8, 0, 0);
  const errors: unknown[] = [];
  return {
    api,
    values,
    calls,
    scheduled,
    errors,
    refuse: (n: number) => (refuseCommits = n),
    deps: { now: () => (clock += 1500), schedule: (fn: () => void, ms: number) => scheduled.push({ fn, ms }), onError: (e: unknown) => errors.push(e) },
  };
}

const state = (page: number, answers?: Record<string, string[]>): ResumeState => ({ page, seen: [0, 1, 2].filter((i) => i <= page), videos: [{ segments: "0[.]5.2", ended: true }], answers });

describe("authoring runtime: SCORM API discovery (RTE 3.3.6.1 / 2004 3.1.2.1)", () => {
  it("finds API in a parent up to 7 levels, API_1484_11 by its own name, and stops beyond", () => {
    const api = { LMSInitialize: () => "true" };
    const chain = (levels: number, found: Record<string, unknown>) => {
      const top: Record<string, unknown> = { ...found };
      top.parent = top;
      let win = top;
      for (let i = 0; i < levels; i++) win = { parent: win };
      return win as { parent: never };
    };
    expect(findApi(chain(7, { API: api }), "1.2")).to.equal(api);
    expect(findApi(chain(8, { API: api }), "1.2")).to.equal(undefined);
    expect(findApi(chain(2, { API: api }), "2004")).to.equal(undefined);
    expect(findApi(chain(2, { API_1484_11: api }), "2004")).to.equal(api);
  });

  it("looks in the opener's frames when no parent has it, and skips a cross-origin frame that throws", () => {
    const api = { Initialize: () => "true" };
    const opener: Record<string, unknown> = { API_1484_11: api };
    opener.parent = opener;
    const crossOrigin = new Proxy({}, { get: () => { throw new Error("SecurityError"); } });
    const self: Record<string, unknown> = { parent: crossOrigin, opener };
    expect(findApi(self as never, "2004")).to.equal(api);
  });
});

describe("authoring runtime: SCORM 1.2 session", () => {
  it("starts incomplete, passes the quiz with score as 0–100, records the interaction, and finishes with session time", () => {
    const lms = standIn("1.2", { "cmi.core.lesson_status": "not attempted", "cmi.core.entry": "ab-initio", "cmi.student_data.mastery_score": "50", "cmi.interactions._count": "0" });
    const session = new ScormSession(scormPort(lms.api, "1.2"), config, lms.deps);
    expect(lms.values.get("cmi.core.lesson_status")).to.equal("incomplete");
    expect(session.masteryScore(0.8), "the LMS's masteryscore wins").to.equal(0.5);
    session.save(state(1));
    session.answered(question, ["b"], true);
    expect(session.judge({ scaled: 1, raw: 2, max: 2 }, 0.5)).to.deep.equal({ verb: "passed", sent: true });
    // Passed but not yet complete under CompletedAndPassed: still incomplete.
    expect(lms.values.get("cmi.core.lesson_status")).to.equal("incomplete");
    session.complete();
    expect(lms.values.get("cmi.core.lesson_status")).to.equal("passed");
    expect(Object.fromEntries([...lms.values].filter(([k]) => k.startsWith("cmi.core.score") || k.startsWith("cmi.interactions.0")))).to.deep.equal({
      "cmi.core.score.raw": "100",
      "cmi.core.score.min": "0",
      "cmi.core.score.max": "100",
      "cmi.interactions.0.id": "q1",
      "cmi.interactions.0.type": "choice",
      "cmi.interactions.0.weighting": "2",
      "cmi.interactions.0.student_response": "b",
      "cmi.interactions.0.correct_responses.0.pattern": "b",
      "cmi.interactions.0.result": "correct",
      "cmi.interactions.0.time": lms.values.get("cmi.interactions.0.time"),
    });
    expect(lms.values.get("cmi.interactions.0.time")).to.match(/^\d\d:\d\d:\d\d$/);
    expect(lms.values.get("cmi.core.lesson_location")).to.equal("1");
    expect(decodeResume(lms.values.get("cmi.suspend_data"))).to.deep.equal(state(1));
    void session.terminate();
    expect(lms.values.get("cmi.core.exit"), "done for good").to.equal("");
    expect(lms.values.get("cmi.core.session_time")).to.match(/^\d{2,4}:\d\d:\d\d(\.\d{1,2})?$/);
    expect(lms.calls.slice(-2)).to.deep.equal(["commit", "finish"]);
    expect(lms.errors).to.deep.equal([]);
  });

  it("fails below mastery, never fails after a pass, and suspends an unfinished module on page hide", () => {
    const lms = standIn("1.2", { "cmi.core.lesson_status": "incomplete" });
    const session = new ScormSession(scormPort(lms.api, "1.2"), config, lms.deps);
    expect(session.judge({ scaled: 0.5, raw: 1, max: 2 }, 0.8).verb).to.equal("failed");
    expect(lms.values.get("cmi.core.lesson_status")).to.equal("failed");
    expect(lms.values.get("cmi.core.score.raw")).to.equal("50");
    session.judge({ scaled: 1, raw: 2, max: 2 }, 0.8);
    expect(session.judge({ scaled: 0, raw: 0, max: 2 }, 0.8).sent).to.equal(false);
    expect(lms.values.get("cmi.core.score.raw")).to.equal("100");
    session.pageHide();
    session.pageHide();
    expect(lms.values.get("cmi.core.exit")).to.equal("suspend");
    expect(lms.calls.filter((c) => c === "finish")).to.have.length(1);
  });

  it("resumes from suspend_data and lesson_location, and records nothing in review mode", () => {
    const saved = { "cmi.core.lesson_status": "passed", "cmi.core.entry": "resume", "cmi.suspend_data": encodeResume(state(2, { q1: ["b"] }), 4096), "cmi.core.lesson_location": "2" };
    const resumed = new ScormSession(scormPort(standIn("1.2", saved).api, "1.2"), config, standIn("1.2").deps);
    expect(resumed.resume).to.deep.equal(state(2, { q1: ["b"] }));
    expect(resumed.alreadyPassed).to.equal(true);
    const lms = standIn("1.2", { ...saved, "cmi.core.lesson_mode": "review" });
    const review = new ScormSession(scormPort(lms.api, "1.2"), config, lms.deps);
    review.complete();
    expect(review.judge({ scaled: 1, raw: 2, max: 2 }, 0.8).sent).to.equal(false);
    expect(lms.calls.filter((c) => c.startsWith("set"))).to.deep.equal([]);
  });

  it("retries a commit the LMS dropped, with growing delays", () => {
    const lms = standIn("1.2", { "cmi.core.lesson_status": "incomplete" });
    const session = new ScormSession(scormPort(lms.api, "1.2"), config, lms.deps);
    lms.refuse(3);
    session.save(state(0));
    session.save(state(1));
    expect(lms.scheduled.map((s) => s.ms), "one retry pending at a time").to.deep.equal([1000]);
    lms.scheduled.shift()!.fn();
    expect(lms.scheduled.map((s) => s.ms)).to.deep.equal([2000]);
    lms.scheduled.shift()!.fn();
    expect(lms.scheduled).to.deep.equal([]);
    expect(lms.calls.filter((c) => c === "commit")).to.have.length(4);
    expect(lms.errors).to.deep.equal([]);
  });

  it("keeps suspend_data within 4096 characters by dropping video segments first", () => {
    const long: ResumeState = { page: 0, seen: [0], videos: [{ segments: Array.from({ length: 400 }, (_, i) => `${i}[.]${i + 0.5}`).join("[,]"), ended: false }], answers: { q1: ["a"] } };
    const text = encodeResume(long, 4096);
    expect(text.length).to.be.at.most(4096);
    expect(decodeResume(text)).to.deep.equal({ ...long, videos: [{ segments: "", ended: false }] });
    expect(cmiTimespan(3_723_450)).to.equal("01:02:03.45");
  });
});

describe("authoring runtime: SCORM 2004 session", () => {
  it("reports completion and success apart, score scaled against scaled_passing_score, interactions in 2004 form", () => {
    const lms = standIn("2004", { "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.entry": "ab-initio", "cmi.scaled_passing_score": "0.5", "cmi.interactions._count": "3" });
    const session = new ScormSession(scormPort(lms.api, "2004"), { ...config, standard: "scorm2004" }, lms.deps);
    expect(lms.values.get("cmi.completion_status")).to.equal("incomplete");
    expect(session.masteryScore(0.8)).to.equal(0.5);
    session.answered(question, ["a"], false);
    session.judge({ scaled: 0.25, raw: 1, max: 4 }, 0.5);
    expect(lms.values.get("cmi.success_status")).to.equal("failed");
    expect(lms.values.get("cmi.completion_status")).to.equal("incomplete");
    session.complete();
    session.judge({ scaled: 1, raw: 4, max: 4 }, 0.5);
    expect(Object.fromEntries([...lms.values].filter(([k]) => /^cmi\.(score|completion_status|success_status|interactions\.3)/.test(k)))).to.deep.equal({
      "cmi.completion_status": "completed",
      "cmi.success_status": "passed",
      "cmi.score.scaled": "1",
      "cmi.score.raw": "4",
      "cmi.score.min": "0",
      "cmi.score.max": "4",
      "cmi.interactions.3.id": question.activityId,
      "cmi.interactions.3.type": "choice",
      "cmi.interactions.3.description": "Koliko?",
      "cmi.interactions.3.weighting": "2",
      "cmi.interactions.3.learner_response": "a",
      "cmi.interactions.3.correct_responses.0.pattern": "b",
      "cmi.interactions.3.result": "incorrect",
      "cmi.interactions.3.timestamp": lms.values.get("cmi.interactions.3.timestamp"),
    });
    expect(lms.values.get("cmi.interactions.3.timestamp")).to.match(/^2026-01-01T08:00:\d\d\.\d\dZ$/);
    session.save(state(1));
    expect(lms.values.get("cmi.location")).to.equal("1");
    expect(lms.values.get("cmi.session_time")).to.match(/^PT/);
    session.pageHide();
    expect(lms.values.get("cmi.exit")).to.equal("normal");
    expect(lms.calls.at(-1)).to.equal("finish");
  });
});
