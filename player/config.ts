import path from "node:path";
import { parseDatabaseUrl } from "../lrs/index.js";
import type { ExtractLimits } from "./packages/extract-zip.js";

export interface PlayerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Where built packages are imported from at start-up. */
  packagesDir: string;
  creditPolicyFile: string;
  /** homePage of learners' xAPI accounts; must stay stable or learners lose their records. */
  accountHomePage: string;
  /** Password for the demo accounts; generated once and kept in the data dir when unset. */
  demoPassword: string | undefined;
  /** DATABASE_URL (postgres://…): the LRS then keeps its data in PostgreSQL instead of dataDir (the player's own store stays SQLite). */
  databaseUrl: string | undefined;
  /** Zip bomb limits of package import, from OBUKA_PACKAGE_MAX_ENTRIES, _MAX_BYTES and _MAX_RATIO. */
  packageLimits: Partial<ExtractLimits>;
  /** OBUKA_FRAME_ANCESTORS: CSP sources (space-separated) allowed to frame /embed/course; unset means 'self'. */
  frameAncestors: string[] | undefined;
}

/** Reads the environment once, in main.ts. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): PlayerConfig {
  const port = env.PORT === undefined ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT: must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    dataDir: path.resolve(cwd, env.OBUKA_DATA_DIR ?? "data"),
    packagesDir: path.resolve(cwd, env.OBUKA_PACKAGES_DIR ?? "dist"),
    creditPolicyFile: path.resolve(cwd, env.OBUKA_CREDIT_POLICY ?? "courses/credit-policy.yaml"),
    accountHomePage: env.OBUKA_ACCOUNT_HOMEPAGE ?? "https://obuka.local/accounts",
    demoPassword: env.OBUKA_DEMO_PASSWORD,
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    frameAncestors: env.OBUKA_FRAME_ANCESTORS?.trim() ? env.OBUKA_FRAME_ANCESTORS.trim().split(/\s+/) : undefined,
    packageLimits: {
      ...positiveNumber(env, "OBUKA_PACKAGE_MAX_ENTRIES", "maxEntries"),
      ...positiveNumber(env, "OBUKA_PACKAGE_MAX_BYTES", "maxTotalBytes"),
      ...positiveNumber(env, "OBUKA_PACKAGE_MAX_RATIO", "maxCompressionRatio"),
    },
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, key: keyof ExtractLimits): Partial<ExtractLimits> {
  const value = env[name];
  if (value === undefined || value === "") return {};
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name}: must be a positive number, got "${value}"`);
  return { [key]: number };
}
