// A real LRS server process for crash and multi-node tests: mounts the LRS at /xapi on
// the SQLite file given as argv[2] (on PostgreSQL when DATABASE_URL is set), listens on
// 127.0.0.1:0 and prints {"port": N} as one JSON line once it accepts requests. Killed,
// not stopped: that is the point.
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import express from "express";
import { createLrs, createLrsRouter, openLrsStore } from "../../../lrs/index.js";

async function serve(file: string): Promise<void> {
  const store = await openLrsStore({ databaseUrl: process.env.DATABASE_URL, sqliteFile: file });
  const app = express();
  app.use("/xapi", createLrsRouter(createLrs({ store })));
  const server = app.listen(0, "127.0.0.1", () => {
    process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
  });
}

// Only when started as a process, so a mocha run that loads support files starts nothing.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (file === undefined) throw new Error("usage: lrs-server-process.ts <lrs.sqlite>");
  void serve(file);
}
