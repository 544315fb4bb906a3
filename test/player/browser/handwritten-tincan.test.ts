// Content we did not write, through the player in Chromium: a hand-written xAPI (TinCan) package
// (plain HTML+JS from Rustici's launch document, tincan.xml with a BOM, a course and two modules
// of different types, launch files in a sub-folder with their own query string, shared script in
// another folder), imported over POST /api/packages.
import { expect } from "chai";
import { type Browser, type Frame, type Page } from "playwright-core";
import { contentFrameOf } from "../../support/au-frame.js";
import { HttpClient, type RunningServer, accountHomePage, startStandalone, testPassword } from "../../support/standalone.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { handwrittenTincanZip, resumeStateId, tincanIds } from "../support/handwritten-tincan.js";

interface StoredStatement {
  actor: { objectType?: string; account?: { homePage: string; name: string } };
  verb: { id: string };
  object: { id: string };
  context: { registration: string };
}

/** Waits until the content has started (or failed, with its reason in the message). */
async function started(content: Frame): Promise<void> {
  await content.locator('#status:not([data-state="starting"])').waitFor();
  expect(await content.locator("#status").getAttribute("data-state"), await content.locator("#status").innerText()).to.equal("ready");
}

describe("player: a hand-written xAPI (TinCan) package in Chromium (launch document, State API resume)", function () {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  /** The launched content: the iframe of the player's frame page. */
  let content: Frame;
  let packageId: string;
  let readerAuth: string;
  let portalKey: string;
  /** The learner's registration, from the first launch. */
  let registration: string;
  const coursePage = () => `${server.baseUrl}/xapi-course?package=${packageId}`;
  const activityCard = (name: string) => page.locator('[data-testid="xapi-activity"]', { has: page.locator(`h3:text-is("${name}")`) });

  async function read(query: Record<string, string>): Promise<StoredStatement[]> {
    const response = await fetch(`${server.baseUrl}/xapi/statements?${new URLSearchParams({ ...query, ascending: "true", limit: "500" })}`, {
      headers: { authorization: readerAuth, "x-experience-api-version": "1.0.3" },
    });
    expect(response.status).to.equal(200);
    return ((await response.json()) as { statements: StoredStatement[] }).statements;
  }

  async function launchLesson(): Promise<URL> {
    await page.goto(coursePage());
    await activityCard("Lekcija").locator('button[data-testid="launch"]').click();
    // The content runs in an iframe of the player's frame page, with the launch query string.
    content = await contentFrameOf(page, /\/content\/[0-9a-f-]{36}\/lekcije\/strana\.html\?.*auth=/);
    expect(await page.locator('[data-testid="exit-au"]').getAttribute("href")).to.equal(`/xapi-course?package=${packageId}`);
    await started(content);
    return new URL(content.url());
  }

  before(async function () {
    requireChromium(this);
    server = await startStandalone();
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const zip = handwrittenTincanZip();
    // tincan.xml is stored uncompressed: its bytes start with the UTF-8 BOM.
    expect(zip.includes(Buffer.from("\uFEFF<?xml", "utf8"))).to.equal(true);
    const imported = await trainer.uploadPackage(zip, "rucni-tincan.zip");
    expect(imported.status, await imported.clone().text()).to.equal(201);
    packageId = ((await imported.json()) as { packageId: string }).packageId;
    const admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
    await admin.page("/catalog");
    const key = await admin.request("/api/keys", { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken }, body: JSON.stringify({ name: "test portal" }) });
    portalKey = ((await key.json()) as { key: string }).key;
    const reader = await server.lrs.credentials.create({ name: "reader", scopes: ["all/read"] });
    readerAuth = `Basic ${Buffer.from(`${reader.key}:${reader.secret}`).toString("base64")}`;
    browser = await launchChromium();
    page = await browser.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("reads tincan.xml with its BOM: the course activity, and only the launchable activities on the course page", async () => {
    await page.goto(`${server.baseUrl}/catalog`);
    expect(await page.locator(`a[href="/xapi-course?package=${packageId}"]`).count()).to.be.greaterThan(0);
    await page.goto(coursePage());
    expect(await page.locator("h1").innerText()).to.equal("Ručno pisan TinCan paket");
    const names = await page.locator('[data-testid="xapi-activity"] h3').allInnerTexts();
    expect(names).to.deep.equal(["Lekcija", "Ručno pisan TinCan paket", "Provera"]);
    expect(await page.locator('[data-testid="activity-status"]').allInnerTexts()).to.deep.equal(["Nije započeto", "Nije započeto", "Nije započeto"]);
  });

  it("launches the module in its sub-folder with its own query string and the launch parameters; the content finishes and saves its state", async () => {
    const url = await launchLesson();
    expect(url.pathname).to.equal(`/content/${packageId}/lekcije/strana.html`);
    expect(await content.locator("#query").innerText()).to.equal("modul=prvi boja=plava");
    expect(await content.locator("#status").innerText()).to.equal(`activity_id=${tincanIds.lesson}`);
    expect(await content.locator("#resume").innerText()).to.equal("nastavak: nema");
    await content.fill("#place", "strana 3");
    await content.click("#finish");
    await content.locator('#status:not([data-state="ready"])').waitFor();
    expect(await content.locator("#status").getAttribute("data-state"), await content.locator("#status").innerText()).to.equal("terminated");

    registration = url.searchParams.get("registration")!;
    const actor = JSON.parse(url.searchParams.get("actor")!) as { account: { homePage: string; name: string } };
    expect(actor.account.homePage).to.equal(accountHomePage);
    const statements = (await read({ registration })).filter((s) => s.object.id === tincanIds.lesson);
    expect(statements.map((s) => s.verb.id.split("/").pop())).to.deep.equal(["initialized", "completed", "passed", "terminated"]);
    for (const s of statements) {
      expect(s.actor.account).to.deep.equal(actor.account);
      expect(s.context.registration).to.equal(registration);
    }
    // The resume document is in the LRS, under the learner, the registration and the activity.
    const state = await fetch(`${server.baseUrl}/xapi/activities/state?${new URLSearchParams({ activityId: tincanIds.lesson, agent: JSON.stringify(actor), registration, stateId: resumeStateId })}`, {
      headers: { authorization: readerAuth, "x-experience-api-version": "1.0.3" },
    });
    expect(state.status).to.equal(200);
    expect(await state.json()).to.deep.equal({ place: "strana 3" });
  });

  it("shows the module passed and the others not started on the xAPI course page, as the registration's progress has it", async () => {
    await page.goto(coursePage());
    expect(await activityCard("Lekcija").locator('[data-testid="activity-status"]').innerText()).to.equal("položeno");
    expect(await activityCard("Provera").locator('[data-testid="activity-status"]').innerText()).to.equal("Nije započeto");
    expect(await activityCard("Ručno pisan TinCan paket").locator('[data-testid="activity-status"]').innerText()).to.equal("Nije započeto");
    const response = await fetch(`${server.baseUrl}/api/registrations/${registration}`, { headers: { authorization: `Bearer ${portalKey}` } });
    expect(response.status, await response.clone().text()).to.equal(200);
    const { xapi } = (await response.json()) as { xapi: { packageId: string; completed: boolean; done: number; total: number; activities: { id: string; launchable: boolean; completed: boolean; passed: boolean }[] } };
    expect(xapi).to.include({ packageId, completed: false, done: 1, total: 2 });
    expect(xapi.activities.map((a) => [a.id, a.launchable, a.completed, a.passed])).to.deep.equal([
      [tincanIds.lesson, true, true, true],
      [tincanIds.question, false, false, false],
      [tincanIds.course, true, false, false],
      [tincanIds.assessment, true, false, false],
    ]);
  });

  it("gives the relaunched content its saved state back (resume), and refuses its statement for another actor (403)", async () => {
    const url = await launchLesson();
    expect(await content.locator("#resume").innerText()).to.equal("nastavak: strana 3");
    expect(await content.locator("#place").inputValue()).to.equal("strana 3");

    await content.click("#foreign");
    await content.locator("#foreign-result:not(:empty)").waitFor();
    const answer = await content.locator("#foreign-result").innerText();
    expect(answer).to.match(/^403 /);
    expect(answer).to.include("actor: a launch credential writes statements only for the learner it was launched for");
    expect(url.searchParams.get("registration")).to.equal(registration);
    const stored = await read({ registration });
    expect(stored.filter((s) => s.actor.account?.name === "neko-drugi")).to.deep.equal([]);
    // The relaunch's own statements still go through: the refusal did not end the launch.
    expect(stored.filter((s) => s.object.id === tincanIds.lesson).map((s) => s.verb.id.split("/").pop()))
      .to.deep.equal(["initialized", "completed", "passed", "terminated", "initialized"]);
    expect((await read({ verb: "http://adlnet.gov/expapi/verbs/experienced" })).length).to.equal(0);
  });
});
