// The runtime against a slow and failing LMS in Chromium: statements refused with 503 are
// retried; statements the LRS is still sitting on when the learner leaves the page go again,
// with Terminated last, in one keepalive request that outlives the page (xAPI and cmi5).
// The SCORM side (a dropped commit retried, the final commit on page hide) is in
// runtime-browser.test.ts.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import express from "express";
import { type Browser } from "playwright-core";
import { buildCourse } from "../../authoring/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { launchChromium, requireChromium } from "../support/browser.js";
import { courseId, moduleIds, writeMultiModuleCourse } from "./support/multi-module-course.js";
import { createUnreliableLrs, type UnreliableLrs } from "./support/unreliable-lrs.js";

const actor = { objectType: "Agent", name: "Milica", account: { homePage: "https://obuka.test/accounts", name: "milica" } };
const registration = "8f1c1b52-3c8e-4b5a-9d43-2b6f0f6a1a22";
const verbOf = (statement: unknown) => String((statement as { verb?: { id?: string } } | undefined)?.verb?.id ?? "").split("/").pop();
const isBatch = (r: { method: string; path: string; body: unknown }) => r.method === "POST" && r.path === "/xapi/statements" && Array.isArray(r.body);

describe("authoring runtime in Chromium: a slow and failing LMS, and the learner leaving the page", function () {
  let browser: Browser;
  let dir: string;
  let server: Server;
  let baseUrl: string;
  let lrs: UnreliableLrs;
  const app = express();

  before(async function () {
    requireChromium(this);
    const cwd = await writeMultiModuleCourse();
    dir = await mkdtemp(path.join(os.tmpdir(), "obuka-page-hide-"));
    for (const format of ["xapi", "cmi5"]) {
      const [zip] = await buildCourse({ cwd, courseDir: "courses/fixture", format, outDir: path.join(dir, "dist") });
      await extractZip(zip!, path.join(dir, format));
      app.use(`/${format}`, express.static(path.join(dir, format)));
    }
    // Each test puts in its own stand-in.
    app.use("/lrs", (req, res, next) => lrs.router(req, res, next));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("xAPI: retries the 503s, then on page hide sends the held statements and Terminated in one batch, and the resume state", async () => {
    lrs = createUnreliableLrs({ failFirst: 2 });
    const page = await browser.newPage();
    const auth = `Basic ${Buffer.from("key:secret").toString("base64")}`;
    await page.goto(`${baseUrl}/xapi/au/02/index.html?${new URLSearchParams({ endpoint: `${baseUrl}/lrs/xapi/`, auth, actor: JSON.stringify(actor), registration, activity_id: courseId }).toString()}`);
    // The only page of module 2 is shown: completed and experienced wait behind the slow LRS.
    await lrs.waitFor((r) => r.method === "POST" && !Array.isArray(r.body) && verbOf(r.body) === "completed");
    const initializedTries = lrs.requests.filter((r) => r.method === "POST" && !Array.isArray(r.body) && verbOf(r.body) === "initialized");
    expect(initializedTries, "two 503s, then accepted").to.have.length(3);
    expect(new Set(initializedTries.map((r) => (r.body as { id: string }).id)).size, "a retry keeps the statement id").to.equal(1);

    await page.goto("about:blank");
    const batch = (await lrs.waitFor(isBatch)).body as { id: string; verb: { id: string }; object: { id: string } }[];
    expect(batch.map(verbOf)).to.deep.equal(["completed", "experienced", "terminated"]);
    expect(batch.at(-1)!.object.id).to.equal(moduleIds[1]);
    const state = await lrs.waitFor((r) => r.method === "PUT" && r.path === "/xapi/activities/state");
    expect(state.body).to.deep.include({ v: 1, p: 0, s: [0] });

    // The slow LRS finally answers the held request: the same statement, not a new one.
    lrs.release();
    const completed = lrs.accepted.filter((a) => verbOf(a.statement) === "completed");
    expect(completed.map((a) => a.inBatch)).to.deep.equal([true, false]);
    expect(completed[0]!.statement.id).to.equal(completed[1]!.statement.id);
    await page.close();
  });

  it("xAPI: seeking the training video sends seeked with time-from and time-to (ADL Video Profile)", async () => {
    lrs = createUnreliableLrs({ failFirst: 0 });
    lrs.release();
    const page = await browser.newPage();
    const auth = `Basic ${Buffer.from("key:secret").toString("base64")}`;
    await page.goto(`${baseUrl}/xapi/au/01/index.html?${new URLSearchParams({ endpoint: `${baseUrl}/lrs/xapi/`, auth, actor: JSON.stringify(actor), registration }).toString()}`);
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor();
    await page.locator('button[data-testid="next"]').click();
    const video = page.locator('video[data-testid="training-video"]');
    await video.evaluate((element: HTMLVideoElement) => (element.readyState >= 1 ? undefined : new Promise((resolve) => element.addEventListener("loadedmetadata", resolve, { once: true }))));
    await lrs.waitFor((r) => verbOf(r.body) === "initialized" && String((r.body as { object: { id: string } }).object.id).includes("/videos/"));
    const landed = await video.evaluate(
      (element: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          element.addEventListener("seeked", () => resolve(element.currentTime), { once: true });
          element.muted = true;
          // Loaded and paused, as a learner would have it before dragging the seekbar.
          void element.play().then(() => {
            element.pause();
            element.currentTime = 1.5;
          });
        }),
    );
    expect(landed).to.equal(1.5);
    const seeked = (await lrs.waitFor((r) => verbOf(r.body) === "seeked")).body as Record<string, any>;
    expect(seeked.object.definition.type).to.equal("https://w3id.org/xapi/video/activity-type/video");
    // From where play() was paused (the first frames), to where the seekbar was dropped.
    expect(seeked.result.extensions["https://w3id.org/xapi/video/extensions/time-to"]).to.equal(1.5);
    expect(seeked.result.extensions["https://w3id.org/xapi/video/extensions/time-from"]).to.be.within(0, 0.49);
    expect(seeked.context.extensions).to.have.property("https://w3id.org/xapi/video/extensions/session-id");
    expect(seeked.context.contextActivities.category).to.deep.equal([{ objectType: "Activity", id: "https://w3id.org/xapi/video" }]);
    await page.close();
  });

  it("cmi5: after a retried Initialized, page hide sends Completed and Terminated last in one keepalive batch (9.3.8)", async () => {
    const sessionId = "0b7f8a3e-4c1d-4e7a-9f55-1f2a3b4c5d6e";
    const contextTemplate = { contextActivities: { grouping: [{ objectType: "Activity", id: moduleIds[1] }] }, extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": sessionId } };
    lrs = createUnreliableLrs({ failFirst: 2, launchData: { contextTemplate, launchMode: "Normal", moveOn: "Completed" } });
    const page = await browser.newPage();
    const activityId = "urn:obuka:cmi5:au:test";
    await page.goto(`${baseUrl}/cmi5/au/02/index.html?${new URLSearchParams({ endpoint: `${baseUrl}/lrs/xapi/`, fetch: `${baseUrl}/lrs/fetch`, actor: JSON.stringify(actor), registration, activityId }).toString()}`);
    await page.locator('[data-testid="status"][data-state="ready"]').waitFor();
    await lrs.waitFor((r) => r.method === "POST" && !Array.isArray(r.body) && verbOf(r.body) === "completed");

    await page.goto("about:blank");
    // The previous test's page may still be delivering its own keepalive batch to this stand-in.
    const ofThisAu = (r: { method: string; path: string; body: unknown }) => isBatch(r) && (r.body as { object?: { id?: string } }[]).every((s) => s.object?.id === activityId);
    const batch = (await lrs.waitFor(ofThisAu)).body as Record<string, any>[];
    expect(batch.map(verbOf)).to.deep.equal(["completed", "terminated"]);
    for (const statement of batch) {
      expect(statement.object.id).to.equal(activityId);
      expect(statement.context.registration).to.equal(registration);
      expect(statement.context.extensions["https://w3id.org/xapi/cmi5/context/extensions/sessionid"], "context template kept").to.equal(sessionId);
    }
    expect(batch[1]!.result.duration).to.match(/^PT\d+(\.\d+)?S$/);
    expect(Date.parse(batch[1]!.timestamp)).to.be.at.least(Date.parse(batch[0]!.timestamp));
    lrs.release();
    await page.close();
  });
});
