// Starts test/lrs/support/lrs-server-process.ts as a child process and waits for its port.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";

const script = path.join(import.meta.dirname, "lrs-server-process.ts");

export interface LrsProcess {
  child: ChildProcess;
  url: string;
  /** SIGKILL and wait until the process is gone. */
  kill(): Promise<void>;
}

/** An LRS process on the SQLite file, or on PostgreSQL when `databaseUrl` is given (never on a DATABASE_URL the test runner happens to have). */
export async function spawnLrs(dbFile: string, databaseUrl?: string): Promise<LrsProcess> {
  const env = { ...process.env, DATABASE_URL: databaseUrl ?? "" };
  const child = spawn(process.execPath, ["--import", "tsx", script, dbFile], { stdio: ["ignore", "pipe", "inherit"], env });
  const exited = once(child, "exit");
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, "line").then(([line]) => String(line)),
    exited.then(([code]) => Promise.reject(new Error(`LRS process exited with ${String(code)} before listening`))),
  ]);
  const { port } = JSON.parse(first) as { port: number };
  return {
    child,
    url: `http://127.0.0.1:${port}/xapi`,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}
