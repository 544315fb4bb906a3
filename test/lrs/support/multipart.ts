// Builds and reads multipart/mixed bodies the way xAPI clients send them.
import { createHash } from "node:crypto";

export interface TestPart {
  content: Buffer | string;
  contentType?: string;
  /** Defaults to the SHA-256 of the content; override to send a wrong one. */
  hash?: string;
  /** Defaults to "binary"; null leaves the header out. */
  encoding?: string | null;
}

export const BOUNDARY = "obuka-test-boundary";

export function sha256(content: Buffer | string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** A text attachment declaration whose data is `content`. */
export function attachmentFor(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    usageType: "https://example.org/attachment-usages/essay",
    display: { en: "Essay", "sr-Latn": "Esej" },
    contentType: "text/plain",
    length: Buffer.byteLength(content),
    sha2: sha256(content),
    ...extra,
  };
}

export function multipartBody(json: unknown, parts: TestPart[], firstContentType = "application/json"): Buffer {
  const chunks: Buffer[] = [Buffer.from(`--${BOUNDARY}\r\nContent-Type: ${firstContentType}\r\n\r\n${JSON.stringify(json)}`)];
  for (const part of parts) {
    const headers = [`Content-Type: ${part.contentType ?? "text/plain"}`];
    if (part.encoding !== null) headers.push(`Content-Transfer-Encoding: ${part.encoding ?? "binary"}`);
    headers.push(`X-Experience-API-Hash: ${part.hash ?? sha256(part.content)}`);
    chunks.push(Buffer.from(`\r\n--${BOUNDARY}\r\n${headers.join("\r\n")}\r\n\r\n`), Buffer.from(part.content));
  }
  chunks.push(Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

export const MULTIPART = `multipart/mixed; boundary=${BOUNDARY}`;

/** Splits a multipart answer into parts with lowercase header names. */
export function readMultipart(body: Buffer, contentType: string): { headers: Record<string, string>; body: Buffer }[] {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (boundary === undefined) throw new Error(`no boundary in ${contentType}`);
  const text = body.toString("latin1");
  const sections = text.split(`--${boundary}`).slice(1, -1);
  return sections.map((section) => {
    const trimmed = section.replace(/^\r\n/, "").replace(/\r\n$/, "");
    const split = trimmed.indexOf("\r\n\r\n");
    const headers: Record<string, string> = {};
    for (const line of trimmed.slice(0, split).split("\r\n")) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { headers, body: Buffer.from(trimmed.slice(split + 4), "latin1") };
  });
}
