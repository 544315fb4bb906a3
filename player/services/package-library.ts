import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { access, mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { listAus, parseCmi5Structure } from "../domain/cmi5-structure.js";
import { InvalidPackageError } from "../errors.js";
import { extractZip } from "../packages/extract-zip.js";
import type { ImportedCourse, PlayerStore } from "../store/player-store.js";

export interface PackageLibraryDeps {
  store: PlayerStore;
  /** Where unpacked packages live, one folder per package id. */
  packagesRoot: string;
  newId: () => string;
  clock: () => Date;
}

/** Imports cmi5 packages and knows where their files are. */
export class PackageLibrary {
  constructor(private readonly deps: PackageLibraryDeps) {}

  /**
   * Imports a zip. Importing the same bytes twice returns the course already there.
   * Nothing is stored unless the whole package is valid.
   */
  async importZip(zipFile: string): Promise<{ course: ImportedCourse; created: boolean }> {
    const { store, packagesRoot, newId, clock } = this.deps;
    const checksum = await sha256File(zipFile);
    const existing = await store.findCourseByChecksum(checksum);
    if (existing) return { course: existing, created: false };

    const packageId = newId();
    await mkdir(packagesRoot, { recursive: true });
    const incoming = path.join(packagesRoot, `.incoming-${packageId}`);
    try {
      await extractZip(zipFile, incoming);
      const xml = await readFile(path.join(incoming, "cmi5.xml"), "utf8").catch(() => {
        throw new InvalidPackageError("package: cmi5.xml is missing at the root of the zip");
      });
      const structure = parseCmi5Structure(xml);
      for (const au of listAus(structure.children)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(au.url)) continue; // content hosted elsewhere
        const file = au.url.split(/[?#]/)[0] ?? "";
        await access(path.join(incoming, decodeURIComponent(file))).catch(() => {
          throw new InvalidPackageError(`package: the AU "${au.id}" launches "${file}", which is not in the zip`);
        });
      }
      const course: ImportedCourse = { courseId: structure.id, packageId, checksum, structure, importedAt: clock().toISOString() };
      await rename(incoming, this.contentDir(packageId));
      try {
        await store.saveImportedCourse(course);
      } catch (error) {
        await rm(this.contentDir(packageId), { recursive: true, force: true });
        throw error;
      }
      return { course, created: true };
    } finally {
      await rm(incoming, { recursive: true, force: true });
    }
  }

  contentDir(packageId: string): string {
    return path.join(this.deps.packagesRoot, packageId);
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}
