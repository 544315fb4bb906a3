// The portal REST API and "Moje učenje" for SCORM and xAPI packages, over real HTTP on
// 127.0.0.1 with the real SQLite files: enrol, launch a SCO or an activity, read progress;
// the learner's page lists the packages started, in progress or completed, with a resume
// button that opens the right SCO or activity. The hand-written fixtures (an odd SCORM 1.2
// package with an invisible second SCO, a SCORM 2004 one whose module forbids choice, a
// tincan.xml with a BOM) are the packages.
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { axeViolations } from "../../support/axe.js";
import { launchUrlOfFramePage } from "../../support/au-frame.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { PortalClient, importWithKey, issuePortalKey } from "../../support/portal.js";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { scorm12Zip, scorm2004FlowManifest, scorm2004Zip, xapiZip } from "../support/package-fixtures.js";

const scorm12CourseId = "com.example.odd-scorm12";
const scorm2004CourseId = "com.example.odd-scorm2004";
const xapiCourseId = "https://example.org/xapi/kurs";
const xapiModule = "https://example.org/xapi/modul-a";

interface ScormReport {
  packageId: string;
  format: string;
  completed: boolean;
  done: number;
  total: number;
  scos: { id: string; attempts: number; completed: boolean; satisfied: boolean; successStatus?: string; scoreScaled?: number }[];
}
interface XapiReport {
  packageId: string;
  completed: boolean;
  done: number;
  total: number;
  activities: { id: string; completed: boolean; passed: boolean }[];
}
interface Report {
  registration: string;
  courseId: string;
  scorm?: ScormReport;
  xapi?: XapiReport;
  aus?: unknown;
  videos: unknown[];
}

/** What the SCORM launch page hands its script (data-launch, HTML-escaped JSON). */
function launchDataOf(html: string): { sessionId: string; commitUrl: string; contentUrl: string; cmi: Record<string, unknown> } {
  const raw = /data-launch="([^"]*)"/.exec(html)?.[1];
  expect(raw, "the SCORM launch page").to.be.a("string");
  const decoded = raw!.replace(/&quot;/g, '"').replace(/&#x3D;/g, "=").replace(/&#x27;/g, "'").replace(/&#x60;/g, "`").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return JSON.parse(decoded) as never;
}

