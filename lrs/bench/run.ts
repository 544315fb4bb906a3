// `npm run bench:lrs [-- --db postgres]`: HTTP ingest against a limit measured in the same
// run on the same machine, then query latencies over HTTP at BENCH_STATEMENTS stored
// (docs/performance.md). Not a test: it prints, it asserts nothing.
//   --db sqlite|postgres  the backend (default sqlite); PostgreSQL at BENCH_DATABASE_URL
//                     (default postgres://postgres@127.0.0.1:5432/test), in throwaway schemas.
//   BENCH_STATEMENTS  statements stored for the query phase (default 1,000,000); the
//                     HTTP ingest uses min(100,000, BENCH_STATEMENTS).
//   BENCH_ROUNDS      interleaved ingest rounds (default 5), each a slice of the ingest.
//   BENCH_QUERIES     queries per filter (default 200).
//   BENCH_PROFILE_DIR the LRS server processes write CPU profiles (--cpu-prof) there.
//   BENCH_KEEP_DIR    an empty folder for the SQLite files, kept afterwards for inspection.
import os from "node:os";
import { parseArgs } from "node:util";
import { createLrs } from "../create-lrs.js";
import { postgresBackend, sqliteBackend, type BenchBackend, type BenchDatabase } from "./backend.js";
import { generateStatement, seededRandom } from "./generate.js";
import { insertDirect, postBatches, recordOf, startServer, type Server } from "./ingest.js";
import { fillDirect, measureQueries } from "./query.js";
import { fmt, loadAverage, median } from "./stats.js";

