// The learner's own pages beyond the catalog: the course page (also chromeless, for a
// portal's iframe), "Moje učenje" with resume, and the language switch.
import express, { type NextFunction, type Request, type Response } from "express";
import type { CreditPolicy } from "../domain/credit-policy.js";
import { listAus } from "../domain/cmi5-structure.js";
import { describeAus, resumeAu } from "../domain/learner-progress.js";
import { lmsActivityId } from "../domain/lms-ids.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { CreditService } from "../services/credit-service.js";
import type { StatementProgress } from "../services/statement-progress.js";
import { type StartedPackagesDeps, listStartedPackages } from "../services/started-packages.js";
import { formatLabelOf } from "./package-summary.js";
import { describeVideos } from "./xapi-pages-router.js";
import type { PlayerStore } from "../store/player-store.js";
import { serializeCookie } from "./cookies.js";
import { languageCookie, parseUiLanguage, pickLanguage, uiLanguageOf, uiLanguages } from "./strings/ui-language.js";
import type { Views } from "./views.js";
import { type WebAuth, contextOf } from "./web-auth.js";

export interface LearnerPagesDeps {
  store: PlayerStore;
  auth: WebAuth;
  views: Views;
  credits: CreditService;
  policy: CreditPolicy;
  /** CSP frame-ancestors of the embed pages, e.g. "'self' https://portal.example". */
  frameAncestors: string;
  /** Recorded trainings watched, shown on the course page. */
  statementProgress?: StatementProgress;
  /** SCORM and xAPI packages on "Moje učenje" besides cmi5 courses. */
  startedPackages?: StartedPackagesDeps;
}

const oneYear = 365 * 24 * 60 * 60;

/** Middleware: the page language is `?lang=` when given (embed links), else the cookie, else sr-Latn. */
export function chooseUiLanguage(req: Request, res: Response, next: NextFunction): void {
  const cookie = /(?:^|;\s*)obuka_lang=([^;]*)/.exec(req.headers.cookie ?? "")?.[1];
  res.locals.obukaLanguage = parseUiLanguage(req.query.lang) ?? parseUiLanguage(cookie) ?? "sr-Latn";
  next();
}

export function createLearnerPagesRouter(deps: LearnerPagesDeps): express.Router {
  const { store, auth, views, credits, policy } = deps;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "16kb" });
  const creditFor = (courseId: string) => policy.courses.find((c) => c.course === courseId);

  router.post("/language", form, auth.checkCsrf, (req, res) => {
    const body = req.body as Record<string, unknown>;
    const lang = parseUiLanguage(body.lang);
    if (!lang) throw new ValidationError("lang", `must be one of ${uiLanguages.join(", ")}`);
    res.append("Set-Cookie", serializeCookie(languageCookie, lang, { sameSite: "Lax", maxAgeSeconds: oneYear }));
    res.redirect(303, safeNext(body.next) ?? "/");
  });

  const renderCourse = (embed: boolean) => async (req: Request, res: Response): Promise<void> => {
    const courseId = typeof req.query.id === "string" ? req.query.id : "";
    if (embed && courseId === "") throw new ValidationError("id", "is required (the course id)");
    const course = await store.findCourse(courseId);
    if (!course) throw new NotFoundError("course");
    const user = contextOf(res).user!;
    const registration = await store.findRegistration(user.id, course.courseId);
    const progress = registration ? await store.listAuProgress(registration) : new Map();
    const satisfied = registration !== undefined && (await store.isSatisfied(registration, lmsActivityId("course", course.courseId, course.courseId)));
    views.render(
      res,
      "course",
      {
        title: pickLanguage(course.structure.title, uiLanguageOf(res)), course, aus: describeAus(course.structure, progress), satisfied, credit: creditFor(course.courseId), newWindow: embed,
        // OwnWindow AUs open in a window of their own (cmi5 8.1.0.0-2); the hint then explains it.
        anyNewWindow: embed || listAus(course.structure.children).some((au) => au.launchMethod === "OwnWindow"),
        videos: registration && deps.statementProgress ? describeVideos(await deps.statementProgress.videos(registration, course.courseId)) : [],
      },
      embed ? { layout: "embed-layout", frameAncestors: deps.frameAncestors } : {},
    );
  };
  router.get("/course", auth.require("learn"), renderCourse(false));
  // Without the player's chrome, for an iframe in a portal's page; AUs open in a new window.
  router.get("/embed/course", (req, res, next) => {
    // The sign-in page may not be framed by other origins, so the frame says where to sign in.
    if (contextOf(res).user) return next();
    const title = views.text(res, "embed.signIn");
    views.render(res, "embed-sign-in", { title, nextParam: encodeURIComponent(req.originalUrl) }, { status: 401, layout: "embed-layout", frameAncestors: deps.frameAncestors });
  }, auth.require("learn"), renderCourse(true));

  router.get("/my-learning", auth.require("learn"), async (_req, res) => {
    const user = contextOf(res).user!;
    const inProgress: Record<string, unknown>[] = [];
    const completed: Record<string, unknown>[] = [];
    for (const { registration, courseId } of await store.listRegistrationsOfUser(user.id)) {
      const course = await store.findCourse(courseId);
      if (!course) continue;
      const progress = await store.listAuProgress(registration);
      const units = describeAus(course.structure, progress).filter((status) => status.au.moveOn !== "NotApplicable");
      const satisfiedAt = (await store.listSatisfied(registration)).get(lmsActivityId("course", course.courseId, course.courseId));
      const entry = {
        title: course.structure.title, format: "cmi5", link: { path: "/course", param: "id", value: encodeURIComponent(courseId) },
        done: units.filter((u) => u.done || (progress.get(u.au.id)?.waived ?? false)).length, total: units.length, satisfiedAt,
      };
      if (satisfiedAt !== undefined) {
        completed.push(entry);
        continue;
      }
      const lastLaunched = (await store.listAuSessions(registration)).at(-1)?.auId;
      const au = resumeAu(course.structure, progress, lastLaunched);
      // OwnWindow AUs open in a window of their own here too, as on the course page (cmi5 8.1.0.0-2).
      inProgress.push({ ...entry, resume: au && { kind: "cmi5", title: au.title, courseId: course.courseId, unitId: au.id, newWindow: au.launchMethod === "OwnWindow" } });
    }
    if (deps.startedPackages) {
      for (const { pkg, summary, completedAt } of await listStartedPackages(deps.startedPackages, user.id)) {
        const scorm = pkg.format === "scorm12" || pkg.format === "scorm2004";
        const entry = {
          title: pkg.content.title, format: formatLabelOf(pkg), link: { path: scorm ? "/scorm/launch" : "/xapi-course", param: "package", value: pkg.packageId },
          done: summary.done, total: summary.total, satisfiedAt: completedAt,
        };
        if (summary.completed) completed.push(entry);
        else inProgress.push({ ...entry, resume: summary.resume && { kind: scorm ? "scorm" : "xapi", title: summary.resume.title, packageId: pkg.packageId, unitId: summary.resume.id, byName: summary.resume.openByName } });
      }
    }
    const lines = await credits.transcript(user);
    views.render(res, "my-learning", {
      title: views.text(res, "myLearning.title"),
      inProgress,
      completed,
      lines,
      totalPoints: lines.reduce((sum, line) => sum + line.credit.points, 0),
    });
  });

  return router;
}

/** Only same-site paths may be redirect targets. */
function safeNext(value: unknown): string | undefined {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : undefined;
}
