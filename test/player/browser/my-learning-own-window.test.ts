// "Moje učenje" resumes a cmi5 OwnWindow AU the way the course page launches it: in a window of
// its own (cmi5 8.1.0.0-2), not in the window of the list. The hand-written cmi5 package is the content.
import { expect } from "chai";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { handwrittenCmi5Zip, handwrittenCourseId } from "../support/handwritten-cmi5.js";

describe("player: Moje učenje resumes an OwnWindow cmi5 AU in a new window", function () {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const coursePage = () => `${server.baseUrl}/course?id=${encodeURIComponent(handwrittenCourseId)}`;
  const card = () => page.locator('li[data-testid="in-progress"]', { hasText: "Ručno pisana obuka" });

  before(async function () {
    requireChromium(this);
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    expect((await trainer.uploadPackage(handwrittenCmi5Zip())).status).to.equal(201);
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens the OwnWindow AU launched last in a new window from the resume button, and the list stays where it was", async () => {
    // Launch the OwnWindow AU from the course page and leave it unfinished.
    await page.goto(coursePage());
    const launchButton = page.locator('[data-testid="au"]', { has: page.locator('h2:text-is("Druga jedinica")') }).locator('button[data-testid="launch"]');
    const [first] = await Promise.all([context.waitForEvent("page"), launchButton.click()]);
    await first.waitForURL(/\/jedinice\/druga\/au\.html\?endpoint=/);
    await first.locator('#status[data-state="ready"]').waitFor();
    await first.close();

    await page.goto(`${server.baseUrl}/my-learning`);
    expect(await card().locator('[id^="resume-"]').innerText()).to.contain("Druga jedinica");
    expect(await card().locator("form").getAttribute("target")).to.equal("_blank");
    const describedBy = (await card().locator('button[data-testid="resume"]').getAttribute("aria-describedby"))!.split(" ");
    expect(await page.locator(`[id="${describedBy[1]}"]`).innerText()).to.equal("otvara se u novom prozoru");

    const [resumed] = await Promise.all([context.waitForEvent("page"), card().locator('button[data-testid="resume"]').click()]);
    await resumed.waitForURL(/\/content\/[0-9a-f-]{36}\/jedinice\/druga\/au\.html\?endpoint=/);
    await resumed.locator('#status:not([data-state="starting"])').waitFor();
    expect(await resumed.locator("#status").getAttribute("data-state"), await resumed.locator("#status").innerText()).to.equal("ready");
    expect(page.url(), "the list's own window stays on the list").to.equal(`${server.baseUrl}/my-learning`);
    await resumed.locator("#finish").click();
    await resumed.waitForURL(coursePage());
    await resumed.close();
  });

  it("keeps the resume button of an AnyWindow AU in the same window", async () => {
    await page.goto(coursePage());
    await page.locator('[data-testid="au"]', { has: page.locator('h2:text-is("Prva jedinica")') }).locator('button[data-testid="launch"]').click();
    await page.waitForURL(`${server.baseUrl}/course/launch`);
    await page.goto(`${server.baseUrl}/my-learning`);
    expect(await card().locator('[id^="resume-"]').innerText()).to.contain("Prva jedinica");
    expect(await card().locator("form").getAttribute("target")).to.equal(null);
  });
});
