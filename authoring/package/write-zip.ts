// Writes a reproducible zip: sorted entries, one fixed timestamp, fixed modes; media stored.
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { ZipArchive } from "archiver";

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Stored, not deflated: media is compressed already, and players can range-read it. */
  store: boolean;
}

/** One fixed timestamp; archiver writes it as UTC, so every machine writes the same bytes. */
const fixedDate = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export async function writeZip(file: string, entries: readonly ZipEntry[]): Promise<void> {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const partial = `${file}.partial`;
  const written = pipeline(archive, createWriteStream(partial));
  for (const entry of sorted) archive.append(entry.data, { name: entry.name, date: fixedDate, mode: 0o644, store: entry.store });
  await archive.finalize();
  try {
    await written;
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Already-compressed media formats are stored; text is deflated. */
export function shouldStore(name: string): boolean {
  return /\.(webm|mp4|m4a|mp3|ogg|opus|png|jpe?g|gif|webp|woff2?|zip)$/i.test(name);
}
