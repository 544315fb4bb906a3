// createPlayer as a plugin: mounted in a portal's own Express app that has its own (fake)
// login, identify(req) telling the player who the learner is; a learner launches a cmi5 AU
// of the PRIDE package built from courses/ in Chromium and sees progress; the embed page
// works in an iframe of another origin the option allows, and not in others.
import { mkdtemp, readFile } from "node:fs/promises";
import { type Server, createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import express from "express";
import { type Browser } from "playwright-core";
import { parse as parseYaml } from "yaml";
import { buildCourse } from "../../authoring/index.js";
import { createLrs, createLrsRouter, openLrsStore } from "../../lrs/index.js";
import { listAus } from "../../player/domain/cmi5-structure.js";
import { type Player, type PortalLearner, SqlitePlayerStore, createPlayer, parseCreditPolicy } from "../../player/index.js";
import { auFrameOf } from "../support/au-frame.js";
import { type RunningServer, startStandalone } from "../support/standalone.js";
import { correctAnswersPerModule, takeModule } from "../support/take-module.js";
import { launchChromium, requireChromium } from "../support/browser.js";
import { projectRoot } from "../support/tools.js";

const courseDir = path.join(projectRoot, "courses/pride-foster-care");
const courseId = "https://obuka.rs/courses/pride-foster-care";
/** The portal's own people; its login puts the id in a cookie the player never reads itself. */
const portalPeople: Record<string, PortalLearner> = {
  "ana.markovic": { id: "ana.markovic", name: "Ana Marković", email: "ana.markovic@csr.example" },
  "novi.polaznik": { id: "novi.polaznik", name: "Novi Polaznik" },
  admin: { id: "admin", name: "Not the player's admin" },
  "bad id": { id: "bad id", name: "Spaces" },
};

async function listen(app: express.Express | ReturnType<typeof createServer>): Promise<{ server: Server; origin: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s: Server = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  return { server, origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` };
}

describe("player as a plugin: createPlayer({ lrs, store, identify }) in a portal's Express app", function () {
  this.timeout(300_000);
  let portal: { server: Server; origin: string };
  let otherSite: { server: Server; origin: string };
  let standalone: RunningServer;
  let player: Player;
  let playerStore: SqlitePlayerStore;
  let closeLrs: () => Promise<void>;
  let browser: Browser | undefined;

  before(async function () {
    requireChromium(this);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "obuka-plugin-"));
    const [zip] = await buildCourse({ cwd: projectRoot, courseDir: "courses/pride-foster-care", format: "cmi5", outDir: path.join(dataDir, "dist") });
    // Another origin that frames the embed page (a portal that is not Node): its page is plain HTML.
    let embedTargets: string[] = [];
    otherSite = await listen(createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="sr"><title>Portal</title>${embedTargets.map((src, i) => `<iframe name="f${i}" title="obuka" src="${src}"></iframe>`).join("")}</html>`);
    }));

    const lrsStore = await openLrsStore({ databaseUrl: undefined, sqliteFile: path.join(dataDir, "lrs.sqlite") });
    const lrs = createLrs({ store: lrsStore });
    playerStore = await SqlitePlayerStore.open(path.join(dataDir, "player.sqlite"));
    await playerStore.createUser({ id: "player-admin", username: "admin", displayName: "Administrator", role: "admin", passwordHash: "x" });
    closeLrs = () => lrsStore.close();
    const policy = parseCreditPolicy(parseYaml(await readFile(path.join(projectRoot, "courses/credit-policy.yaml"), "utf8")));
    const app = express();
    // The portal's own login: whatever it is, it ends in a cookie of its own.
    app.get("/portal/login", (req, res) => {
      res.append("Set-Cookie", `portal_user=${encodeURIComponent(String(req.query.user))}; Path=/; HttpOnly; SameSite=Lax`);
      res.redirect(303, "/my-learning");
    });
    player = await createPlayer({
      lrs,
      store: playerStore,
      identify: (req) => {
        const id = /(?:^|;\s*)portal_user=([^;]*)/.exec(req.headers.cookie ?? "")?.[1];
        return id === undefined ? undefined : portalPeople[decodeURIComponent(id)];
      },
      dataDir,
      policy,
      frameAncestors: ["'self'", otherSite.origin],
    });
    app.use("/xapi", createLrsRouter(lrs));
    app.use(player.router);
    portal = await listen(app);
    expect((await player.library.importPackage(zip!)).created).to.equal(true);
    standalone = await startStandalone();
    browser = await launchChromium();
    embedTargets = [`${portal.origin}/embed/course?id=${encodeURIComponent(courseId)}`, `${standalone.baseUrl}/verify`];
  });
  after(async () => {
    await browser?.close();
    portal?.server.closeAllConnections();
    portal?.server.close();
    otherSite?.server.close();
    await standalone?.stop();
    await playerStore?.close();
    await closeLrs?.();
  });

  const asPortalUser = (user: string) => ({ cookie: `portal_user=${encodeURIComponent(user)}`, accept: "text/html" });

  it("uses the portal's login: the learner it identifies is signed in under the portal's name, with no sign-out of the player's own", async () => {
    const anonymous = await fetch(`${portal.origin}/my-learning`, { redirect: "manual" });
    expect(anonymous.status).to.equal(303);
    const page = await fetch(`${portal.origin}/my-learning`, { headers: asPortalUser("ana.markovic"), redirect: "manual" });
    const html = await page.text();
    expect(page.status).to.equal(200);
    expect(html).to.contain('<span data-testid="signed-in-as">Ana Marković</span>');
    expect(html).not.to.contain('action="/logout"');
    const user = await playerStore.findUserByUsername("ana.markovic");
    expect(user).to.include({ displayName: "Ana Marković", role: "learner" });
    // A person's first requests arriving together make one account, and none of them fails.
    const statuses = await Promise.all([1, 2, 3, 4, 5].map(async () => (await fetch(`${portal.origin}/catalog`, { headers: asPortalUser("novi.polaznik"), redirect: "manual" })).status));
    expect(statuses).to.deep.equal([200, 200, 200, 200, 200]);
    expect(await playerStore.findUserByUsername("novi.polaznik")).to.include({ displayName: "Novi Polaznik", role: "learner" });
  });

  it("never lets a portal identity take a staff account or an id that is not a username: 400 naming identify().id", async () => {
    for (const who of ["admin", "bad id"]) {
      const response = await fetch(`${portal.origin}/api/packages`, { headers: { cookie: `portal_user=${encodeURIComponent(who)}` } });
      expect(response.status, who).to.equal(400);
      expect(((await response.json()) as { error: { message: string } }).error.message, who).to.match(/^identify\(\)\.id: /);
    }
    expect((await playerStore.findUserByUsername("admin"))?.role).to.equal("admin");
  });

  it("launches a cmi5 AU of the built PRIDE package in Chromium, and the learner sees the progress and resumes at the next module", async () => {
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${portal.origin}/portal/login?user=ana.markovic`);
    await page.waitForURL(`${portal.origin}/my-learning`);
    const coursePage = `${portal.origin}/course?id=${encodeURIComponent(courseId)}`;
    await page.goto(coursePage);
    await page.locator('button[data-testid="launch"]').first().click();
    const au = await auFrameOf(page); // AnyWindow: the player's AU frame (cmi5 8.1.0.0-3)
    expect(au.url()).to.match(/\/content\/[0-9a-f-]{36}\/.+\?.*fetch=/);
    const [firstModule] = await correctAnswersPerModule(courseDir);
    await takeModule(au, firstModule!);
    await au.click('button[data-testid="finish"]');
    await page.waitForURL(coursePage);
    expect(await page.locator('[data-testid="au-status"]').first().innerText()).to.equal("Završeno");
    expect(problems).to.deep.equal([]);

    const course = await playerStore.findCourse(courseId);
    const aus = listAus(course!.structure.children);
    const user = await playerStore.findUserByUsername("ana.markovic");
    const registration = await playerStore.findRegistration(user!.id, courseId);
    const progress = await player.registrations.progressOf(registration!);
    if (!("aus" in progress)) throw new Error("a cmi5 registration reports its AUs");
    expect(progress.aus.map((au) => au.satisfied)).to.deep.equal(aus.map((_au, index) => index === 0));

    await page.goto(`${portal.origin}/my-learning`);
    const entry = page.locator('[data-testid="in-progress"]');
    expect(await entry.locator('[data-testid="units"]').innerText()).to.equal(`Završeno jedinica: 1 od ${aus.length}`);
    await entry.locator('button[data-testid="resume"]').click();
    expect((await auFrameOf(page)).url()).to.match(/\/content\/[0-9a-f-]{36}\/.+\?.*fetch=/);
    const sessions = await playerStore.listAuSessions(registration!);
    expect(sessions.map((s) => s.auId)).to.deep.equal([aus[0]!.id, aus[1]!.id]);
    await page.close();
  });

  it("refuses a frameAncestors source that would end the CSP directive, before touching the LRS", async () => {
    const lrsStore = await openLrsStore({ databaseUrl: undefined, sqliteFile: path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-plugin-")), "lrs.sqlite") });
    const lrs = createLrs({ store: lrsStore });
    for (const source of ["'self'; script-src *", "https://a.example, https://b.example", ""]) {
      const error = await createPlayer({ lrs, store: playerStore, frameAncestors: ["'self'", source] }).then(() => undefined, (e: unknown) => e);
      expect(error, source).to.be.instanceOf(TypeError);
      expect((error as Error).message).to.match(/^frameAncestors: /);
    }
    expect(await lrs.credentials.list()).to.deep.equal([]);
    await lrsStore.close();
  });

  it("embeds the course page in an iframe of another origin the frameAncestors option names; a player with the default refuses to be framed", async () => {
    const context = await browser!.newContext();
    await context.addCookies([{ name: "portal_user", value: "ana.markovic", url: portal.origin }]);
    const page = await context.newPage();
    const embedResponse = page.waitForResponse((r) => r.url().startsWith(`${portal.origin}/embed/course`));
    await page.goto(`${otherSite.origin}/`);
    const headers = (await embedResponse).headers();
    expect(headers["content-security-policy"]).to.contain(`frame-ancestors 'self' ${otherSite.origin};`);
    expect(headers["x-frame-options"]).to.equal(undefined);
    const embedded = page.frameLocator('iframe[name="f0"]');
    await embedded.locator('[data-testid="au"]').first().waitFor();
    expect(await embedded.locator('[data-testid="au"]').count()).to.be.greaterThan(1);
    expect(await embedded.locator("header, nav").count()).to.equal(0);
    expect(await embedded.locator("h1").innerText()).to.contain("PRIDE");
    expect(await embedded.locator('form[action="/course/launch"]').first().getAttribute("target"), "AUs open in a new window").to.equal("_blank");
    // The standalone player keeps frame-ancestors 'self': Chromium shows its error page instead.
    const refused = page.frame({ name: "f1" });
    await page.waitForFunction(() => document.querySelectorAll("iframe").length === 2);
    await refused?.waitForLoadState();
    expect(await refused!.locator('form[action="/verify"]').count(), "the verify page did not render in the frame").to.equal(0);
    expect(refused!.url()).not.to.match(new RegExp(`^${standalone.baseUrl}`));
    await context.close();
  });
});
