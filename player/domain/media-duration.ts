// The length of a packaged recorded training, read from the media file's own header, so
// that "watched" is measured against what the server knows and not what a client reports.
// WebM/Matroska: Segment > Info > TimestampScale and Duration (EBML, RFC 9559).
// MP4/QuickTime: moov > mvhd timescale and duration (ISO/IEC 14496-12 8.2.2).

/** Random access to the file's bytes; reads past the end return fewer bytes. */
export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Seconds, or undefined when the file is not WebM/Matroska or MP4, or carries no duration. */
export async function readMediaDuration(source: ByteSource): Promise<number | undefined> {
  const head = await source.read(0, 12);
  if (head.length >= 4 && readUint(head, 0, 4) === ebml.header) return readMatroskaDuration(source);
  if (head.length >= 8 && ascii(head, 4, 4) === "ftyp") return readMp4Duration(source);
  return undefined;
}

const ebml = {
  header: 0x1a45dfa3,
  segment: 0x18538067,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  duration: 0x4489,
  cluster: 0x1f43b675,
};

/** How far into a Segment the Info element is looked for (it comes before the clusters). */
const matroskaSearchBytes = 4 * 1024 * 1024;

async function readMatroskaDuration(source: ByteSource): Promise<number | undefined> {
  const bytes = await source.read(0, Math.min(source.size, matroskaSearchBytes));
  let offset = 0;
  // Top level: the EBML header, then the Segment.
  while (offset < bytes.length) {
    const element = readElementHeader(bytes, offset);
    if (!element) return undefined;
    if (element.id === ebml.segment) return findInfoDuration(bytes, element.dataStart, element.size === undefined ? bytes.length : Math.min(bytes.length, element.dataStart + element.size));
    if (element.size === undefined) return undefined;
    offset = element.dataStart + element.size;
  }
  return undefined;
}

function findInfoDuration(bytes: Uint8Array, start: number, end: number): number | undefined {
  let offset = start;
  while (offset < end) {
    const element = readElementHeader(bytes, offset);
    if (!element || element.id === ebml.cluster) return undefined;
    if (element.size === undefined) return undefined;
    const dataEnd = element.dataStart + element.size;
    if (element.id === ebml.info) {
      let scale = 1_000_000;
      let duration: number | undefined;
      let child = element.dataStart;
      while (child < Math.min(dataEnd, bytes.length)) {
        const field = readElementHeader(bytes, child);
        if (!field || field.size === undefined) break;
        if (field.id === ebml.timestampScale) scale = readUint(bytes, field.dataStart, field.size);
        if (field.id === ebml.duration) duration = readFloat(bytes, field.dataStart, field.size);
        child = field.dataStart + field.size;
      }
      return duration === undefined || !(duration > 0) ? undefined : (duration * scale) / 1e9;
    }
    offset = dataEnd;
  }
  return undefined;
}

/** An EBML element header: id (with its length marker) and data size; size undefined when "unknown". */
function readElementHeader(bytes: Uint8Array, offset: number): { id: number; size: number | undefined; dataStart: number } | undefined {
  const idLength = vintLength(bytes[offset]);
  if (idLength === undefined || idLength > 4 || offset + idLength > bytes.length) return undefined;
  const id = readUint(bytes, offset, idLength);
  const sizeOffset = offset + idLength;
  const sizeLength = vintLength(bytes[sizeOffset]);
  if (sizeLength === undefined || sizeOffset + sizeLength > bytes.length) return undefined;
  let size = (bytes[sizeOffset] ?? 0) & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i++) {
    const b = bytes[sizeOffset + i] ?? 0;
    if (b !== 0xff) allOnes = false;
    size = size * 256 + b;
  }
  return { id, size: allOnes ? undefined : size, dataStart: sizeOffset + sizeLength };
}

/** An EBML variable-length integer is 1 to 8 bytes long; its first set bit says how many. */
function vintLength(first: number | undefined): number | undefined {
  if (first === undefined || first === 0) return undefined;
  let length = 1;
  for (let mask = 0x80; (first & mask) === 0; mask >>= 1) length++;
  return length;
}

async function readMp4Duration(source: ByteSource): Promise<number | undefined> {
  // Top-level boxes are walked with small reads: moov may come after gigabytes of mdat.
  let offset = 0;
  while (offset + 8 <= source.size) {
    const header = await source.read(offset, 16);
    if (header.length < 8) return undefined;
    let size = readUint(header, 0, 4);
    const type = ascii(header, 4, 4);
    let headerLength = 8;
    if (size === 1) {
      if (header.length < 16) return undefined;
      size = readUint(header, 8, 8);
      headerLength = 16;
    } else if (size === 0) {
      size = source.size - offset;
    }
    if (size < headerLength) return undefined;
    if (type === "moov") return findMvhdDuration(await source.read(offset + headerLength, size - headerLength));
    offset += size;
  }
  return undefined;
}

function findMvhdDuration(moov: Uint8Array): number | undefined {
  let offset = 0;
  while (offset + 8 <= moov.length) {
    const size = readUint(moov, offset, 4);
    if (size < 8) return undefined;
    if (ascii(moov, offset + 4, 4) === "mvhd") {
      const body = offset + 8;
      const version = moov[body];
      // Version 1 has 64-bit creation, modification and duration; version 0 has 32-bit ones.
      const timescaleAt = version === 1 ? body + 4 + 16 : body + 4 + 8;
      const timescale = readUint(moov, timescaleAt, 4);
      const duration = readUint(moov, timescaleAt + 4, version === 1 ? 8 : 4);
      return timescale > 0 && duration > 0 && duration !== 2 ** 32 - 1 ? duration / timescale : undefined;
    }
    offset += size;
  }
  return undefined;
}

function readUint(bytes: Uint8Array, offset: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + (bytes[offset + i] ?? 0);
  return value;
}

function readFloat(bytes: Uint8Array, offset: number, length: number): number | undefined {
  if (offset + length > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, length);
  if (length === 4) return view.getFloat32(0);
  if (length === 8) return view.getFloat64(0);
  return undefined;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
