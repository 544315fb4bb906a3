// cmi5 resume in Chromium, with the hand-written package: the AU keeps its own bookmark in the
// State API under the registration (cmi5 leaves resume to the AU), so each relaunch of the same
// registration gives it back; a session left by Terminated without a result and one left by
// just going away (the player records Abandoned with a duration at the next launch, 9.3.6)
// both resume, and the third session completes and passes the AU.
import { expect } from "chai";
import { type Browser, type Frame, type Page } from "playwright-core";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { lmsActivityId } from "../../../player/domain/lms-ids.js";
import { auFrameOf } from "../../support/au-frame.js";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { handwrittenCmi5Zip, handwrittenCourseId, handwrittenIds } from "../support/handwritten-cmi5.js";

interface Statement { verb: { id: string }; object: { id: string }; result?: { duration?: string; completion?: boolean; success?: boolean }; context: { registration: string; extensions?: Record<string, unknown> } }

describe("player: a cmi5 AU resumed in Chromium (State API bookmark, Terminated and Abandoned sessions)", function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const logged: unknown[] = [];
  const coursePage = () => `${server.baseUrl}/course?id=${encodeURIComponent(handwrittenCourseId)}`;
  const auCard = () => page.locator('[data-testid="au"]', { has: page.locator('h2:text-is("Prva jedinica")') });

  /** Launches the framed AU from the course page and answers its frame once the AU is ready. */
  async function launch(): Promise<Frame> {
    await page.goto(coursePage());
    await auCard().locator('button[data-testid="launch"]').click();
    await page.waitForURL(`${server.baseUrl}/course/launch`);
    const au = await auFrameOf(page);
    await au.locator('#status:not([data-state="starting"])').waitFor();
    expect(await au.locator("#status").getAttribute("data-state"), await au.locator("#status").innerText()).to.equal("ready");
    return au;
  }
  async function statementsOfAu(): Promise<Statement[]> {
    const { key, secret } = await server.lrs.credentials.create({ name: "reader", scopes: ["all/read"] });
    const response = await fetch(`${server.baseUrl}/xapi/statements?activity=${encodeURIComponent(lmsActivityId("au", handwrittenCourseId, handwrittenIds.framed))}&ascending=true&limit=100`, {
      headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`, "x-experience-api-version": "1.0.3" },
    });
    expect(response.status).to.equal(200);
    return ((await response.json()) as { statements: Statement[] }).statements;
  }

  before(async function () {
    requireChromium(this);
    server = await startStandalone({ logged });
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const imported = await trainer.uploadPackage(handwrittenCmi5Zip());
    expect(imported.status, await imported.clone().text()).to.equal(201);
    browser = await launchChromium();
    page = await browser.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  it("gives the relaunched AU its bookmark after Terminated and after an abandoned session, then completes it", async () => {
    // First session: nothing saved yet; the learner leaves early (Terminated, no result).
    let au = await launch();
    expect(await au.locator("#bookmark").innerText()).to.equal("visits=0");
    await au.locator("#leave").click();
    await page.waitForURL(coursePage());
    expect(await auCard().locator('[data-testid="au-status"]').innerText()).to.not.equal("Završeno");

    // Second session: the same registration, so the AU resumes; the learner then just goes away.
    au = await launch();
    expect(await au.locator("#bookmark").innerText()).to.equal("visits=1");
    expect(await au.locator("#status").innerText()).to.equal("launchMode=Normal moveOn=CompletedAndPassed");
    await page.goto(coursePage());

    // Third session: resumes again, and this time the learner finishes.
    au = await launch();
    expect(await au.locator("#bookmark").innerText()).to.equal("visits=2");
    await au.locator("#finish").click();
    await page.waitForURL(coursePage());
    expect(await auCard().locator('[data-testid="au-status"]').innerText()).to.equal("Završeno");

    const statements = await statementsOfAu();
    expect(statements.map((s) => s.verb.id.split("/").pop())).to.deep.equal([
      "launched", "initialized", "terminated",
      "launched", "initialized", "abandoned",
      "launched", "initialized", "completed", "passed", "terminated",
    ]);
    expect(new Set(statements.map((s) => s.context.registration)).size, "one registration across the sessions").to.equal(1);
    const sessionOf = (s: Statement) => s.context.extensions?.[cmi5.extSessionId];
    const sessions = statements.map(sessionOf);
    expect(new Set(sessions).size, "a session id per launch").to.equal(3);
    expect(sessions.slice(3, 6).every((id) => id === sessions[3]), "Abandoned carries the abandoned session's id").to.equal(true);
    const abandoned = statements.find((s) => s.verb.id === cmi5.verbs.abandoned)!;
    expect(abandoned.result?.duration).to.match(/^PT[\d.]+S$/);
  });
});
