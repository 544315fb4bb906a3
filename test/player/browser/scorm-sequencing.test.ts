// SCORM 2004 sequencing through the player in Chromium, with a hand-written 4th ed. package
// (test/player/support/scorm-sequencing-package.ts): a precondition skip on satisfied read
// from a global objective another SCO wrote, a post condition retry on not satisfied, an
// attempt limit, and the adl.nav.request_valid values the SCO reads.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { HttpClient, type RunningServer, playerRows, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { hasXmllint, requireTool, standardsDir, validateXml } from "../../support/tools.js";
import { masteryObjective, sequencingManifest, sequencingPackageZip } from "../support/scorm-sequencing-package.js";

interface Seen {
  role: string;
  entry: string;
  objectives: string[];
  continueValid: string;
  previousValid: string;
  choiceQuiz: string;
  choiceUnknown: string;
}

describe("player: SCORM 2004 sequencing rules in Chromium (hand-written 4th ed. package)", function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;
  let packageId: string;

  const attemptsOf = (username: string, scoId: string) =>
    playerRows<{ attempt_number: number; success_status: string | null }>(
      server,
      "SELECT a.attempt_number, a.success_status FROM scorm_attempts a JOIN users u ON u.id = a.user_id WHERE u.username = ? AND a.package_id = ? AND a.sco_id = ? ORDER BY a.attempt_number",
      [username, packageId, scoId],
    );
  const globalsOf = (username: string) =>
    // satisfied is INTEGER in SQLite and BOOLEAN in PostgreSQL: read as 1 / 0 / NULL from both.
    playerRows<{ scope: string; objective_id: string; satisfied: number | null }>(
      server,
      "SELECT g.scope, g.objective_id, CASE WHEN g.satisfied THEN 1 WHEN NOT g.satisfied THEN 0 END AS satisfied FROM scorm_global_objectives g JOIN users u ON u.id = g.user_id WHERE u.username = ?",
      [username],
    );

  async function signedIn(username: string): Promise<BrowserContext> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await logIn(page, server.baseUrl, username, testPassword);
    await page.close();
    return context;
  }

  /** What the SCO in the launch page's frame saw, once it is ready. */
  async function seen(page: Page): Promise<Seen> {
    const out = page.frameLocator('[data-testid="scorm-content"]').locator("#out[data-state=ready]");
    await out.waitFor({ timeout: 20_000 });
    return JSON.parse((await out.textContent())!) as Seen;
  }
  const click = (page: Page, button: "pass" | "fail" | "done") => page.frameLocator('[data-testid="scorm-content"]').locator(`#${button}`).click();

  before(async function () {
    requireChromium(this);
    requireTool(this, "xmllint", await hasXmllint());
    const manifestFile = path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-sequencing-")), "imsmanifest.xml");
    await writeFile(manifestFile, sequencingManifest);
    await validateXml(manifestFile, path.join(standardsDir, "scorm2004-4ed/scorm2004-manifest-driver.xsd"), path.join(standardsDir, "scorm2004-4ed/catalog.xml"));
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const response = await trainer.uploadPackage(sequencingPackageZip(), "pravila.zip");
    expect(response.status, await response.clone().text()).to.equal(201);
    packageId = ((await response.json()) as { packageId: string }).packageId;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("skips the lesson after a passed pretest, retries the failed quiz once, then refuses a third attempt", async () => {
    const page = await (await signedIn("polaznik")).newPage();
    await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}`);
    const pretest = await seen(page);
    expect(pretest).to.deep.include({ role: "pretest", entry: "ab-initio", continueValid: "true", previousValid: "false", choiceQuiz: "true", choiceUnknown: "false" });

    // Passing the pretest writes the global objective the lesson's skip rule reads.
    await click(page, "pass");
    await page.waitForURL(/sco=quiz&from=pretest/);
    expect((await seen(page)).role).to.equal("kviz");
    expect(await globalsOf("polaznik")).to.deep.equal([{ scope: "system", objective_id: masteryObjective, satisfied: 1 }]);
    expect(await attemptsOf("polaznik", "lesson")).to.deep.equal([]);

    // Failing the quiz: its post condition retries it, in a new attempt.
    await click(page, "fail");
    await page.waitForURL(/sco=quiz&from=quiz/);
    expect(await seen(page)).to.include({ role: "kviz", entry: "ab-initio" });
    expect((await attemptsOf("polaznik", "quiz")).map((a) => a.attempt_number)).to.deep.equal([1, 2]);

    // Failing again: the retry would need a third attempt, and the limit is two.
    await click(page, "fail");
    const message = page.locator('[data-testid="nav-message"]');
    await message.waitFor({ state: "visible" });
    expect(await message.innerText()).to.match(/iskorišćeni su svi pokušaji/);
    expect(await page.locator('[data-testid="scorm-content"]').getAttribute("src")).to.equal("about:blank");
    expect(await attemptsOf("polaznik", "quiz")).to.deep.equal([{ attempt_number: 1, success_status: "failed" }, { attempt_number: 2, success_status: "failed" }]);

    // The server refuses the quiz now, and the table of contents shows it unavailable, without a link.
    const refused = await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=quiz`);
    expect(refused!.status()).to.equal(400);
    await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=summary`);
    expect((await seen(page)).role).to.equal("zakljucak");
    const quizEntry = page.locator('[data-testid="toc-entry"][data-sco="quiz"]');
    expect(await quizEntry.locator('[data-testid="toc-unavailable"]').count()).to.equal(1);
    expect(await quizEntry.locator("a").count()).to.equal(0);
    expect(await page.locator('[data-testid="toc-entry"][data-sco="pretest"] a').count()).to.equal(1);
    expect((await seen(page)).choiceQuiz).to.equal("false");
    await page.close();
  });

  it("delivers the lesson after a failed pretest, with the global objective it reads in cmi.objectives, and ends the course after the summary", async () => {
    const page = await (await signedIn("admin")).newPage();
    await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}`);
    expect((await seen(page)).role).to.equal("pretest");
    await click(page, "fail");
    await page.waitForURL(/sco=lesson&from=pretest/);
    expect(await seen(page)).to.deep.include({ role: "lekcija", objectives: ["lesson-objective=failed"], previousValid: "true" });
    expect(await globalsOf("admin")).to.deep.equal([{ scope: "system", objective_id: masteryObjective, satisfied: 0 }]);

    await click(page, "done");
    await page.waitForURL(/sco=quiz&from=lesson/);
    await seen(page);
    await click(page, "pass");
    await page.waitForURL(/sco=summary&from=quiz/);
    expect((await seen(page)).continueValid).to.equal("false");
    await click(page, "done");
    const message = page.locator('[data-testid="nav-message"]');
    await message.waitFor({ state: "visible" });
    expect(await message.innerText()).to.match(/Obuka je za sada završena/);
    // The other learner's global objective is theirs alone.
    expect(await globalsOf("polaznik")).to.deep.equal([{ scope: "system", objective_id: masteryObjective, satisfied: 1 }]);
    await page.close();
  });

  it("answers the navigation endpoint only for the learner's own session, with a CSRF token, and names a bad request field", async () => {
    const mine = new HttpClient(server.baseUrl);
    await mine.logIn("trener");
    const { html } = await mine.page(`/scorm/launch?package=${packageId}`);
    const launch = JSON.parse(/data-launch="([^"]*)"/.exec(html)![1]!.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#x3D;", "=").replaceAll("&#x27;", "'")) as { navigateUrl: string; requestValid: unknown };
    expect(launch.requestValid).to.deep.equal({ continue: true, previous: false, choice: ["pretest", "lesson", "quiz", "summary"] });
    const navigate = (client: HttpClient, body: unknown, csrf = client.csrfToken) =>
      client.request(launch.navigateUrl, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": csrf }, body: JSON.stringify(body) });
    const bad = await navigate(mine, { request: "jumpAround" });
    expect(bad.status).to.equal(400);
    expect(await bad.text()).to.contain("request");
    expect((await navigate(mine, { request: "continue", scoTerminated: "yes" })).status).to.equal(400);
    expect((await navigate(mine, { request: "continue" }, "wrong")).status).to.equal(403);
    const other = new HttpClient(server.baseUrl);
    await other.logIn("polaznik");
    await other.page("/catalog");
    expect((await navigate(other, { request: "continue" })).status).to.equal(404);
    // The learner's own Continue from the pretest (nothing reported yet) goes on to the lesson.
    const next = await navigate(mine, { request: "continue", scoTerminated: false });
    expect(await next.json()).to.deep.equal({ outcome: "deliver", url: `/scorm/launch?package=${packageId}&sco=lesson&from=pretest` });
    expect(await (await navigate(mine, { request: "exitAll" })).json()).to.deep.equal({ outcome: "end" });
  });

  it("suspends the attempt on suspendAll whatever cmi.exit says, and the next launch resumes it", async () => {
    const learner = new HttpClient(server.baseUrl);
    await learner.logIn("trener");
    const launchData = async (query: string) => {
      const { status, html } = await learner.page(`/scorm/launch?${query}`);
      expect(status).to.equal(200);
      return JSON.parse(/data-launch="([^"]*)"/.exec(html)![1]!.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#x3D;", "=").replaceAll("&#x27;", "'")) as { navigateUrl: string; cmi: Record<string, unknown>; contentUrl: string };
    };
    const first = await launchData(`package=${packageId}&sco=lesson`);
    const response = await learner.request(first.navigateUrl, {
      method: "POST", headers: { "content-type": "application/json", "x-csrf-token": learner.csrfToken },
      body: JSON.stringify({ request: "suspendAll", scoTerminated: true, cmi: { location: "strana-2", completion_status: "incomplete", exit: "" } }),
    });
    expect(await response.json()).to.deep.equal({ outcome: "suspended" });
    const resumed = await launchData(`package=${packageId}`);
    expect(resumed.contentUrl).to.contain("uloga=lekcija");
    expect(resumed.cmi).to.include({ entry: "resume", location: "strana-2" });
  });
});
