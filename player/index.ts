// Public entry of the player: what a portal needs to mount obuka's LMS.
import { randomUUID } from "node:crypto";
import path from "node:path";
import express from "express";
import type { Credential, Lrs } from "../lrs/index.js";
import { type CreditPolicy, emptyCreditPolicy } from "./domain/credit-policy.js";
import { createErrorHandler, type Logger } from "./http/error-handler.js";
import { createPlayerRouter } from "./http/player-router.js";
import { Views } from "./http/views.js";
import { WebAuth } from "./http/web-auth.js";
import { ApiKeyService } from "./services/api-key-service.js";
import { Cmi5Launcher } from "./services/cmi5-launcher.js";
import { CreditService } from "./services/credit-service.js";
import { LicenceVerification } from "./services/licence-verification.js";
import { CertificateService } from "./services/certificate-service.js";
import { IssuerKeys } from "./services/issuer-keys.js";
import type { RateLimit } from "./http/rate-limit.js";
import type { ExtractLimits } from "./packages/extract-zip.js";
import { PackageLibrary } from "./services/package-library.js";
import { ProgressTracker } from "./services/progress-tracker.js";
import { RegistrationService } from "./services/registration-service.js";
import { ScormRuntime } from "./services/scorm-runtime.js";
import { LaunchLinkService } from "./services/launch-links.js";
import { StatementProgress } from "./services/statement-progress.js";
import { ProgrammeRoleService } from "./services/programme-role-service.js";
import { XapiCourseRecorder } from "./services/xapi-course-recorder.js";
import { XapiLauncher } from "./services/xapi-launcher.js";
import { type PortalLearner, PortalLearners } from "./services/portal-learners.js";
import type { PlayerStore } from "./store/player-store.js";

export interface PlayerOptions {
  lrs: Lrs;
  store: PlayerStore;
  /**
   * The host portal's signed-in learner for this request, or undefined (then the player's own
   * sign-in applies, e.g. for trainers and admins). The portal's id becomes the player username.
   */
  identify?: (req: express.Request) => PortalLearner | undefined | Promise<PortalLearner | undefined>;
  /** Unpacked packages and upload temp files live here (default ./data). */
  dataDir?: string;
  /** Where unpacked packages live instead of dataDir/packages: one directory every node shares, so any node serves any package. */
  contentDir?: string;
  /** The licensing body's credit policy (default: none, so no course earns credit). */
  policy?: CreditPolicy;
  /** homePage of learners' xAPI accounts; keep it stable (default https://obuka.local/accounts). */
  accountHomePage?: string;
  newId?: () => string;
  clock?: () => Date;
  logger?: Logger;
  /**
   * Origins allowed to frame the embed pages (`/embed/course`), as CSP frame-ancestors
   * sources, e.g. ["'self'", "https://portal.example"]; default ["'self'"].
   */
  frameAncestors?: readonly string[];
  /** Zip bomb limits for package import (entries, total bytes, compression ratio); defaults otherwise. */
  packageLimits?: Partial<ExtractLimits>;
  /** Certificates: issuer name and key file (default dataDir/issuer-keys.json), public URL, verification rate limit. */
  certificates?: CertificateOptions;
}

export interface CertificateOptions {
  /** Who issues the certificates, as printed and signed (default "obuka"). */
  issuerName?: string;
  /** The issuer's Ed25519 keys, created on first start; keep it out of the repository and backed up. */
  issuerKeyFile?: string;
  /** The public base URL (https://…) certificates, QR codes and credentials name; the request's origin when unset. */
  publicUrl?: string;
  /** Per-IP limit of the public verification page (default 60 at once, 60 more per minute). */
  verifyRateLimit?: RateLimit;
}

export interface Player {
  /** Pages, REST API, cmi5 fetch URLs and package content; mount at the root of the app. */
  router: express.Router;
  library: PackageLibrary;
  credits: CreditService;
  certificates: CertificateService;
  launcher: Cmi5Launcher;
  registrations: RegistrationService;
  apiKeys: ApiKeyService;
}

const lmsCredentialName = "obuka LMS";

