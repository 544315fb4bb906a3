// Statement attachments (xAPI-Data.md 2.4.11, xAPI-Communication.md 1.5): validates the
// attachment objects and pairs them with the raw parts of a multipart request, each
// part named by its SHA-2 hash. Every declared attachment needs a part or a fileUrl;
// every part must be declared and must hash to what it claims.
import { createHash } from "node:crypto";
import type { Attachment, Statement } from "./xapi-types.js";
import { allowOnly, expectArray, expectIri, expectLanguageMap, expectObject, expectString, fail, join } from "./validate-primitives.js";

export const SIGNATURE_USAGE_TYPE = "http://adlnet.gov/expapi/attachments/signature";
export const SIGNATURE_CONTENT_TYPE = "application/octet-stream";

/** The raw bytes of one attachment, as received in (or sent back as) a multipart part. */
export interface AttachmentPart {
  /** Lowercase hex SHA-2 of `content`. */
  sha2: string;
  contentType: string;
  content: Buffer;
}

const ATTACHMENT_KEYS = ["usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"];
// Hex lengths of SHA-224, SHA-256, SHA-384 and SHA-512, the SHA-2 family.
const SHA2_ALGORITHMS: Record<number, string> = { 56: "sha224", 64: "sha256", 96: "sha384", 128: "sha512" };
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i;

/** Validates `attachments` of a statement or sub-statement at `path`. */
export function parseAttachments(value: unknown, path: string): Attachment[] {
  return expectArray(value, path).map((item, i) => parseAttachment(item, join(path, i)));
}

function parseAttachment(value: unknown, path: string): Attachment {
  const obj = expectObject(value, path);
  allowOnly(obj, path, ATTACHMENT_KEYS);
  for (const key of ["usageType", "display", "contentType", "length", "sha2"]) {
    if (obj[key] === undefined) fail(join(path, key), "is required");
  }
  const usageType = expectIri(obj["usageType"], join(path, "usageType"));
  expectLanguageMap(obj["display"], join(path, "display"));
  if (obj["description"] !== undefined) expectLanguageMap(obj["description"], join(path, "description"));
  const contentType = expectString(obj["contentType"], join(path, "contentType"));
  if (!MEDIA_TYPE.test(contentType)) fail(join(path, "contentType"), "must be an Internet Media Type");
  const length = obj["length"];
  if (typeof length !== "number" || !Number.isInteger(length) || length < 0) fail(join(path, "length"), "must be a non-negative integer");
  const sha2 = expectString(obj["sha2"], join(path, "sha2"));
  if (!isSha2Hex(sha2)) fail(join(path, "sha2"), "must be a hex SHA-2 hash (224, 256, 384 or 512 bits)");
  if (obj["fileUrl"] !== undefined) expectIri(obj["fileUrl"], join(path, "fileUrl"));
  if (usageType === SIGNATURE_USAGE_TYPE && contentType.split(";")[0]?.trim().toLowerCase() !== SIGNATURE_CONTENT_TYPE) {
    fail(join(path, "contentType"), `a signature attachment must be ${SIGNATURE_CONTENT_TYPE}`);
  }
  return obj as unknown as Attachment;
}

export function isSha2Hex(text: string): boolean {
  return /^[0-9a-f]+$/i.test(text) && SHA2_ALGORITHMS[text.length] !== undefined;
}

/** The hash of `content` with the SHA-2 variant whose length `like` has. */
export function sha2Like(like: string, content: Uint8Array): string {
  const algorithm = SHA2_ALGORITHMS[like.length] ?? "sha256";
  return createHash(algorithm).update(content).digest("hex");
}

/** Each attachment of the statements (and their sub-statements) with its JSON path. */
export function attachmentsOf(statements: readonly Statement[], pathOf: (index: number) => string): { path: string; attachment: Attachment }[] {
  const found: { path: string; attachment: Attachment }[] = [];
  statements.forEach((statement, i) => {
    const base = pathOf(i);
    (statement.attachments ?? []).forEach((attachment, j) => found.push({ path: join(join(base, "attachments"), j), attachment }));
    if (statement.object.objectType === "SubStatement") {
      const subPath = join(join(base, "object"), "attachments");
      (statement.object.attachments ?? []).forEach((attachment, j) => found.push({ path: join(subPath, j), attachment }));
    }
  });
  return found;
}

/**
 * Pairs parts with declarations. Throws a ValidationError naming the hash for a part
 * whose content does not match its hash, a part no attachment declares, or a declared
 * attachment that has neither a part nor a fileUrl. Returns the parts by hash.
 */
export function matchAttachmentParts(
  statements: readonly Statement[],
  parts: readonly AttachmentPart[],
  pathOf: (index: number) => string,
): Map<string, AttachmentPart> {
  const byHash = new Map<string, AttachmentPart>();
  for (const part of parts) {
    const hash = part.sha2.toLowerCase();
    if (!isSha2Hex(hash)) fail("X-Experience-API-Hash", `"${part.sha2}" is not a hex SHA-2 hash`);
    if (sha2Like(hash, part.content) !== hash) fail("X-Experience-API-Hash", `the content of part ${hash} does not hash to ${hash}`);
    byHash.set(hash, { ...part, sha2: hash });
  }
  const declared = attachmentsOf(statements, pathOf);
  const declaredHashes = new Set(declared.map((d) => d.attachment.sha2.toLowerCase()));
  for (const hash of byHash.keys()) {
    if (!declaredHashes.has(hash)) fail("X-Experience-API-Hash", `part ${hash} matches no attachment of the statements`);
  }
  for (const { path, attachment } of declared) {
    const hash = attachment.sha2.toLowerCase();
    if (attachment.fileUrl === undefined && !byHash.has(hash)) fail(join(path, "sha2"), `no attachment part with hash ${hash} was sent, and there is no fileUrl`);
  }
  return byHash;
}

/** The hashes whose raw data a query answer with attachments=true should carry. */
export function attachmentHashes(statements: readonly Statement[]): string[] {
  return [...new Set(attachmentsOf(statements, () => "").map((d) => d.attachment.sha2.toLowerCase()))];
}
