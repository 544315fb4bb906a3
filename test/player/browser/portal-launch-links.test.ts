// One-time launch links for SCORM and xAPI launches a portal asks for over the API, opened in
// browsers that never signed in to the player: over HTTP (the grant, its limits, expiry,
// a second use) and in a real Chromium with no cookies, a SCORM 1.2 SCO and an xAPI activity
// launched, recorded and completed from the links (one opened from a portal page on another
// site, in a new window), and the second use refused.
import { type AddressInfo } from "node:net";
import { createServer } from "node:http";
import { expect } from "chai";
import { type Browser, type Page } from "playwright-core";
import { launchLinkLifetimeMs } from "../../../player/domain/launch-links.js";
import { contentFrameOf, launchUrlOfFramePage } from "../../support/au-frame.js";
import { PortalClient, importWithKey, issuePortalKey } from "../../support/portal.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";
import { eventually, launchChromium, requireChromium } from "../../support/browser.js";
import { handwrittenTincanZip, tincanCourseId, tincanIds } from "../support/handwritten-tincan.js";
import { recordingCourseId, recordingScorm12Zip } from "../support/scorm12-recording-sco.js";

interface ScormLaunch { registration: string; format: string; packageId: string; scoId?: string; url: string; expiresAt: string; playerUrl: string }
interface XapiLaunch { registration: string; format: string; packageId: string; activityId: string; url: string; expiresAt: string }
interface Progress {
  scorm?: { completed: boolean; scos: { id: string; attempts: number; completed: boolean; satisfied: boolean; completionStatus?: string; successStatus?: string }[] };
  xapi?: { activities: { id: string; completed: boolean; passed: boolean }[] };
}

