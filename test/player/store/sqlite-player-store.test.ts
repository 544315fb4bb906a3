import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SqlitePlayerStore } from "../../../player/store/sqlite/sqlite-player-store.js";
import { describeAuditStore } from "./audit-store-contract.js";
import { describeScormStore } from "./scorm-store-contract.js";

describeScormStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});

describeAuditStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});