/** Builds the player on top of an LRS: the LMS writes launch data and Satisfied there and reads credits back. */
export async function createPlayer(options: PlayerOptions): Promise<Player> {
  const { lrs, store } = options;
  const policy = options.policy ?? emptyCreditPolicy;
  const accountHomePage = options.accountHomePage ?? "https://obuka.local/accounts";
  const newId = options.newId ?? randomUUID;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? { error: (message: string, error?: unknown) => console.error(message, error) };
  const dataDir = path.resolve(options.dataDir ?? "data");
  const frameAncestors = parseFrameAncestors(options.frameAncestors ?? ["'self'"]);
  const portalLearners = new PortalLearners({ store, newId });
  const identify = options.identify;
  const lmsCredential = await findOrCreateLmsCredential(lrs, accountHomePage);
  const library = new PackageLibrary({
    store,
    packagesRoot: path.resolve(options.contentDir ?? path.join(dataDir, "packages")),
    newId,
    clock,
    ...(options.packageLimits ? { limits: options.packageLimits } : {}),
  });
  const certificateOptions = options.certificates ?? {};
  const issuerKeys = await IssuerKeys.open(path.resolve(certificateOptions.issuerKeyFile ?? path.join(dataDir, "issuer-keys.json")), clock);
  const certificates = new CertificateService({ store, keys: issuerKeys, issuerName: certificateOptions.issuerName ?? "obuka", clock });
  const statementProgress = new StatementProgress({ store, lrs, lmsCredential });
  const credits = new CreditService({ store, lrs, lmsCredential, policy, accountHomePage, clock, certificates, statementProgress });
  const licences = new LicenceVerification({ store, credits, clock });
  const programmeRoles = new ProgrammeRoleService({
    store, lrs, lmsCredential, policy, accountHomePage, newId, clock,
    onRoleRecorded: async (userId) => {
      const user = await store.findUserById(userId);
      if (user) await credits.transcript(user);
    },
  });
  const progress = new ProgressTracker({
    store,
    lrs,
    lmsCredential,
    accountHomePage,
    newId,
    clock,
    onCourseSatisfied: async (userId) => {
      const user = await store.findUserById(userId);
      if (user) await credits.transcript(user);
    },
  });
  progress.attach();
  const launcher = new Cmi5Launcher({ store, lrs, lmsCredential, progress, accountHomePage, newId, clock });
  const scorm = new ScormRuntime({ store, lrs, lmsCredential, accountHomePage, newId, clock });
  const xapiLauncher = new XapiLauncher({ store, lrs, cmi5: launcher, accountHomePage, newId, clock });
  xapiLauncher.attach();
  // The LMS records an xAPI course completed/passed with its own authority, so it can earn credit.
  new XapiCourseRecorder({
    store, lrs, lmsCredential, statementProgress, accountHomePage, newId, clock,
    onCourseOutcome: async (userId) => {
      const user = await store.findUserById(userId);
      if (user) await credits.transcript(user);
    },
  }).attach();
  const launchLinks = new LaunchLinkService({ store, xapiLauncher, clock });
  const registrations = new RegistrationService({ store, lrs, lmsCredential, launcher, progress, accountHomePage, newId, clock, statementProgress, scorm, xapiLauncher, launchLinks });
  const apiKeys = new ApiKeyService({ store, clock });
  const views = new Views();
  const router = express.Router();
  router.use(
    createPlayerRouter({
      store,
      auth: new WebAuth({
        store,
        clock,
        ...(identify ? { identify: async (req: express.Request) => {
          const learner = await identify(req);
          return learner === undefined ? undefined : portalLearners.userFor(learner);
        } } : {}),
      }),
      views,
      library,
      launcher,
      registrations,
      apiKeys,
      credits,
      programmeRoles,
      licences,
      certificates,
      publicUrl: certificateOptions.publicUrl,
      ...(certificateOptions.verifyRateLimit ? { verifyRateLimit: certificateOptions.verifyRateLimit } : {}),
      clock,
      policy,
      tempDir: path.join(dataDir, "tmp"),
      newId,
      frameAncestors,
      xapiLauncher,
      statementProgress,
      scorm,
      launchLinks,
    }),
  );
  router.use(createErrorHandler(views, logger));
  return { router, library, credits, certificates, launcher, registrations, apiKeys };
}

/** frameAncestors goes into a header: only CSP source expressions, nothing that could end the directive. */
function parseFrameAncestors(sources: readonly string[]): string {
  if (sources.length === 0) throw new TypeError("frameAncestors: give at least one source, e.g. \"'self'\"");
  for (const source of sources) {
    if (!/^(?:'self'|'none'|[a-z][a-z0-9+.-]*:(?:\/\/[^\s;,'"]+)?|[^\s;,'":]+(?::\d+)?)$/i.test(source)) throw new TypeError(`frameAncestors: "${source}" is not a CSP source expression`);
  }
  return sources.join(" ");
}

/** The LMS's own credential; its fixed authority is what makes Satisfied statements trusted for credit. */
async function findOrCreateLmsCredential(lrs: Lrs, accountHomePage: string): Promise<Credential> {
  const existing = (await lrs.credentials.list()).find((c) => c.name === lmsCredentialName && !c.revoked);
  if (existing) return existing;
  const authority = { objectType: "Agent" as const, name: lmsCredentialName, account: { homePage: accountHomePage, name: "obuka-lms" } };
  return (await lrs.credentials.create({ name: lmsCredentialName, scopes: ["all"], authority })).credential;
}

export { parseCreditPolicy, readCreditPolicy } from "./domain/credit-policy.js";
export type { CreditPolicy } from "./domain/credit-policy.js";
export { SqlitePlayerStore } from "./store/sqlite/sqlite-player-store.js";
export { PostgresPlayerStore } from "./store/postgres/postgres-player-store.js";
export type { PostgresPlayerStoreOptions } from "./store/postgres/postgres-player-store.js";
export { openPlayerStore } from "./store/open-player-store.js";
export type { ClosablePlayerStore, PlayerStoreLocation } from "./store/open-player-store.js";
export type { PlayerStore } from "./store/player-store.js";
export type { PortalLearner } from "./services/portal-learners.js";
export { ensureDemoAccounts, demoAccounts } from "./services/demo-accounts.js";
