import path from "node:path";
import { parseDatabaseUrl } from "../lrs/index.js";
import type { CertificateOptions } from "./index.js";
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
  /** DATABASE_URL (postgres://…): the LRS and the player then keep their data in PostgreSQL instead of dataDir, so several nodes can share it. */
  databaseUrl: string | undefined;
  /** OBUKA_CONTENT_DIR: where unpacked packages live (default dataDir/packages); a directory every node shares. */
  contentDir: string;
  /** Zip bomb limits of package import, from OBUKA_PACKAGE_MAX_ENTRIES, _MAX_BYTES and _MAX_RATIO. */
  packageLimits: Partial<ExtractLimits>;
  /** OBUKA_FRAME_ANCESTORS: CSP sources (space-separated) allowed to frame /embed/course; unset means 'self'. */
  frameAncestors: string[] | undefined;
  /** OBUKA_TRUST_PROXY: Express "trust proxy" (a hop count, or addresses/subnets such as "10.0.0.0/8"); unset: none. */
  trustProxy: number | string | undefined;
  /** Certificates: OBUKA_ISSUER_NAME, OBUKA_ISSUER_KEY (key file, default dataDir/issuer-keys.json), OBUKA_PUBLIC_URL, OBUKA_VERIFY_RATE_LIMIT ("<burst>/<per minute>"). */
  certificates: CertificateOptions;
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
    contentDir: path.resolve(cwd, env.OBUKA_CONTENT_DIR || path.join(env.OBUKA_DATA_DIR ?? "data", "packages")),
    frameAncestors: env.OBUKA_FRAME_ANCESTORS?.trim() ? env.OBUKA_FRAME_ANCESTORS.trim().split(/\s+/) : undefined,
    trustProxy: !env.OBUKA_TRUST_PROXY?.trim() ? undefined : /^\d+$/.test(env.OBUKA_TRUST_PROXY.trim()) ? Number(env.OBUKA_TRUST_PROXY.trim()) : env.OBUKA_TRUST_PROXY.trim(),
    certificates: certificateOptions(env, cwd),
    packageLimits: packageLimitsFromEnv(env),
  };
}

function certificateOptions(env: NodeJS.ProcessEnv, cwd: string): CertificateOptions {
  const publicUrl = env.OBUKA_PUBLIC_URL?.trim().replace(/\/+$/, "");
  if (publicUrl && !/^https?:\/\/[^/\s]+$/.test(publicUrl)) throw new Error(`OBUKA_PUBLIC_URL: must be an origin like https://obuka.example.rs, got "${env.OBUKA_PUBLIC_URL}"`);
  const limit = env.OBUKA_VERIFY_RATE_LIMIT?.trim();
  const match = limit ? /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(limit) : undefined;
  if (limit && (!match || Number(match[1]) < 1 || Number(match[2]) <= 0)) throw new Error(`OBUKA_VERIFY_RATE_LIMIT: must be "<burst>/<per minute>", e.g. 60/60, got "${limit}"`);
  return {
    ...(env.OBUKA_ISSUER_NAME?.trim() ? { issuerName: env.OBUKA_ISSUER_NAME.trim() } : {}),
    ...(env.OBUKA_ISSUER_KEY ? { issuerKeyFile: path.resolve(cwd, env.OBUKA_ISSUER_KEY) } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(match ? { verifyRateLimit: { burst: Number(match[1]), perMinute: Number(match[2]) } } : {}),
  };
}

/**
 * Zip bomb limits from OBUKA_PACKAGE_MAX_ENTRIES, _MAX_BYTES and _MAX_RATIO: the server and
 * `obuka import` read them alike, so a package the server refuses is refused by the CLI too.
 */
export function packageLimitsFromEnv(env: Record<string, string | undefined>): Partial<ExtractLimits> {
  return {
    ...positiveNumber(env, "OBUKA_PACKAGE_MAX_ENTRIES", "maxEntries"),
    ...positiveNumber(env, "OBUKA_PACKAGE_MAX_BYTES", "maxTotalBytes"),
    ...positiveNumber(env, "OBUKA_PACKAGE_MAX_RATIO", "maxCompressionRatio"),
  };
}

function positiveNumber(env: Record<string, string | undefined>, name: string, key: keyof ExtractLimits): Partial<ExtractLimits> {
  const value = env[name];
  if (value === undefined || value === "") return {};
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name}: must be a positive number, got "${value}"`);
  return { [key]: number };
}
