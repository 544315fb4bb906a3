import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { buildCourse } from "../../../authoring/index.js";
import { SqliteDatabase } from "../../../lrs/index.js";
import { listScormItems } from "../../../player/domain/content-package.js";
import { listAus } from "../../../player/domain/cmi5-structure.js";
import { InvalidPackageError } from "../../../player/errors.js";
import { PackageLibrary } from "../../../player/services/package-library.js";
import { migrations } from "../../../player/store/sqlite/sql.js";
import { SqlitePlayerStore } from "../../../player/store/sqlite/sqlite-player-store.js";
import { minimalCmi5Xml, rawZip } from "../../support/raw-zip.js";
import { courseId, moduleIds, writeMultiModuleCourse } from "../../authoring/support/multi-module-course.js";
import { xapiZip } from "../support/package-fixtures.js";

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "obuka-library-"));
}

let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
const clock = () => new Date("2026-03-01T10:00:00Z");

describe("PackageLibrary", () => {
  it("applies the configured zip limits and stores nothing when they are exceeded", async () => {
    const dir = await tempDir();
    const store = await SqlitePlayerStore.open(path.join(dir, "player.sqlite"));
    try {
      const library = new PackageLibrary({ store, packagesRoot: path.join(dir, "packages"), newId, clock, limits: { maxTotalBytes: 2000 } });
      const zip = path.join(dir, "big.zip");
      await writeFile(zip, rawZip([{ name: "cmi5.xml", content: minimalCmi5Xml() }, { name: "index.html", content: Buffer.alloc(3000, 32) }]));
      const error = await library.importPackage(zip).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(InvalidPackageError).with.property("message").that.matches(/unpacks to more than 2000 bytes/);
      expect(await store.listPackages()).to.deep.equal([]);
      expect(await readdir(path.join(dir, "packages"))).to.deep.equal([]);
    } finally {
      await store.close();
    }
  });

  it("imports every format our own CLI builds (a three-module course)", async () => {
    const cwd = await writeMultiModuleCourse();
    const zips = await buildCourse({ cwd, courseDir: "courses/fixture", format: "all", outDir: "dist" });
    const store = await SqlitePlayerStore.open(path.join(cwd, "player.sqlite"));
    try {
      const library = new PackageLibrary({ store, packagesRoot: path.join(cwd, "packages"), newId, clock });
      const launches: Record<string, string[]> = {};
      for (const zip of zips) {
        const { package: imported } = await library.importPackage(zip);
        const content = imported.content;
        if (content.format === "cmi5") launches.cmi5 = listAus(content.course.children).map((au) => au.id);
        else if (content.format === "xapi") launches.xapi = content.activities.filter((a) => a.launch).map((a) => a.id);
        else launches[`${content.format} ${content.edition}`] = listScormItems(content.organizations[0]!.items).filter((i) => i.launch).map((i) => i.title);
      }
      expect(Object.keys(launches).sort()).to.deep.equal(["cmi5", "scorm12 1.2", "scorm2004 4th", "xapi"]);
      expect(launches.cmi5).to.deep.equal([...moduleIds]);
      expect(launches.xapi).to.deep.equal([courseId, ...moduleIds]);
      expect(launches["scorm12 1.2"]).to.have.length(3);
      expect(launches["scorm2004 4th"]).to.have.length(3);
    } finally {
      await store.close();
    }
  });

  it("lists cmi5 courses imported before the catalog migration, and keeps them as cmi5 courses", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "player.sqlite");
    // A database as the previous schema left it, with one cmi5 course.
    const old = await SqliteDatabase.open(file);
    await old.exec("CREATE TABLE player_schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)");
    for (const migration of migrations.filter((m) => m.version < 4)) {
      await old.write(async (tx) => {
        for (const statement of migration.sql.split(/;\s*$/m).map((part) => part.trim()).filter(Boolean)) await tx.run(statement);
        await tx.run("INSERT INTO player_schema_migrations (version, applied) VALUES (?, ?)", [migration.version, "2026-01-01T00:00:00Z"]);
      });
    }
    const structure = { id: "https://example.org/courses/old", title: { "sr-Latn": "Stara obuka" }, description: {}, children: [] };
    await old.write(async (tx) => {
      await tx.run("INSERT INTO packages (package_id, course_id, checksum, structure, imported_at) VALUES (?, ?, ?, ?, ?)", ["p-old", structure.id, "c-old", JSON.stringify(structure), "2026-01-01T00:00:00Z"]);
      await tx.run("INSERT INTO courses (course_id, package_id) VALUES (?, ?)", [structure.id, "p-old"]);
    });
    await old.close();

    const store = await SqlitePlayerStore.open(file);
    try {
      const listed = await store.listPackages();
      expect(listed.map((p) => ({ format: p.format, courseId: p.courseId, title: p.content.title }))).to.deep.equal([
        { format: "cmi5", courseId: "https://example.org/courses/old", title: { "sr-Latn": "Stara obuka" } },
      ]);
      expect((await store.findCourse("https://example.org/courses/old"))?.packageId).to.equal("p-old");

      // A package of another format does not become a cmi5 course.
      const library = new PackageLibrary({ store, packagesRoot: path.join(dir, "packages"), newId, clock });
      const zip = path.join(dir, "xapi.zip");
      await writeFile(zip, xapiZip());
      const { package: imported } = await library.importPackage(zip);
      expect(imported.format).to.equal("xapi");
      expect(await store.findCourse(imported.courseId)).to.equal(undefined);
      expect((await store.listPackages()).map((p) => p.format)).to.deep.equal(["cmi5", "xapi"]);
    } finally {
      await store.close();
    }
  });
});
