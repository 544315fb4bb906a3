// The benchmark's LRS server: a separate process, as in production, mounting the LRS
// at /xapi on the SQLite file given as argv[2]. Prints {"port": N} once it listens.
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import express from "express";
import { createLrs } from "../create-lrs.js";
import { createLrsRouter } from "../http/router.js";
import { openSqliteLrsStore } from "../store/sqlite/sqlite-lrs-store.js";

async function serve(file: string): Promise<void> {
  const store = await openSqliteLrsStore(file);
  const app = express();
  app.use("/xapi", createLrsRouter(createLrs({ store })));
  const server = app.listen(0, "127.0.0.1", () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.on("SIGTERM", () => server.close(() => void store.close().then(() => process.exit(0))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (file === undefined) throw new Error("usage: server-process.ts <lrs.sqlite>");
  void serve(file);
}
