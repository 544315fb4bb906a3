// The learner's pages for xAPI (TinCan) packages: the package page with its activities, what
// the learner did in each and the recorded trainings watched, and the launch.
import path from "node:path";
import express, { type Request } from "express";
import { NotFoundError, ValidationError } from "../errors.js";
import type { StatementProgress, VideoProgress } from "../services/statement-progress.js";
import type { XapiLauncher } from "../services/xapi-launcher.js";
import type { PlayerStore } from "../store/player-store.js";
import { descriptionOf } from "./package-summary.js";
import { pickLanguage, uiLanguageOf } from "./strings/ui-language.js";
import type { Views } from "./views.js";
import { renderXapiFrame } from "./xapi-frame.js";
import { type WebAuth, contextOf } from "./web-auth.js";

export interface XapiPagesDeps {
  store: PlayerStore;
  auth: WebAuth;
  views: Views;
  xapiLauncher: XapiLauncher;
  statementProgress: StatementProgress;
  origin: (req: Request) => string;
}

export function createXapiPagesRouter(deps: XapiPagesDeps): express.Router {
  const { store, auth, views, xapiLauncher, statementProgress } = deps;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "16kb" });

  router.get("/xapi-course", auth.require("learn"), async (req, res) => {
    const packageId = typeof req.query.package === "string" ? req.query.package : "";
    const pkg = packageId ? await store.findPackage(packageId) : undefined;
    if (!pkg || pkg.content.format !== "xapi") throw new NotFoundError("package");
    const user = contextOf(res).user!;
    const registration = await store.findRegistration(user.id, pkg.courseId);
    const activities = registration
      ? await statementProgress.xapiActivities(registration, pkg.content)
      : pkg.content.activities.map((a) => ({ id: a.id, name: a.name, launchable: a.launch !== undefined, completed: false, passed: false, failed: false }));
    const videos = registration ? describeVideos(await statementProgress.videos(registration, pkg.courseId)) : [];
    views.render(res, "xapi-course", {
      title: pickLanguage(pkg.content.title, uiLanguageOf(res)),
      pkg,
      description: descriptionOf(pkg),
      activities: activities.filter((a) => a.launchable),
      videos,
    });
  });

  router.post("/xapi-course/launch", form, auth.require("learn"), auth.checkCsrf, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (typeof body.packageId !== "string" || body.packageId === "") throw new ValidationError("packageId", "is required");
    if (body.activityId !== undefined && (typeof body.activityId !== "string" || body.activityId === "")) throw new ValidationError("activityId", "must be an activity id of the package");
    const origin = deps.origin(req);
    const ticket = await xapiLauncher.launch(contextOf(res).user!, body.packageId, body.activityId as string | undefined, origin, uiLanguageOf(res));
    renderXapiFrame(views, res, { ticket, origin });
  });

  return router;
}

/** What a page shows of each recorded training. */
export function describeVideos(videos: readonly VideoProgress[]): Record<string, unknown>[] {
  return videos.map((v) => ({
    ...v,
    mediaName: path.posix.basename(v.mediaPath),
    lengthKnown: v.progress !== undefined,
    percent: Math.floor((v.progress ?? 0) * 100),
    thresholdPercent: Math.round(v.threshold * 100),
  }));
}
