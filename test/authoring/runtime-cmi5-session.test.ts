// The browser runtime's cmi5 session against a recorded fake LMS (no DOM needed).
import { expect } from "chai";
import type { AuConfig } from "../../authoring/runtime/au-config.js";
import { Cmi5Session } from "../../authoring/runtime/cmi5-session.js";
import { isoDuration } from "../../authoring/runtime/duration.js";
import { parseLaunchParams } from "../../authoring/runtime/launch-params.js";
import { PlayedSegments } from "../../authoring/runtime/played-segments.js";
import { scoreQuiz } from "../../authoring/runtime/quiz-scoring.js";
import { cmi5Category, masteryScoreExtension, moveOnCategory } from "../../authoring/runtime/statements.js";

const sessionExt = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const actor = { objectType: "Agent" as const, name: "Milica", account: { homePage: "https://obuka.test/accounts", name: "u1" } };
const launchQuery = new URLSearchParams({
  registration: "6f1c1b52-3c8e-4b5a-9d43-2b6f0f6a1a11",
  activityId: "urn:obuka:cmi5:au:abc",
  actor: JSON.stringify(actor),
  fetch: "http://127.0.0.1:1/cmi5/fetch/t1",
  endpoint: "http://127.0.0.1:1/xapi",
}).toString();

const config: AuConfig = {
  standard: "cmi5",
  lang: "sr-Latn",
  courseId: "https://example.org/c",
  publisherId: "https://example.org/c/modules/1",
  moveOn: "CompletedAndPassed",
  masteryScore: 0.8,
  strings: {} as AuConfig["strings"],
  quiz: { questions: [{ id: "q1", type: "single", activityId: "https://example.org/c/modules/1/questions/q1", prompt: "?", weight: 1, choices: [{ id: "a", text: "A", correct: true, feedback: undefined }, { id: "b", text: "B", correct: false, feedback: undefined }] }] },
  videos: [],
};

interface Call {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
  keepalive: boolean;
}

