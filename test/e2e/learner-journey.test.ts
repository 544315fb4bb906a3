// The first end-to-end path of issue 3, through real parts only: the CLI builds a cmi5
// zip from courses/, xmllint checks it against CourseStructure.xsd, a trainer imports it
// over HTTP, a learner takes the module in Chromium, the LRS records the cmi5
// statements, the transcript shows the credit and a stranger verifies the certificate.
import { readFile, readdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser, type Frame, type Page } from "playwright-core";
import { parse as parseYaml } from "yaml";
import { cmi5 } from "../../player/domain/cmi5-launch.js";
import { parseCreditPolicy } from "../../player/domain/credit-policy.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { auFrameOf } from "../support/au-frame.js";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../support/browser.js";
import { hasXmllint, projectRoot, requireTool, run, standardsDir, validateXml } from "../support/tools.js";

const courseDir = path.join(projectRoot, "courses/pride-foster-care");
const courseId = "https://obuka.rs/courses/pride-foster-care";
/** The credit policy `npm start` reads: the server runs with it, and the points expected come from it. */
const policyFile = path.join(projectRoot, "courses/credit-policy.yaml");

interface QuizQuestion {
  id: string;
  type: string;
  choices: { id: string; correct?: boolean }[];
}

/** The right answers of every module, in order, read from the course source the trainer wrote. */
async function correctAnswersPerModule(): Promise<QuizQuestion[][]> {
  const course = parseYaml(await readFile(path.join(courseDir, "course.yaml"), "utf8")) as { modules: { content: Record<string, unknown>[] }[] };
  return Promise.all(
    course.modules.map(async (module) => {
      const quizItem = module.content.find((item) => "quiz" in item);
      if (!quizItem) return [];
      const quizFile = typeof quizItem.quiz === "string" ? quizItem.quiz : (quizItem.quiz as { src: string }).src;
      return (parseYaml(await readFile(path.join(courseDir, quizFile), "utf8")) as { questions: QuizQuestion[] }).questions;
    }),
  );
}

/** Walks the module as a learner: every page, the whole video, the quiz answered right. */
async function takeModule(page: Page | Frame, questions: QuizQuestion[]): Promise<void> {
  await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 45_000 }); // a bound, not a speed check: the launch handshake is slow on a loaded CI machine
  for (let step = 0; step < 50; step++) {
    const video = page.locator('video[data-testid="training-video"]');
    if (await video.isVisible()) {
      await expect(await video.locator('track[kind="captions"]').count()).to.be.greaterThan(0);
      await video.evaluate(async (element: HTMLVideoElement) => {
        element.muted = true;
        element.playbackRate = 16;
        await element.play();
        await new Promise<void>((resolve) => (element.ended ? resolve() : element.addEventListener("ended", () => resolve(), { once: true })));
      });
    }
    const quiz = page.locator('form[data-testid="quiz"]');
    if (await quiz.isVisible()) {
      for (const question of questions) {
        for (const choice of question.choices.filter((c) => c.correct)) {
          await quiz.locator(`input[name="${question.id}"][value="${choice.id}"]`).check();
        }
      }
      await quiz.locator('button[type="submit"]').click();
      await page.locator('[data-testid="quiz-result"]').waitFor();
      return;
    }
    await page.locator('button[data-testid="next"]').click();
  }
  throw new Error("never reached the quiz");
}

