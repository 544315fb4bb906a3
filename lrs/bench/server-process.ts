// The benchmark's LRS server: a separate process, as in production, mounting the LRS
// at /xapi on the database given as argv[2] (a SQLite file or a postgres:// URL).
// Prints {"port": N} once it listens.
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import express from "express";
import { createLrs } from "../create-lrs.js";
import { createLrsRouter } from "../http/router.js";
import { openStoreAt } from "./backend.js";

async function serve(location: string): Promise<void> {
  const store = await openStoreAt(location);
  const app = express();
  app.use("/xapi", createLrsRouter(createLrs({ store })));
  const server = app.listen(0, "127.0.0.1", () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
  process.on("SIGTERM", () => server.close(() => void store.close().then(() => process.exit(0))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const location = process.argv[2];
  if (location === undefined) throw new Error("usage: server-process.ts <lrs.sqlite | postgres://…>");
  void serve(location);
}
