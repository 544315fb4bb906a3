import type { Server } from "node:http";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createStandaloneApp, type Standalone } from "../../player/app.js";
import type { CertificateOptions } from "../../player/index.js";
import type { ExtractLimits } from "../../player/packages/extract-zip.js";
import { parseCreditPolicy } from "../../player/domain/credit-policy.js";
import { ensureDemoAccounts } from "../../player/services/demo-accounts.js";
import { createTestSchema, databaseUrlFor, type TestSchema } from "./postgres.js";
import pg from "pg";
import { SqliteDatabase } from "../../lrs/index.js";

export const testPassword = "test-password-1";
export const accountHomePage = "https://obuka.test/accounts";

export interface RunningServer extends Standalone {
  baseUrl: string;
  dataDir: string;
  /** The PostgreSQL URL (with its schema) the server runs on; undefined on SQLite. */
  databaseUrl: string | undefined;
  stop(): Promise<void>;
}

/**
 * The real standalone server on a temp data dir, listening on 127.0.0.1 at a free port.
 * Under OBUKA_TEST_STANDALONE_STORE=postgres (`npm run test:postgres`) a server given no
 * databaseUrl runs on PostgreSQL, in a schema of its own that stop() drops.
 */
export async function startStandalone(options: { policy?: unknown; logged?: unknown[]; databaseUrl?: string; contentDir?: string; trustProxy?: number | string; clock?: () => Date; certificates?: CertificateOptions; packageLimits?: Partial<ExtractLimits> } = {}): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "obuka-server-"));
  let schema: TestSchema | undefined;
  let databaseUrl = options.databaseUrl;
  if (databaseUrl === undefined && process.env.OBUKA_TEST_STANDALONE_STORE === "postgres") {
    schema = await createTestSchema();
    databaseUrl = databaseUrlFor(schema.name);
  }
  const policy = parseCreditPolicy(
    options.policy ?? {
      licensingBody: "Zavod (primer)",
      courses: [{ course: "https://obuka.rs/courses/pride-foster-care", programme: "PRIDE (primer)", points: 6, validityYears: 7 }],
    },
  );
  const logged = options.logged ?? [];
  const standalone = await createStandaloneApp({
    dataDir,
    policy,
    accountHomePage,
    logger: { error: (m, e) => logged.push([m, e]) },
    ...(databaseUrl === undefined ? {} : { databaseUrl }),
    ...(options.contentDir === undefined ? {} : { contentDir: options.contentDir }),
    ...(options.certificates === undefined ? {} : { certificates: options.certificates }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    ...(options.packageLimits === undefined ? {} : { packageLimits: options.packageLimits }),
  }).catch(async (error: unknown) => {
    await schema?.drop();
    throw error;
  });
  let counter = 0;
  await ensureDemoAccounts(standalone.playerStore, testPassword, () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`);
  const server = await new Promise<Server>((resolve) => {
    const s = standalone.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    ...standalone,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    databaseUrl,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await standalone.close();
      await schema?.drop();
    },
  };
}

/** A tiny browser stand-in for HTTP tests: keeps cookies, knows the page's CSRF token. */
export class HttpClient {
  csrfToken = "";

  constructor(
    readonly baseUrl: string,
    private readonly cookies = new Map<string, string>(),
  ) {}

  /** The same browser sent to another node behind the proxy: cookies and CSRF token go along. */
  at(baseUrl: string): HttpClient {
    const client = new HttpClient(baseUrl, this.cookies);
    client.csrfToken = this.csrfToken;
    return client;
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(this.baseUrl + pathname, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const value = pair!.slice(eq + 1);
      if (value === "" || /Max-Age=0/.test(line)) this.cookies.delete(pair!.slice(0, eq));
      else this.cookies.set(pair!.slice(0, eq), value);
    }
    return response;
  }

  /** Loads a page and remembers the CSRF token it carries. */
  async page(pathname: string): Promise<{ status: number; html: string }> {
    const response = await this.request(pathname);
    const html = await response.text();
    const token = /<meta name="csrf-token" content="([^"]*)"/.exec(html)?.[1];
    if (token) this.csrfToken = token;
    return { status: response.status, html };
  }

  async logIn(username: string, password = testPassword): Promise<Response> {
    await this.page("/login");
    return this.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username, password, _csrf: this.csrfToken }).toString(),
    });
  }

  async uploadPackage(zip: Buffer, filename = "package.zip"): Promise<Response> {
    const form = new FormData();
    form.set("package", new Blob([new Uint8Array(zip)], { type: "application/zip" }), filename);
    return this.request("/api/packages", { method: "POST", headers: { "x-csrf-token": this.csrfToken }, body: form });
  }
}

/**
 * Rows of a query on the player's tables, read from the database itself (SQLite file or
 * PostgreSQL schema), not through the store; `?` placeholders in SQLite's style.
 */
export async function playerRows<T>(server: RunningServer, sql: string, params: readonly (string | number | null)[] = []): Promise<T[]> {
  if (server.databaseUrl === undefined) {
    const db = await SqliteDatabase.open(path.join(server.dataDir, "player.sqlite"));
    try {
      return await db.read((tx) => tx.all<T>(sql, [...params]));
    } finally {
      await db.close();
    }
  }
  let n = 0;
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql.replace(/\?/g, () => `$${++n}`), [...params])).rows as T[];
  } finally {
    await client.end();
  }
}

/** How many rows a player table holds (see playerRows). */
export async function countPlayerRows(server: RunningServer, table: string): Promise<number> {
  if (!/^[a-z_]+$/.test(table)) throw new TypeError(`not a table name: ${table}`);
  return Number((await playerRows<{ n: number | string }>(server, `SELECT COUNT(*) AS n FROM ${table}`))[0]!.n);
}
