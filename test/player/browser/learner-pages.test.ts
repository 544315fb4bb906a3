// The player's pages for people in a real browser: axe-core (WCAG 2.1 AA) on every learner,
// trainer and verifier page in sr-Latn, sr-Cyrl and en, the language switch, and a phone.
import { expect } from "chai";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { axeViolations } from "../../support/axe.js";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { cmi5Zip, scorm12Zip, xapiZip } from "../support/package-fixtures.js";

const courseId = "https://example.org/cmi5/odd";
const courseParam = encodeURIComponent(courseId);
const languages = ["sr-Latn", "sr-Cyrl", "en"] as const;
/** The menu's first link in each language: proof the page is in it, and sr-Cyrl transliterated. */
const catalogLink: Record<(typeof languages)[number], string> = { "sr-Latn": "Katalog", "sr-Cyrl": "Каталог", en: "Catalog" };

describe("player: pages for people in Chromium (axe WCAG 2.1 AA in three languages, a phone)", function () {
  let server: RunningServer;
  let browser: Browser;
  /** The other formats' own learner pages (SCORM launch page, xAPI package page). */
  const otherFormatPages: string[] = [];

  before(async function () {
    requireChromium(this);
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const imported = await trainer.uploadPackage(cmi5Zip());
    expect(imported.status, await imported.clone().text()).to.equal(201);
    for (const [zip, pathname] of [[xapiZip(), "/xapi-course"], [scorm12Zip(), "/scorm/launch"]] as const) {
      const response = await trainer.uploadPackage(zip);
      expect(response.status, pathname).to.equal(201);
      otherFormatPages.push(`${pathname}?package=${encodeURIComponent(((await response.json()) as { packageId: string }).packageId)}`);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function logOut(page: Page): Promise<void> {
    await page.goto(`${server.baseUrl}/verify`);
    await page.click('form[action="/logout"] button');
    await page.waitForURL(`${server.baseUrl}/login`);
  }

  for (const lang of languages) {
    it(`${lang}: the switch sets the language, and every page has zero axe violations`, async () => {
      // axe is injected as an inline script, which the pages' CSP rightly refuses.
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const checked: string[] = [];
      const check = async (pathname: string) => {
        await page.goto(server.baseUrl + pathname);
        expect(await page.getAttribute("html", "lang"), pathname).to.equal(lang);
        expect(await axeViolations(page), `${lang} ${pathname}`).to.deep.equal([]);
        checked.push(pathname);
      };
      // The switch is a form of buttons on every page; the choice is kept in a cookie.
      await page.goto(`${server.baseUrl}/login`);
      await page.click(`[data-testid="language-switch"] button[value="${lang}"]`);
      await page.waitForURL(`${server.baseUrl}/login`);
      expect(await page.getAttribute(`[data-testid="language-switch"] button[value="${lang}"]`, "aria-pressed")).to.equal("true");
      // Anyone.
      await check("/login");
      await check("/verify");
      await check("/verify?code=nije-kod");
      await check("/verify?code=OBK-AAAA-AAAA-AAAA-AAAA");
      await check(`/course?id=${encodeURIComponent("https://example.org/no-such-course")}`); // the error page (404)
      // A learner, with a course in progress.
      await logIn(page, server.baseUrl, "polaznik", testPassword);
      expect(await page.locator("header nav a").first().innerText()).to.equal(catalogLink[lang]);
      await check("/catalog");
      await check(`/course?id=${courseParam}`);
      // The fixture's first AU is OwnWindow: it opens in a window of its own (cmi5 8.1.0.0-2).
      const [auWindow] = await Promise.all([context.waitForEvent("page"), page.locator('button[data-testid="launch"]').first().click()]);
      await auWindow.waitForURL(/\/content\//);
      await auWindow.close();
      await check("/my-learning");
      // The cmi5 course in progress has its resume button (after the first language's run the
      // SCORM launch page below has started a package too, which gets its own).
      expect(await page.locator('form[action="/course/launch"] [data-testid="resume"]').count()).to.equal(1);
      await check("/transcript");
      await check(`/embed/course?id=${courseParam}`);
      for (const pathname of otherFormatPages) await check(pathname);
      await logOut(page);
      // A trainer (the catalog has the import form).
      await logIn(page, server.baseUrl, "trener", testPassword);
      await check("/catalog");
      await check(`/course?id=${courseParam}`);
      await logOut(page);
      // A verifier.
      await logIn(page, server.baseUrl, "verifikator", testPassword);
      await check("/catalog");
      await check("/verify?code=OBK-AAAA-AAAA-AAAA-AAAA");
      expect(checked).to.have.length(14 + otherFormatPages.length);
      await context.close();
    });
  }

  describe("on a phone (360×740)", () => {
    let context: BrowserContext;
    let page: Page;
    before(async () => {
      context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
      page = await context.newPage();
      await logIn(page, server.baseUrl, "polaznik", testPassword);
    });
    after(async () => context?.close());

    for (const lang of languages) {
      it(`${lang}: no page scrolls sideways`, async () => {
        await page.goto(`${server.baseUrl}/verify`);
        await page.click(`[data-testid="language-switch"] button[value="${lang}"]`);
        await page.waitForURL(`${server.baseUrl}/verify`);
        for (const pathname of ["/catalog", `/course?id=${courseParam}`, "/my-learning", "/transcript", "/verify?code=OBK-AAAA-AAAA-AAAA-AAAA", `/embed/course?id=${courseParam}`, ...otherFormatPages]) {
          await page.goto(server.baseUrl + pathname);
          const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
          expect(widths.page, `${lang} ${pathname} is ${widths.page}px wide`).to.be.at.most(widths.viewport);
        }
      });
    }

    it("reaches the launch button and launches the AU with a tap", async () => {
      await page.goto(`${server.baseUrl}/course?id=${courseParam}`);
      const launch = page.locator('button[data-testid="launch"]').first();
      await launch.scrollIntoViewIfNeeded();
      const box = await launch.boundingBox();
      expect(box, "the launch button has a box").to.not.equal(null);
      expect(box!.x).to.be.at.least(0);
      expect(box!.x + box!.width).to.be.at.most(360);
      expect(box!.height, "a target a finger can hit").to.be.at.least(24);
      const [auWindow] = await Promise.all([context.waitForEvent("page"), launch.tap()]);
      await auWindow.waitForURL(/\/content\/[0-9a-f-]{36}\/au\/jedan\/index\.html\?tema=plava&endpoint=/);
      await auWindow.close();
    });
  });
});
