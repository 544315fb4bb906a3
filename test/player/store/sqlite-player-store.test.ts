import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SqlitePlayerStore } from "../../../player/store/sqlite/sqlite-player-store.js";
import { describeAuditStore } from "./audit-store-contract.js";
import { describeCertificateStatusStore } from "./certificate-status-store-contract.js";
import { describeLaunchLinkStore } from "./launch-link-store-contract.js";
import { describeLicenceStore } from "./licence-store-contract.js";
import { describePlayerStore } from "./player-store-contract.js";
import { describeScormStore } from "./scorm-store-contract.js";
import { describeScormGlobalObjectivesStore } from "./scorm-global-objectives-store-contract.js";

describeScormStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});

describeAuditStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});

describePlayerStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});

describeLaunchLinkStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});

describeCertificateStatusStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});

describeLicenceStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});
describeScormGlobalObjectivesStore("SqlitePlayerStore", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-player-store-")), "player.sqlite"));
  return { store, close: () => store.close() };
});
