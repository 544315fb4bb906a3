import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import express from "express";
import { type Lrs, createLrs, createLrsRouter, openLrsStore } from "../lrs/index.js";
import type { CreditPolicy } from "./domain/credit-policy.js";
import type { Logger } from "./http/error-handler.js";
import { type CertificateOptions, type Player, createPlayer } from "./index.js";
import type { ExtractLimits } from "./packages/extract-zip.js";
import { type ClosablePlayerStore, openPlayerStore } from "./store/open-player-store.js";

export interface StandaloneOptions {
  dataDir: string;
  policy: CreditPolicy;
  accountHomePage: string;
  logger: Logger;
  /** PostgreSQL URL for the LRS and the player's store; without it both are SQLite files in dataDir. */
  databaseUrl?: string | undefined;
  /** Where unpacked packages live (default dataDir/packages); several nodes share one directory. */
  contentDir?: string | undefined;
  packageLimits?: Partial<ExtractLimits>;
  /** Sources allowed to frame the embed pages (see PlayerOptions.frameAncestors). */
  frameAncestors?: readonly string[] | undefined;
  /** Express "trust proxy": which reverse proxies' X-Forwarded-* headers to believe (hops, or addresses/subnets); default none. */
  trustProxy?: number | string | undefined;
  /** Issuer name and key file, public URL, verification rate limit (see PlayerOptions.certificates). */
  certificates?: CertificateOptions | undefined;
  clock?: () => Date;
  newId?: () => string;
}

export interface Standalone {
  app: express.Express;
  lrs: Lrs;
  player: Player;
  playerStore: ClosablePlayerStore;
  close(): Promise<void>;
}

/** The standalone server: the LRS at /xapi and the player at the root, on SQLite files in dataDir (both on PostgreSQL when databaseUrl is given). */
export async function createStandaloneApp(options: StandaloneOptions): Promise<Standalone> {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  await mkdir(options.dataDir, { recursive: true });
  const lrsStore = await openLrsStore({ databaseUrl: options.databaseUrl, sqliteFile: path.join(options.dataDir, "lrs.sqlite") });
  let playerStore: ClosablePlayerStore;
  try {
    playerStore = await openPlayerStore({ databaseUrl: options.databaseUrl, sqliteFile: path.join(options.dataDir, "player.sqlite") });
  } catch (error) {
    await lrsStore.close();
    throw error;
  }
  const lrs = createLrs({ store: lrsStore, clock, newId, logger: options.logger });
  const player = await createPlayer({
    lrs,
    store: playerStore,
    dataDir: options.dataDir,
    ...(options.contentDir ? { contentDir: options.contentDir } : {}),
    policy: options.policy,
    accountHomePage: options.accountHomePage,
    newId,
    clock,
    logger: options.logger,
    ...(options.packageLimits ? { packageLimits: options.packageLimits } : {}),
    ...(options.frameAncestors ? { frameAncestors: options.frameAncestors } : {}),
    ...(options.certificates ? { certificates: options.certificates } : {}),
  });
  const app = express();
  app.disable("x-powered-by");
  // Behind a trusted proxy, launch URLs keep the client's https and rate limits see the client's address.
  app.set("trust proxy", options.trustProxy ?? false);
  app.use("/xapi", createLrsRouter(lrs));
  app.use(player.router);
  return {
    app,
    lrs,
    player,
    playerStore,
    close: async () => {
      await playerStore.close();
      await lrsStore.close();
    },
  };
}
