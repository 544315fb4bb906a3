import { crc32, deflateRawSync } from "node:zlib";

/**
 * Writes a stored (uncompressed) zip byte by byte, with whatever entry names the test
 * wants: zip tools refuse to write the hostile names our importer must refuse to read.
 */
export function rawZip(entries: { name: string; content: string | Buffer; symlink?: boolean; deflate?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = typeof entry.content === "string" ? Buffer.from(entry.content) : entry.content;
    const crc = crc32(data);
    const stored = entry.deflate ? deflateRawSync(data) : data;
    const method = entry.deflate ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8); // 0 stored, 8 deflated
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so external attributes carry the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.symlink ? 0o120777 : 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const centralSize = centrals.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** A minimal valid cmi5 course structure with one AU. */
export function minimalCmi5Xml(options: { courseId?: string; auUrl?: string; moveOn?: string; masteryScore?: string } = {}): string {
  const courseId = options.courseId ?? "https://example.org/courses/minimal";
  const mastery = options.masteryScore === undefined ? "" : ` masteryScore="${options.masteryScore}"`;
  return `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${courseId}">
    <title><langstring lang="sr-Latn">Minimalna obuka</langstring></title>
    <description><langstring lang="sr-Latn">Opis</langstring></description>
  </course>
  <au id="${courseId}/au/1" moveOn="${options.moveOn ?? "CompletedAndPassed"}"${mastery}>
    <title><langstring lang="sr-Latn">Jedinica 1</langstring></title>
    <description><langstring lang="sr-Latn">Opis jedinice</langstring></description>
    <url>${options.auUrl ?? "index.html"}</url>
  </au>
</courseStructure>`;
}
