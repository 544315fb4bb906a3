import path from "node:path";

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
  };
}
