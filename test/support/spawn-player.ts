// Starts the standalone server (player/main.ts) as a child process, as a deployment runs
// each node, and waits until it says where it listens.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const mainScript = path.join(repoRoot, "player/main.ts");

export interface PlayerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port>, no trailing slash. */
  baseUrl: string;
  /** SIGKILL and wait until the process is gone. */
  kill(): Promise<void>;
}

/** One node: `env` is laid over a clean environment (PORT 0 on 127.0.0.1); the repository is its working directory. */
export async function spawnPlayer(env: Record<string, string>): Promise<PlayerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", mainScript], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", PORT: "0", HOST: "127.0.0.1", ...env },
  });
  const exited = once(child, "exit");
  const lines = createInterface({ input: child.stdout! });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    lines.on("line", (line) => {
      const match = /obuka is running at (http:\/\/[^/\s]+)\//.exec(line);
      if (match) resolve(match[1]!);
    });
    void exited.then(([code]) => reject(new Error(`player process exited with ${String(code)} before listening`)));
  });
  // Keep reading so a full pipe never blocks the node.
  lines.on("line", () => undefined);
  return {
    child,
    baseUrl,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}
