// Composition root of the standalone server: reads the environment, imports built
// packages, creates demo accounts and listens.
import { randomBytes, randomUUID } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describeLrsStore } from "../lrs/index.js";
import { createStandaloneApp } from "./app.js";
import { loadConfig } from "./config.js";
import { readCreditPolicy } from "./domain/credit-policy.js";
import { PlayerError } from "./errors.js";
import { demoAccounts, ensureDemoAccounts } from "./services/demo-accounts.js";

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd());
  const logger = { error: (message: string, error?: unknown) => console.error(message, error) };
  const policy = readCreditPolicy(await readFile(config.creditPolicyFile, "utf8"), path.relative(process.cwd(), config.creditPolicyFile) || config.creditPolicyFile);
  const { app, player, playerStore, close } = await createStandaloneApp({ dataDir: config.dataDir, policy, accountHomePage: config.accountHomePage, logger, packageLimits: config.packageLimits, databaseUrl: config.databaseUrl, contentDir: config.contentDir, trustProxy: config.trustProxy, frameAncestors: config.frameAncestors, certificates: config.certificates });

  const zips = (await readdir(config.packagesDir).catch(() => [] as string[])).filter((f) => f.endsWith(".zip")).sort();
  for (const zip of zips) {
    const { package: imported, created } = await player.library.importPackage(path.join(config.packagesDir, zip));
    console.log(`${created ? "imported" : "already imported"}: ${zip} → ${imported.courseId} (${imported.format})`);
  }

  const password = config.demoPassword ?? (await demoPassword(config.dataDir));
  const created = await ensureDemoAccounts(playerStore, password, randomUUID);

  const server = app.listen(config.port, config.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const base = `http://${config.host}:${port}`;
    console.log(`\nobuka is running at ${base}/  (data: ${config.dataDir})`);
    console.log(`  LRS (xAPI):           ${base}/xapi/  (${describeLrsStore({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, "lrs.sqlite") })})`);
    console.log(`  player data:          ${describeLrsStore({ databaseUrl: config.databaseUrl, sqliteFile: path.join(config.dataDir, "player.sqlite") })}, packages in ${config.contentDir}`);
    console.log(`  certificate checks:   ${base}/verify`);
    console.log(`\nDemo accounts${created.length ? "" : " (created earlier)"}, password: ${config.demoPassword ? "$OBUKA_DEMO_PASSWORD" : password}`);
    for (const account of demoAccounts) console.log(`  ${account.username.padEnd(12)} ${account.role.padEnd(9)} ${account.displayName}`);
    console.log(`\nLog in at ${base}/login as "polaznik" to take a course; "trener" can import packages.`);
  });
  const stop = () => server.close(() => void close().then(() => process.exit(0)));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** The demo password lives in the data dir, generated on first start; never in the repo. */
async function demoPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "demo-password.txt");
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing?.trim()) return existing.trim();
  const password = randomBytes(9).toString("base64url");
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

main().catch((error: unknown) => {
  console.error(error instanceof PlayerError ? `obuka: ${error.message}` : error);
  process.exit(1);
});
