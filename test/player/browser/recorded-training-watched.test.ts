// A recorded training really played in Chromium: the xAPI build of pride-foster-care, its
// runtime's HTML5 player sending ADL Video Profile statements to the player's LRS, and the
// server computing "watched" from their played segments against the length it read from the
// file at import. Played through (at 1.5×, a rate browsers offer) it is watched and nothing is
// flagged; sought to the end and played from there, it earns nothing.
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type Browser, type Frame, type Page } from "playwright-core";
import { contentFrameOf } from "../../support/au-frame.js";
import { HttpClient, type RunningServer, startStandalone, testPassword } from "../../support/standalone.js";
import { eventually, launchChromium, logIn, requireChromium } from "../../support/browser.js";
import { projectRoot, run } from "../../support/tools.js";

const videoProfile = "https://w3id.org/xapi/video";
interface VideoReport { activityId: string; mediaPath: string; lengthSeconds: number; watchedSeconds: number; watched: boolean; threshold: number; flagged: unknown[] }

describe("player: a recorded training played in Chromium, watched as the server counts it", function () {
  this.timeout(180_000);
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  /** The launched module: the iframe of the player's frame page. */
  let content: Frame;
  let packageId: string;
  let portalKey: string;
  let readerAuth: string;
  const logged: unknown[] = [];

  async function videos(registration: string): Promise<VideoReport[]> {
    const response = await fetch(`${server.baseUrl}/api/registrations/${registration}`, { headers: { authorization: `Bearer ${portalKey}` } });
    expect(response.status, await response.clone().text()).to.equal(200);
    return ((await response.json()) as { videos: VideoReport[] }).videos;
  }
  async function videoVerbs(registration: string, activityId: string): Promise<string[]> {
    const response = await fetch(`${server.baseUrl}/xapi/statements?${new URLSearchParams({ registration, activity: activityId, ascending: "true" })}`, { headers: { authorization: readerAuth, "x-experience-api-version": "1.0.3" } });
    return ((await response.json()) as { statements: { verb: { id: string } }[] }).statements.map((s) => s.verb.id.replace(`${videoProfile}/verbs/`, "").replace("http://adlnet.gov/expapi/verbs/", ""));
  }
  /** Polls for what the browser sends on its own (keepalive statements), longer and slower than the default poll: 150 reads 100 ms apart. Not a timing assertion. */
  const watchedPoll = { tries: 150, intervalMs: 100 };
  /** Launches the module at `index` of the xAPI course page and shows its video page; answers the registration. */
  async function openVideoOf(index: number): Promise<string> {
    await page.goto(`${server.baseUrl}/xapi-course?package=${packageId}`);
    await page.locator('[data-testid="xapi-activity"]').nth(index).locator('button[data-testid="launch"]').click();
    // The content runs in an iframe of the player's frame page.
    content = await contentFrameOf(page, /\/content\/.+\/index\.html\?.*auth=/);
    await content.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 45_000 }); // a bound, not a speed check: the launch handshake is slow on a loaded CI machine
    const trainingVideo = content.locator('video[data-testid="training-video"]');
    for (let step = 0; step < 8 && !(await trainingVideo.isVisible()); step++) await content.locator('button[data-testid="next"]').click();
    expect(await trainingVideo.isVisible(), "the module has a recorded training").to.equal(true);
    return new URL(content.url()).searchParams.get("registration")!;
  }
  /** Plays the training video from `from` seconds (or from a point this near the end) to its end, at `rate`. */
  async function playToEnd(options: { rate: number; fromEnd?: number }): Promise<void> {
    await content.locator('video[data-testid="training-video"]').evaluate(async (element: HTMLVideoElement, { rate, fromEnd }) => {
      if (element.readyState < 1) await new Promise((resolve) => element.addEventListener("loadedmetadata", resolve, { once: true }));
      element.muted = true;
      if (fromEnd !== undefined) {
        element.currentTime = element.duration - fromEnd;
        await new Promise((resolve) => element.addEventListener("seeked", resolve, { once: true }));
      }
      element.playbackRate = rate;
      await element.play();
      await new Promise<void>((resolve) => (element.ended ? resolve() : element.addEventListener("ended", () => resolve(), { once: true })));
    }, options);
  }

  before(async function () {
    requireChromium(this);
    server = await startStandalone({ logged });
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-watched-"));
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
    const reader = await server.lrs.credentials.create({ name: "test reader", scopes: ["all/read"] });
    readerAuth = `Basic ${Buffer.from(`${reader.key}:${reader.secret}`).toString("base64")}`;
    browser = await launchChromium({ extraArgs: ["--autoplay-policy=no-user-gesture-required"] });
    page = await browser.newPage();
    await logIn(page, server.baseUrl, "polaznik", testPassword);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => expect(logged, "no request ended in a 500").to.deep.equal([]));

  it("counts a video played through at 1.5× as watched, from the Video Profile statements, with nothing flagged", async () => {
    const registration = await openVideoOf(1);
    await playToEnd({ rate: 1.5 });
    const watchedOne = (list: VideoReport[]) => list.find((v) => v.watchedSeconds > 0);
    const report = watchedOne(await eventually(() => videos(registration), (list) => watchedOne(list)?.watched === true, watchedPoll))!;
    expect(report, "a video of module 1 has played segments").to.not.equal(undefined);
    expect(report).to.include({ watched: true, threshold: 0.9 });
    expect(report.flagged).to.deep.equal([]);
    expect(report.watchedSeconds / report.lengthSeconds).to.be.at.least(0.9);
    // The player may count the video as watched before the runtime's Completed statement lands.
    const verbs = await eventually(() => videoVerbs(registration, report.activityId), (list) => list.includes("completed"), watchedPoll);
    expect(verbs[0]).to.equal("initialized");
    expect(verbs).to.include("played").and.include("completed");
  });

  it("earns nothing for a video sought to its last second and played from there", async () => {
    const registration = await openVideoOf(2);
    const before = new Map((await videos(registration)).map((v) => [v.activityId, v.watchedSeconds]));
    const gained = (list: VideoReport[]) => list.filter((v) => v.watchedSeconds > (before.get(v.activityId) ?? 0));
    await playToEnd({ rate: 1, fromEnd: 1 });
    const played = gained(await eventually(() => videos(registration), (now) => gained(now).length > 0, watchedPoll));
    expect(played, "one video got the played second").to.have.length(1);
    expect(played[0]!.watchedSeconds).to.be.at.most(1.5);
    expect(played[0]!.watched).to.equal(false);
    expect(await videoVerbs(registration, played[0]!.activityId)).to.include("seeked");
  });
});
