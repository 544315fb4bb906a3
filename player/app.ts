import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import express from "express";
import { type Lrs, createLrs, createLrsRouter, openLrsStore } from "../lrs/index.js";
import type { CreditPolicy } from "./domain/credit-policy.js";
import type { Logger } from "./http/error-handler.js";
import { type Player, createPlayer } from "./index.js";
import type { ExtractLimits } from "./packages/extract-zip.js";
import { SqlitePlayerStore } from "./store/sqlite/sqlite-player-store.js";

export interface StandaloneOptions {
  dataDir: string;
  policy: CreditPolicy;
  accountHomePage: string;
  logger: Logger;
  /** PostgreSQL URL for the LRS; without it the LRS is dataDir/lrs.sqlite. */
  databaseUrl?: string | undefined;
  packageLimits?: Partial<ExtractLimits>;
  /** Sources allowed to frame the embed pages (see PlayerOptions.frameAncestors). */
  frameAncestors?: readonly string[] | undefined;
  clock?: () => Date;
  newId?: () => string;
}

export interface Standalone {
  app: express.Express;
  lrs: Lrs;
  player: Player;
  playerStore: SqlitePlayerStore;
  close(): Promise<void>;
}

/** The standalone server: the LRS at /xapi and the player at the root, on SQLite files in dataDir (the LRS on PostgreSQL when databaseUrl is given). */
export async function createStandaloneApp(options: StandaloneOptions): Promise<Standalone> {
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  await mkdir(options.dataDir, { recursive: true });
  const lrsStore = await openLrsStore({ databaseUrl: options.databaseUrl, sqliteFile: path.join(options.dataDir, "lrs.sqlite") });
  const playerStore = await SqlitePlayerStore.open(path.join(options.dataDir, "player.sqlite"));
  const lrs = createLrs({ store: lrsStore, clock, newId, logger: options.logger });
  const player = await createPlayer({
    lrs,
    store: playerStore,
    dataDir: options.dataDir,
    policy: options.policy,
    accountHomePage: options.accountHomePage,
    newId,
    clock,
    logger: options.logger,
    ...(options.packageLimits ? { packageLimits: options.packageLimits } : {}),
    ...(options.frameAncestors ? { frameAncestors: options.frameAncestors } : {}),
  });
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
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
