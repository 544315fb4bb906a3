import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { ContentPackage } from "../domain/content-package.js";
import { checkReferencedFiles, findManifest, normalizePackagePath, parseManifest, parseStandaloneCmi5 } from "../domain/package-contents.js";
import { InvalidPackageError } from "../errors.js";
import { type ExtractLimits, defaultExtractLimits, extractZip } from "../packages/extract-zip.js";
import type { ImportedPackage, PlayerStore } from "../store/player-store.js";
import { scanPackagedVideos } from "./packaged-video-scan.js";

export interface PackageLibraryDeps {
  store: PlayerStore;
  /** Where unpacked packages live, one folder per package id. */
  packagesRoot: string;
  newId: () => string;
  clock: () => Date;
  /** Zip bomb limits; the defaults suit packages with hours of video. */
  limits?: Partial<ExtractLimits>;
}

export interface ImportResult {
  package: ImportedPackage;
  /** False when the same bytes had been imported before. */
  created: boolean;
}

/** The largest cmi5.xml accepted on its own (cmi5 14.2); course structures are small. */
const maxStandaloneXmlBytes = 10 * 1024 * 1024;

/** Imports packages of every format (SCORM 1.2, SCORM 2004, xAPI, cmi5) and knows where their files are. */
export class PackageLibrary {
  private readonly limits: ExtractLimits;

  constructor(private readonly deps: PackageLibraryDeps) {
    this.limits = { ...defaultExtractLimits, ...deps.limits };
  }

  /**
   * Imports a zip, or a cmi5 course structure XML sent alone. Importing the same bytes
   * twice returns the package already there. Nothing is stored, in the database or on
   * disk, unless the whole package is valid.
   */
  async importPackage(file: string): Promise<ImportResult> {
    const { store, packagesRoot, newId, clock } = this.deps;
    const checksum = await sha256File(file);
    const existing = await store.findPackageByChecksum(checksum);
    if (existing) return { package: existing, created: false };

    const packageId = newId();
    await mkdir(packagesRoot, { recursive: true });
    const incoming = path.join(packagesRoot, `.incoming-${packageId}`);
    const nested = path.join(packagesRoot, `.incoming-${packageId}-nested`);
    try {
      let content: ContentPackage;
      let contentRoot = incoming;
      if (await looksLikeXml(file)) {
        content = parseStandaloneCmi5(await readSmallFile(file));
        await mkdir(incoming);
      } else {
        let files = await extractZip(file, incoming, this.limits);
        let manifest = findManifest(new Set(files));
        const only = files[0];
        // A zip that holds just one zip (a course package wrapped for transport) is unwrapped once.
        if (!manifest && files.length === 1 && only !== undefined && only.toLowerCase().endsWith(".zip")) {
          files = await extractZip(path.join(incoming, only), nested, this.limits);
          manifest = findManifest(new Set(files));
          contentRoot = nested;
        }
        if (!manifest) {
          throw new InvalidPackageError("package: no cmi5.xml, tincan.xml or imsmanifest.xml at the root of the zip, so it is not a cmi5, xAPI or SCORM package");
        }
        const xml = await readFile(path.join(contentRoot, manifest), "utf8");
        content = parseManifest(manifest, xml);
        const present = new Set(files.filter((name) => !name.endsWith("/")).map((name) => normalizePackagePath(name, "package", "entry")));
        checkReferencedFiles(content, manifest, (name) => present.has(name));
      }
      const imported: ImportedPackage = {
        packageId,
        format: content.format,
        courseId: content.identifier,
        checksum,
        content,
        importedAt: clock().toISOString(),
        videos: await scanPackagedVideos(contentRoot, content),
      };
      await rename(contentRoot, this.contentDir(packageId));
      try {
        await store.savePackage(imported);
      } catch (error) {
        await rm(this.contentDir(packageId), { recursive: true, force: true });
        // Another node (or request) imported the same bytes meanwhile: theirs is the package.
        const imported = await store.findPackageByChecksum(checksum);
        if (imported) return { package: imported, created: false };
        throw error;
      }
      return { package: imported, created: true };
    } finally {
      await rm(incoming, { recursive: true, force: true });
      await rm(nested, { recursive: true, force: true });
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

/** Zips start with "PK"; a course structure starts with "<" (after an optional BOM and whitespace). */
async function looksLikeXml(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    const head = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "").trimStart();
    return head.startsWith("<");
  } finally {
    await handle.close();
  }
}

async function readSmallFile(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    if ((await handle.stat()).size > maxStandaloneXmlBytes) throw new InvalidPackageError(`package: a course structure XML larger than ${maxStandaloneXmlBytes} bytes`);
    return await handle.readFile("utf8");
  } finally {
    await handle.close();
  }
}
