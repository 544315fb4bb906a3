// The SCORM 1.2 and SCORM 2004 builds of pride-foster-care taken to the end in Chromium on the
// player's launch page: every page, the video and the quiz of module 1 answered right, so the
// obuka runtime reports the SCO completed and passed through scorm-again; the attempt row, the
// table of contents and the SCO's xAPI statements in the LRS then say so.
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser, type Frame, type Page } from "playwright-core";
import type { Credential } from "../../../lrs/index.js";
import { scormVerbs } from "../../../player/domain/scorm-statements.js";
import { HttpClient, type RunningServer, playerRows, startStandalone, testPassword } from "../../support/standalone.js";
import { type QuizQuestion, correctAnswersPerModule, takeModule } from "../../support/take-module.js";
import { eventually, launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { projectRoot, run } from "../../support/tools.js";

interface AttemptRow { attempt_id: string; completion_status: string | null; success_status: string | null; score_scaled: number | null }

describe("player: the built SCORM 1.2 and 2004 packages completed in Chromium", function () {
  this.timeout(180_000);
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let answers: QuizQuestion[][];
  const packageIds = new Map<string, string>();
  const logged: unknown[] = [];
  const courseDir = path.join(projectRoot, "courses/pride-foster-care");

  const attempts = (packageId: string) =>
    playerRows<AttemptRow>(server, "SELECT a.* FROM scorm_attempts a JOIN users u ON u.id = a.user_id WHERE u.username = 'polaznik' AND a.package_id = ? AND a.sco_id = 'ITEM-01'", [packageId]);
  async function scoFrame(): Promise<Frame> {
    const iframe = page.locator('[data-testid="scorm-content"]');
    await iframe.waitFor();
    for (let i = 0; i < 200; i++) {
      const frame = await (await iframe.elementHandle())!.contentFrame();
      if (frame && frame.url().includes("/content/")) return frame;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the SCO never loaded in the launch page's frame");
  }

  before(async function () {
    requireChromium(this);
    answers = await correctAnswersPerModule(courseDir);
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-built-scorm-"));
    for (const format of ["scorm12", "scorm2004"]) {
      await run(process.execPath, [path.join(projectRoot, "authoring/bin/obuka.js"), "build", courseDir, "--format", format, "--out", out], { cwd: projectRoot });
    }
    server = await startStandalone({ logged });
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    for (const file of (await readdir(out)).filter((f) => f.endsWith(".zip"))) {
      const response = await trainer.uploadPackage(await readFile(path.join(out, file)), file);
      expect(response.status, await response.clone().text()).to.equal(201);
      packageIds.set(file.includes("scorm12") ? "scorm12" : "scorm2004", ((await response.json()) as { packageId: string }).packageId);
    }
    browser = await launchChromium();
    page = await browser.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  for (const format of ["scorm12", "scorm2004"]) {
    it(`${format}: module 1 taken to its quiz completes and passes the SCO`, async () => {
      const packageId = packageIds.get(format)!;
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=ITEM-01`);
      await takeModule(await scoFrame(), answers[0]!);
      // Leaving the SCO for the next one ends its session (the runtime's final commit).
      await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=ITEM-02`);
      const [row] = await eventually(() => attempts(packageId), (rows) => rows[0]?.success_status === "passed" && rows[0]?.completion_status === "completed");
      expect(row).to.include({ completion_status: "completed", success_status: "passed" });
      expect(row!.score_scaled).to.equal(1);
      expect(await page.locator('[data-testid="toc-entry"][data-sco="ITEM-01"] [data-testid="toc-status"]').innerText()).to.match(/položeno/);

      const credential = (await server.lrs.credentials.list()).find((c) => c.name === "obuka LMS") as Credential;
      const verbs = await eventually(
        async () => (await server.lrs.queryStatements({ registration: row!.attempt_id, ascending: true, limit: 100 }, credential)).statements.map((s) => s.verb.id),
        (list) => list.includes(scormVerbs.terminated),
      );
      expect(verbs[0]).to.equal(scormVerbs.initialized);
      expect(verbs).to.include(scormVerbs.completed).and.include(scormVerbs.passed);
      expect(verbs.at(-1)).to.equal(scormVerbs.terminated);
      expect(problems).to.deep.equal([]);
      page.removeAllListeners("pageerror");
    });
  }
});
