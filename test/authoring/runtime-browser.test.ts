// The built packages in real Chromium: the SCORM 1.2 and 2004 SCOs inside an LMS stand-in
// that records the CMI calls (walk, pass, relaunch and resume), and the xAPI package
// launched against the real LRS with its statements read back.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import express from "express";
import { type Browser, type Frame, type Page } from "playwright-core";
import { buildCourse } from "../../authoring/index.js";
import { createLrs, createLrsRouter, type Lrs, openSqliteLrsStore, type SqliteLrsStore } from "../../lrs/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { launchChromium, requireChromium } from "../support/browser.js";
import { harnessHtml } from "./support/scorm-harness.js";
import { courseId, moduleIds, quizOne, writeMultiModuleCourse } from "./support/multi-module-course.js";

type Call = string[];

/** Plays the visible training video to its end, fast and muted. */
async function watchVideo(frame: Frame): Promise<void> {
  await frame.locator('video[data-testid="training-video"]').evaluate(async (element: HTMLVideoElement) => {
    element.muted = true;
    element.playbackRate = 4;
    await element.play();
    await new Promise<void>((resolve) => (element.ended ? resolve() : element.addEventListener("ended", () => resolve(), { once: true })));
  });
}

async function answerQuizRight(frame: Frame): Promise<void> {
  const quiz = frame.locator('form[data-testid="quiz"]');
  for (const question of quizOne.questions) {
    for (const choice of question.choices.filter((c) => c.correct)) await quiz.locator(`input[name="${question.id}"][value="${choice.id}"]`).check();
  }
  await quiz.locator('button[type="submit"]').click();
  await frame.locator('[data-testid="quiz-result"][data-outcome="passed"]').waitFor();
}

const next = (frame: Frame) => frame.locator('button[data-testid="next"]').click();
const progressText = (frame: Frame) => frame.locator('[data-testid="progress"]').innerText();

/** Per version: the element names the test reads back. */
const versions = [
  {
    format: "scorm12",
    version: "1.2",
    fresh: { "cmi.core.lesson_status": "not attempted", "cmi.core.entry": "ab-initio", "cmi.student_data.mastery_score": "50", "cmi.interactions._count": "0" },
    names: { set: "LMSSetValue", init: "LMSInitialize", finish: "LMSFinish", commit: "LMSCommit", location: "cmi.core.lesson_location", exit: "cmi.core.exit", entry: "cmi.core.entry", sessionTime: "cmi.core.session_time", response: "student_response", status: "cmi.core.lesson_status" },
  },
  {
    format: "scorm2004",
    version: "2004",
    fresh: { "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.entry": "ab-initio", "cmi.scaled_passing_score": "0.5", "cmi.interactions._count": "0" },
    names: { set: "SetValue", init: "Initialize", finish: "Terminate", commit: "Commit", location: "cmi.location", exit: "cmi.exit", entry: "cmi.entry", sessionTime: "cmi.session_time", response: "learner_response", status: "cmi.completion_status" },
  },
] as const;

