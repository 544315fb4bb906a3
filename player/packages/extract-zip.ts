import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { InvalidPackageError } from "../errors.js";

export interface ExtractLimits {
  maxEntries: number;
  /** Sum of the entries' uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed size over compressed size of one entry, checked for entries above ratioFloorBytes. */
  maxCompressionRatio: number;
}

export const defaultExtractLimits: ExtractLimits = { maxEntries: 20_000, maxTotalBytes: 2 * 1024 ** 3, maxCompressionRatio: 200 };
/** Small entries may compress as well as they like: they cannot make a bomb. */
const ratioFloorBytes = 1024 * 1024;

/**
 * Unpacks a zip into `destination` (which must not exist yet or be empty). Refuses
 * zip-slip paths, absolute paths, symlinks and zip bombs (declared sizes are checked
 * by yauzl against the real ones). Returns the relative paths written.
 */
export async function extractZip(zipFile: string, destination: string, limits: ExtractLimits = defaultExtractLimits): Promise<string[]> {
  const root = path.resolve(destination);
  await mkdir(root, { recursive: true });
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true, validateEntrySizes: true }, (err, file) =>
      err || !file ? reject(new InvalidPackageError(`package: not a readable zip file (${err?.message ?? "unknown error"})`, { cause: err })) : resolve(file),
    );
  });
  const written: string[] = [];
  const seen = new Set<string>();
  let totalBytes = 0;
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new InvalidPackageError(`package: ${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        zip.close();
        reject(error instanceof InvalidPackageError ? error : new InvalidPackageError(`package: broken zip (${(error as Error).message})`, { cause: error }));
      };
      zip.on("error", fail);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        void (async () => {
          const name = entry.fileName;
          if (written.length >= limits.maxEntries) throw new InvalidPackageError(`package: more than ${limits.maxEntries} entries`);
          totalBytes += entry.uncompressedSize;
          if (totalBytes > limits.maxTotalBytes) throw new InvalidPackageError(`package: unpacks to more than ${limits.maxTotalBytes} bytes (a zip bomb?)`);
          if (entry.uncompressedSize > ratioFloorBytes && entry.uncompressedSize > limits.maxCompressionRatio * entry.compressedSize) {
            throw new InvalidPackageError(`package: entry "${name}" is compressed more than ${limits.maxCompressionRatio}:1 (a zip bomb?)`);
          }
          const key = name.replace(/\/$/, "");
          if (seen.has(key)) throw new InvalidPackageError(`package: entry "${name}" appears more than once`);
          seen.add(key);
          const target = safeTarget(root, name);
          const isSymlink = ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
          if (isSymlink) throw new InvalidPackageError(`package: entry "${name}" is a symbolic link, which is not allowed`);
          if (name.endsWith("/")) {
            await mkdir(target, { recursive: true });
          } else {
            await mkdir(path.dirname(target), { recursive: true });
            const stream = await new Promise<NodeJS.ReadableStream>((res, rej) => zip.openReadStream(entry, (err, s) => (err || !s ? rej(err) : res(s))));
            await pipeline(stream, createWriteStream(target, { flags: "wx" }));
            written.push(name);
          }
          zip.readEntry();
        })().catch(fail);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return written;
}

/** Resolves an entry name inside root, or throws for anything that would land outside it. */
function safeTarget(root: string, name: string): string {
  if (name.includes("\\") || name.includes("\0") || path.isAbsolute(name) || /^[a-zA-Z]:/.test(name)) {
    throw new InvalidPackageError(`package: entry "${name}" has an unsafe path`);
  }
  const target = path.resolve(root, name);
  if (target !== root && !target.startsWith(root + path.sep)) throw new InvalidPackageError(`package: entry "${name}" points outside the package`);
  return target;
}
