import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type NextFunction, type Request, type Response } from "express";
import { may } from "../domain/accounts.js";
import { type LaunchMode, launchModes } from "../domain/cmi5-launch.js";
import type { CreditPolicy } from "../domain/credit-policy.js";
import { UnauthenticatedError, ValidationError } from "../errors.js";
import type { ApiKeyService } from "../services/api-key-service.js";
import type { Cmi5Launcher } from "../services/cmi5-launcher.js";
import type { CreditService } from "../services/credit-service.js";
import type { LicenceVerification } from "../services/licence-verification.js";
import { createCreditsRouter } from "./credits-router.js";
import { createProgrammeRolesRouter } from "./programme-roles-router.js";
import type { ProgrammeRoleService } from "../services/programme-role-service.js";
import type { CertificateService } from "../services/certificate-service.js";
import type { RateLimit } from "./rate-limit.js";
import { createVerifyRouter, defaultVerifyRateLimit } from "./verify-router.js";
import type { PackageLibrary } from "../services/package-library.js";
import type { RegistrationService } from "../services/registration-service.js";
import type { PlayerStore } from "../store/player-store.js";
import { renderAuFrame } from "./au-frame.js";
import { serveContent } from "./content-serving.js";
import { descriptionOf, formatLabelOf, isLaunchable, packageSummaryJson } from "./package-summary.js";
import { ApiAuth, principalOf } from "./api-auth.js";
import { parseCookies, serializeCookie } from "./cookies.js";
import { chooseUiLanguage, createLearnerPagesRouter } from "./learner-pages-router.js";
import { createPortalApiRouter } from "./portal-api-router.js";
import { createXapiPagesRouter } from "./xapi-pages-router.js";
import type { StatementProgress } from "../services/statement-progress.js";
import type { XapiLauncher } from "../services/xapi-launcher.js";
import type { LaunchLinkService } from "../services/launch-links.js";
import { uiLanguageOf } from "./strings/ui-language.js";
import { securityHeaders } from "./security-headers.js";
import { receiveUpload } from "./upload.js";
import type { Views } from "./views.js";
import type { ScormRuntime } from "../services/scorm-runtime.js";
import { createScormRouter } from "./scorm-router.js";
import { renderXapiFrame } from "./xapi-frame.js";
import { type WebAuth, contextOf } from "./web-auth.js";

export interface PlayerRouterDeps {
  /** Licence numbers: the verifier's lookups and exports, the admin's licence API. */
  licences: LicenceVerification;
  store: PlayerStore;
  auth: WebAuth;
  views: Views;
  library: PackageLibrary;
  launcher: Cmi5Launcher;
  registrations: RegistrationService;
  apiKeys: ApiKeyService;
  credits: CreditService;
  /** Authors and trainers of programmes (credits by role). */
  programmeRoles: ProgrammeRoleService;
  /** Certificates: verification page, PDF and Open Badges downloads, JWKS, status list, revocation. */
  certificates: CertificateService;
  /** The public base URL certificates name; the request's origin when unset. */
  publicUrl?: string | undefined;
  /** Per-IP limit of the verification page. */
  verifyRateLimit?: RateLimit;
  clock?: () => Date;
  policy: CreditPolicy;
  tempDir: string;
  newId: () => string;
  maxUploadBytes?: number;
  /** The SCORM run-time (launch page, CMI commits). */
  scorm: ScormRuntime;
  /** CSP frame-ancestors of the embed pages (default "'self'"). */
  frameAncestors?: string;
  xapiLauncher: XapiLauncher;
  statementProgress: StatementProgress;
  launchLinks: LaunchLinkService;
}

const contentCookie = "obuka_content";
const assetsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "assets");