describe("end to end: author → package → player → LRS → credits → verification", function () {
  // Nine modules, each with a video played through: minutes, not seconds, on a busy CI machine.
  this.timeout(300_000);
  let server: RunningServer;
  let browser: Browser | undefined;
  let zipFile: string;
  let expectedPoints: string;

  before(async function () {
    requireChromium(this);
    requireTool(this, "xmllint", await hasXmllint());
    const policy = parseYaml(await readFile(policyFile, "utf8")) as unknown;
    const entry = parseCreditPolicy(policy).courses.find((c) => c.course === courseId);
    if (!entry) throw new Error(`${policyFile} has no entry for ${courseId}`);
    expectedPoints = String(entry.points);
    server = await startStandalone({ policy });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("1. `obuka build --format cmi5` writes a zip whose cmi5.xml validates against CourseStructure.xsd", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-dist-"));
    await run(process.execPath, [path.join(projectRoot, "authoring/bin/obuka.js"), "build", courseDir, "--format", "cmi5", "--out", out], { cwd: projectRoot });
    const zips = (await readdir(out)).filter((f) => f.endsWith(".zip"));
    expect(zips).to.have.length(1);
    zipFile = path.join(out, zips[0]!);
    const unpacked = path.join(out, "unpacked");
    const files = await extractZip(zipFile, unpacked);
    expect(files).to.include("cmi5.xml");
    await validateXml(path.join(unpacked, "cmi5.xml"), path.join(standardsDir, "cmi5/CourseStructure.xsd"));
  });

  it("2. a trainer imports the zip over POST /api/packages and it is in the catalog", async () => {
    const trainer = new HttpClient(server.baseUrl);
    expect((await trainer.logIn("trener")).status).to.equal(303);
    await trainer.page("/catalog");
    const response = await trainer.uploadPackage(await readFile(zipFile), path.basename(zipFile));
    expect(response.status, await response.clone().text()).to.equal(201);
    const catalog = (await (await trainer.request("/api/packages")).json()) as { courseId: string }[];
    expect(catalog.map((c) => c.courseId)).to.deep.equal([courseId]);
  });

  it("3–5. a learner takes every module in Chromium, earns the credit, and anyone can verify the certificate", async function () {
    browser = await launchChromium();
    const learner = await browser.newPage();
    const problems: string[] = [];
    learner.on("pageerror", (error) => problems.push(error.message));

    await logIn(learner, server.baseUrl, "polaznik", testPassword);
    await learner.click('[data-testid="course"] a');
    const coursePage = learner.url();
    const answers = await correctAnswersPerModule();
    expect(await learner.locator('[data-testid="au"]').count()).to.equal(answers.length);
    for (const [index, questions] of answers.entries()) {
      expect(await learner.locator('[data-testid="course-status"]').getAttribute("data-satisfied")).to.equal("false");
      await learner.locator('button[data-testid="launch"]').nth(index).click();
      // AnyWindow AUs run in the player's AU frame (cmi5 8.1.0.0-3).
      const au = await auFrameOf(learner);
      expect(au.url()).to.match(/\/content\/[0-9a-f-]{36}\/.+\?.*fetch=/);
      await takeModule(au, questions);
      expect(await au.locator('[data-testid="quiz-result"]').innerText()).to.match(/100|položen/i);
      await au.click('button[data-testid="finish"]');
      await learner.waitForURL(coursePage); // the returnURL takes the whole window back (10.2.6)
      expect(await learner.locator('[data-testid="au-status"]').nth(index).innerText()).to.equal("Završeno");
    }
    expect(await learner.locator('[data-testid="course-status"]').getAttribute("data-satisfied")).to.equal("true");
    expect(problems).to.deep.equal([]);

    // The LRS holds the cmi5 statements of the session, in order, and the LMS's Satisfied.
    const { key, secret } = await server.lrs.credentials.create({ name: "e2e reader", scopes: ["all/read"] });
    const response = await fetch(`${server.baseUrl}/xapi/statements?verb=${encodeURIComponent(cmi5.verbs.satisfied)}&ascending=true`, {
      headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`, "x-experience-api-version": "1.0.3" },
    });
    const satisfied = ((await response.json()) as { statements: { context: { registration: string } }[] }).statements;
    expect(satisfied).to.have.length(1);
    const registration = satisfied[0]!.context.registration;
    const all = await fetch(`${server.baseUrl}/xapi/statements?registration=${registration}&ascending=true&limit=1000`, {
      headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`, "x-experience-api-version": "1.0.3" },
    });
    const statements = ((await all.json()) as { statements: { verb: { id: string }; context?: { contextActivities?: { category?: { id: string }[] } } }[] }).statements;
    const cmi5Verbs = statements.filter((s) => s.context?.contextActivities?.category?.some((c) => c.id === cmi5.categoryCmi5)).map((s) => s.verb.id);
    // One Launched, Initialized, Completed, Passed and Terminated per module; Satisfied once,
    // by the LMS, when the last module met its moveOn (9.3.9).
    const count = (verb: string) => cmi5Verbs.filter((v) => v === verb).length;
    for (const verb of [cmi5.verbs.launched, cmi5.verbs.initialized, cmi5.verbs.completed, cmi5.verbs.passed, cmi5.verbs.terminated]) {
      expect(count(verb), verb).to.equal(answers.length);
    }
    expect(cmi5Verbs[0]).to.equal(cmi5.verbs.launched);
    expect(cmi5Verbs[1]).to.equal(cmi5.verbs.initialized);
    expect(count(cmi5.verbs.satisfied)).to.equal(1);
    expect(cmi5Verbs.lastIndexOf(cmi5.verbs.passed)).to.be.lessThan(cmi5Verbs.indexOf(cmi5.verbs.satisfied));

    // 4. The transcript shows the credit, the rule that earned it and a certificate code.
    await learner.click('a[href="/transcript"]');
    const credit = learner.locator('[data-testid="credit"]');
    expect(await credit.count()).to.equal(1);
    expect(await credit.locator('[data-testid="points"]').innerText(), `points of ${courseId} in ${policyFile}`).to.equal(expectedPoints);
    expect(await credit.locator('[data-testid="rule"]').innerText()).to.contain("moveOn");
    const code = await credit.locator('[data-testid="certificate-code"]').innerText();
    expect(code).to.match(/^OBK(-[0-9A-Z]{4}){4}$/);

    // 5. A verifier who is not logged in checks the code.
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${server.baseUrl}/verify`);
    await stranger.fill('input[name="code"]', code.toLowerCase());
    await stranger.click('form[action="/verify"] button[type="submit"]');
    const verdict = stranger.locator('[data-testid="verification"]');
    expect(await verdict.getAttribute("data-status")).to.equal("valid");
    expect(await verdict.locator('[data-testid="holder"]').innerText()).to.equal("Milica Jovanović");
    expect(await verdict.locator('[data-testid="verified-points"]').innerText()).to.equal(expectedPoints);
    await stranger.goto(`${server.baseUrl}/verify?code=OBK-0000-0000-0000-0000`);
    expect(await stranger.locator('[data-testid="verification"]').getAttribute("data-status")).to.equal("unknown");
  });
});
