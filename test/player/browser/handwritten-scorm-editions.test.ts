// Hand-written SCORM packages of every edition the player imports (1.2; 2004 2nd, 3rd and 4th)
// taken in Chromium end to end: the SCO's script lives in a shared asset reached through a
// dependency chain, the first SCO sits two clusters deep in a folder with spaces and gets its
// launch parameters, it finds the API by the standard discovery algorithm, writes an
// interaction, suspends, resumes with its data and total time (and, in 1.2, finds interaction
// fields write only), passes, and the second SCO completes the course: the attempt rows in the
// SQLite file, the table of contents and the course-level xAPI statements in the LRS all say so.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser, type FrameLocator, type Page } from "playwright-core";
import type { Credential } from "../../../lrs/index.js";
import { parseCmiTimespan, parseIsoDuration } from "../../../player/domain/scorm-cmi.js";
import { scormActivityId, scormVerbs } from "../../../player/domain/scorm-statements.js";
import { HttpClient, type RunningServer, accountHomePage, playerRows, startStandalone, testPassword } from "../../support/standalone.js";
import { eventually, launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { hasXmllint, requireTool, standardsDir, validateXml } from "../../support/tools.js";
import { type ScormEdition, oddScorm12CourseId, oddScorm12Manifest, oddScorm12Zip, oddScorm2004CourseId, oddScorm2004Manifest, oddScorm2004Zip } from "../support/scorm-editions-scos.js";

interface Seen { entry: string; mode: string; location: string; suspendData: string; interactions: string; firstInteractionId: string; firstInteractionError: string; query: string; totalTime: string }
interface AttemptRow { attempt_id: string; exit: string | null; location: string | null; suspend_data: string | null; completion_status: string | null; success_status: string | null; score_scaled: number | null }

const editions: { edition: ScormEdition; label: string; courseId: string; zip: () => Buffer; manifest: string; firstSco: string }[] = [
  { edition: "1.2", label: "SCORM 1.2", courseId: oddScorm12CourseId, zip: oddScorm12Zip, manifest: oddScorm12Manifest, firstSco: "moduli/prvi%20deo/lekcija%20a/index.html?strana=1&tema=plava" },
  { edition: "CAM 1.3", label: "SCORM 2004 2nd ed.", courseId: oddScorm2004CourseId("CAM 1.3"), zip: () => oddScorm2004Zip("CAM 1.3"), manifest: oddScorm2004Manifest("CAM 1.3"), firstSco: "lekcije/prva%20lekcija/index.html?strana=1" },
  { edition: "2004 3rd Edition", label: "SCORM 2004 3rd ed.", courseId: oddScorm2004CourseId("2004 3rd Edition"), zip: () => oddScorm2004Zip("2004 3rd Edition"), manifest: oddScorm2004Manifest("2004 3rd Edition"), firstSco: "lekcije/prva%20lekcija/index.html?strana=1" },
  { edition: "2004 4th Edition", label: "SCORM 2004 4th ed.", courseId: oddScorm2004CourseId("2004 4th Edition"), zip: () => oddScorm2004Zip("2004 4th Edition"), manifest: oddScorm2004Manifest("2004 4th Edition"), firstSco: "lekcije/prva%20lekcija/index.html?strana=1" },
];

describe("player: hand-written SCORM 1.2 and 2004 (2nd, 3rd, 4th ed.) packages with odd structures in Chromium", function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const packageIds = new Map<ScormEdition, string>();
  const logged: unknown[] = [];

  const attempts = (packageId: string, scoId: string) =>
    playerRows<AttemptRow>(server, "SELECT a.* FROM scorm_attempts a JOIN users u ON u.id = a.user_id WHERE u.username = 'polaznik' AND a.package_id = ? AND a.sco_id = ? ORDER BY a.attempt_number", [packageId, scoId]);
  const credential = async () => (await server.lrs.credentials.list()).find((c) => c.name === "obuka LMS") as Credential;
  async function attemptVerbs(attemptId: string): Promise<{ verb: { id: string }; result?: { success?: boolean; score?: { scaled?: number }; duration?: string } }[]> {
    return (await server.lrs.queryStatements({ registration: attemptId, ascending: true, limit: 100 }, await credential())).statements as never;
  }
  /** The course-level statements (completed, passed) the player issued for this learner and package. */
  async function courseVerbs(manifestIdentifier: string): Promise<string[]> {
    const learnerId = (await playerRows<{ id: string }>(server, "SELECT id FROM users WHERE username = 'polaznik'"))[0]!.id;
    const found = await server.lrs.queryStatements({ agent: { objectType: "Agent", account: { homePage: accountHomePage, name: learnerId } }, activity: scormActivityId("course", manifestIdentifier), limit: 200, ascending: true }, await credential());
    return found.statements.filter((st) => (st.object as { id: string }).id === scormActivityId("course", manifestIdentifier)).map((st) => st.verb.id);
  }
  const sco = (): FrameLocator => page.frameLocator('[data-testid="scorm-content"]');
  async function seen(): Promise<Seen> {
    await sco().locator('#out[data-state="ready"]').waitFor({ timeout: 20_000 });
    return JSON.parse((await sco().locator("#out").textContent())!) as Seen;
  }
  async function press(button: "#save" | "#complete", state: "saved" | "completed"): Promise<void> {
    await sco().locator(button).click();
    await sco().locator(`#out[data-state="${state}"]`).waitFor();
    // Every SetValue the SCO made was accepted by scorm-again.
    expect(await sco().locator("#out").getAttribute("data-rejected")).to.equal("");
  }

  before(async function () {
    requireChromium(this);
    requireTool(this, "xmllint", await hasXmllint());
    // "Valid" is checked, not assumed: SCORM 1.2 against its XSDs; the 2004 editions against the
    // 4th edition's XSDs (the only 2004 set we hold; 2nd and 3rd edition manifests are valid there).
    const dir = await mkdtemp(path.join(os.tmpdir(), "obuka-scorm-editions-"));
    for (const { edition, manifest } of editions) {
      const file = path.join(dir, `${edition.replace(/\W+/g, "-")}.xml`);
      await writeFile(file, manifest);
      if (edition === "1.2") await validateXml(file, path.join(standardsDir, "scorm12/scorm12-manifest-driver.xsd"));
      else await validateXml(file, path.join(standardsDir, "scorm2004-4ed/scorm2004-manifest-driver.xsd"), path.join(standardsDir, "scorm2004-4ed/catalog.xml"));
    }
    server = await startStandalone({ logged });
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    for (const { edition, zip } of editions) {
      const response = await trainer.uploadPackage(zip());
      expect(response.status, await response.clone().text()).to.equal(201);
      packageIds.set(edition, ((await response.json()) as { packageId: string }).packageId);
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

  for (const { edition, label, courseId, firstSco } of editions) {
    it(`${label}: launches the nested SCO from its spaced folder, records an interaction, resumes it, passes, and completes the course`, async () => {
      const packageId = packageIds.get(edition)!;
      const is12 = edition === "1.2";
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));

      // First launch without a SCO: the launch page starts at the first SCO of the nested clusters.
      await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}`);
      const totalSeconds = (value: string) => (is12 ? parseCmiTimespan(value) : parseIsoDuration(value));
      const { totalTime: firstTotal, ...first } = await seen();
      expect(totalSeconds(firstTotal)).to.equal(0);
      expect(page.frames().find((f) => f !== page.mainFrame())!.url()).to.equal(`${server.baseUrl}/content/${packageId}/${firstSco}`);
      expect(first).to.deep.equal({
        entry: "ab-initio", mode: "normal", location: "", suspendData: "", interactions: "0", firstInteractionId: "", firstInteractionError: "", query: `?${firstSco.split("?")[1]}`,
      });
      await press("#save", "saved");
      const [suspended] = await eventually(() => attempts(packageId, "sco-lekcija"), (rows) => rows[0]?.exit === "suspend");
      expect(suspended).to.include({ location: "korak-1", suspend_data: "posete=1", completion_status: "incomplete" });

      // Relaunch: entry resume with the location, suspend data and the interaction recorded.
      await page.goto(`${server.baseUrl}/scorm/launch?package=${packageId}&sco=sco-lekcija`);
      const { totalTime: resumedTotal, ...resumed } = await seen();
      // Total time accumulates the suspended session's 4 s.
      expect(totalSeconds(resumedTotal)).to.equal(4);
      expect(resumed).to.deep.equal({
        entry: "resume", mode: "normal", location: "korak-1", suspendData: "posete=1", interactions: "1",
        // SCORM 1.2 RTE 3.4.2.7: interaction fields are write only (error 404); 2004 reads them back.
        firstInteractionId: is12 ? "" : "pitanje-1", firstInteractionError: is12 ? "404" : "0", query: `?${firstSco.split("?")[1]}`,
      });
      await press("#complete", "completed");
      const [passed] = await eventually(() => attempts(packageId, "sco-lekcija"), (rows) => rows[0]?.success_status === "passed");
      expect(passed).to.include({ attempt_id: suspended!.attempt_id, location: "korak-2", suspend_data: "posete=2", completion_status: "completed", success_status: "passed", score_scaled: 0.9 });
      // The statements follow the commit that stored the row: wait for the last one, Terminated.
      const statements = await eventually(() => attemptVerbs(passed!.attempt_id), (list) => list.length >= 6);
      expect(statements.map((s) => s.verb.id)).to.deep.equal([scormVerbs.initialized, scormVerbs.terminated, scormVerbs.initialized, scormVerbs.completed, scormVerbs.passed, scormVerbs.terminated]);
      expect(statements.find((s) => s.verb.id === scormVerbs.passed)!.result).to.deep.include({ success: true, score: { scaled: 0.9, raw: 90 }, duration: "PT8S" });
      expect(await courseVerbs(courseId)).to.deep.equal([]);

      // The second SCO, reached from the table of contents, completes the course (rollup).
      await page.reload();
      await seen();
      expect(await page.locator('[data-testid="toc-entry"][data-sco="sco-lekcija"] [data-testid="toc-status"]').innerText()).to.match(/položeno/);
      await Promise.all([page.waitForURL(/sco=sco-provera/), page.locator('[data-testid="toc-entry"][data-sco="sco-provera"] a').click()]);
      const second = await seen();
      expect(second).to.include({ entry: "ab-initio", interactions: "0" });
      expect(page.frames().find((f) => f !== page.mainFrame())!.url()).to.match(is12 ? /\/provera\.html$/ : /\/provera\/index\.html\?deo=2$/);
      await press("#complete", "completed");
      await eventually(() => attempts(packageId, "sco-provera"), (rows) => rows[0]?.success_status === "passed");
      expect(await eventually(() => courseVerbs(courseId), (verbs) => verbs.length >= 2)).to.deep.equal([scormVerbs.completed, scormVerbs.passed]);
      expect(problems).to.deep.equal([]);
      page.removeAllListeners("pageerror");
    });
  }
});
