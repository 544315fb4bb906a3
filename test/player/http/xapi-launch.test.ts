// xAPI (TinCan) package launch with a scoped temporary credential, and recorded trainings
// "watched" computed by the server, over real HTTP on 127.0.0.1 with real SQLite files, our own
// `obuka build --format xapi` package, and the learner's side in Chromium.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser } from "playwright-core";
import { HttpClient, type RunningServer, accountHomePage, startStandalone, testPassword } from "../../support/standalone.js";
import { axeViolations } from "../../support/axe.js";
import { contentFrameOf, launchUrlOfFramePage } from "../../support/au-frame.js";
import { launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { projectRoot, run } from "../../support/tools.js";

const courseId = "https://obuka.rs/courses/pride-foster-care";
const module1 = `${courseId}/modules/1`;
const video = "https://w3id.org/xapi/video";
const segmentsExt = `${video}/extensions/played-segments`;

interface Launch {
  url: URL;
  auth: string;
  actor: { account: { homePage: string; name: string } };
  registration: string;
}

interface VideoReport { activityId: string; mediaPath: string; lengthSeconds: number; watchedSeconds: number; watched: boolean; threshold: number; flagged: unknown[] }

describe("player: xAPI package launch and recorded trainings watched", function () {
  this.timeout(180_000);
  let server: RunningServer;
  let learner: HttpClient;
  let portalKey: string;
  let packageId: string;
  let readerAuth: string;
  /** The server's clock runs this far ahead of the real one: tests move time without waiting. */
  let offsetMs = 0;

  async function launch(activityId = module1): Promise<Launch> {
    await learner.page(`/xapi-course?package=${packageId}`);
    const response = await learner.request("/xapi-course/launch", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ packageId, activityId, _csrf: learner.csrfToken }).toString(),
    });
    // The content runs in the player's frame page; the launch URL is the iframe's src.
    const url = await launchUrlOfFramePage(response);
    return { url, auth: url.searchParams.get("auth")!, actor: JSON.parse(url.searchParams.get("actor")!), registration: url.searchParams.get("registration")! };
  }

  function xapi(l: Pick<Launch, "auth">, pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("authorization", l.auth);
    headers.set("x-experience-api-version", "1.0.3");
    if (init.body) headers.set("content-type", "application/json");
    return fetch(`${server.baseUrl}/xapi/${pathname}`, { ...init, headers });
  }

  function statementOf(l: Launch, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id: randomUUID(),
      actor: l.actor,
      verb: { id: "http://adlnet.gov/expapi/verbs/experienced" },
      object: { id: `${module1}/pages/1` },
      context: { registration: l.registration },
      ...overrides,
    };
  }

  function videoStatement(l: Launch, activityId: string, verb: string, segments: string, session: string): Record<string, unknown> {
    return statementOf(l, {
      verb: { id: `${video}/verbs/${verb}` },
      object: { id: activityId, definition: { type: `${video}/activity-type/video` } },
      result: { extensions: { [segmentsExt]: segments, [`${video}/extensions/time`]: Number(segments.split("[.]").at(-1)) } },
      context: { registration: l.registration, extensions: { [`${video}/extensions/session-id`]: session } },
    });
  }

  async function progress(registration: string): Promise<{ xapi?: { activities: { id: string; completed: boolean; passed: boolean }[] }; videos: VideoReport[] }> {
    const response = await fetch(`${server.baseUrl}/api/registrations/${registration}`, { headers: { authorization: `Bearer ${portalKey}` } });
    expect(response.status, await response.clone().text()).to.equal(200);
    return (await response.json()) as never;
  }

  before(async () => {
    server = await startStandalone({ clock: () => new Date(Date.now() + offsetMs) });
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-xapi-"));
    await run(process.execPath, [path.join(projectRoot, "authoring/bin/obuka.js"), "build", path.join(projectRoot, "courses/pride-foster-care"), "--format", "xapi", "--out", out], { cwd: projectRoot });
    const zip = (await readdir(out)).find((f) => f.endsWith(".zip"))!;
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const imported = await trainer.uploadPackage(await readFile(path.join(out, zip)), zip);
    expect(imported.status, await imported.clone().text()).to.equal(201);
    packageId = ((await imported.json()) as { packageId: string }).packageId;
    const admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
    await admin.page("/catalog");
    const key = await admin.request("/api/keys", { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken }, body: JSON.stringify({ name: "test portal" }) });
    portalKey = ((await key.json()) as { key: string }).key;
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    const reader = await server.lrs.credentials.create({ name: "test reader", scopes: ["all"] });
    readerAuth = `Basic ${Buffer.from(`${reader.key}:${reader.secret}`).toString("base64")}`;
  });
  after(() => server?.stop());

  it("lists the xAPI package as launchable, with a page that has a launch button per activity", async () => {
    const catalog = await learner.page("/catalog");
    expect(catalog.html).to.include(`href="/xapi-course?package=${packageId}"`);
    const page = await learner.page(`/xapi-course?package=${packageId}`);
    expect(page.status).to.equal(200);
    expect(page.html.match(/data-testid="launch"/g)).to.have.length(10);
  });

  it("launches with endpoint, auth, actor, registration and activity_id (launch document)", async () => {
    const l = await launch();
    expect(l.url.pathname).to.equal(`/content/${packageId}/au/01/index.html`);
    expect(l.url.searchParams.get("endpoint")).to.equal(`${server.baseUrl}/xapi/`);
    expect(l.auth).to.match(/^Basic [A-Za-z0-9+/=]+$/);
    expect(l.actor.account).to.deep.equal({ homePage: accountHomePage, name: l.actor.account.name });
    expect(l.registration).to.match(/^[0-9a-f-]{36}$/);
    expect(l.url.searchParams.get("activity_id")).to.equal(module1);
    expect(l.url.searchParams.get("Accept-Language")).to.equal("sr-Latn");
  });

  it("runs the activity in an iframe of a player page with its title and a way back, never cached, under the cmi5 frame's policy", async () => {
    await learner.page(`/xapi-course?package=${packageId}`);
    const response = await learner.request("/xapi-course/launch", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ packageId, activityId: module1, _csrf: learner.csrfToken }).toString(),
    });
    const csp = response.headers.get("content-security-policy")!;
    const url = await launchUrlOfFramePage(response.clone());
    const html = await response.text();
    expect(url.pathname).to.equal(`/content/${packageId}/au/01/index.html`);
    const title = /<h1 id="au-frame-title">([^<]+)<\/h1>/.exec(html)?.[1];
    expect(title, "the activity's name from tincan.xml").to.be.a("string").and.match(/\S/);
    expect(html).to.contain(`title="Jedinica obuke: ${title}"`);
    expect(html).to.contain(`href="/xapi-course?package&#x3D;${packageId}" data-testid="exit-au"`);
    // Same-site content may be framed: frame-src falls back to default-src 'self', as for cmi5.
    expect(csp).to.contain("default-src 'self'");
    expect(csp).not.to.contain("frame-src");
  });

  it("refuses a launch without a package or with an activity the package does not have (400 naming the field)", async () => {
    await learner.page(`/xapi-course?package=${packageId}`);
    const post = (fields: Record<string, string>) =>
      learner.request("/xapi-course/launch", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: new URLSearchParams({ ...fields, _csrf: learner.csrfToken }).toString() });
    const missing = await post({});
    expect(missing.status).to.equal(400);
    expect(await missing.text()).to.include("packageId");
    const unknown = await post({ packageId, activityId: "https://example.org/not-in-package" });
    expect(unknown.status).to.equal(400);
    expect(await unknown.text()).to.include("activityId");
    const withoutCsrf = await learner.request("/xapi-course/launch", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ packageId }).toString() });
    expect(withoutCsrf.status).to.equal(403);
    expect((await learner.page("/xapi-course?package=no-such-package")).status).to.equal(404);
  });

  it("lets the credential write its learner's statements and state, and nothing for another actor or registration (403)", async () => {
    const l = await launch();
    expect((await xapi(l, "statements", { method: "POST", body: JSON.stringify(statementOf(l)) })).status).to.equal(200);
    const other = { account: { homePage: accountHomePage, name: "someone-else" } };
    const otherActor = await xapi(l, "statements", { method: "POST", body: JSON.stringify(statementOf(l, { actor: other })) });
    expect(otherActor.status).to.equal(403);
    expect(await otherActor.text()).to.include("actor");
    const otherRegistration = await xapi(l, "statements", { method: "POST", body: JSON.stringify(statementOf(l, { context: { registration: randomUUID() } })) });
    expect(otherRegistration.status).to.equal(403);
    expect(await otherRegistration.text()).to.include("registration");

    const state = (agent: unknown, registration: string) =>
      `activities/state?${new URLSearchParams({ activityId: module1, agent: JSON.stringify(agent), registration, stateId: "https://obuka.rs/xapi/state/resume" })}`;
    expect((await xapi(l, state(l.actor, l.registration), { method: "PUT", body: JSON.stringify({ page: 1 }) })).status).to.equal(204);
    expect(await (await xapi(l, state(l.actor, l.registration))).json()).to.deep.equal({ page: 1 });
    expect((await xapi(l, state(other, l.registration), { method: "PUT", body: "{}" })).status).to.equal(403);
    expect((await xapi(l, state(other, l.registration))).status).to.equal(403);
    expect((await xapi(l, state(l.actor, randomUUID()))).status).to.equal(403);
    // No profile scope: a launch credential cannot touch the learner's profiles.
    expect((await xapi(l, `agents/profile?${new URLSearchParams({ agent: JSON.stringify(l.actor), profileId: "x" })}`)).status).to.equal(403);
  });

  it("ends the credential at Terminated: statements refused at once, state for a minute, then 401", async () => {
    const l = await launch();
    const terminated = statementOf(l, { verb: { id: "http://adlnet.gov/expapi/verbs/terminated" }, object: { id: module1 } });
    expect((await xapi(l, "statements", { method: "POST", body: JSON.stringify(terminated) })).status).to.equal(200);
    expect((await xapi(l, "statements", { method: "POST", body: JSON.stringify(statementOf(l)) })).status).to.equal(403);
    const state = `activities/state?${new URLSearchParams({ activityId: module1, agent: JSON.stringify(l.actor), registration: l.registration, stateId: "last" })}`;
    expect((await xapi(l, state, { method: "PUT", body: "{}" })).status).to.equal(204);
    expect((await xapi(l, `statements?registration=${l.registration}`)).status).to.equal(200);
    offsetMs += 2 * 60 * 1000;
    // The first use after the grace is a statement query: it revokes the credential too.
    expect((await xapi(l, `statements?registration=${l.registration}`)).status).to.equal(401);
    expect((await xapi(l, state, { method: "PUT", body: "{}" })).status).to.equal(401);
    expect((await xapi(l, "statements", { method: "POST", body: JSON.stringify(statementOf(l)) })).status).to.equal(401);
    expect((await xapi(l, `statements?registration=${l.registration}`)).status).to.equal(401);
  });

  it("expires the credential 8 hours after the launch (401)", async () => {
    const l = await launch();
    expect((await xapi(l, `statements?registration=${l.registration}`)).status).to.equal(200);
    offsetMs += 8 * 60 * 60 * 1000 + 1000;
    expect((await xapi(l, `statements?registration=${l.registration}`)).status).to.equal(401);
    expect((await xapi(l, "statements", { method: "POST", body: JSON.stringify(statementOf(l)) })).status).to.equal(401);
    // The player's own sign-in has expired by now as well.
    await learner.logIn("polaznik");
  });

  it("a new launch revokes the previous launch's credential", async () => {
    const first = await launch();
    await launch();
    expect((await xapi(first, "statements", { method: "POST", body: JSON.stringify(statementOf(first)) })).status).to.equal(401);
  });

  it("computes watched from played segments against the length read from the file, flagging claims faster than wall-clock time", async () => {
    const l = await launch();
    const before = (await progress(l.registration)).videos;
    const intro = before.find((v) => v.mediaPath === "media/uvod.webm")!;
    expect(intro.lengthSeconds).to.be.closeTo(20.307, 0.01);
    expect(before).to.have.length(9);
    const session = randomUUID();
    const send = (verb: string, segments: string) => xapi(l, "statements", { method: "POST", body: JSON.stringify(videoStatement(l, intro.activityId, verb, segments, session)) });
    expect((await send("played", "")).status).to.equal(200);
    offsetMs += 10_000;
    expect((await send("paused", "0[.]10")).status).to.equal(200);
    // The rest of the video claimed a moment later: not possible at any playback rate.
    expect((await send("seeked", "0[.]10[,]10[.]20.307")).status).to.equal(200);
    let report = (await progress(l.registration)).videos.find((v) => v.activityId === intro.activityId)!;
    expect(report.watchedSeconds).to.equal(10);
    expect(report.watched).to.equal(false);
    expect(report.flagged).to.have.length(1);
    // Skipping ahead and claiming a length the client made up earns nothing either.
    offsetMs += 12_000;
    expect((await send("paused", "0[.]10[,]10[.]20.307")).status).to.equal(200);
    report = (await progress(l.registration)).videos.find((v) => v.activityId === intro.activityId)!;
    expect(report.watchedSeconds).to.be.closeTo(20.307, 0.001);
    expect(report.watched).to.equal(true);
    expect(report.threshold).to.equal(0.9);
    const page = await learner.page(`/xapi-course?package=${packageId}`);
    expect(page.html).to.match(new RegExp(`data-activity-id="${intro.activityId.replace(/[/.]/g, "\\$&")}" data-watched="true"`));
  });

  it("lists the recorded trainings of the course's cmi5 build too, in the registration's progress and on the course page", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-cmi5-"));
    await run(process.execPath, [path.join(projectRoot, "authoring/bin/obuka.js"), "build", path.join(projectRoot, "courses/pride-foster-care"), "--format", "cmi5", "--out", out], { cwd: projectRoot });
    const zip = (await readdir(out)).find((f) => f.endsWith(".zip"))!;
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    expect((await trainer.uploadPackage(await readFile(path.join(out, zip)), zip)).status).to.equal(201);
    const enrol = await fetch(`${server.baseUrl}/api/registrations`, {
      method: "POST",
      headers: { authorization: `Bearer ${portalKey}`, "content-type": "application/json" },
      body: JSON.stringify({ courseId, learner: { username: "video.learner", displayName: "Video Learner" } }),
    });
    const { registration } = (await enrol.json()) as { registration: string };
    const report = await progress(registration);
    expect(report.videos.map((v) => v.mediaPath).sort()).to.include("media/uvod.webm").and.have.length(9);
    for (const v of report.videos) expect(v.lengthSeconds, v.mediaPath).to.be.greaterThan(10);
    expect(report.xapi?.activities.length).to.equal(10);
    const page = await learner.page(`/course?id=${encodeURIComponent(courseId)}`);
    expect(page.html.match(/data-testid="video-progress"/g)).to.have.length(9);
  });

  it("takes module 1 in Chromium: statements recorded, progress passed, and a relaunch resumes on the page left", async function () {
    requireChromium(this);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await logIn(page, server.baseUrl, "polaznik", testPassword);
      await page.goto(`${server.baseUrl}/xapi-course?package=${packageId}`);
      await page.locator('[data-testid="xapi-activity"]').nth(1).locator('button[data-testid="launch"]').click();
      // The content runs in an iframe of the player's frame page, with the launch query string.
      let content = await contentFrameOf(page, /\/content\/.+\/au\/01\/index\.html\?.*auth=/);
      expect(await page.locator('[data-testid="au-frame-page"] h1').textContent()).to.match(/\S/);
      const registration = new URL(content.url()).searchParams.get("registration")!;
      await content.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 45_000 }); // a bound, not a speed check: the launch handshake is slow on a loaded CI machine
      const shownPage = () => content.evaluate(() => [...document.querySelectorAll("[data-page]")].findIndex((s) => !(s as HTMLElement).hidden));
      const trainingVideo = content.locator('video[data-testid="training-video"]');
      for (let step = 0; step < 5 && !(await trainingVideo.isVisible()); step++) await content.locator('button[data-testid="next"]').click();
      const videoPage = await shownPage();
      expect(videoPage).to.be.greaterThan(0);
      // The learner moves the video to 7 s and leaves.
      await trainingVideo.evaluate(async (element: HTMLVideoElement) => {
        if (element.readyState < 1) await new Promise((resolve) => element.addEventListener("loadedmetadata", resolve, { once: true }));
        element.currentTime = 7;
        await new Promise((resolve) => element.addEventListener("seeked", resolve, { once: true }));
      });
      // Leaving by the frame page's way back: the runtime sends Terminated and its resume state with keepalive.
      await page.locator('[data-testid="exit-au"]').click();
      await page.waitForURL(`${server.baseUrl}/xapi-course?package=${packageId}`);
      await waitFor(async () => (await statements(registration, "http://adlnet.gov/expapi/verbs/terminated")).length > 0);

      await page.locator('[data-testid="xapi-activity"]').nth(1).locator('button[data-testid="launch"]').click();
      content = await contentFrameOf(page, /\/content\/.+\/au\/01\/index\.html\?.*auth=/);
      await content.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 45_000 }); // a bound, not a speed check: the launch handshake is slow on a loaded CI machine
      await content.waitForFunction((index) => [...document.querySelectorAll("[data-page]")].findIndex((s) => !(s as HTMLElement).hidden) === index, videoPage);
      // The video resumes where the learner stopped (resume state in the State API).
      await content.waitForFunction(() => Math.abs((document.querySelector('video[data-testid="training-video"]') as HTMLVideoElement).currentTime - 7) < 0.5);

      const quizFile = await readFile(path.join(projectRoot, "courses/pride-foster-care/quizzes/provera.yaml"), "utf8");
      const { parse } = await import("yaml");
      const questions = (parse(quizFile) as { questions: { id: string; choices: { id: string; correct?: boolean }[] }[] }).questions;
      for (let step = 0; step < 20 && !(await content.locator('form[data-testid="quiz"]').isVisible()); step++) await content.locator('button[data-testid="next"]').click();
      const quiz = content.locator('form[data-testid="quiz"]');
      for (const question of questions) for (const choice of question.choices.filter((c) => c.correct)) await quiz.locator(`input[name="${question.id}"][value="${choice.id}"]`).check();
      await quiz.locator('button[type="submit"]').click();
      await content.locator('[data-testid="quiz-result"]').waitFor();
      await waitFor(async () => (await statements(registration, "http://adlnet.gov/expapi/verbs/passed")).length > 0);
      const passed = (await statements(registration, "http://adlnet.gov/expapi/verbs/passed"))[0]!;
      expect(passed.object.id).to.equal(module1);
      expect(passed.context.registration).to.equal(registration);
      const report = await progress(registration);
      expect(report.xapi!.activities.find((a) => a.id === module1)).to.include({ passed: true });
      expect(problems).to.deep.equal([]);

      // The package page with its activities and recorded trainings: zero axe violations.
      const axeContext = await browser.newContext({ bypassCSP: true });
      const checker = await axeContext.newPage();
      await logIn(checker, server.baseUrl, "polaznik", testPassword);
      await checker.goto(`${server.baseUrl}/xapi-course?package=${packageId}`);
      expect(await checker.locator('[data-testid="video-progress"]').count()).to.equal(9);
      expect(await axeViolations(checker)).to.deep.equal([]);
    } finally {
      await browser?.close();
    }
  });

  async function statements(registration: string, verb: string): Promise<{ object: { id: string }; context: { registration: string } }[]> {
    const response = await fetch(`${server.baseUrl}/xapi/statements?${new URLSearchParams({ registration, verb })}`, { headers: { authorization: readerAuth, "x-experience-api-version": "1.0.3" } });
    return ((await response.json()) as { statements: never[] }).statements;
  }
});

/** Polls a condition the browser brings about (a keepalive request finishing); not a timing assertion. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("condition not met");
}
