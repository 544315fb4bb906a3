// `npm run bench:lrs`: HTTP ingest against a limit measured in the same run on the same
// machine, then query latencies over HTTP at BENCH_STATEMENTS stored (docs/performance.md).
// Not a test: it prints, it asserts nothing.
//   BENCH_STATEMENTS  statements stored for the query phase (default 1,000,000); the
//                     HTTP ingest uses min(100,000, BENCH_STATEMENTS).
//   BENCH_QUERIES     queries per filter (default 200).
//   BENCH_PROFILE_DIR the LRS server process writes CPU profiles (--cpu-prof) there.
//   BENCH_KEEP_DIR    an empty folder for the SQLite files, kept afterwards for inspection.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { createLrs } from "../create-lrs.js";
import { defaultAuthority } from "../domain/credential.js";
import { indexStatement, type StatementRecord } from "../domain/statement-index.js";
import type { StoredStatement } from "../domain/xapi-types.js";
import { openSqliteLrsStore, type SqliteLrsStore } from "../store/sqlite/sqlite-lrs-store.js";
import { auId, courseId, DEFAULT_POPULATION, generateStatement, learnerAgent, registrationOf, seededRandom, VERB_IDS } from "./generate.js";

const TOTAL = Number(process.env["BENCH_STATEMENTS"] ?? 1_000_000);
const INGEST = Math.min(100_000, TOTAL);
const QUERIES = Number(process.env["BENCH_QUERIES"] ?? 200);
const PROFILE_DIR = process.env["BENCH_PROFILE_DIR"];
const KEEP_DIR = process.env["BENCH_KEEP_DIR"];
const BATCH = 100;
const CLIENTS = 8;
const SEED = 20250101;

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(file: string): Promise<Server> {
  const profile = PROFILE_DIR === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", path.join(import.meta.dirname, "server-process.ts"), file], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return {
    url: `http://127.0.0.1:${port}/xapi`,
    child,
    stop: async () => {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The rows the LRS writes for a statement sent by `authority` and stored at `stored`. */
function recordOf(statement: Record<string, unknown>, stored: string): StatementRecord {
  const full = { ...statement, authority: AUTHORITY, version: "1.0.0", stored } as unknown as StoredStatement;
  return indexStatement(full);
}
const AUTHORITY = defaultAuthority("bench");

/** One transaction; the rows go in chunks of `chunk` statements, one multi-row INSERT per table each. */
async function insertDirect(store: SqliteLrsStore, records: readonly StatementRecord[], chunk = BATCH): Promise<void> {
  await store.write(async (tx) => {
    for (let i = 0; i < records.length; i += chunk) {
      await store.insertStatements(tx, records.slice(i, i + chunk).map((record) => ({ record, voided: false })));
    }
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function loadAverage(): string {
  return os.loadavg().map((n) => fmt(n, 2)).join(" / ");
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  const dir = KEEP_DIR ?? (await mkdtemp(path.join(os.tmpdir(), "obuka-lrs-bench-")));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  try {
    log(`machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? "unknown"}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
    log(`load average at start: ${loadAverage()} (other work on the machine slows every figure; the ratio is measured in the same run)`);
    log(`statements: ${fmt(INGEST)} ingested over HTTP, ${fmt(TOTAL)} stored for queries`);

    // 1. HTTP ingest: batches of 100, 8 concurrent clients, server in its own process.
    const random = seededRandom(SEED);
    const statements = Array.from({ length: INGEST }, (_, n) => generateStatement(n, random));
    const batches: string[] = [];
    for (let i = 0; i < INGEST; i += BATCH) batches.push(JSON.stringify(statements.slice(i, i + BATCH)));
    const avgBytes = batches.reduce((sum, b) => sum + Buffer.byteLength(b), 0) / INGEST;

    const httpFile = path.join(dir, "lrs.sqlite");
    const setup = await openSqliteLrsStore(httpFile);
    // A portal's credential: it writes and reads statements but does not "define" activities.
    const { key, secret } = await createLrs({ store: setup }).credentials.create({ name: "bench", scopes: ["statements/write", "statements/read"] });
    await setup.close();
    const headers = {
      Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
      "X-Experience-API-Version": "1.0.3",
      "Content-Type": "application/json",
    };
    let server = await startServer(httpFile);
    const rangeStart = Date.now();
    let rangeEnd = rangeStart;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < batches.length) {
          const body = batches[next++]!;
          const res = await fetch(`${server.url}/statements`, { method: "POST", headers, body });
          if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        }
      }),
    );
    const httpSeconds = (performance.now() - started) / 1000;
    const httpRate = INGEST / httpSeconds;
    rangeEnd = Date.now();
    await server.stop();
    log(`ingest over HTTP: ${fmt(httpRate)} statements/s (${fmt(INGEST)} in ${fmt(httpSeconds, 1)} s, ~${fmt(avgBytes)} bytes each as sent)`);

    // 2. The limit: the same rows straight into SQLite, same driver, one transaction.
    const limitFile = path.join(dir, "limit.sqlite");
    const limitStore = await openSqliteLrsStore(limitFile);
    const base = Date.UTC(2025, 0, 1);
    const records = statements.map((s, n) => recordOf(s, new Date(base + n).toISOString()));
    const limitStarted = performance.now();
    await insertDirect(limitStore, records);
    const limitSeconds = (performance.now() - limitStarted) / 1000;
    const limitRate = INGEST / limitSeconds;
    await limitStore.close();
    log(`limit (direct SQLite, one transaction): ${fmt(limitRate)} statements/s (${fmt(limitSeconds, 1)} s)`);
    log(`ratio HTTP / limit: ${fmt((100 * httpRate) / limitRate, 1)} % (target >= 50 %)`);

    // 3. Top the HTTP file up to TOTAL statements directly, in transactions of 10,000.
    if (TOTAL > INGEST) {
      const fill = await openSqliteLrsStore(httpFile);
      const fillStarted = performance.now();
      const later = Date.now() + 1000;
      for (let n = INGEST; n < TOTAL; n += 10_000) {
        const chunk: StatementRecord[] = [];
        for (let m = n; m < Math.min(TOTAL, n + 10_000); m++) chunk.push(recordOf(generateStatement(m, random), new Date(later + m).toISOString()));
        await insertDirect(fill, chunk, 1000);
      }
      await fill.close();
      rangeEnd = later + TOTAL;
      log(`filled to ${fmt(TOTAL)} statements directly in ${fmt((performance.now() - fillStarted) / 1000, 1)} s`);
    }

    // 4. Query latency over HTTP, one client, default page size (100).
    server = await startServer(httpFile);
    const q = seededRandom(SEED + 1);
    const pick = (n: number) => Math.floor(q() * n);
    const { learners, courses, ausPerCourse } = DEFAULT_POPULATION;
    // "Since" falls in the newest fifth of what is stored, like "completed since last week".
    const since = () => new Date(rangeStart + (0.8 + 0.2 * q()) * (rangeEnd - rangeStart)).toISOString();
    const kinds: [string, () => Record<string, string>][] = [
      ["agent", () => ({ agent: JSON.stringify(learnerAgent(pick(learners))) })],
      ["verb + since", () => ({ verb: Object.values(VERB_IDS)[pick(5)]!, since: since() })],
      ["activity + related_activities", () => ({ activity: q() < 0.5 ? courseId(pick(courses)) : auId(pick(courses), pick(ausPerCourse)), related_activities: "true" })],
      ["registration", () => ({ registration: registrationOf(pick(learners), pick(courses)) })],
    ];
    log("");
    log("query (GET /statements, default limit)   p50 ms   p95 ms   mean rows");
    for (const [name, params] of kinds) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < QUERIES + 10; i++) {
        const query = new URLSearchParams(params()).toString();
        const t0 = performance.now();
        const res = await fetch(`${server.url}/statements?${query}`, { headers });
        const body = (await res.json()) as { statements: unknown[] };
        const elapsed = performance.now() - t0;
        if (res.status !== 200) throw new Error(`query ${query} failed: ${res.status}`);
        // The first ten warm the page cache and the connection.
        if (i >= 10) {
          times.push(elapsed);
          rows += body.statements.length;
        }
      }
      times.sort((a, b) => a - b);
      log(`${name.padEnd(40)} ${fmt(percentile(times, 50), 1).padStart(6)}   ${fmt(percentile(times, 95), 1).padStart(6)}   ${fmt(rows / QUERIES, 1).padStart(9)}`);
    }
    log("(target p95 <= 20 ms)");
    log(`load average at end: ${loadAverage()}`);
    await server.stop();
  } finally {
    if (KEEP_DIR === undefined) await rm(dir, { recursive: true, force: true });
  }
}

await main();
