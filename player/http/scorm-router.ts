import { createRequire } from "node:module";
import path from "node:path";
import express from "express";
import { ValidationError } from "../errors.js";
import type { CommitEvent, ScormRuntime } from "../services/scorm-runtime.js";
import type { Views } from "./views.js";
import { type WebAuth, contextOf } from "./web-auth.js";

export interface ScormRouterDeps {
  runtime: ScormRuntime;
  auth: WebAuth;
  views: Views;
}

/** scorm-again's browser bundle, served from node_modules so no page depends on a CDN. */
const scormAgainDist = path.dirname(createRequire(import.meta.url).resolve("scorm-again"));
const commitEvents: readonly CommitEvent[] = ["initialize", "commit", "terminate", "unload"];

/**
 * The SCORM run-time over HTTP: the launch page (the frame that holds window.API and
 * window.API_1484_11 around the SCO's iframe) and the JSON endpoint SCO data is committed to.
 * Mount after `auth.load`.
 */
export function createScormRouter(deps: ScormRouterDeps): express.Router {
  const { runtime, auth, views } = deps;
  const router = express.Router();
  // 2004 suspend data is up to 64000 characters, interactions come on top.
  const json = express.json({ limit: "1mb" });

  router.get("/scorm/runtime/scorm-again.min.js", (_req, res, next) => {
    res.type("application/javascript").sendFile(path.join(scormAgainDist, "scorm-again.min.js"), { maxAge: "1h" }, (error) => error && next(error));
  });

  router.get("/scorm/launch", auth.require("learn"), async (req, res) => {
    const packageId = optionalText(req.query.package, "package");
    if (packageId === undefined) throw new ValidationError("package", "is required");
    const mode = optionalText(req.query.mode, "mode");
    // Review is not asked for: the player reviews a finished attempt on its own.
    if (mode !== undefined && mode !== "browse") throw new ValidationError("mode", "must be browse (a finished SCO opens in review on its own)");
    const launch = await runtime.launch(contextOf(res).user!, packageId, optionalText(req.query.sco, "sco"), optionalText(req.query.from, "from"), mode);
    const link = (scoId: string) => `/scorm/launch?package=${encodeURIComponent(launch.packageId)}&sco=${encodeURIComponent(scoId)}&from=${encodeURIComponent(launch.scoId)}`;
    views.render(res, "scorm-launch", {
      title: `${launch.scoTitle} · ${launch.courseTitle}`,
      launch,
      launchJson: JSON.stringify({
        version: launch.version,
        sessionId: launch.sessionId,
        contentUrl: launch.contentUrl,
        commitUrl: `/api/scorm/sessions/${encodeURIComponent(launch.sessionId)}/commit`,
        cmi: launch.cmi,
        previousUrl: launch.previous && link(launch.previous),
        nextUrl: launch.next && link(launch.next),
        choiceUrl: link("__SCO__"),
        navigateUrl: `/api/scorm/sessions/${encodeURIComponent(launch.sessionId)}/navigate`,
        requestValid: launch.requestValid,
      }),
      previousUrl: launch.previous && link(launch.previous),
      nextUrl: launch.next && link(launch.next),
      toc: launch.toc.map((entry) => ({ ...entry, url: entry.choosable && !entry.current ? link(entry.id) : undefined, indent: `toc-depth-${Math.min(entry.depth, 4)}` })),
      reviewing: launch.mode === "review",
      browsing: launch.mode === "browse",
      courseCompleted: launch.course.completed === true,
      courseSatisfied: launch.course.satisfied,
    });
  });

  // A navigation request from the launch page; answers with the next launch's URL or an outcome the page explains.
  router.post("/api/scorm/sessions/:sessionId/navigate", json, auth.require("learn"), auth.checkCsrf, async (req, res) => {
    const body = req.body as unknown;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ValidationError("body", "must be a JSON object");
    const { request, cmi, scoTerminated = false } = body as Record<string, unknown>;
    if (typeof request !== "string" || request.length > 4000) throw new ValidationError("request", "must be a navigation request (text)");
    if (cmi !== undefined && (typeof cmi !== "object" || cmi === null || Array.isArray(cmi))) throw new ValidationError("cmi", "must be an object");
    if (typeof scoTerminated !== "boolean") throw new ValidationError("scoTerminated", "must be true or false");
    const result = await runtime.navigate(contextOf(res).user!, String(req.params.sessionId), request, cmi as Record<string, unknown> | undefined, scoTerminated);
    if (result.outcome !== "deliver") {
      res.json({ outcome: result.outcome });
      return;
    }
    res.json({ outcome: "deliver", url: `/scorm/launch?package=${encodeURIComponent(result.packageId)}&sco=${encodeURIComponent(result.scoId)}&from=${encodeURIComponent(result.from)}` });
  });

  router.post("/api/scorm/sessions/:sessionId/commit", json, auth.require("learn"), auth.checkCsrf, async (req, res) => {
    const body = req.body as unknown;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ValidationError("body", "must be a JSON object");
    const { event = "commit", cmi } = body as Record<string, unknown>;
    if (!commitEvents.includes(event as CommitEvent)) throw new ValidationError("event", `must be one of ${commitEvents.join(", ")}`);
    if (cmi !== undefined && (typeof cmi !== "object" || cmi === null || Array.isArray(cmi))) throw new ValidationError("cmi", "must be an object");
    const outcome = await runtime.commit(contextOf(res).user!, String(req.params.sessionId), event as CommitEvent, cmi as Record<string, unknown> | undefined);
    // The shape scorm-again's response handler reads: result and errorCode.
    res.json({ result: true, errorCode: 0, ignored: outcome.ignored });
  });

  router.get("/api/scorm/sessions/:sessionId/cmi", auth.require("learn"), async (req, res) => {
    res.json(await runtime.readCmi(contextOf(res).user!, String(req.params.sessionId)));
  });

  return router;
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string" || value.length > 2000) throw new ValidationError(field, "must be a single text value");
  return value;
}
