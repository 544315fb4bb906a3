// The SCORM run-time in a real browser: packages built with `obuka build --format
// scorm12|scorm2004` and a hand-written SCO in nested frames find the API by the standard
// discovery algorithm on the launch page, commit to the player (checked in the SQLite
// file), resume after a relaunch, accumulate total time, are mirrored as xAPI statements in
// the LRS, and one learner cannot read or write another's CMI data.
import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser, type BrowserContext, type Frame, type Page } from "playwright-core";
import type { Credential } from "../../../lrs/index.js";
import { formatCmiTimespan, parseCmiTimespan, parseIsoDuration } from "../../../player/domain/scorm-cmi.js";
import { scormVerbs } from "../../../player/domain/scorm-statements.js";
import { extractZip } from "../../../player/packages/extract-zip.js";
import { axeViolations } from "../../support/axe.js";
import { HttpClient, type RunningServer, accountHomePage, playerRows, startStandalone, testPassword } from "../../support/standalone.js";
import { eventually, launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { hasXmllint, projectRoot, requireTool, run, standardsDir, validateXml } from "../../support/tools.js";
import { scorm12Zip } from "../support/package-fixtures.js";
import { nestedFramesManifest, nestedFramesZip } from "../support/scorm-sco-fixtures.js";

interface AttemptRow {
  attempt_id: string;
  sco_id: string;
  attempt_number: number;
  cmi: string;
  location: string | null;
  suspend_data: string | null;
  exit: string | null;
  completion_status: string | null;
  success_status: string | null;
  score_scaled: number | null;
}

describe("player: SCORM run-time in Chromium", function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;
  let learner: BrowserContext;
  let outDir: string;
  const packageIds = new Map<string, string>();

  const attempts = (packageId: string, scoId: string) =>
    playerRows<AttemptRow>(server, "SELECT a.* FROM scorm_attempts a JOIN users u ON u.id = a.user_id WHERE u.username = 'polaznik' AND a.package_id = ? AND a.sco_id = ? ORDER BY a.attempt_number", [packageId, scoId]);
  const sessions = (attemptId: string) =>
    playerRows<{ session_id: string; session_seconds: number; terminated_at: string | null }>(server, "SELECT session_id, session_seconds, terminated_at FROM scorm_sessions WHERE attempt_id = ? ORDER BY started_at", [attemptId]);
  async function statementsOf(registration: string): Promise<{ verb: { id: string }; result?: { duration?: string; success?: boolean; score?: { scaled?: number } } }[]> {
    const credential = (await server.lrs.credentials.list()).find((c) => c.name === "obuka LMS") as Credential;
    const result = await server.lrs.queryStatements({ registration, ascending: true, limit: 100 }, credential);
    return result.statements as never;
  }

  before(async function () {
    requireChromium(this);
    requireTool(this, "xmllint", await hasXmllint());
    outDir = await mkdtemp(path.join(os.tmpdir(), "obuka-scorm-"));
    for (const format of ["scorm12", "scorm2004"]) {
      await run(process.execPath, [path.join(projectRoot, "authoring/bin/obuka.js"), "build", path.join(projectRoot, "courses/pride-foster-care"), "--format", format, "--out", outDir], { cwd: projectRoot });
    }
    const manifestFile = path.join(outDir, "nested-imsmanifest.xml");
    await writeFile(manifestFile, nestedFramesManifest);
    await validateXml(manifestFile, path.join(standardsDir, "scorm2004-4ed/scorm2004-manifest-driver.xsd"), path.join(standardsDir, "scorm2004-4ed/catalog.xml"));
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const zips: [string, Buffer][] = [["nested", nestedFramesZip()], ["odd12", scorm12Zip()]];
    for (const file of (await readdir(outDir)).filter((f) => f.endsWith(".zip"))) {
      const unpacked = path.join(outDir, `unpacked-${file}`);
      await extractZip(path.join(outDir, file), unpacked);
      const is12 = file.includes("scorm12");
      await validateXml(
        path.join(unpacked, "imsmanifest.xml"),
        path.join(standardsDir, is12 ? "scorm12/scorm12-manifest-driver.xsd" : "scorm2004-4ed/scorm2004-manifest-driver.xsd"),
        is12 ? undefined : path.join(standardsDir, "scorm2004-4ed/catalog.xml"),
      );
      zips.push([is12 ? "scorm12" : "scorm2004", await readFile(path.join(outDir, file))]);
    }
    for (const [name, zip] of zips) {
      const response = await trainer.uploadPackage(zip, `${name}.zip`);
      expect(response.status, await response.clone().text()).to.equal(201);
      packageIds.set(name, ((await response.json()) as { packageId: string }).packageId);
    }
    browser = await launchChromium();
    learner = await browser.newContext();
    const page = await learner.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
    await page.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The frame of the built runtime's page, once it found the API and is ready. */
  async function runtimeFrame(page: Page): Promise<Frame> {
    const frame = page.frameLocator('[data-testid="scorm-content"]');
    await frame.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 20_000 });
    return page.frames().find((f) => f !== page.mainFrame())!;
  }

  for (const [format, names] of [
    ["scorm12", { entry: "cmi.core.entry", location: "cmi.core.lesson_location", total: "cmi.core.total_time", api: "API", parse: parseCmiTimespan }],
    ["scorm2004", { entry: "cmi.entry", location: "cmi.location", total: "cmi.total_time", api: "API_1484_11", parse: parseIsoDuration }],
  ] as const) {
    it(`launches the ${format} build of pride-foster-care from the catalog, keeps its CMI data and resumes it`, async () => {
      const packageId = packageIds.get(format)!;
      const page = await learner.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(`${server.baseUrl}/catalog`);
      await page.click(`a[href="/scorm/launch?package=${packageId}"]`);
      await page.waitForURL(/\/scorm\/launch\?package=/);
      expect(await page.locator('[data-testid="toc-entry"]').count()).to.equal(9);
      const frame = await runtimeFrame(page);
      // The API sits on the launch page, the frame around the content, same origin.
      expect(await page.evaluate((name) => typeof (window as unknown as Record<string, unknown>)[name], names.api)).to.equal("object");
      const getValue = (element: string) => page.evaluate(([name, el]) => {
        const api = (window as unknown as Record<string, { LMSGetValue?: (e: string) => string; GetValue?: (e: string) => string }>)[name!]!;
        return (api.LMSGetValue ?? api.GetValue)!.call(api, el!);
      }, [names.api, element] as const);
      expect(await getValue(names.entry)).to.equal("ab-initio");
      await frame.locator('button[data-testid="next"]').click();
      // Leaving for the second SCO from the table of contents ends the first one (exit=suspend).
      await page.locator('[data-testid="toc-entry"] a').first().click();
      await page.waitForURL(/sco=/);
      const saved = await eventually(() => attempts(packageId, "ITEM-01"), (rows) => rows[0]?.exit === "suspend");
      expect(saved).to.have.length(1);
      const row = saved[0]!;
      expect(row.location).to.equal("1");
      expect(row.suspend_data).to.be.a("string").and.not.equal("");
      const [session] = await sessions(row.attempt_id);
      expect(session!.session_seconds).to.be.greaterThan(0);
      expect(session!.terminated_at).to.be.a("string");

      // Relaunch the first SCO: entry=resume, the same location and suspend data, total time so far.
      await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=ITEM-01`);
      await runtimeFrame(page);
      expect(await getValue(names.entry)).to.equal("resume");
      expect(await getValue(names.location)).to.equal("1");
      expect(await getValue("cmi.suspend_data")).to.equal(row.suspend_data);
      const total = names.parse(await getValue(names.total))!;
      expect(total).to.be.closeTo(session!.session_seconds, 0.011);
      expect(await page.locator('[data-testid="resumed"]').count()).to.equal(1);
      expect((await attempts(packageId, "ITEM-01")).map((a) => a.attempt_number)).to.deep.equal([1]);

      const statements = await statementsOf(row.attempt_id);
      const verbs = statements.map((s) => s.verb.id);
      expect(verbs.slice(0, 1)).to.deep.equal([scormVerbs.initialized]);
      const terminated = statements.find((s) => s.verb.id === scormVerbs.terminated)!;
      expect(parseIsoDuration(terminated.result!.duration!)).to.be.closeTo(session!.session_seconds, 0.011);
      expect(problems).to.deep.equal([]);
      await page.close();
    });
  }

  it("runs a hand-written SCO that finds API_1484_11 from a nested frame: resume, total time, flow, rollup, statements", async () => {
    const packageId = packageIds.get("nested")!;
    const page = await learner.newPage();
    const inner = () => page.frames().find((f) => f.url().includes("unutra/sco.html"))!;
    const seen = async () => {
      await page.frameLocator('[data-testid="scorm-content"]').frameLocator("#inner").locator("#out[data-state=ready]").waitFor({ timeout: 20_000 });
      return JSON.parse((await inner().locator("#out").textContent())!) as Record<string, string>;
    };
    // No SCO chosen: flow starts at the first SCO of the cluster.
    await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}`);
    const first = await seen();
    const userId = (await playerRows<{ id: string }>(server, "SELECT id FROM users WHERE username = 'polaznik'"))[0]!.id;
    expect(first).to.include({ entry: "ab-initio", location: "", suspendData: "", totalTime: "PT0S", learnerId: userId, part: "1" });
    await inner().click("#finish");
    const [afterFirst] = await eventually(() => attempts(packageId, "sco-1"), (rows) => rows[0]?.exit === "suspend");
    expect(afterFirst).to.include({ location: "korak-1", suspend_data: "posete=1", completion_status: "incomplete" });

    await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=sco-1`);
    const second = await seen();
    expect(second).to.include({ entry: "resume", location: "korak-1", suspendData: "posete=1", part: "1" });
    expect(parseIsoDuration(second.totalTime!)).to.equal(2.5);
    // The SCO asks to continue when it ends: flow goes to the next SCO of the cluster.
    await inner().click("#continue");
    await page.waitForURL(/sco=sco-2/);
    const third = await seen();
    expect(third).to.include({ entry: "ab-initio", part: "2" });
    const [row] = await eventually(() => attempts(packageId, "sco-1"), (rows) => rows[0]?.success_status === "passed");
    expect(row).to.include({ completion_status: "completed", success_status: "passed", score_scaled: 0.9, location: "korak-2", suspend_data: "posete=2" });
    const sessionRows = await sessions(row!.attempt_id);
    expect(sessionRows.map((s) => s.session_seconds)).to.deep.equal([2.5, 2.5]);

    // The table of contents shows the first SCO passed; previous leads back to it.
    await page.reload();
    await seen();
    expect(await page.locator('[data-testid="toc-entry"][data-sco="sco-1"] [data-testid="toc-status"]').innerText()).to.match(/položeno/);
    expect(await page.locator('[data-testid="previous"]').getAttribute("href")).to.contain("sco=sco-1");
    // sco-2 is not completed yet, so the course is not either (rollup).
    expect(await page.locator('[data-testid="course-completed"]').count()).to.equal(0);

    const statements = await statementsOf(row!.attempt_id);
    const verbs = statements.map((s) => s.verb.id);
    expect(verbs).to.deep.equal([scormVerbs.initialized, scormVerbs.terminated, scormVerbs.initialized, scormVerbs.completed, scormVerbs.passed, scormVerbs.terminated]);
    const passed = statements.find((s) => s.verb.id === scormVerbs.passed)!;
    expect(passed.result).to.deep.include({ success: true, score: { scaled: 0.9 } });
    expect(passed.result!.duration).to.equal("PT5S");
    expect(statements.filter((s) => s.verb.id === scormVerbs.terminated).map((s) => s.result!.duration)).to.deep.equal(["PT2.5S", "PT2.5S"]);
    // The SCO asks for a choice when it ends: the launch page goes to the chosen SCO.
    await inner().click("#choose-first");
    await page.waitForURL(/sco=sco-1&from=sco-2/);
    expect(await seen()).to.include({ part: "1" });
    await page.close();
  });

  it("launches a SCORM 1.2 item from a resource under xml:base with spaces and parameters, from the default organization", async () => {
    const packageId = packageIds.get("odd12")!;
    const page = await learner.newPage();
    const response = await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}`);
    expect(response!.status()).to.equal(200);
    // The default organization is the second one; its hidden item stays out of the table of contents.
    expect(await page.locator('[data-testid="toc-entry"]').allInnerTexts()).to.deep.equal(["Deo 1", "Deo 1a", "Lekcija 1"]);
    await page.frameLocator('[data-testid="scorm-content"]').locator("text=Uvod").first().waitFor();
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).to.equal(`${server.baseUrl}/content/${packageId}/content/sco/modul%201/uvod/index.html?strana=2`);
    expect(await page.evaluate(() => typeof (window as unknown as { API?: unknown }).API)).to.equal("object");
    // A hidden item is still part of the flow: Next leads to it.
    expect(await page.locator('[data-testid="next"]').getAttribute("href")).to.contain("sco=lesson-2");
    await page.close();
  });

  it("keeps the last data of a SCO that never finishes when the tab closes, and ends its session at the next launch", async () => {
    const packageId = packageIds.get("nested")!;
    const ready = (page: Page) => page.frameLocator('[data-testid="scorm-content"]').frameLocator("#inner").locator("#out[data-state=ready]").waitFor({ timeout: 20_000 });
    const page = await learner.newPage();
    await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=sco-2`);
    await ready(page);
    const attempt = (await attempts(packageId, "sco-2")).at(-1)!;
    const current = (await sessions(attempt.attempt_id)).at(-1)!;
    expect(current.terminated_at).to.equal(null);
    // A value the SCO sets but never commits: only the launch page's last commit can keep it.
    const inner = page.frames().find((f) => f.url().includes("unutra/sco.html"))!;
    expect(await inner.evaluate(() => (window.parent.parent as unknown as { API_1484_11: { SetValue(e: string, v: string): string } }).API_1484_11.SetValue("cmi.location", "zatvoreno"))).to.equal("true");
    expect((await attempts(packageId, "sco-2")).at(-1)!.location).to.equal("korak-1");
    await page.close({ runBeforeUnload: true });
    const [ended] = await eventually(async () => (await sessions(attempt.attempt_id)).filter((s) => s.session_id === current.session_id), (rows) => rows[0]?.terminated_at !== null);
    expect(ended!.terminated_at).to.be.a("string");
    expect(ended!.session_seconds).to.equal(2.5);
    const stored = (await attempts(packageId, "sco-2")).at(-1)!;
    expect(JSON.parse(stored.cmi)).to.include({ session_time: "PT2.5S", location: "zatvoreno", suspend_data: "posete=1", exit: "" });
    // The SCO never sent Terminate: the next launch records Terminated for it, with its time.
    const terminatedBefore = (await statementsOf(attempt.attempt_id)).filter((s) => s.verb.id === scormVerbs.terminated).length;
    const again = await learner.newPage();
    await again.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=sco-2`);
    await ready(again);
    const terminated = (await statementsOf(attempt.attempt_id)).filter((s) => s.verb.id === scormVerbs.terminated);
    expect(terminated).to.have.length(terminatedBefore + 1);
    expect(terminated.at(-1)!.result!.duration).to.equal("PT2.5S");
    await again.close();
  });

  describe("the commit endpoint over HTTP", () => {
    let mine: HttpClient;
    let sessionId: string;
    let packageId: string;

    before(async () => {
      packageId = packageIds.get("nested")!;
      mine = new HttpClient(server.baseUrl);
      await mine.logIn("polaznik");
      const { html } = await mine.page(`/scorm/launch?package=${packageId}&sco=sco-2`);
      const launch = JSON.parse(/data-launch="([^"]*)"/.exec(html)![1]!.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#x3D;", "=").replaceAll("&#x27;", "'")) as { sessionId: string; commitUrl: string };
      sessionId = launch.sessionId;
      expect(launch.commitUrl).to.equal(`/api/scorm/sessions/${sessionId}/commit`);
    });
    const commit = (client: HttpClient, body: unknown, csrf = client.csrfToken) =>
      client.request(`/api/scorm/sessions/${sessionId}/commit`, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": csrf }, body: JSON.stringify(body) });

    it("stores a commit of the learner's own session and gives it back", async () => {
      const response = await commit(mine, { event: "commit", cmi: { location: "http-1", suspend_data: "s=1", completion_status: "incomplete", session_time: "PT1S" } });
      expect(response.status, await response.clone().text()).to.equal(200);
      const read = await mine.request(`/api/scorm/sessions/${sessionId}/cmi`);
      expect(read.status).to.equal(200);
      expect(((await read.json()) as { cmi: Record<string, unknown> }).cmi).to.include({ location: "http-1", suspend_data: "s=1" });
    });

    it("answers 404 to another learner reading or writing the session, and stores nothing", async () => {
      const other = new HttpClient(server.baseUrl);
      await other.logIn("trener");
      await other.page("/catalog");
      expect((await other.request(`/api/scorm/sessions/${sessionId}/cmi`)).status).to.equal(404);
      const response = await commit(other, { event: "commit", cmi: { location: "stolen" } });
      expect(response.status).to.equal(404);
      const [row] = (await attempts(packageId, "sco-2")).slice(-1);
      expect(row!.location).to.equal("http-1");
    });

    it("refuses a commit without the CSRF token (403) and unsigned requests (401)", async () => {
      expect((await commit(mine, { event: "commit", cmi: { location: "csrf" } }, "wrong")).status).to.equal(403);
      const anonymous = new HttpClient(server.baseUrl);
      expect((await anonymous.request(`/api/scorm/sessions/${sessionId}/cmi`)).status).to.equal(401);
      expect((await attempts(packageId, "sco-2")).at(-1)!.location).to.equal("http-1");
    });

    for (const [what, body, field] of [
      ["a body that is not an object", [1, 2], "body"],
      ["an unknown event", { event: "explode" }, "event"],
      ["cmi that is not an object", { cmi: "x" }, "cmi"],
      ["a location over 1000 characters", { cmi: { location: "x".repeat(1001) } }, "cmi.location"],
      ["a completion status outside the vocabulary", { cmi: { completion_status: "done" } }, "cmi.completion_status"],
      ["a session time that is not a duration", { cmi: { session_time: "5 minutes" } }, "cmi.session_time"],
      ["suspend data that is not a string", { cmi: { suspend_data: 5 } }, "cmi.suspend_data"],
    ] as const) {
      it(`answers 400 naming ${field} to ${what}, and keeps the stored data`, async () => {
        const response = await commit(mine, body);
        expect(response.status).to.equal(400);
        const error = ((await response.json()) as { error: { code: string; message: string } }).error;
        expect(error.code).to.equal("validation_failed");
        expect(error.message.startsWith(`${field}:`), error.message).to.equal(true);
        expect((await attempts(packageId, "sco-2")).at(-1)!.location).to.equal("http-1");
      });
    }

    it("answers 400 naming sco to a SCO the package does not have", async () => {
      const response = await mine.request(`/scorm/launch?package=${packageId}&sco=nope`, { headers: { accept: "application/json" } });
      expect(response.status).to.equal(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).to.match(/^sco:/);
    });
  });

  it("records completed and passed for the package once, when every SCO's result rolls up to the course", async () => {
    const packageId = packageIds.get("nested")!;
    const admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
    const finish = async (sco: string, cmi: Record<string, string>) => {
      const { html } = await admin.page(`/scorm/launch?package=${packageId}&sco=${sco}`);
      const sessionId = /scorm\/sessions\/([0-9a-f-]{36})\/commit/.exec(html)![1]!;
      const response = await admin.request(`/api/scorm/sessions/${sessionId}/commit`, {
        method: "POST", headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken }, body: JSON.stringify({ event: "terminate", cmi }),
      });
      expect(response.status, await response.clone().text()).to.equal(200);
    };
    const courseStatements = async () => {
      const credential = (await server.lrs.credentials.list()).find((c) => c.name === "obuka LMS") as Credential;
      const adminId = (await playerRows<{ id: string }>(server, "SELECT id FROM users WHERE username = 'admin'"))[0]!.id;
      const found = await server.lrs.queryStatements({ agent: { objectType: "Agent", account: { homePage: accountHomePage, name: adminId } }, limit: 100, ascending: true }, credential);
      return found.statements.filter((st) => (st.object as { definition?: { type?: string } }).definition?.type === "http://adlnet.gov/expapi/activities/course").map((st) => st.verb.id);
    };
    await finish("sco-1", { completion_status: "completed", success_status: "passed", session_time: "PT1S" });
    expect(await courseStatements()).to.deep.equal([]);
    await finish("sco-2", { completion_status: "completed", success_status: "passed", session_time: "PT1S" });
    expect(await courseStatements()).to.deep.equal([scormVerbs.completed, scormVerbs.passed]);
    await finish("sco-2", { completion_status: "completed", success_status: "passed", session_time: "PT1S" });
    expect(await courseStatements()).to.deep.equal([scormVerbs.completed, scormVerbs.passed]);
  });

  it("has a launch page without axe-core violations (WCAG 2.1 AA), usable on a phone", async () => {
    // axe is injected as a script, which the page's CSP would refuse: this context bypasses it.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
    await page.goto(`${server.baseUrl}/scorm/launch?package=${packageIds.get("scorm12")}&sco=ITEM-02`);
    await runtimeFrame(page);
    expect(await axeViolations(page)).to.deep.equal([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(360);
    await context.close();
  });

  it("serves scorm-again's browser bundle from the player, not a CDN", async () => {
    const response = await fetch(`${server.baseUrl}/scorm/runtime/scorm-again.min.js`);
    expect(response.status).to.equal(200);
    expect(response.headers.get("content-type")).to.match(/javascript/);
    expect(await response.text()).to.contain("Scorm2004API");
  });

  // formatCmiTimespan is what the SCO sees as 1.2 total time; keep its shape checked here too.
  it("formats SCORM 1.2 total time as a CMITimespan", () => {
    expect(formatCmiTimespan(3725.5)).to.equal("01:02:05.50");
  });
});
