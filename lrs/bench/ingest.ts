// The two sides of the ingest ratio: statements POSTed over HTTP to LRS server processes,
// and the limit, the very rows the LRS writes for them inserted straight through the
// store's driver in one transaction (no HTTP, no validation, no duplicate check).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { defaultAuthority } from "../domain/credential.js";
import { indexStatement, type StatementRecord } from "../domain/statement-index.js";
import type { StoredStatement } from "../domain/xapi-types.js";
import type { ClosableLrsStore } from "../store/open-lrs-store.js";

export interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** An LRS in its own process on `location`; `profileDir` makes it write --cpu-prof profiles. */
export async function startServer(location: string, profileDir: string | undefined): Promise<Server> {
  const profile = profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", path.join(import.meta.dirname, "server-process.ts"), location], { stdio: ["ignore", "pipe", "inherit"] });
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

/**
 * POSTs every batch with `clients` concurrent clients, client i talking to server
 * i mod servers.length (two nodes: the clients split between them). Returns seconds.
 */
export async function postBatches(servers: readonly Server[], batches: readonly string[], clients: number, headers: Record<string, string>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      const url = `${servers[client % servers.length]!.url}/statements`;
      while (next < batches.length) {
        const body = batches[next++]!;
        const res = await fetch(url, { method: "POST", headers, body });
        if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const AUTHORITY = defaultAuthority("bench");

/** The rows the LRS writes for a statement sent by the bench credential and stored at `stored`. */
export function recordOf(statement: Record<string, unknown>, stored: string): StatementRecord {
  const full = { ...statement, authority: AUTHORITY, version: "1.0.0", stored } as unknown as StoredStatement;
  return indexStatement(full);
}

/** One transaction; the rows go in chunks of `chunk` statements, one multi-row INSERT per table each. Returns seconds. */
export async function insertDirect(store: ClosableLrsStore, records: readonly StatementRecord[], chunk: number): Promise<number> {
  const started = performance.now();
  await store.write(async (tx) => {
    for (let i = 0; i < records.length; i += chunk) {
      await store.insertStatements(tx, records.slice(i, i + chunk).map((record) => ({ record, voided: false })));
    }
  });
  return (performance.now() - started) / 1000;
}