function fakeLms(launchData: Record<string, unknown>) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const call: Call = { method: init.method ?? "GET", url, headers: (init.headers ?? {}) as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined, keepalive: init.keepalive === true };
    calls.push(call);
    if (url.pathname.startsWith("/cmi5/fetch/")) return Response.json({ "auth-token": "a2V5OnNlY3JldA==" });
    if (url.pathname === "/xapi/activities/state") return Response.json(launchData);
    if (url.pathname === "/xapi/agents/profile") return new Response("not found", { status: 404 });
    if (url.pathname === "/xapi/statements" && call.method === "GET") return Response.json({ statements: [] });
    if (url.pathname === "/xapi/statements") return Response.json([(call.body as { id: string }).id]);
    return new Response("?", { status: 404 });
  }) as typeof fetch;
  let clock = Date.UTC(2026, 0, 1, 8, 0, 0);
  let ids = 0;
  return {
    calls,
    statements: () => calls.filter((c) => c.url.pathname === "/xapi/statements" && c.method === "POST").map((c) => c.body as Record<string, any>),
    deps: { fetch: fetchImpl, now: () => (clock += 1500), uuid: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}`, onError: (e: unknown) => { throw e; } },
  };
}

const launchData = {
  contextTemplate: { contextActivities: { grouping: [{ objectType: "Activity", id: "https://example.org/c/modules/1" }] }, extensions: { [sessionExt]: "sess-1" } },
  launchMode: "Normal",
  moveOn: "CompletedAndPassed",
  masteryScore: 0.8,
  returnURL: "http://127.0.0.1:1/course?id=x",
};

describe("authoring runtime: cmi5 session", () => {
  it("reads launch parameters in any order and accepts an endpoint without a trailing slash (8.1.0.0-7, 8.1.1.0-3)", () => {
    const params = parseLaunchParams(`?${launchQuery}`)!;
    expect(params.endpoint).to.equal("http://127.0.0.1:1/xapi/");
    expect(params.actor).to.deep.equal(actor);
    expect(parseLaunchParams("")).to.equal(undefined);
    expect(() => parseLaunchParams("?endpoint=x")).to.throw(/lacks one of/);
  });

  it("POSTs fetch once, reads LMS.LaunchData with the launch agent and registration, then sends Initialized first (8.2.1.0-2, 10.2.1.0-4, 9.3.2.0-2)", async () => {
    const lms = fakeLms(launchData);
    await Cmi5Session.start(parseLaunchParams(`?${launchQuery}`)!, config, lms.deps);
    expect(lms.calls.filter((c) => c.url.pathname.startsWith("/cmi5/fetch/")).map((c) => c.method)).to.deep.equal(["POST"]);
    const state = lms.calls.find((c) => c.url.pathname === "/xapi/activities/state")!;
    expect(Object.fromEntries(state.url.searchParams)).to.deep.equal({ activityId: "urn:obuka:cmi5:au:abc", agent: JSON.stringify(actor), registration: "6f1c1b52-3c8e-4b5a-9d43-2b6f0f6a1a11", stateId: "LMS.LaunchData" });
    for (const call of lms.calls.filter((c) => c.url.pathname.startsWith("/xapi/"))) {
      expect(call.headers).to.include({ authorization: "Basic a2V5OnNlY3JldA==", "x-experience-api-version": "1.0.3" });
    }
    expect(lms.calls.some((c) => c.url.pathname === "/xapi/agents/profile" && c.url.searchParams.get("profileId") === "cmi5LearnerPreferences"), "11.0.0.0-3").to.equal(true);
    const [initialized] = lms.statements();
    expect(initialized!.verb.id).to.equal("http://adlnet.gov/expapi/verbs/initialized");
    expect(initialized!.object).to.deep.equal({ objectType: "Activity", id: "urn:obuka:cmi5:au:abc" });
    expect(initialized!.context.contextActivities.category).to.deep.equal([{ objectType: "Activity", id: cmi5Category }]);
    expect(initialized!.result).to.equal(undefined);
  });

  it("sends completed, passed and terminated per section 9 and keeps the contextTemplate intact (9.5, 9.6.2, 9.6.3.1-4, 10.2.1.0-7)", async () => {
    const lms = fakeLms(launchData);
    const session = await Cmi5Session.start(parseLaunchParams(`?${launchQuery}`)!, config, lms.deps);
    await session.complete();
    await session.complete();
    const outcome = scoreQuiz(config.quiz!, new Map([["q1", ["a"]]]));
    session.answered(config.quiz!.questions[0]!, ["a"], true);
    expect(session.judge(outcome, session.masteryScore(config.masteryScore))).to.deep.equal({ verb: "passed", sent: true });
    // 9.3.0.0-8: no Failed after Passed; 9.3.4.0-3: no second Passed.
    expect(session.judge({ scaled: 0, raw: 0, max: 1 }, 0.8).sent).to.equal(false);
    expect(await session.terminate()).to.equal(launchData.returnURL);
    session.answered(config.quiz!.questions[0]!, ["b"], false);
    await session.flush();

    const statements = lms.statements();
    expect(statements.map((s) => s.verb.id.split("/").pop())).to.deep.equal(["initialized", "completed", "answered", "passed", "terminated"]);
    const [, completed, answered, passed, terminated] = statements;
    for (const s of [completed, passed, terminated]) {
      expect(s!.object.id, "9.4.0.0-2").to.equal("urn:obuka:cmi5:au:abc");
      expect(s!.context.registration, "9.6.1.0-1").to.equal("6f1c1b52-3c8e-4b5a-9d43-2b6f0f6a1a11");
      expect(s!.context.extensions[sessionExt], "9.6.3.1-4").to.equal("sess-1");
      expect(s!.context.contextActivities.grouping, "9.6.2.0-1").to.deep.equal(launchData.contextTemplate.contextActivities.grouping);
      expect(s!.result.duration, "9.5.4.1").to.match(/^PT/);
      expect(s!.id, "9.1.0.0-1").to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(s!.timestamp, "9.7.0.0-2").to.match(/Z$/);
    }
    expect(completed!.result).to.include({ completion: true }).and.not.to.have.property("success");
    expect(completed!.context.contextActivities.category.map((c: { id: string }) => c.id), "9.6.2.2-1").to.deep.equal([cmi5Category, moveOnCategory]);
    expect(passed!.result).to.deep.include({ success: true, score: { scaled: 1, raw: 1, min: 0, max: 1 } });
    expect(passed!.result).not.to.have.property("completion");
    expect(passed!.context.extensions[masteryScoreExtension], "9.6.3.2-2").to.equal(0.8);
    expect(terminated!.context.contextActivities.category.map((c: { id: string }) => c.id), "9.6.2.2-2").to.deep.equal([cmi5Category]);
    // cmi5 allowed: no cmi5 category, no moveOn; a cmi.interaction with the AU as parent.
    expect(answered!.context.contextActivities.category).to.equal(undefined);
    expect(answered!.context.contextActivities.parent).to.deep.equal([{ objectType: "Activity", id: "urn:obuka:cmi5:au:abc" }]);
    expect(answered!.object.definition).to.include({ type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: "choice" });
    expect(answered!.result).to.deep.equal({ response: "a", success: true });
  });

  it("sends only Initialized and Terminated in Browse mode and uses the launch data's masteryScore (10.2.2.0-9, 10.2.4.0-2)", async () => {
    const lms = fakeLms({ ...launchData, launchMode: "Browse", masteryScore: 0.5 });
    const session = await Cmi5Session.start(parseLaunchParams(`?${launchQuery}`)!, config, lms.deps);
    expect(session.masteryScore(0.8)).to.equal(0.5);
    await session.complete();
    expect(session.judge({ scaled: 1, raw: 1, max: 1 }, 0.5).sent).to.equal(false);
    await session.terminate();
    expect(lms.statements().map((s) => s.verb.id.split("/").pop())).to.deep.equal(["initialized", "terminated"]);
  });

  it("on page hide sends what the LRS has not accepted, then Terminated, in one keepalive batch, once (9.3.8.0-2)", async () => {
    const lms = fakeLms(launchData);
    const session = await Cmi5Session.start(parseLaunchParams(`?${launchQuery}`)!, config, lms.deps);
    void session.complete();
    session.pageHide();
    session.pageHide();
    const unload = lms.calls.filter((c) => c.keepalive);
    expect(unload.map((c) => `${c.method} ${c.url.pathname}`)).to.deep.equal(["POST /xapi/statements"]);
    const batch = unload[0]!.body as Record<string, any>[];
    expect(batch.map((s) => s.verb.id.split("/").pop())).to.deep.equal(["completed", "terminated"]);
    expect(batch[1]!.context.extensions[sessionExt]).to.equal("sess-1");
    expect(batch[1]!.context.contextActivities.category).to.deep.equal([{ objectType: "Activity", id: cmi5Category }]);
    // The queued Completed still goes out normally, with the same id as in the batch.
    await session.flush();
    expect(lms.statements().find((s) => s.verb?.id.endsWith("/completed"))!.id).to.equal(batch[0]!.id);
  });

  it("after Finish, page hide sends a Terminated the LRS has not yet accepted again, and nothing after it", async () => {
    const lms = fakeLms(launchData);
    const session = await Cmi5Session.start(parseLaunchParams(`?${launchQuery}`)!, config, lms.deps);
    const finishing = session.terminate();
    session.pageHide();
    const batch = lms.calls.filter((c) => c.keepalive)[0]!.body as Record<string, any>[];
    expect(batch.map((s) => s.verb.id.split("/").pop())).to.deep.equal(["terminated"]);
    await finishing;
    session.complete();
    await session.flush();
    expect(lms.statements().map((s) => s.verb?.id.split("/").pop()).filter(Boolean)).to.deep.equal(["initialized", "terminated"]);
  });

  it("holds a failing result back so that a retry can pass: one of Passed/Failed per session (9.3.0.0-3)", async () => {
    const lms = fakeLms(launchData);
    const session = await Cmi5Session.start(parseLaunchParams(`?${launchQuery}`)!, config, lms.deps);
    expect(session.judge({ scaled: 0.5, raw: 1, max: 2 }, 0.8)).to.deep.equal({ verb: "failed", sent: true });
    expect(session.judge({ scaled: 1, raw: 2, max: 2 }, 0.8)).to.deep.equal({ verb: "passed", sent: true });
    await session.terminate();
    const statements = lms.statements();
    expect(statements.map((s) => s.verb.id.split("/").pop())).to.deep.equal(["initialized", "passed", "terminated"]);
    expect(statements[1]!.result).to.deep.include({ success: true, score: { scaled: 1, raw: 2, min: 0, max: 2 } });
  });

  it("sends the last failing result before Terminated when no pass came (9.3.0.0-3, 9.3.8.0-2)", async () => {
    const lms = fakeLms(launchData);
    const session = await Cmi5Session.start(parseLaunchParams(`?${launchQuery}`)!, config, lms.deps);
    session.judge({ scaled: 0, raw: 0, max: 2 }, 0.8);
    session.judge({ scaled: 0.5, raw: 1, max: 2 }, 0.8);
    await session.flush();
    expect(lms.statements().map((s) => s.verb.id.split("/").pop())).to.deep.equal(["initialized"]);
    await session.terminate();
    const statements = lms.statements();
    expect(statements.map((s) => s.verb.id.split("/").pop())).to.deep.equal(["initialized", "failed", "terminated"]);
    expect(statements[1]!.result).to.deep.include({ success: false, score: { scaled: 0.5, raw: 1, min: 0, max: 2 } });
  });

  it("page hide carries a held-back Failed before Terminated", async () => {
    const lms = fakeLms(launchData);
    const session = await Cmi5Session.start(parseLaunchParams(`?${launchQuery}`)!, config, lms.deps);
    session.judge({ scaled: 0.5, raw: 1, max: 2 }, 0.8);
    session.pageHide();
    const batch = lms.calls.filter((c) => c.keepalive)[0]!.body as Record<string, any>[];
    expect(batch.map((s) => s.verb.id.split("/").pop())).to.deep.equal(["failed", "terminated"]);
  });
});

describe("authoring runtime: pure helpers", () => {
  it("formats ISO 8601 durations", () => {
    expect(isoDuration(0)).to.equal("PT0S");
    expect(isoDuration(1500)).to.equal("PT1.5S");
    expect(isoDuration(3_723_000)).to.equal("PT1H2M3S");
  });

  it("keeps played segments and progress as the Video Profile writes them", () => {
    const segments = new PlayedSegments();
    segments.begin(0);
    segments.end(5);
    segments.begin(3);
    segments.end(8);
    expect(segments.toString()).to.equal("0[.]5[,]3[.]8");
    expect(segments.progress(8)).to.equal(1);
    expect(segments.progress(10)).to.equal(0.8);
  });

  it("scores a multiple-choice question only when exactly the correct choices were chosen", () => {
    const quiz = { questions: [{ id: "m", type: "multiple" as const, activityId: "x", prompt: "?", weight: 2, choices: [{ id: "a", text: "A", correct: true, feedback: undefined }, { id: "b", text: "B", correct: true, feedback: undefined }, { id: "c", text: "C", correct: false, feedback: undefined }] }] };
    expect(scoreQuiz(quiz, new Map([["m", ["b", "a"]]]))).to.include({ raw: 2, max: 2, scaled: 1 });
    expect(scoreQuiz(quiz, new Map([["m", ["a"]]]))).to.include({ raw: 0, scaled: 0 });
    expect(scoreQuiz(quiz, new Map([["m", ["a", "b", "c"]]]))).to.include({ raw: 0, scaled: 0 });
  });
});
