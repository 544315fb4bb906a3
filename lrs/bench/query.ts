// The query phase: the database topped up to its full size directly, then one client
// timing GET /statements per filter over HTTP, from request to parsed answer.
import { performance } from "node:perf_hooks";
import type { StatementRecord } from "../domain/statement-index.js";
import type { ClosableLrsStore } from "../store/open-lrs-store.js";
import { auId, courseId, DEFAULT_POPULATION, generateStatement, learnerAgent, registrationOf, seededRandom, VERB_IDS } from "./generate.js";
import { insertDirect, recordOf, type Server } from "./ingest.js";
import { fmt, percentile } from "./stats.js";

/** Statements `from` … `to - 1` of the seeded population, stored after `firstStored` (ms), in transactions of 10,000. */
export async function fillDirect(store: ClosableLrsStore, from: number, to: number, random: () => number, firstStored: number): Promise<void> {
  for (let n = from; n < to; n += 10_000) {
    const chunk: StatementRecord[] = [];
    for (let m = n; m < Math.min(to, n + 10_000); m++) chunk.push(recordOf(generateStatement(m, random), new Date(firstStored + m).toISOString()));
    await insertDirect(store, chunk, 1000);
  }
}

export interface QueryPhase {
  server: Server;
  headers: Record<string, string>;
  seed: number;
  /** Per filter, after 10 untimed warm-up queries. */
  queries: number;
  /** The span of `stored` times, for "since" in its newest fifth (like "completed since last week"). */
  storedFrom: number;
  storedTo: number;
  log(line: string): void;
}

export async function measureQueries(phase: QueryPhase): Promise<void> {
  const q = seededRandom(phase.seed);
  const pick = (n: number) => Math.floor(q() * n);
  const { learners, courses, ausPerCourse } = DEFAULT_POPULATION;
  const since = () => new Date(phase.storedFrom + (0.8 + 0.2 * q()) * (phase.storedTo - phase.storedFrom)).toISOString();
  const kinds: [string, () => Record<string, string>][] = [
    ["agent", () => ({ agent: JSON.stringify(learnerAgent(pick(learners))) })],
    ["verb + since", () => ({ verb: Object.values(VERB_IDS)[pick(5)]!, since: since() })],
    ["activity + related_activities", () => ({ activity: q() < 0.5 ? courseId(pick(courses)) : auId(pick(courses), pick(ausPerCourse)), related_activities: "true" })],
    ["registration", () => ({ registration: registrationOf(pick(learners), pick(courses)) })],
  ];
  // Two clocks per query: to the last byte of the answer (the LRS's latency as any HTTP
  // client sees it), and to the answer parsed (adds this client's UTF-8 decoding and
  // JSON.parse of ~190 KB, and its garbage collections).
  phase.log("query (GET /statements, default limit)   to last byte: p50 ms   p95 ms   parsed: p50 ms   p95 ms   mean rows");
  for (const [name, params] of kinds) {
    const received: number[] = [];
    const parsed: number[] = [];
    let rows = 0;
    for (let i = 0; i < phase.queries + 10; i++) {
      const query = new URLSearchParams(params()).toString();
      const t0 = performance.now();
      const res = await fetch(`${phase.server.url}/statements?${query}`, { headers: phase.headers });
      const bytes = await res.arrayBuffer();
      const t1 = performance.now();
      const body = JSON.parse(Buffer.from(bytes).toString("utf8")) as { statements: unknown[] };
      const t2 = performance.now();
      if (res.status !== 200) throw new Error(`query ${query} failed: ${res.status}`);
      // The first ten warm the caches and the connection.
      if (i >= 10) {
        received.push(t1 - t0);
        parsed.push(t2 - t0);
        rows += body.statements.length;
      }
    }
    const ms = (times: number[], p: number) => fmt(percentile([...times].sort((a, b) => a - b), p), 1).padStart(6);
    phase.log(`${name.padEnd(40)}          ${ms(received, 50)}   ${ms(received, 95)}           ${ms(parsed, 50)}   ${ms(parsed, 95)}   ${fmt(rows / phase.queries, 1).padStart(9)}`);
  }
  phase.log("(target p95 <= 20 ms)");
}
