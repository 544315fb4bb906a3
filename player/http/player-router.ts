import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type NextFunction, type Request, type Response } from "express";
import { may } from "../domain/accounts.js";
import { listAus } from "../domain/cmi5-structure.js";
import { isAuSatisfied, noProgress } from "../domain/cmi5-progress.js";
import type { CreditPolicy } from "../domain/credit-policy.js";
import { lmsActivityId } from "../domain/lms-ids.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Cmi5Launcher } from "../services/cmi5-launcher.js";
import type { CreditService } from "../services/credit-service.js";
import type { PackageLibrary } from "../services/package-library.js";
import type { PlayerStore } from "../store/player-store.js";
import { securityHeaders } from "./security-headers.js";
import { receiveUpload } from "./upload.js";
import type { Views } from "./views.js";
import { type WebAuth, contextOf } from "./web-auth.js";

export interface PlayerRouterDeps {
  store: PlayerStore;
  auth: WebAuth;
  views: Views;
  library: PackageLibrary;
  launcher: Cmi5Launcher;
  credits: CreditService;
  policy: CreditPolicy;
  tempDir: string;
  newId: () => string;
  maxUploadBytes?: number;
}

const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "assets");

/** The player's pages and REST API. Mount it at the root of a portal or app. */
export function createPlayerRouter(deps: PlayerRouterDeps): express.Router {
  const { store, auth, views, library, launcher, credits, policy } = deps;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "64kb" });
  const handle = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
  const origin = (req: Request) => `${req.protocol}://${req.get("host") ?? "127.0.0.1"}`;
  const creditFor = (courseId: string) => policy.courses.find((c) => c.course === courseId);

  router.use(securityHeaders);
  router.use("/assets", express.static(assetsDir, { fallthrough: false }));

  // The fetch URL authenticates by its one-time token alone (cmi5 8.2), so it comes before sessions.
  router.post("/cmi5/fetch/:token", handle(async (req, res) => {
    res.status(200).json(await launcher.fetch(String(req.params.token)));
  }));

  router.use(auth.load);

  router.get("/", (_req, res) => res.redirect(303, contextOf(res).user ? "/catalog" : "/login"));

  router.get("/login", (req, res) => views.render(res, "login", { title: "Prijava", next: safeNext(req.query.next) }));
  router.post("/login", form, auth.checkCsrf, handle(async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const username = typeof body.username === "string" ? body.username.trim() : "";
    const password = typeof body.password === "string" ? body.password : "";
    const user = username && password ? await auth.logIn(res, username, password) : undefined;
    if (!user) {
      views.render(res, "login", { title: "Prijava", error: "Pogrešno korisničko ime ili lozinka.", username, next: safeNext(body.next) }, 401);
      return;
    }
    res.redirect(303, safeNext(body.next) ?? "/catalog");
  }));
  router.post("/logout", form, auth.checkCsrf, handle(async (req, res) => {
    await auth.logOut(req, res);
    res.redirect(303, "/login");
  }));

  router.get("/catalog", auth.require(), handle(async (_req, res) => {
    const courses = (await store.listCourses()).map((course) => ({
      ...course,
      courseIdParam: encodeURIComponent(course.courseId),
      credit: creditFor(course.courseId),
    }));
    const user = contextOf(res).user;
    views.render(res, "catalog", { title: "Katalog", courses, canImport: user && may(user, "importPackages") });
  }));

  router.get("/course", auth.require("learn"), handle(async (req, res) => {
    const courseId = typeof req.query.id === "string" ? req.query.id : "";
    const course = await store.findCourse(courseId);
    if (!course) throw new NotFoundError("course");
    const user = contextOf(res).user!;
    const registration = await store.findRegistration(user.id, course.courseId);
    const progress = registration ? await store.listAuProgress(registration) : new Map();
    const aus = listAus(course.structure.children).map((au) => {
      const p = progress.get(au.id) ?? noProgress;
      const statusText = isAuSatisfied(au.moveOn, p) && au.moveOn !== "NotApplicable"
        ? "Završeno"
        : p.completed || p.passed || p.failed
          ? [p.completed && "pregledano", p.passed && "položeno", p.failed && !p.passed && "nije položeno"].filter(Boolean).join(", ")
          : "Nije započeto";
      return { au, statusText };
    });
    const satisfied = registration !== undefined && (await store.isSatisfied(registration, lmsActivityId("course", course.courseId, course.courseId)));
    views.render(res, "course", { title: pickTitle(course.structure.title), course, aus, satisfied, credit: creditFor(course.courseId) });
  }));

  router.post("/course/launch", form, auth.require("learn"), auth.checkCsrf, handle(async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (typeof body.courseId !== "string" || body.courseId === "") throw new ValidationError("courseId", "is required");
    if (typeof body.auId !== "string" || body.auId === "") throw new ValidationError("auId", "is required");
    res.redirect(303, await launcher.launch(contextOf(res).user!, body.courseId, body.auId, origin(req)));
  }));

  router.use("/content/:packageId", auth.require(), (req, res, next) => {
    const packageId = String(req.params.packageId);
    if (!/^[0-9a-f-]{36}$/.test(packageId)) return next(new NotFoundError("package"));
    express.static(library.contentDir(packageId), { fallthrough: false, dotfiles: "deny" })(req, res, (error?: unknown) =>
      next(error ? new NotFoundError("file") : undefined),
    );
  });

  router.get("/api/packages", auth.require(), handle(async (_req, res) => {
    const courses = await store.listCourses();
    res.json(courses.map((c) => ({ courseId: c.courseId, packageId: c.packageId, title: c.structure.title, importedAt: c.importedAt, aus: listAus(c.structure.children).map((au) => ({ id: au.id, title: au.title, moveOn: au.moveOn, masteryScore: au.masteryScore })) })));
  }));

  router.post("/api/packages", auth.require("importPackages"), handle(async (req, res) => {
    const headerToken = req.get("x-csrf-token");
    if (headerToken !== undefined) auth.assertCsrf(req, res, headerToken);
    const upload = await receiveUpload(req, { fieldName: "package", tempDir: deps.tempDir, maxBytes: deps.maxUploadBytes ?? 1024 ** 3, id: deps.newId() });
    try {
      if (headerToken === undefined) auth.assertCsrf(req, res, upload.fields._csrf);
      const { course, created } = await library.importZip(upload.file);
      res.status(created ? 201 : 200).json({
        courseId: course.courseId,
        packageId: course.packageId,
        title: course.structure.title,
        created,
        aus: listAus(course.structure.children).map((au) => ({ id: au.id, title: au.title })),
      });
    } finally {
      await upload.discard();
    }
  }));

  router.get("/transcript", auth.require("learn"), handle(async (_req, res) => {
    const lines = await credits.transcript(contextOf(res).user!);
    views.render(res, "transcript", {
      title: "Moji bodovi",
      licensingBody: policy.licensingBody,
      lines: lines.map((line) => ({ ...line, ruleText: "cmi5: obuka zadovoljena (sve jedinice ispunile uslov moveOn)" })),
      totalPoints: lines.reduce((sum, line) => sum + line.credit.points, 0),
    });
  }));

  router.get("/verify", handle(async (req, res) => {
    const code = typeof req.query.code === "string" ? req.query.code : "";
    const result = code ? await credits.verify(code) : undefined;
    views.render(res, "verify", { title: "Provera sertifikata", code, result });
  }));

  return router;
}

/** Only same-site paths may be redirect targets after login. */
function safeNext(value: unknown): string | undefined {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : undefined;
}

function pickTitle(map: Record<string, string>): string {
  return map["sr-Latn"] ?? Object.values(map)[0] ?? "";
}
