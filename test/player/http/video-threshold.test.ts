// "Watched" against the completion threshold the course declared, over real HTTP: a course
// built with a 0.5 threshold on one recorded training and none on the other, imported, then
// half of each video played. The threshold the content claims in its statements is ignored.
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { buildCourse } from "../../../authoring/index.js";
import { launchUrlOfFramePage } from "../../support/au-frame.js";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";
import { defaultVideoId, halfVideoId, thresholdCourseId, thresholdModuleId, writeThresholdCourse } from "../../support/threshold-course.js";

const video = "https://w3id.org/xapi/video";

interface VideoReport { activityId: string; lengthSeconds: number; watchedSeconds: number; progress: number; watched: boolean; threshold: number }

describe("player: recorded trainings watched against the course's completion threshold", function () {
  this.timeout(120_000);
  let server: RunningServer;
  let learner: HttpClient;
  let portalKey: string;
  let packageId: string;
  /** The server's clock runs this far ahead of the real one: tests move time without waiting. */
  let offsetMs = 0;

  before(async () => {
    server = await startStandalone({ clock: () => new Date(Date.now() + offsetMs) });
    const cwd = await writeThresholdCourse();
    const [zip] = await buildCourse({ cwd, courseDir: "courses/fixture", format: "xapi", outDir: "dist" });
    const trainer = new HttpClient(server.baseUrl);
    await trainer.logIn("trener");
    await trainer.page("/catalog");
    const imported = await trainer.uploadPackage(await readFile(zip!), "threshold-xapi.zip");
    expect(imported.status, await imported.clone().text()).to.equal(201);
    packageId = ((await imported.json()) as { packageId: string }).packageId;
    const admin = new HttpClient(server.baseUrl);
    await admin.logIn("admin");
    await admin.page("/catalog");
    const key = await admin.request("/api/keys", { method: "POST", headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken }, body: JSON.stringify({ name: "test portal" }) });
    portalKey = ((await key.json()) as { key: string }).key;
    learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
  });
  after(() => server?.stop());

  it("stores each video's threshold at import: 0.5 as declared, 0.9 by default", async () => {
    const videos = await server.playerStore.listCourseVideos(thresholdCourseId);
    expect(videos.map((v) => [v.activityId, v.completionThreshold])).to.deep.equal([[halfVideoId, 0.5], [defaultVideoId, 0.9]]);
  });

  it("counts half of the video as watched under 0.5, not under the default, whatever threshold the statements claim", async () => {
    await learner.page(`/xapi-course?package=${packageId}`);
    const launched = await learner.request("/xapi-course/launch", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ packageId, activityId: thresholdModuleId, _csrf: learner.csrfToken }).toString(),
    });
    const url = await launchUrlOfFramePage(launched);
    const auth = url.searchParams.get("auth")!;
    const actor = JSON.parse(url.searchParams.get("actor")!) as unknown;
    const registration = url.searchParams.get("registration")!;
    const send = async (activityId: string, verb: string, segments: string, session: string) => {
      const statement = {
        id: randomUUID(),
        actor,
        verb: { id: `${video}/verbs/${verb}` },
        object: { id: activityId, definition: { type: `${video}/activity-type/video` } },
        result: { extensions: { [`${video}/extensions/played-segments`]: segments, [`${video}/extensions/time`]: Number(segments.split("[.]").at(-1)) } },
        // The content claims a threshold of 0.1: the server uses the package's.
        context: { registration, extensions: { [`${video}/extensions/session-id`]: session, [`${video}/extensions/completion-threshold`]: 0.1 } },
      };
      const response = await fetch(`${server.baseUrl}/xapi/statements`, {
        method: "POST",
        headers: { authorization: auth, "x-experience-api-version": "1.0.3", "content-type": "application/json" },
        body: JSON.stringify(statement),
      });
      expect(response.status, await response.clone().text()).to.equal(200);
    };
    const sessions = new Map([[halfVideoId, randomUUID()], [defaultVideoId, randomUUID()]]);
    for (const [activityId, session] of sessions) await send(activityId, "played", "", session);
    // 11 of the 20.3 seconds played, 12 seconds later: plausible, and more than half.
    offsetMs += 12_000;
    for (const [activityId, session] of sessions) await send(activityId, "paused", "0[.]11", session);

    const response = await fetch(`${server.baseUrl}/api/registrations/${registration}`, { headers: { authorization: `Bearer ${portalKey}` } });
    expect(response.status, await response.clone().text()).to.equal(200);
    const videos = ((await response.json()) as { videos: VideoReport[] }).videos;
    const byId = new Map(videos.map((v) => [v.activityId, v]));
    const halfReport = byId.get(halfVideoId)!;
    const defaultReport = byId.get(defaultVideoId)!;
    for (const report of [halfReport, defaultReport]) {
      expect(report.watchedSeconds).to.equal(11);
      expect(report.progress).to.be.greaterThan(0.5).and.lessThan(0.9);
    }
    expect(halfReport).to.include({ threshold: 0.5, watched: true });
    expect(defaultReport).to.include({ threshold: 0.9, watched: false });
    const page = await learner.page(`/xapi-course?package=${packageId}`);
    expect(page.html).to.match(new RegExp(`data-activity-id="${halfVideoId.replace(/[/.]/g, "\\$&")}" data-watched="true"`));
    expect(page.html).to.match(new RegExp(`data-activity-id="${defaultVideoId.replace(/[/.]/g, "\\$&")}" data-watched="false"`));
  });
});
