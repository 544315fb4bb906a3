// Content we did not write, through the player in Chromium: a hand-written cmi5 package
// (plain HTML+JS from the spec, nested blocks, an AU in a sub-folder with its own query
// string, an OwnWindow AU, a NotApplicable AU), imported over POST /api/packages.
import { expect } from "chai";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { lmsActivityId } from "../../../player/domain/lms-ids.js";
import type { Frame } from "playwright-core";
import { auFrameOf } from "../../support/au-frame.js";
import { axeViolations } from "../../support/axe.js";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { handwrittenCmi5Zip, handwrittenCourseId, handwrittenIds } from "../support/handwritten-cmi5.js";

/** Waits until the AU has started (or failed, with its reason in the message). */
async function started(au: Page | Frame): Promise<void> {
  await au.locator('#status:not([data-state="starting"])').waitFor();
  expect(await au.locator("#status").getAttribute("data-state"), await au.locator("#status").innerText()).to.equal("ready");
}

describe("player: a hand-written cmi5 package in Chromium (8.1.0.0-1 to -4, 10.2.6, 9.3.9)", function () {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const coursePage = () => `${server.baseUrl}/course?id=${encodeURIComponent(handwrittenCourseId)}`;
  const auCard = (title: string) => page.locator('[data-testid="au"]', { has: page.locator(`h2:text-is("${title}")`) });

  before(async function () {
    requireChromium(this);
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const imported = await trainer.uploadPackage(handwrittenCmi5Zip());
    expect(imported.status, await imported.clone().text()).to.equal(201);
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("runs the AnyWindow AU in the player's frame, keeps its query string, and its returnURL leads back to the course page", async () => {
    await page.goto(coursePage());
    expect(await page.locator('[data-testid="au"]').count()).to.equal(3);
    await auCard("Prva jedinica").locator('button[data-testid="launch"]').click();
    await page.waitForURL(`${server.baseUrl}/course/launch`);
    expect(await page.locator("h1").innerText()).to.equal("Prva jedinica");
    expect(await page.locator('[data-testid="exit-au"]').getAttribute("href")).to.equal(`/course?id=${encodeURIComponent(handwrittenCourseId)}`);
    const au = await auFrameOf(page);
    expect(new URL(au.url()).pathname).to.match(/^\/content\/[0-9a-f-]{36}\/jedinice\/prva\/au\.html$/);
    await started(au);
    expect(await au.locator("#status").innerText()).to.equal("launchMode=Normal moveOn=CompletedAndPassed");
    expect(await au.locator("#query").innerText()).to.equal("nivo=2 boja=zelena");
    await au.locator("#finish").click();
    // The AU goes to its returnURL inside the frame; the return page takes the whole window back.
    await page.waitForURL(coursePage());
    expect(await auCard("Prva jedinica").locator('[data-testid="au-status"]').innerText()).to.equal("Završeno");
    expect(await page.locator('[data-testid="course-status"]').getAttribute("data-satisfied")).to.equal("false");
  });

  it("opens the OwnWindow AU in a new window that returns to the course page; block and course are then satisfied", async () => {
    await page.goto(coursePage());
    const card = auCard("Druga jedinica");
    expect(await card.locator("form").getAttribute("target")).to.equal("_blank");
    expect(await card.locator('button[data-testid="launch"]').getAttribute("aria-describedby")).to.contain("new-window");
    const [auWindow] = await Promise.all([context.waitForEvent("page"), card.locator('button[data-testid="launch"]').click()]);
    await auWindow.waitForURL(/\/content\/[0-9a-f-]{36}\/jedinice\/druga\/au\.html\?endpoint=/);
    await started(auWindow);
    expect(await auWindow.locator("#status").innerText()).to.equal("launchMode=Normal moveOn=Completed");
    await auWindow.locator("#finish").click();
    await auWindow.waitForURL(coursePage());
    expect(await auWindow.locator('[data-testid="course-status"]').getAttribute("data-satisfied"), "9.6.1: the NotApplicable AU needs nothing").to.equal("true");
    await auWindow.close();
    await page.reload();
    expect(await auCard("Druga jedinica").locator('[data-testid="au-status"]').innerText()).to.equal("Završeno");
    expect(await page.locator('[data-testid="course-status"]').getAttribute("data-satisfied")).to.equal("true");
  });

  it("lets the learner still take the NotApplicable AU, and the LRS holds each AU's statements and Satisfied for both blocks and the course", async () => {
    await page.goto(coursePage());
    await auCard("Dodatak").locator('button[data-testid="launch"]').click();
    const au = await auFrameOf(page);
    await started(au);
    expect(await au.locator("#query").innerText()).to.equal("nivo=dodatak boja=null");
    await au.locator("#finish").click();
    await page.waitForURL(coursePage());

    const { key, secret } = await server.lrs.credentials.create({ name: "reader", scopes: ["all/read"] });
    const read = async (query: string) => {
      const response = await fetch(`${server.baseUrl}/xapi/statements?${query}&ascending=true&limit=500`, {
        headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`, "x-experience-api-version": "1.0.3" },
      });
      expect(response.status).to.equal(200);
      return ((await response.json()) as { statements: { verb: { id: string }; object: { id: string }; context: { registration: string; contextActivities?: { grouping?: { id: string }[] } } }[] }).statements;
    };
    const satisfied = await read(`verb=${encodeURIComponent(cmi5.verbs.satisfied)}`);
    const satisfiedObjects = satisfied.map((s) => s.object.id);
    for (const [kind, id] of [["block", handwrittenIds.outerBlock], ["block", handwrittenIds.innerBlock], ["course", handwrittenCourseId]] as const) {
      expect(satisfiedObjects.filter((o) => o === lmsActivityId(kind, handwrittenCourseId, id)), `${kind} ${id} satisfied once`).to.have.length(1);
    }
    const statements = await read(`registration=${satisfied[0]!.context.registration}`);
    const verbsOf = (publisherId: string) =>
      statements.filter((s) => s.object.id === lmsActivityId("au", handwrittenCourseId, publisherId)).map((s) => s.verb.id.split("/").pop());
    expect(verbsOf(handwrittenIds.framed)).to.deep.equal(["launched", "initialized", "completed", "passed", "terminated"]);
    expect(verbsOf(handwrittenIds.ownWindow)).to.deep.equal(["launched", "initialized", "completed", "terminated"]);
    expect(verbsOf(handwrittenIds.notApplicable)).to.deep.equal(["launched", "initialized", "completed", "terminated"]);
  });

  it("gives the AU frame page zero axe violations (WCAG 2.1 AA) in the three languages", async () => {
    // axe is injected as an inline script, which the page's CSP rightly refuses.
    const axeContext = await browser.newContext({ bypassCSP: true });
    try {
      const axePage = await axeContext.newPage();
      await logIn(axePage, server.baseUrl, "polaznik", testPassword);
      for (const lang of ["sr-Latn", "sr-Cyrl", "en"]) {
        await axePage.goto(`${coursePage()}&lang=${lang}`);
        await axePage.locator('button[data-testid="launch"]').nth(2).click(); // "Dodatak", in course order
        await started(await auFrameOf(axePage));
        expect(await axeViolations(axePage), lang).to.deep.equal([]);
      }
    } finally {
      await axeContext.close();
    }
  });
});