async function commit(client: HttpClient, commitUrl: string, body: Record<string, unknown>): Promise<Response> {
  return client.request(commitUrl, { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": client.csrfToken }, body: JSON.stringify(body) });
}

/** Sends a statement with an xAPI launch's own credential, as the content would. */
async function sendStatement(server: RunningServer, launchUrl: URL, verb: "completed" | "passed", objectId: string): Promise<void> {
  const response = await fetch(`${server.baseUrl}/xapi/statements`, {
    method: "POST",
    headers: { authorization: launchUrl.searchParams.get("auth")!, "x-experience-api-version": "1.0.3", "content-type": "application/json" },
    body: JSON.stringify({
      id: randomUUID(),
      actor: JSON.parse(launchUrl.searchParams.get("actor")!),
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
      object: { id: objectId },
      ...(verb === "passed" ? { result: { success: true, score: { scaled: 0.9 } } } : { result: { completion: true } }),
      context: { registration: launchUrl.searchParams.get("registration")! },
    }),
  });
  expect(response.status, await response.clone().text()).to.equal(200);
}

describe("player: SCORM and xAPI packages in the portal API and on Moje učenje", () => {
  let server: RunningServer;
  let portal: PortalClient;
  const packageIds = new Map<string, string>();
  const logged: unknown[] = [];

  const enrol = (courseId: string, username: string, displayName?: string) =>
    portal.request("POST", "/api/registrations", { courseId, learner: { username, ...(displayName ? { displayName } : {}) } });
  const progress = (registration: string) => portal.json<Report>("GET", `/api/registrations/${registration}`, undefined, 200);

  before(async () => {
    server = await startStandalone({ logged });
    const issued = await issuePortalKey(server);
    portal = new PortalClient(server.baseUrl, issued.key);
    for (const [courseId, zip] of [[scorm12CourseId, scorm12Zip()], [scorm2004CourseId, scorm2004Zip(scorm2004FlowManifest())], [xapiCourseId, xapiZip()]] as const) {
      const response = await importWithKey(portal, zip);
      expect(response.status).to.equal(201);
      packageIds.set(courseId, ((await response.json()) as { packageId: string }).packageId);
    }
  });
  after(async () => server?.stop());
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  describe("portal API", () => {
    it("enrols in a SCORM package and in an xAPI package by their course ids (201, then 200 with the same registration)", async () => {
      for (const courseId of [scorm12CourseId, xapiCourseId]) {
        const first = await enrol(courseId, "sanja.scorm", "Sanja Simić");
        expect(first.status).to.be.oneOf([200, 201]);
        const created = (await first.json()) as { registration: string; courseId: string };
        expect(created.courseId).to.equal(courseId);
        const again = await enrol(courseId, "sanja.scorm");
        expect(again.status).to.equal(200);
        expect(((await again.json()) as { registration: string }).registration).to.equal(created.registration);
      }
      const unknown = await enrol("com.example.none", "sanja.scorm");
      expect(unknown.status).to.equal(400);
      expect(((await unknown.json()) as { error: { message: string } }).error.message).to.match(/^courseId: /);
    });

    it("launches a SCO: the launch page URL, which a signed-in browser opens on that SCO; its commits show in the registration's progress", async () => {
      const { registration } = (await (await enrol(scorm12CourseId, "admin")).json()) as { registration: string };
      const before = await progress(registration);
      expect(before.scorm).to.deep.include({ packageId: packageIds.get(scorm12CourseId), format: "scorm12", completed: false, done: 0, total: 2 });
      expect(before.scorm!.scos.map((s) => [s.id, s.attempts])).to.deep.equal([["lesson-1", 0], ["lesson-2", 0]]);
      expect(before.aus, "no cmi5 AUs in a SCORM course").to.equal(undefined);

      const launch = await portal.json<{ registration: string; format: string; packageId: string; scoId: string; url: string; playerUrl: string }>(
        "POST", `/api/registrations/${registration}/launches`, { scoId: "lesson-2" }, 201);
      expect(launch).to.deep.include({ registration, format: "scorm12", packageId: packageIds.get(scorm12CourseId), scoId: "lesson-2" });
      // `url` is a one-time link for any browser (test/player/browser/portal-launch-links.test.ts); `playerUrl` the page itself.
      expect(launch.url).to.match(/\/launch\/[A-Za-z0-9_-]{43}$/);
      const url = new URL(launch.playerUrl);
      expect(url.origin + url.pathname).to.equal(`${server.baseUrl}/scorm/launch`);
      expect(url.searchParams.get("sco")).to.equal("lesson-2");

      // Without a player session the page asks for a sign-in; signed in as the learner it runs the SCO.
      expect((await new HttpClient(server.baseUrl).request(url.pathname + url.search)).status).to.equal(303);
      const browser = new HttpClient(server.baseUrl);
      await browser.logIn("admin");
      const page = await browser.page(url.pathname + url.search);
      expect(page.status).to.equal(200);
      const data = launchDataOf(page.html);
      expect(data.contentUrl).to.match(/\/content\/[0-9a-f-]{36}\/content\/sco\/quiz\.html$/);
      const committed = await commit(browser, data.commitUrl, { event: "terminate", cmi: { core: { lesson_status: "passed", exit: "", session_time: "00:00:05", score: { raw: "90", max: "100", min: "0" } } } });
      expect(committed.status, await committed.clone().text()).to.equal(200);

      const after = await progress(registration);
      expect(after.scorm).to.deep.include({ completed: false, done: 1, total: 2 });
      expect(after.scorm!.scos.find((s) => s.id === "lesson-2")).to.deep.include({ attempts: 1, completed: true, satisfied: true, successStatus: "passed", scoreScaled: 0.9 });
      expect(after.scorm!.scos.find((s) => s.id === "lesson-1")).to.deep.include({ attempts: 0, completed: false });
    });

    it("without a scoId answers the page that resumes on its own", async () => {
      const { registration } = (await (await enrol(scorm12CourseId, "sanja.scorm")).json()) as { registration: string };
      const launch = await portal.json<{ playerUrl: string; scoId?: string }>("POST", `/api/registrations/${registration}/launches`, {}, 201);
      expect(launch.playerUrl).to.equal(`${server.baseUrl}/scorm/launch?package=${packageIds.get(scorm12CourseId)}`);
      expect(launch.scoId).to.equal(undefined);
    });

    it("launches an xAPI activity with endpoint, auth, actor, registration and activity_id, and reports its progress from the statements", async () => {
      const { registration } = (await (await enrol(xapiCourseId, "xena.xapi", "Ksenija Ilić")).json()) as { registration: string };
      expect((await progress(registration)).xapi).to.deep.include({ completed: false, done: 0, total: 1 });
      const launch = await portal.json<{ format: string; activityId: string; url: string }>(
        "POST", `/api/registrations/${registration}/launches`, { activityId: xapiModule }, 201);
      expect(launch).to.deep.include({ format: "xapi", activityId: xapiModule });
      // The launch, with its credential, is made when the one-time link is opened.
      const opened = await new HttpClient(server.baseUrl).request(launch.url.slice(server.baseUrl.length));
      // The content runs in an iframe of the player's frame page; its src is the launch URL.
      const url = await launchUrlOfFramePage(opened);
      expect(url.pathname).to.match(/\/content\/[0-9a-f-]{36}\/moduli\/a\.html$/);
      expect(url.searchParams.get("endpoint")).to.equal(`${server.baseUrl}/xapi/`);
      expect(url.searchParams.get("registration")).to.equal(registration);
      expect(url.searchParams.get("activity_id")).to.equal(xapiModule);
      expect(JSON.parse(url.searchParams.get("actor")!)).to.have.nested.property("account.name");

      await sendStatement(server, url, "completed", xapiModule);
      await sendStatement(server, url, "passed", xapiModule);
      const report = await progress(registration);
      expect(report.xapi).to.deep.include({ packageId: packageIds.get(xapiCourseId), completed: true, done: 1, total: 1 });
      expect(report.xapi!.activities.find((a) => a.id === xapiModule)).to.deep.include({ completed: true, passed: true });

      // Without an activityId: the course activity.
      const course = await portal.json<{ activityId: string }>("POST", `/api/registrations/${registration}/launches`, {}, 201);
      expect(course.activityId).to.equal(xapiCourseId);
    });

    const badLaunches: [string, string, unknown, string][] = [
      ["a SCO the package does not have", scorm12CourseId, { scoId: "lesson-9" }, "scoId"],
      ["a SCO the package's sequencing does not let the learner choose", scorm2004CourseId, { scoId: "sco-2" }, "scoId"],
      ["a scoId in a course without a SCORM package", xapiCourseId, { scoId: "lesson-1" }, "scoId"],
      ["an activityId in a course without an xAPI package", scorm12CourseId, { activityId: xapiModule }, "activityId"],
      ["an activity that does not launch", xapiCourseId, { activityId: "https://example.org/xapi/pitanje-1" }, "activityId"],
      ["both an auId and a scoId", scorm12CourseId, { auId: "https://example.org/au", scoId: "lesson-1" }, "scoId"],
      ["a SCORM launch in Review mode", scorm12CourseId, { scoId: "lesson-1", launchMode: "Review" }, "launchMode"],
      ["a returnURL for an xAPI launch", xapiCourseId, { activityId: xapiModule, returnURL: "https://portal.example/" }, "returnURL"],
      ["a scoId that is not a string", scorm12CourseId, { scoId: 7 }, "scoId"],
    ];
    for (const [what, courseId, body, field] of badLaunches) {
      it(`answers 400 naming ${field} for ${what}, and starts no launch`, async () => {
        const { registration } = (await (await enrol(courseId, "bojana.bad", "Bojana Bošković")).json()) as { registration: string };
        const before = await progress(registration);
        const response = await portal.request("POST", `/api/registrations/${registration}/launches`, body);
        expect(response.status).to.equal(400);
        const error = ((await response.json()) as { error: { code: string; message: string } }).error;
        expect(error.code).to.equal("validation_failed");
        expect(error.message.startsWith(`${field}:`), error.message).to.equal(true);
        expect(await progress(registration)).to.deep.equal(before);
      });
    }

    it("answers 404 for an unknown registration, whatever the format", async () => {
      expect((await portal.request("POST", "/api/registrations/00000000-0000-4000-8000-00000000dead/launches", { scoId: "lesson-1" })).status).to.equal(404);
      expect((await portal.request("POST", "/api/registrations/00000000-0000-4000-8000-00000000dead/launches", { activityId: xapiModule })).status).to.equal(404);
    });
  });

  describe("Moje učenje", () => {
    it("lists a SCORM package the learner suspended under in progress, and its resume button relaunches the suspended SCO with entry=resume", async () => {
      const learner = new HttpClient(server.baseUrl);
      await learner.logIn("polaznik");
      const packageId = packageIds.get(scorm2004CourseId)!;
      const first = launchDataOf((await learner.page(`/scorm/launch?package=${packageId}`)).html);
      expect(first.contentUrl).to.match(/lekcije\/1\/index\.html/);
      const suspended = await commit(learner, first.commitUrl, { event: "terminate", cmi: { completion_status: "incomplete", location: "strana-3", exit: "suspend", session_time: "PT30S" } });
      expect(suspended.status).to.equal(200);

      const page = await learner.page("/my-learning");
      const card = /<li class="card" data-testid="in-progress">[\s\S]*?<\/li>/.exec(page.html)?.[0] ?? "";
      expect(card).to.contain(`<a href="/scorm/launch?package=${packageId}">Rad sa porodicom</a>`);
      expect(card).to.contain("SCORM 2004 (4th ed.)");
      expect(card).to.contain("Završeno jedinica: 0 od 2");
      expect(card).to.contain("Nastavljate: Lekcija 1");
      expect(card).to.contain('<form method="get" action="/scorm/launch">');
      expect(card).to.contain(`name="package" value="${packageId}"`);
      // Sequencing starts and resumes here on its own: no SCO named, which choice=false would refuse.
      expect(card).not.to.contain('name="sco"');

      const resumed = launchDataOf((await learner.page(`/scorm/launch?package=${packageId}`)).html);
      expect(resumed.contentUrl).to.match(/lekcije\/1\/index\.html/);
      expect(resumed.cmi).to.deep.include({ entry: "resume", location: "strana-3" });

      // Nobody else sees it.
      const other = new HttpClient(server.baseUrl);
      await other.logIn("trener");
      expect((await other.page("/my-learning")).html).not.to.contain("Rad sa porodicom");
    });

    it("names the next SCO to resume where choice allows it, and moves a SCORM package whose SCOs are done under completed", async () => {
      const learner = new HttpClient(server.baseUrl);
      await learner.logIn("polaznik");
      const packageId = packageIds.get(scorm12CourseId)!;
      const first = launchDataOf((await learner.page(`/scorm/launch?package=${packageId}&sco=lesson-1`)).html);
      await commit(learner, first.commitUrl, { event: "terminate", cmi: { core: { lesson_status: "passed", exit: "", session_time: "00:00:10" } } });
      const midway = await learner.page("/my-learning");
      const card = /<li class="card" data-testid="in-progress">(?:(?!<\/li>)[\s\S])*Hraniteljstvo(?:(?!<\/li>)[\s\S])*<\/li>/.exec(midway.html)?.[0] ?? "";
      expect(card).to.contain("Završeno jedinica: 1 od 2");
      expect(card).to.contain("Nastavljate: Provera");
      expect(card).to.contain('<input type="hidden" name="sco" value="lesson-2">');

      const second = launchDataOf((await learner.page(`/scorm/launch?package=${packageId}&sco=lesson-2`)).html);
      expect(second.contentUrl).to.match(/quiz\.html$/);
      await commit(learner, second.commitUrl, { event: "terminate", cmi: { core: { lesson_status: "completed", exit: "", session_time: "00:00:10" } } });
      const done = await learner.page("/my-learning");
      expect(done.html).to.match(/data-testid="completed">\s*<h3><a href="\/scorm\/launch\?package=[0-9a-f-]{36}">Hraniteljstvo: puna obuka<\/a><\/h3>\s*<p class="format" data-testid="format">SCORM 1.2<\/p>/);
      expect(done.html).not.to.match(/data-testid="in-progress">\s*<h3><a href="\/scorm\/launch\?package=[0-9a-f-]{36}">Hraniteljstvo/);
    });

    it("lists an xAPI package once launched, resumes the activity launched last, and moves it under completed once passed", async () => {
      const learner = new HttpClient(server.baseUrl);
      await learner.logIn("polaznik");
      const packageId = packageIds.get(xapiCourseId)!;
      expect((await learner.page("/my-learning")).html).not.to.contain("Kurs sa BOM oznakom");
      await learner.page(`/xapi-course?package=${packageId}`);
      const launched = await learner.request("/xapi-course/launch", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ packageId, activityId: xapiModule, _csrf: learner.csrfToken }).toString(),
      });
      expect(launched.status, "the frame page").to.equal(200);

      const page = await learner.page("/my-learning");
      const card = /<li class="card" data-testid="in-progress">(?:(?!<\/li>)[\s\S])*Kurs sa BOM oznakom(?:(?!<\/li>)[\s\S])*<\/li>/.exec(page.html)?.[0] ?? "";
      expect(card).to.contain("xAPI");
      expect(card).to.contain("Završeno jedinica: 0 od 1");
      expect(card).to.contain("Nastavljate: Modul A");
      expect(card).to.contain('<form method="post" action="/xapi-course/launch">');
      expect(card).to.contain(`name="activityId" value="${xapiModule}"`);
      expect(card).to.contain(`name="_csrf" value="${learner.csrfToken}"`);

      // The resume button's form launches that activity again.
      const resumed = await learner.request("/xapi-course/launch", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ packageId, activityId: xapiModule, _csrf: learner.csrfToken }).toString(),
      });
      const url = await launchUrlOfFramePage(resumed);
      expect(url.searchParams.get("activity_id")).to.equal(xapiModule);
      await sendStatement(server, url, "passed", xapiModule);
      const done = await learner.page("/my-learning");
      expect(done.html).to.match(/data-testid="completed">\s*<h3><a href="\/xapi-course\?package=[0-9a-f-]{36}">Kurs sa BOM oznakom<\/a>/);
      expect(done.html).not.to.match(/data-testid="in-progress">\s*<h3><a href="\/xapi-course/);
    });

    it("has zero axe violations in Chromium in the three languages with SCORM and xAPI cards, and its SCORM resume button opens the launch page", async function () {
      requireChromium(this);
      const browser = await launchChromium();
      try {
        // axe is injected as an inline script, which the pages' CSP rightly refuses.
        const page = await (await browser.newContext({ bypassCSP: true })).newPage();
        await logIn(page, server.baseUrl, "polaznik", testPassword);
        for (const lang of ["sr-Latn", "sr-Cyrl", "en"]) {
          await page.goto(`${server.baseUrl}/my-learning?lang=${lang}`);
          expect(await page.locator('[data-testid="format"]').allInnerTexts(), lang).to.include.members(["SCORM 2004 (4th ed.)", "SCORM 1.2", "xAPI"]);
          expect(await axeViolations(page), lang).to.deep.equal([]);
        }
        await page.goto(`${server.baseUrl}/my-learning`);
        await page.locator('li[data-testid="in-progress"]', { hasText: "Rad sa porodicom" }).locator('button[data-testid="resume"]').click();
        await page.waitForURL(`${server.baseUrl}/scorm/launch?package=${packageIds.get(scorm2004CourseId)}`);
        expect(await page.locator('[data-testid="scorm-player"]').count()).to.equal(1);
      } finally {
        await browser.close();
      }
    });
  });
});
