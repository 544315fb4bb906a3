// The licensing body's path in Chromium: a verifier signs in, opens the licence checks from
// the menu, looks a professional up by licence number and period, sees each credit with its
// evidence, and downloads the period's CSV; the learner's transcript with its chart passes
// axe in three languages.
import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { type Browser } from "playwright-core";
import { axeViolations } from "../../support/axe.js";
import { type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { earnCmi5Credit } from "../support/earn-credit.js";

const courseId = "https://obuka.rs/courses/pride-foster-care";
const policy = {
  licensingBody: "Zavod (test)",
  licence: { periodYears: 1, pointsPerPeriod: 20 },
  assumptions: [{ field: "licence.pointsPerPeriod", note: "test assumption" }],
  courses: [{ course: courseId, programme: "PRIDE (test)", points: 6, validityYears: 7 }],
};
const licenceNumber = "RS-SZ-000123";

describe("player: the verifier's path in Chromium (lookup by licence number, evidence, CSV)", function () {
  let server: RunningServer;
  let browser: Browser;
  let satisfiedId: string;
  const startedAt = Date.now();
  const clock = () => new Date(Date.parse("2026-06-15T10:00:00.000Z") + (Date.now() - startedAt));

  before(async function () {
    requireChromium(this);
    server = await startStandalone({ policy, clock });
    ({ satisfiedId } = await earnCmi5Credit(server, courseId));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("looks a professional up by licence number and period, shows the evidence, and downloads the CSV", async () => {
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    await logIn(page, server.baseUrl, "verifikator", testPassword);
    await page.click('nav a[href="/verifier"]');
    await page.waitForURL(`${server.baseUrl}/verifier`);
    expect(await axeViolations(page), "/verifier").to.deep.equal([]);
    expect(await page.locator('a[href="/verify"]').count(), "the page links to the lookup by certificate code").to.be.greaterThan(0);

    const lookup = page.locator('[data-testid="lookup-form"]');
    await lookup.locator('input[name="licenceNumber"]').fill(licenceNumber);
    await lookup.locator('input[name="from"]').fill("2026-01-01");
    await lookup.locator('input[name="to"]').fill("2026-12-31");
    await lookup.locator('button[type="submit"]').click();
    await page.waitForURL(`${server.baseUrl}/verifier/lookup`);
    const credit = page.locator('[data-testid="credit"]');
    expect(await credit.count()).to.equal(1);
    expect(await credit.locator('[data-testid="points"]').innerText()).to.equal("6");
    expect(await credit.locator('[data-testid="evidence"]').innerText()).to.contain(satisfiedId);
    expect(await credit.locator('[data-testid="rule"]').innerText()).to.contain("moveOn");
    expect(await page.locator('[data-testid="licence-number"]').innerText()).to.equal(licenceNumber);
    const code = await credit.locator('[data-testid="certificate-code"]').innerText();
    expect(await credit.locator(`a[href="/certificates/${code}"]`).count(), "the credit links to its certificate page").to.equal(1);
    expect(await page.locator('[data-testid="chart-text"]').innerText()).to.equal("Stečeno: 6 bodova; potrebno: 20 bodova (30 %).");
    expect(await axeViolations(page), "lookup result").to.deep.equal([]);

    const exportForm = page.locator('[data-testid="export-form"]');
    const [download] = await Promise.all([page.waitForEvent("download"), exportForm.locator('button[type="submit"]').click()]);
    expect(download.suggestedFilename()).to.equal("obuka-credits-2026-01-01-2026-12-31.csv");
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.split("\r\n")[1]).to.contain(licenceNumber).and.to.contain(satisfiedId);

    const unknown = page.locator('[data-testid="lookup-form"]');
    await unknown.locator('input[name="licenceNumber"]').fill("RS-NOBODY");
    await unknown.locator('button[type="submit"]').click();
    await page.locator('[data-testid="licence-unknown"]').waitFor();
    expect(await axeViolations(page), "unknown licence").to.deep.equal([]);

    const verifierId = (await server.playerStore.findUserByUsername("verifikator"))!.id;
    expect((await server.playerStore.listAudit({ actor: verifierId, limit: 10 })).map((e) => e.action)).to.deep.equal(["lookup-licence", "export-csv", "lookup-licence"]);
    await context.close();
  });

  for (const lang of ["sr-Latn", "sr-Cyrl", "en"] as const) {
    it(`${lang}: the learner's transcript with its progress chart has zero axe violations`, async () => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await logIn(page, server.baseUrl, "polaznik", testPassword);
      await page.goto(`${server.baseUrl}/transcript?lang=${lang}`);
      expect(await page.getAttribute("html", "lang")).to.equal(lang);
      expect(await page.locator('[data-testid="credit"]').count()).to.equal(1);
      const chart = page.locator('svg[role="img"]');
      expect(await chart.getAttribute("aria-labelledby")).to.equal("chart-text");
      expect(await axeViolations(page), `${lang} /transcript`).to.deep.equal([]);
      await context.close();
    });
  }
});
