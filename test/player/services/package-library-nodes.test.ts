// Two nodes importing the same package at once into one store and one shared content
// directory (as two server processes at start-up, or two trainers' uploads) end with one
// package: the second import answers with the first one's, and leaves no files behind.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { PackageLibrary } from "../../../player/services/package-library.js";
import type { PlayerStore } from "../../../player/store/player-store.js";
import { SqlitePlayerStore } from "../../../player/store/sqlite/sqlite-player-store.js";
import { requirePostgres } from "../../support/postgres.js";
import { minimalCmi5Xml, rawZip } from "../../support/raw-zip.js";
import { openTestPostgresPlayerStore } from "../support/postgres-player-store.js";

let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
const clock = () => new Date("2026-03-01T10:00:00Z");

function describeConcurrentImport(name: string, open: (dir: string) => Promise<{ store: PlayerStore; close: () => Promise<void> }>): void {
  it(`${name}: the same zip imported by two nodes at once is one package in the shared directory`, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "obuka-library-nodes-"));
    const { store, close } = await open(dir);
    try {
      const shared = path.join(dir, "shared-packages");
      const nodes = [1, 2, 3].map(() => new PackageLibrary({ store, packagesRoot: shared, newId, clock }));
      const zip = path.join(dir, "course.zip");
      await writeFile(zip, rawZip([{ name: "cmi5.xml", content: minimalCmi5Xml() }, { name: "index.html", content: "<p>AU</p>" }]));
      const results = await Promise.all(nodes.map((library) => library.importPackage(zip)));
      expect(results.filter((r) => r.created)).to.have.length(1);
      const packageIds = new Set(results.map((r) => r.package.packageId));
      expect(packageIds.size).to.equal(1);
      expect((await store.listPackages()).map((p) => p.packageId)).to.deep.equal([...packageIds]);
      expect(await readdir(shared)).to.deep.equal([...packageIds]);
      expect(await readdir(path.join(shared, [...packageIds][0]!))).to.include("index.html");
    } finally {
      await close();
    }
  });
}

describe("PackageLibrary on several nodes", function () {
  describeConcurrentImport("SQLite", async (dir) => {
    const store = await SqlitePlayerStore.open(path.join(dir, "player.sqlite"));
    return { store, close: () => store.close() };
  });

  describe("on PostgreSQL", function () {
    before(async function () {
      await requirePostgres(this);
    });
    describeConcurrentImport("PostgreSQL", () => openTestPostgresPlayerStore());
  });
});