/** The player's pages and REST API. Mount it at the root of a portal or app. */
export function createPlayerRouter(deps: PlayerRouterDeps): express.Router {
  const { store, auth, views, library, launcher, credits, policy } = deps;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "64kb" });
  const origin = (req: Request) => `${req.protocol}://${req.get("host") ?? "127.0.0.1"}`;
  const creditFor = (courseId: string) => policy.courses.find((c) => c.course === courseId);
  const api = new ApiAuth({ keys: deps.apiKeys, web: auth });
  // Signed in to the player, or a browser a portal launch let in (see /cmi5/launch/:token).
  const contentAccess = (req: Request, res: Response, next: NextFunction): void => {
    if (contextOf(res).user) return next();
    const token = parseCookies(req.headers.cookie).get(contentCookie);
    const allowed = token ? launcher.contentAllowed(token, String(req.params.packageId)) : Promise.resolve(false);
    allowed.then((ok) => next(ok ? undefined : new UnauthenticatedError()), next);
  };

  router.use(securityHeaders);
  router.use(chooseUiLanguage);
  router.use("/assets", express.static(assetsDir, { fallthrough: false }));

  // The fetch URL authenticates by its one-time token alone (cmi5 8.2), so it comes before sessions.
  router.post("/cmi5/fetch/:token", async (req, res) => {
    res.status(200).json(await launcher.fetch(String(req.params.token)));
  });

  // A portal launch enters here in a browser with no player session: the cookie lets it
  // load the package's files while the AU session is open.
  router.get("/cmi5/launch/:token", async (req, res) => {
    const entry = await launcher.enter(String(req.params.token), origin(req));
    if (entry.contentPath) res.append("Set-Cookie", serializeCookie(contentCookie, entry.cookieToken, { sameSite: "Lax", path: entry.contentPath }));
    res.redirect(303, entry.auLaunchUrl);
  });

  router.use(auth.load);

  // A SCORM or xAPI launch a portal asked for, opened in any browser: one use, then refused.
  router.get("/launch/:token", async (req, res) => {
    const opening = await deps.launchLinks.open(String(req.params.token), origin(req), uiLanguageOf(res));
    res.setHeader("Cache-Control", "no-store");
    if (opening.outcome === "refused") {
      const heading = views.text(res, opening.reason === "used" ? "launchLink.used" : opening.reason === "expired" ? "launchLink.expired" : "launchLink.unknown");
      views.render(res, "launch-link", { title: views.text(res, "launchLink.title"), heading }, opening.reason === "unknown" ? 404 : 410);
      return;
    }
    auth.grantLaunch(res, opening.grantToken, opening.grantSeconds);
    // xAPI content runs in the player's frame page, like an AnyWindow cmi5 AU; a SCORM launch page is the player's own.
    if (opening.xapi) renderXapiFrame(views, res, { ticket: opening.xapi, origin: origin(req) });
    else res.redirect(303, opening.location);
  });

  router.use(createScormRouter({ runtime: deps.scorm, auth, views }));

  router.use(createLearnerPagesRouter({ store, auth, views, credits, policy, frameAncestors: deps.frameAncestors ?? "'self'", statementProgress: deps.statementProgress,
    startedPackages: { store, scorm: deps.scorm, statementProgress: deps.statementProgress } }));
  router.use(createXapiPagesRouter({ store, auth, views, xapiLauncher: deps.xapiLauncher, statementProgress: deps.statementProgress, origin }));

  router.get("/", (_req, res) => res.redirect(303, contextOf(res).user ? "/catalog" : "/login"));

  router.get("/login", (req, res) => views.render(res, "login", { title: views.text(res, "login.title"), next: safeNext(req.query.next) }));
  router.post("/login", form, auth.checkCsrf, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const username = typeof body.username === "string" ? body.username.trim() : "";
    const password = typeof body.password === "string" ? body.password : "";
    const user = username && password ? await auth.logIn(res, username, password) : undefined;
    if (!user) {
      views.render(res, "login", { title: views.text(res, "login.title"), error: true, username, next: safeNext(body.next) }, 401);
      return;
    }
    res.redirect(303, safeNext(body.next) ?? "/catalog");
  });
  router.post("/logout", form, auth.checkCsrf, async (req, res) => {
    await auth.logOut(req, res);
    res.redirect(303, "/login");
  });

  router.get("/catalog", auth.require(), async (_req, res) => {
    const courses = (await store.listPackages()).map((pkg) => ({
      title: pkg.content.title,
      description: descriptionOf(pkg),
      format: formatLabelOf(pkg),
      launchable: isLaunchable(pkg),
      courseIdParam: encodeURIComponent(pkg.courseId),
      // xAPI and SCORM packages have pages of their own (the course page is the cmi5 course's).
      // Path, parameter and value apart: the template escapes the value, and "=" stays literal.
      link: pkg.format === "xapi"
        ? { path: "/xapi-course", param: "package", value: pkg.packageId }
        : pkg.format === "scorm12" || pkg.format === "scorm2004"
          ? { path: "/scorm/launch", param: "package", value: pkg.packageId }
          : { path: "/course", param: "id", value: encodeURIComponent(pkg.courseId) },
      credit: creditFor(pkg.courseId),
    }));
    const user = contextOf(res).user;
    views.render(res, "catalog", { title: views.text(res, "catalog.title"), courses, canImport: user && may(user, "importPackages") });
  });

  router.post("/course/launch", form, auth.require("learn"), auth.checkCsrf, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    if (typeof body.courseId !== "string" || body.courseId === "") throw new ValidationError("courseId", "is required");
    if (typeof body.auId !== "string" || body.auId === "") throw new ValidationError("auId", "is required");
    const launchMode = body.launchMode ?? "Normal";
    if (!launchModes.includes(launchMode as LaunchMode)) throw new ValidationError("launchMode", `must be one of ${launchModes.join(", ")}`);
    const ticket = await launcher.launch(contextOf(res).user!, body.courseId, body.auId, origin(req), { launchMode: launchMode as LaunchMode });
    // OwnWindow (8.1.0.0-2): the course page posted into a new window, which goes to the AU itself.
    if (ticket.launchMethod === "OwnWindow") return res.redirect(303, ticket.auLaunchUrl);
    renderAuFrame(views, res, { ticket, courseId: body.courseId, origin: origin(req) });
  });

  // The returnURL of player launches (10.2.6): out of the AU frame, back to the course page.
  router.get("/course/return", (req, res) => {
    const courseId = typeof req.query.id === "string" ? req.query.id : "";
    if (courseId === "") throw new ValidationError("id", "is required (the course id)");
    const coursePath = `/course?id=${encodeURIComponent(courseId)}`;
    // Browsers say when a frame asks (Fetch Metadata); in a window of its own, plain redirect.
    const dest = req.get("sec-fetch-dest");
    if (dest !== "iframe" && dest !== "frame") return res.redirect(303, coursePath);
    views.render(res, "au-return", { title: views.text(res, "auFrame.back"), coursePath }, { layout: "embed-layout" });
  });

  router.use("/content/:packageId", contentAccess, serveContent((packageId) => library.contentDir(packageId)));

  router.get("/api/packages", api.require(), async (_req, res) => {
    res.json((await store.listPackages()).map(packageSummaryJson));
  });

  router.post("/api/packages", api.require("importPackages", { csrfInHandler: true }), async (req, res) => {
    // A portal's API key is not an ambient credential: only sessions need the CSRF token.
    const needsCsrf = principalOf(res)?.kind === "user";
    const headerToken = req.get("x-csrf-token");
    if (needsCsrf && headerToken !== undefined) auth.assertCsrf(req, res, headerToken);
    const upload = await receiveUpload(req, { fieldName: "package", tempDir: deps.tempDir, maxBytes: deps.maxUploadBytes ?? 1024 ** 3, id: deps.newId() });
    try {
      if (needsCsrf && headerToken === undefined) auth.assertCsrf(req, res, upload.fields._csrf);
      const imported = await library.importPackage(upload.file);
      res.status(imported.created ? 201 : 200).json({ ...packageSummaryJson(imported.package), created: imported.created });
    } finally {
      await upload.discard();
    }
  });

  router.use(createPortalApiRouter({ api, keys: deps.apiKeys, registrations: deps.registrations, launcher, origin }));

  router.use(createProgrammeRolesRouter({ api, roles: deps.programmeRoles }));
  router.use(createCreditsRouter({ auth, api, views, credits, licences: deps.licences, clock: deps.clock ?? (() => new Date()) }));

  router.use(createVerifyRouter({ certificates: deps.certificates, views, auth, api, publicUrl: deps.publicUrl, rateLimit: deps.verifyRateLimit ?? defaultVerifyRateLimit, clock: deps.clock ?? (() => new Date()) }));

  return router;
}

/** Only same-site paths may be redirect targets after login (browsers read "/\\host" as "//host"). */
function safeNext(value: unknown): string | undefined {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : undefined;
}