describe("player: one-time launch links for SCORM and xAPI launches a portal asks for", function () {
  let server: RunningServer;
  let portal: PortalClient;
  const packageIds = new Map<string, string>();
  const logged: unknown[] = [];
  /** Moves the server's clock forward, to let a link expire without waiting. */
  let skewMs = 0;

  const enrol = async (courseId: string, username: string): Promise<string> => {
    const response = await portal.request("POST", "/api/registrations", { courseId, learner: { username, displayName: `Polaznik ${username}` } });
    expect(response.status, await response.clone().text()).to.be.oneOf([200, 201]);
    return ((await response.json()) as { registration: string }).registration;
  };
  const launch = <T>(registration: string, body: unknown) => portal.json<T>("POST", `/api/registrations/${registration}/launches`, body, 201);
  const progress = (registration: string) => portal.json<Progress>("GET", `/api/registrations/${registration}`, undefined, 200);
  const pathOf = (url: string) => url.slice(server.baseUrl.length);

  before(async () => {
    server = await startStandalone({ logged, clock: () => new Date(Date.now() + skewMs) });
    portal = new PortalClient(server.baseUrl, (await issuePortalKey(server)).key);
    for (const [courseId, zip] of [[recordingCourseId, recordingScorm12Zip()], [tincanCourseId, handwrittenTincanZip()]] as const) {
      const response = await importWithKey(portal, zip);
      expect(response.status, await response.clone().text()).to.equal(201);
      packageIds.set(courseId, ((await response.json()) as { packageId: string }).packageId);
    }
  });
  after(async () => server?.stop());
  afterEach(() => {
    skewMs = 0;
    expect(logged, "no request ended in a 500").to.deep.equal([]);
  });

  describe("over HTTP", () => {
    it("answers a SCORM launch with a one-time link, its expiry and the launch page for signed-in browsers", async () => {
      const registration = await enrol(recordingCourseId, "vesna.veza");
      const answer = await launch<ScormLaunch>(registration, { scoId: "sco-a" });
      expect(answer).to.deep.include({ registration, format: "scorm12", packageId: packageIds.get(recordingCourseId), scoId: "sco-a" });
      expect(answer.url).to.match(new RegExp(`^${server.baseUrl}/launch/[A-Za-z0-9_-]{43}$`));
      expect(Date.parse(answer.expiresAt) - Date.now()).to.be.within(launchLinkLifetimeMs - 60_000, launchLinkLifetimeMs);
      expect(answer.playerUrl).to.equal(`${server.baseUrl}/scorm/launch?package=${packageIds.get(recordingCourseId)}&sco=sco-a`);
      // Two launches, two links.
      expect((await launch<ScormLaunch>(registration, { scoId: "sco-a" })).url).not.to.equal(answer.url);
    });

    it("lets a browser with no player session in as that learner, on that package's launch page only, once", async () => {
      const registration = await enrol(recordingCourseId, "vesna.veza");
      const { url } = await launch<ScormLaunch>(registration, { scoId: "sco-a" });
      const browser = new HttpClient(server.baseUrl);
      const opened = await browser.request(pathOf(url));
      expect(opened.status).to.equal(303);
      expect(opened.headers.get("cache-control")).to.equal("no-store");
      expect(opened.headers.get("location")).to.equal(`${server.baseUrl}/scorm/launch?package=${packageIds.get(recordingCourseId)}&sco=sco-a`);
      expect(opened.headers.getSetCookie().join("\n")).to.match(/obuka_launch=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800/);
      const page = await browser.page(pathOf(opened.headers.get("location")!));
      expect(page.status).to.equal(200);
      expect(page.html).to.contain('data-testid="scorm-player"');
      expect(page.html, "the portal owns sign-out").not.to.contain('action="/logout"');

      // The grant opens nothing else: not the learner's pages, not another package.
      expect((await browser.request("/my-learning")).status).to.equal(303);
      expect((await browser.request(`/scorm/launch?package=${packageIds.get(tincanCourseId)}`)).status).to.equal(303);
      expect((await browser.request(`/content/${packageIds.get(tincanCourseId)}/lekcije/strana.html`, { headers: { accept: "application/json" } })).status).to.equal(401);
      expect((await browser.request(`/api/registrations/${registration}`)).status).to.equal(401);

      // A second opening, from this browser or any other, is refused with a page that says why.
      for (const client of [browser, new HttpClient(server.baseUrl)]) {
        const again = await client.request(pathOf(url));
        expect(again.status).to.equal(410);
        expect(again.headers.getSetCookie().join("\n")).not.to.contain("obuka_launch=");
        const html = await again.text();
        expect(html).to.contain("Ovaj link za pokretanje je već iskorišćen");
        expect(html).to.contain("Vratite se na portal");
      }
    });

    it("refuses a link opened after it expired (410) and an unknown one (404), in the page's language", async () => {
      const registration = await enrol(recordingCourseId, "vesna.veza");
      const { url } = await launch<ScormLaunch>(registration, { scoId: "sco-b" });
      skewMs = launchLinkLifetimeMs + 1000;
      const late = await new HttpClient(server.baseUrl).request(`${pathOf(url)}?lang=en`);
      expect(late.status).to.equal(410);
      expect(await late.text()).to.contain("This launch link has expired");
      const unknown = await new HttpClient(server.baseUrl).request("/launch/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      expect(unknown.status).to.equal(404);
      expect(await unknown.text()).to.contain("Ovaj link za pokretanje ne postoji");
    });

    it("launches a SCO not started in Browse (no credit) from a link; refuses Browse on a started SCO, without scoId, and for xAPI", async () => {
      const registration = await enrol(recordingCourseId, "bora.browse");
      const answer = await launch<ScormLaunch & { mode?: string }>(registration, { scoId: "sco-b", launchMode: "Browse" });
      expect(answer.mode).to.equal("browse");
      expect(answer.playerUrl).to.equal(`${server.baseUrl}/scorm/launch?package=${packageIds.get(recordingCourseId)}&sco=sco-b&mode=browse`);
      const browser = new HttpClient(server.baseUrl);
      const opened = await browser.request(pathOf(answer.url));
      expect(opened.headers.get("location")).to.equal(answer.playerUrl);
      const page = await browser.page(pathOf(answer.playerUrl));
      expect(page.status).to.equal(200);
      expect(page.html).to.contain('data-testid="mode-browse"');
      expect(page.html).to.contain("lesson_mode&quot;:&quot;browse&quot;");

      // sco-a started: a normal launch committed data in it.
      const normal = await browser.page(`/scorm/launch?package=${packageIds.get(recordingCourseId)}&sco=sco-a`);
      const session = /sessions\/([0-9a-f-]{36})\/commit/.exec(normal.html)![1]!;
      const committed = await browser.request(`/api/scorm/sessions/${session}/commit`, {
        method: "POST", headers: { "content-type": "application/json", "x-csrf-token": browser.csrfToken },
        body: JSON.stringify({ event: "commit", cmi: { core: { lesson_status: "incomplete", session_time: "00:00:01" } } }),
      });
      expect(committed.status).to.equal(200);
      const xapiRegistration = await enrol(tincanCourseId, "bora.browse");
      for (const [body, field, reg] of [
        [{ scoId: "sco-a", launchMode: "Browse" }, "launchMode", registration],
        [{ launchMode: "Browse" }, "scoId", registration],
        [{ activityId: tincanIds.lesson, launchMode: "Browse" }, "launchMode", xapiRegistration],
      ] as const) {
        const refused = await portal.request("POST", `/api/registrations/${reg}/launches`, body);
        expect(refused.status, JSON.stringify(body)).to.equal(400);
        expect(((await refused.json()) as { error: { message: string } }).error.message.startsWith(`${field}:`), JSON.stringify(body)).to.equal(true);
      }
    });

    it("makes an xAPI launch only when its link is opened: endpoint, auth, actor, registration, activity_id; the content's files open", async () => {
      const registration = await enrol(tincanCourseId, "ksenija.veza");
      const answer = await launch<XapiLaunch>(registration, { activityId: tincanIds.lesson });
      expect(answer).to.deep.include({ registration, format: "xapi", packageId: packageIds.get(tincanCourseId), activityId: tincanIds.lesson });
      expect(answer.url).to.match(/\/launch\/[A-Za-z0-9_-]{43}$/);
      const browser = new HttpClient(server.baseUrl);
      const opened = await browser.request(pathOf(answer.url));
      // The content runs in an iframe of the player's frame page (not cached), with the launch query string.
      const target = await launchUrlOfFramePage(opened);
      expect(target.pathname).to.equal(`/content/${packageIds.get(tincanCourseId)}/lekcije/strana.html`);
      expect(target.searchParams.get("activity_id")).to.equal(tincanIds.lesson);
      expect(target.searchParams.get("registration")).to.equal(registration);
      expect(target.searchParams.get("auth")).to.match(/^Basic /);
      expect((await browser.request(target.pathname + target.search)).status).to.equal(200);
      expect((await browser.request(`/content/${packageIds.get(tincanCourseId)}/zajednicko/tincan.js`)).status).to.equal(200);
    });
  });

  describe("in Chromium with no cookies", () => {
    let browser: Browser;
    before(async function () {
      requireChromium(this);
      browser = await launchChromium();
    });
    after(async () => browser?.close());

    /** A browser that never signed in to the player. */
    async function freshPage(): Promise<Page> {
      const context = await browser.newContext();
      expect(await context.cookies()).to.deep.equal([]);
      return context.newPage();
    }

    it("launches, records and completes a SCORM 1.2 SCO from a link got over the API; the link's second use is refused", async () => {
      const registration = await enrol(recordingCourseId, "marija.link");
      const { url } = await launch<ScormLaunch>(registration, { scoId: "sco-a" });
      const page = await freshPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(url);
      await page.waitForURL(/\/scorm\/launch\?package=/);
      const sco = page.frameLocator('[data-testid="scorm-content"]');
      await sco.locator('#out[data-state="ready"]').waitFor({ timeout: 20_000 });
      expect(JSON.parse((await sco.locator("#out").textContent())!)).to.include({ entry: "ab-initio", mode: "normal", credit: "credit", status: "not attempted" });
      await sco.locator("#pass").click();
      await sco.locator('#out[data-state="finished"]').waitFor();
      const done = await eventually(() => progress(registration), (p) => p.scorm?.scos.find((s) => s.id === "sco-a")?.satisfied === true);
      expect(done.scorm!.scos.find((s) => s.id === "sco-a")).to.deep.include({ attempts: 1, completed: true, satisfied: true, successStatus: "passed" });
      expect(problems).to.deep.equal([]);

      const second = await freshPage();
      const refused = await second.goto(url);
      expect(refused!.status()).to.equal(410);
      expect(await second.locator('[data-testid="launch-link-refused"]').innerText()).to.equal("Ovaj link za pokretanje je već iskorišćen");
      await page.context().close();
      await second.context().close();
    });

    it("opens a link from a portal page on another site in a new window, where the SCO runs and records", async () => {
      const registration = await enrol(recordingCourseId, "petar.portal");
      const { url } = await launch<ScormLaunch>(registration, { scoId: "sco-b" });
      // The portal: a plain page on another site (localhost, while the player is 127.0.0.1).
      const portalServer = createServer((_req, res) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><html lang="sr"><title>Portal</title><a id="start" href="${url}" target="_blank" rel="noopener">Pokreni</a></html>`);
      });
      await new Promise<void>((resolve) => portalServer.listen(0, "127.0.0.1", resolve));
      try {
        const page = await freshPage();
        const { port } = portalServer.address() as AddressInfo;
        await page.goto(`http://localhost:${port}/`);
        const [launched] = await Promise.all([page.context().waitForEvent("page"), page.click("#start")]);
        await launched.waitForURL(/\/scorm\/launch\?package=.*&sco=sco-b/);
        const sco = launched.frameLocator('[data-testid="scorm-content"]');
        await sco.locator('#out[data-state="ready"]').waitFor({ timeout: 20_000 });
        expect(JSON.parse((await sco.locator("#out").textContent())!)).to.include({ entry: "ab-initio", mode: "normal" });
        await sco.locator("#suspend").click();
        // Recorded: the SCO's commits reached the player as that learner (grant and CSRF cookies in a window a cross-site page opened).
        const saved = await eventually(() => progress(registration), (p) => p.scorm?.scos.find((s) => s.id === "sco-b")?.completionStatus === "incomplete");
        expect(saved.scorm!.scos.find((s) => s.id === "sco-b")).to.deep.include({ attempts: 1, completed: false, completionStatus: "incomplete" });
        expect(page.url(), "the portal page stays").to.equal(`http://localhost:${port}/`);
        await page.context().close();
      } finally {
        await new Promise<void>((resolve) => portalServer.close(() => resolve()));
      }
    });

    it("launches and completes an xAPI activity from a link got over the API; the link's second use is refused", async () => {
      const registration = await enrol(tincanCourseId, "marija.link");
      const { url } = await launch<XapiLaunch>(registration, { activityId: tincanIds.assessment });
      const page = await freshPage();
      await page.goto(url);
      const content = await contentFrameOf(page, /\/content\/[0-9a-f-]{36}\/lekcije\/strana\.html\?.*auth=/);
      expect(page.url(), "the frame page answers the link itself").to.equal(url);
      await content.locator('#status:not([data-state="starting"])').waitFor();
      expect(await content.locator("#status").getAttribute("data-state"), await content.locator("#status").innerText()).to.equal("ready");
      expect(await content.locator("#query").innerText()).to.equal("modul=drugi boja=null");
      await content.click("#finish");
      await content.locator('#status:not([data-state="ready"])').waitFor();
      expect(await content.locator("#status").getAttribute("data-state"), await content.locator("#status").innerText()).to.equal("terminated");
      const report = await progress(registration);
      expect(report.xapi!.activities.find((a) => a.id === tincanIds.assessment)).to.deep.include({ completed: true, passed: true });

      const second = await freshPage();
      expect((await second.goto(url))!.status()).to.equal(410);
      expect(await second.locator('[data-testid="launch-link-refused"]').innerText()).to.equal("Ovaj link za pokretanje je već iskorišćen");
      await page.context().close();
      await second.context().close();
    });
  });
});

