// Public entry of the player: what a portal needs to mount obuka's LMS.
import path from "node:path";
import express from "express";
import type { Credential, Lrs } from "../lrs/index.js";
import type { CreditPolicy } from "./domain/credit-policy.js";
import { createErrorHandler, type Logger } from "./http/error-handler.js";
import { createPlayerRouter } from "./http/player-router.js";
import { Views } from "./http/views.js";
import { WebAuth } from "./http/web-auth.js";
import { ApiKeyService } from "./services/api-key-service.js";
import { Cmi5Launcher } from "./services/cmi5-launcher.js";
import { CreditService } from "./services/credit-service.js";
import type { ExtractLimits } from "./packages/extract-zip.js";
import { PackageLibrary } from "./services/package-library.js";
import { ProgressTracker } from "./services/progress-tracker.js";
import { RegistrationService } from "./services/registration-service.js";
import type { PlayerStore } from "./store/player-store.js";

export interface PlayerOptions {
  lrs: Lrs;
  store: PlayerStore;
  /** Unpacked packages and upload temp files live here. */
  dataDir: string;
  policy: CreditPolicy;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
  logger: Logger;
  /** Zip bomb limits for package import (entries, total bytes, compression ratio); defaults otherwise. */
  packageLimits?: Partial<ExtractLimits>;
}

export interface Player {
  /** Pages, REST API, cmi5 fetch URLs and package content; mount at the root of the app. */
  router: express.Router;
  library: PackageLibrary;
  credits: CreditService;
  launcher: Cmi5Launcher;
  registrations: RegistrationService;
  apiKeys: ApiKeyService;
}

const lmsCredentialName = "obuka LMS";

/** Builds the player on top of an LRS: the LMS writes launch data and Satisfied there and reads credits back. */
export async function createPlayer(options: PlayerOptions): Promise<Player> {
  const { lrs, store, policy, accountHomePage, newId, clock, logger } = options;
  const lmsCredential = await findOrCreateLmsCredential(lrs, accountHomePage);
  const library = new PackageLibrary({
    store,
    packagesRoot: path.join(options.dataDir, "packages"),
    newId,
    clock,
    ...(options.packageLimits ? { limits: options.packageLimits } : {}),
  });
  const credits = new CreditService({ store, lrs, lmsCredential, policy, accountHomePage, clock });
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
  const registrations = new RegistrationService({ store, lrs, lmsCredential, launcher, progress, accountHomePage, newId, clock });
  const apiKeys = new ApiKeyService({ store, clock });
  const views = new Views();
  const router = express.Router();
  router.use(
    createPlayerRouter({
      store,
      auth: new WebAuth({ store, clock }),
      views,
      library,
      launcher,
      registrations,
      apiKeys,
      credits,
      policy,
      tempDir: path.join(options.dataDir, "tmp"),
      newId,
    }),
  );
  router.use(createErrorHandler(views, logger));
  return { router, library, credits, launcher, registrations, apiKeys };
}

/** The LMS's own credential; its fixed authority is what makes Satisfied statements trusted for credit. */
async function findOrCreateLmsCredential(lrs: Lrs, accountHomePage: string): Promise<Credential> {
  const existing = (await lrs.credentials.list()).find((c) => c.name === lmsCredentialName && !c.revoked);
  if (existing) return existing;
  const authority = { objectType: "Agent" as const, name: lmsCredentialName, account: { homePage: accountHomePage, name: "obuka-lms" } };
  return (await lrs.credentials.create({ name: lmsCredentialName, scopes: ["all"], authority })).credential;
}

export { parseCreditPolicy } from "./domain/credit-policy.js";
export type { CreditPolicy } from "./domain/credit-policy.js";
export { SqlitePlayerStore } from "./store/sqlite/sqlite-player-store.js";
export type { PlayerStore } from "./store/player-store.js";
export { ensureDemoAccounts, demoAccounts } from "./services/demo-accounts.js";