const TOTAL = Number(process.env["BENCH_STATEMENTS"] ?? 1_000_000);
const INGEST = Math.min(100_000, TOTAL);
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 5);
const QUERIES = Number(process.env["BENCH_QUERIES"] ?? 200);
const PROFILE_DIR = process.env["BENCH_PROFILE_DIR"];
const DATABASE_URL = process.env["BENCH_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
const BATCH = 100;
const CLIENTS = 8;
const SEED = 20250101;

const log = (line: string) => process.stdout.write(`${line}\n`);

/** A database with the bench credential (a portal's: it writes and reads statements but does not "define"). */
async function withCredential(database: BenchDatabase): Promise<Record<string, string>> {
  const store = await database.open();
  const { key, secret } = await createLrs({ store }).credentials.create({ name: "bench", scopes: ["statements/write", "statements/read"] });
  await store.close();
  return {
    Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
    "X-Experience-API-Version": "1.0.3",
    "Content-Type": "application/json",
  };
}

/** One side of the ratio: runs one slice of the ingest and returns its seconds. */
interface Contender {
  name: string;
  run(slice: number): Promise<number>;
  seconds: number[];
}

async function main(backend: BenchBackend): Promise<void> {
  log(`backend: ${backend.name}${backend.name === "postgres" ? ` (${new URL(DATABASE_URL).host})` : ""}`);
  log(`machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? "unknown"}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`);
  log(`load average at start: ${loadAverage()} (other work on the machine slows every figure; the rounds interleave so it slows both sides alike)`);
  log(`statements: ${fmt(INGEST)} ingested over HTTP in ${ROUNDS} interleaved rounds, ${fmt(TOTAL)} stored for queries`);

  const random = seededRandom(SEED);
  const statements = Array.from({ length: INGEST }, (_, n) => generateStatement(n, random));
  const batches: string[] = [];
  for (let i = 0; i < INGEST; i += BATCH) batches.push(JSON.stringify(statements.slice(i, i + BATCH)));
  const avgBytes = batches.reduce((sum, b) => sum + Buffer.byteLength(b), 0) / INGEST;
  const base = Date.UTC(2025, 0, 1);
  const records = statements.map((s, n) => recordOf(s, new Date(base + n).toISOString()));
  const batchesPerRound = Math.ceil(batches.length / ROUNDS);
  const sliceOf = <T>(items: readonly T[], per: number, round: number) => items.slice(round * per, (round + 1) * per);

  // Every contender writes the same slice into its own database each round, so the
  // databases grow alike and a load spike hits one round, not one side.
  const oneNode = await backend.createDatabase("http");
  const headers = await withCredential(oneNode);
  const servers: Server[] = [await startServer(oneNode.location, PROFILE_DIR)];
  const limitDatabase = await backend.createDatabase("limit");
  const limitStore = await limitDatabase.open();
  const contenders: Contender[] = [
    { name: "HTTP, one node", seconds: [], run: (r) => postBatches(servers.slice(0, 1), sliceOf(batches, batchesPerRound, r), CLIENTS, headers) },
    { name: `limit (direct ${backend.name}, one transaction per round)`, seconds: [], run: (r) => insertDirect(limitStore, sliceOf(records, batchesPerRound * BATCH, r), BATCH) },
  ];
  if (backend.name === "postgres") {
    // Two stateless nodes on one schema, the clients split between them (issue 9).
    const twoNodes = await backend.createDatabase("two_nodes");
    const twoHeaders = await withCredential(twoNodes);
    const pair = [await startServer(twoNodes.location, PROFILE_DIR), await startServer(twoNodes.location, PROFILE_DIR)];
    servers.push(...pair);
    contenders.push({ name: "HTTP, two nodes (4 clients each)", seconds: [], run: (r) => postBatches(pair, sliceOf(batches, batchesPerRound, r), CLIENTS, twoHeaders) });
  }

  const storedFrom = Date.now();
  for (let round = 0; round < ROUNDS; round++) {
    // The order rotates each round, so no side always runs first (or after the other's writes settle).
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    const parts: string[] = [];
    for (const contender of order) {
      const seconds = await contender.run(round);
      contender.seconds.push(seconds);
      parts.push(`${contender.name.split(" (")[0]} ${fmt(batchesPerRound * BATCH / seconds)}/s`);
    }
    log(`round ${round + 1}/${ROUNDS} (${fmt(batchesPerRound * BATCH)} statements each, load ${loadAverage()}): ${parts.join(", ")}`);
  }
  const storedTo = Date.now();
  for (const server of servers.splice(0)) await server.stop();
  await limitStore.close();

  const rate = (c: Contender) => (batchesPerRound * BATCH) / median(c.seconds);
  const limitRate = rate(contenders[1]!);
  log(`(~${fmt(avgBytes)} bytes per statement as sent, batches of ${BATCH}, ${CLIENTS} concurrent clients; medians of ${ROUNDS} rounds)`);
  for (const contender of contenders) {
    const ratio = contender === contenders[1] ? "" : `   ${fmt((100 * rate(contender)) / limitRate, 1)} % of the limit (target >= 50 %)`;
    log(`${contender.name.padEnd(52)} ${fmt(rate(contender)).padStart(7)} statements/s${ratio}`);
  }
  // The spread of the same ratio round by round shows how much the load moved it.
  for (const contender of contenders.filter((c) => c !== contenders[1])) {
    const ratios = contender.seconds.map((s, r) => (100 * contenders[1]!.seconds[r]!) / s);
    log(`${contender.name}: ratio round by round ${ratios.map((r) => `${fmt(r, 0)} %`).join(", ")} (median ${fmt(median(ratios), 1)} %)`);
  }

  // The timing client shares this process: the ingest's 100,000 statements (hundreds of
  // megabytes) would make its garbage collections pauses in the query figures.
  for (const list of [statements, batches, records]) list.length = 0;
  collectGarbage();

  // The query phase runs on the one-node database, topped up directly.
  if (TOTAL > INGEST) {
    const fill = await oneNode.open();
    const started = Date.now();
    await fillDirect(fill, INGEST, TOTAL, random, storedTo + 1000);
    await fill.close();
    log(`filled to ${fmt(TOTAL)} statements directly in ${fmt((Date.now() - started) / 1000, 1)} s`);
  }
  await oneNode.analyze();
  collectGarbage();
  const server = await startServer(oneNode.location, PROFILE_DIR);
  log("");
  await measureQueries({ server, headers, seed: SEED + 1, queries: QUERIES, storedFrom, storedTo: TOTAL > INGEST ? storedTo + 1000 + TOTAL : storedTo, log });
  await server.stop();
  log(`load average at end: ${loadAverage()}`);
}

/** A full collection now (`npm run bench:lrs` runs Node with --expose-gc), not during the timed queries. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const { values } = parseArgs({ options: { db: { type: "string", default: "sqlite" } } });
if (values.db !== "sqlite" && values.db !== "postgres") throw new Error(`--db must be sqlite or postgres, got ${values.db}`);
const backend = values.db === "postgres" ? postgresBackend(DATABASE_URL) : await sqliteBackend(process.env["BENCH_KEEP_DIR"]);
try {
  await main(backend);
} finally {
  await backend.dispose();
}