describe("authoring runtime in Chromium: SCORM stand-in LMS and the real LRS", function () {
  let browser: Browser;
  let server: Server;
  let baseUrl: string;
  let lrs: Lrs;
  let store: SqliteLrsStore;
  let dir: string;
  const problems: string[] = [];

  before(async function () {
    requireChromium(this);
    const cwd = await writeMultiModuleCourse();
    dir = await mkdtemp(path.join(os.tmpdir(), "obuka-runtime-"));
    const zips = await buildCourse({ cwd, courseDir: "courses/fixture", format: "all", outDir: path.join(dir, "dist") });
    const app = express();
    for (const zip of zips) {
      const format = /-(\w+)\.zip$/.exec(zip)![1]!;
      await extractZip(zip, path.join(dir, format));
      app.use(`/${format}`, express.static(path.join(dir, format)));
    }
    app.get("/harness.html", (_req, res) => res.type("html").send(harnessHtml));
    store = await openSqliteLrsStore(path.join(dir, "lrs.sqlite"));
    lrs = createLrs({ store });
    app.use("/xapi", createLrsRouter(lrs, { logger: { error: (message, error) => problems.push(`${message} ${String(error)}`) } }));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => expect(problems).to.deep.equal([]));

  async function openHarness(page: Page, format: string, version: string, cmi: Record<string, string>, dropCommits = 0): Promise<Frame> {
    const query = new URLSearchParams({ version, sco: `/${format}/au/01/index.html`, cmi: JSON.stringify(cmi), dropCommits: String(dropCommits) });
    await page.goto(`${baseUrl}/harness.html?${query.toString()}`);
    await page.waitForFunction(() => (window as unknown as { calls: string[][] }).calls.length > 0);
    const frame = page.frames().find((f) => f.name() === "sco");
    if (!frame) throw new Error("the SCO frame did not load");
    await frame.locator('[data-testid="status"][data-state="ready"]').waitFor();
    return frame;
  }

  for (const v of versions) {
    it(`SCORM ${v.version}: finds the API two frames up, records progress, suspends, resumes on the same page after relaunch, then passes`, async () => {
      const page = await browser.newPage();
      page.on("pageerror", (error) => problems.push(error.message));
      const calls = () => page.evaluate(() => (window as unknown as { calls: string[][] }).calls);
      const values = () => page.evaluate(() => (window as unknown as { cmi: Record<string, string> }).cmi);

      // First session: the LMS drops the first commit; the learner reads, watches the video, moves on, leaves.
      let frame = await openHarness(page, v.format, v.version, v.fresh, 1);
      await next(frame);
      await watchVideo(frame);
      await next(frame);
      expect(await progressText(frame)).to.equal("3 / 4");
      await frame.evaluate(() => window.location.replace("about:blank"));
      await page.waitForFunction((finish) => (window as unknown as { calls: string[][] }).calls.some((c) => c[0] === finish), v.names.finish);
      const first: Call[] = await calls();
      expect(first[0]).to.deep.equal([v.names.init, ""]);
      expect(first.at(-1)).to.deep.equal([v.names.finish, ""]);
      const commits = first.filter((c) => c[0] === v.names.commit).length;
      expect(first.find((c) => c[0] === v.names.commit)).to.deep.equal([v.names.commit, ""]);
      expect(commits, "the dropped commit is followed by more").to.be.greaterThan(2);
      const stored = await values();
      expect(stored[v.names.status]).to.equal("incomplete");
      expect(stored[v.names.location]).to.equal("2");
      expect(stored[v.names.exit]).to.equal("suspend");
      expect(stored[v.names.sessionTime]).to.match(v.version === "1.2" ? /^\d\d:\d\d:\d\d/ : /^PT/);
      const suspend = JSON.parse(stored["cmi.suspend_data"]!) as { p: number; s: number[]; w: [string, number][] };
      expect(suspend).to.include({ p: 2 });
      expect(suspend.s).to.deep.equal([0, 1, 2]);
      expect(suspend.w[0]![1], "video watched to the end, kept in suspend data").to.equal(1);
      expect(suspend.w[0]![0], "played segments").to.match(/^0(\.\d+)?\[\.\]\d/);

      // Relaunch as an LMS would: entry resume, the stored suspend_data and location.
      const resumed = { ...stored, [v.names.entry]: "resume" };
      frame = await openHarness(page, v.format, v.version, resumed);
      expect(await progressText(frame), "resumes on the page the learner left").to.equal("3 / 4");
      expect(await frame.locator("section[data-page]").nth(2).isVisible()).to.equal(true);
      await next(frame);
      await answerQuizRight(frame);
      await frame.locator('button[data-testid="finish"]').click();
      await frame.locator('[data-testid="status"][data-state="finished"]').waitFor();
      const second: Call[] = await calls();
      const after = await values();
      if (v.version === "1.2") {
        // The video of the first session counts: all pages seen and the video watched, so passed means complete.
        expect(after["cmi.core.lesson_status"]).to.equal("passed");
        expect(after).to.include({ "cmi.core.score.raw": "100", "cmi.core.score.min": "0", "cmi.core.score.max": "100", "cmi.core.exit": "" });
      } else {
        expect(after).to.include({ "cmi.completion_status": "completed", "cmi.success_status": "passed", "cmi.score.scaled": "1", "cmi.score.raw": "4", "cmi.score.max": "4", "cmi.exit": "normal" });
      }
      const interactions = second.filter((c) => c[0] === v.names.set && c[1]!.startsWith("cmi.interactions.")).map((c) => `${c[1]}=${c[2]}`);
      expect(interactions).to.include.members([
        `cmi.interactions.0.id=${v.version === "1.2" ? "q1" : `${moduleIds[0]}/questions/q1`}`,
        "cmi.interactions.0.type=choice",
        `cmi.interactions.0.${v.names.response}=b`,
        "cmi.interactions.0.result=correct",
        "cmi.interactions.0.correct_responses.0.pattern=b",
        `cmi.interactions.1.${v.names.response}=${v.version === "1.2" ? "a,b" : "a[,]b"}`,
        "cmi.interactions.1.weighting=3",
      ]);
      const answers = (JSON.parse(after["cmi.suspend_data"]!) as { a: Record<string, string[]> }).a;
      expect(answers).to.deep.equal({ q1: ["b"], q2: ["a", "b"] });
      expect(second.at(-1)).to.deep.equal([v.names.finish, ""]);
      await page.close();
    });
  }

  it("xAPI: a TinCan launch sends the statements to the real LRS without cmi5 context, keeps resume state, and a relaunch resumes", async () => {
    const { key, secret } = await lrs.credentials.create({ name: "launch", scopes: ["all"] });
    const auth = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
    const actor = { objectType: "Agent", name: "Milica", account: { homePage: "https://obuka.test/accounts", name: "milica" } };
    const registration = "8f1c1b52-3c8e-4b5a-9d43-2b6f0f6a1a22";
    const launch = `${baseUrl}/xapi/au/01/index.html?${new URLSearchParams({ endpoint: `${baseUrl}/xapi/`, auth, actor: JSON.stringify(actor), registration, activity_id: courseId }).toString()}`;
    const page = await browser.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(launch);
    const frame = page.mainFrame();
    await frame.locator('[data-testid="status"][data-state="ready"]').waitFor();
    await next(frame);
    await watchVideo(frame);
    await next(frame);
    await next(frame);
    await answerQuizRight(frame);
    await frame.locator('button[data-testid="finish"]').click();
    await frame.locator('[data-testid="status"][data-state="finished"]').waitFor();

    const reader = { authorization: auth, "x-experience-api-version": "1.0.3" };
    const response = await fetch(`${baseUrl}/xapi/statements?registration=${registration}&ascending=true&limit=100`, { headers: reader });
    const statements = ((await response.json()) as { statements: Record<string, any>[] }).statements;
    const verbs = statements.map((s) => s.verb.id.split("/").pop());
    expect(verbs[0]).to.equal("initialized");
    expect(verbs.at(-1)).to.equal("terminated");
    expect(verbs.filter((v) => v === "experienced")).to.have.length(4);
    expect(verbs.filter((v) => v === "answered")).to.have.length(2);
    expect(verbs).to.include.members(["played", "paused", "completed", "passed"]);
    for (const s of statements) {
      expect(s.context.registration).to.equal(registration);
      expect(JSON.stringify(s.context), "no cmi5 context").not.to.contain("cmi5");
    }
    const moduleStatement = (verb: string) => statements.find((s) => s.verb.id.endsWith(`/${verb}`) && s.object.id === moduleIds[0])!;
    expect(moduleStatement("passed").result).to.deep.include({ success: true, score: { scaled: 1, raw: 4, min: 0, max: 4 } });
    expect(moduleStatement("completed").result).to.include({ completion: true });
    expect(moduleStatement("passed").context.contextActivities.parent).to.deep.equal([{ objectType: "Activity", id: courseId }]);
    const videoCompleted = statements.find((s) => s.verb.id === "http://adlnet.gov/expapi/verbs/completed" && s.object.id !== moduleIds[0])!;
    expect(videoCompleted.context.contextActivities.category).to.deep.equal([{ objectType: "Activity", id: "https://w3id.org/xapi/video" }]);
    expect(videoCompleted.result.extensions["https://w3id.org/xapi/video/extensions/progress"]).to.be.closeTo(1, 0.01);
    const answered = statements.find((s) => s.verb.id.endsWith("/answered"))!;
    expect(answered.object.definition).to.include({ interactionType: "choice" });
    expect(answered.context.contextActivities.parent).to.deep.equal([{ objectType: "Activity", id: moduleIds[0] }]);

    // Relaunch: the State API document brings the learner back to the quiz, shown as passed.
    const again = await browser.newPage();
    again.on("pageerror", (error) => problems.push(error.message));
    await again.goto(launch);
    await again.locator('[data-testid="status"][data-state="ready"]').waitFor();
    await again.locator('[data-testid="quiz-result"][data-outcome="passed"]').waitFor();
    expect(await progressText(again.mainFrame())).to.equal("4 / 4");
    expect(await again.locator('input[name="q1"][value="b"]').isChecked()).to.equal(true);
    await page.close();
    await again.close();
  });
});
