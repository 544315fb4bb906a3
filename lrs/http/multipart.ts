// multipart/mixed for statements with attachments (xAPI-Communication.md 1.5.2): the
// first part holds the statements as JSON, each further part the raw bytes of one
// attachment, named by its X-Experience-API-Hash. Bodies arrive whole (express.raw,
// size-limited), so parsing works on one buffer.
import { randomBytes } from "node:crypto";
import type { Request, Response } from "express";
import { ValidationError } from "../errors.js";
import type { AttachmentPart } from "../domain/attachments.js";
import { rawBody } from "./body.js";
import { sendChunks } from "./json-chunks.js";

export const HASH_HEADER = "X-Experience-API-Hash";

export interface MultipartPart {
  /** Header names in lowercase. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The statements (or statement) of a POST/PUT body, with attachment parts when it is multipart/mixed. */
export function statementsBody(req: Request): { body: unknown; attachments: AttachmentPart[] } {
  const contentType = req.get("Content-Type") ?? "";
  if (/^application\/json\b/i.test(contentType)) return { body: parseJson(rawBody(req), "body"), attachments: [] };
  if (!/^multipart\/mixed\b/i.test(contentType)) throw ValidationError.at("Content-Type", "must be application/json or multipart/mixed");
  const [first, ...rest] = parseMultipart(rawBody(req), boundaryOf(contentType));
  if (first === undefined) throw ValidationError.at("body", "multipart/mixed has no parts");
  if (!/^application\/json\b/i.test(first.headers["content-type"] ?? "")) {
    throw ValidationError.at("part 1 Content-Type", "the statements part must be application/json");
  }
  const attachments = rest.map((part, i) => toAttachmentPart(part, `part ${i + 2}`));
  return { body: parseJson(first.body, "part 1"), attachments };
}

function toAttachmentPart(part: MultipartPart, name: string): AttachmentPart {
  const hash = part.headers[HASH_HEADER.toLowerCase()];
  if (hash === undefined || hash.trim() === "") throw ValidationError.at(`${name} ${HASH_HEADER}`, "is required on every attachment part");
  const encoding = part.headers["content-transfer-encoding"];
  // Clients must send "binary"; an LRS should assume it when the header is missing.
  if (encoding !== undefined && encoding.trim().toLowerCase() !== "binary") {
    throw ValidationError.at(`${name} Content-Transfer-Encoding`, 'must be "binary"');
  }
  return { sha2: hash.trim().toLowerCase(), contentType: part.headers["content-type"] ?? "application/octet-stream", content: part.body };
}

export function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined || boundary.length > 70) throw ValidationError.at("Content-Type", "multipart/mixed needs a boundary parameter of 1 to 70 characters");
  return boundary;
}

/** RFC 2046 §5.1.1: parts between "--boundary" lines, ended by "--boundary--". */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter may open the body or follow a preamble and a CRLF.
  let at = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(between);
  if (at < 0) throw ValidationError.at("body", "does not contain the multipart boundary");
  at += at === 0 && body[0] === 0x2d ? delimiter.length : between.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // "--": the closing delimiter
    const lineEnd = body.indexOf("\r\n", at);
    if (lineEnd < 0 || body.subarray(at, lineEnd).toString("latin1").trim() !== "") {
      throw ValidationError.at("body", "a multipart boundary line must end with CRLF");
    }
    const start = lineEnd + 2;
    const end = body.indexOf(between, start);
    if (end < 0) throw ValidationError.at("body", `multipart part ${parts.length + 1} is not closed by a boundary`);
    parts.push(splitPart(body.subarray(start, end), parts.length + 1));
    at = end + between.length;
  }
}

function splitPart(part: Buffer, index: number): MultipartPart {
  const headerEnd = part.subarray(0, 2).toString("latin1") === "\r\n" ? 0 : part.indexOf("\r\n\r\n");
  if (headerEnd < 0) throw ValidationError.at(`part ${index}`, "has no blank line after its headers");
  const headers: Record<string, string> = {};
  for (const line of part.subarray(0, headerEnd).toString("latin1").split("\r\n")) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw ValidationError.at(`part ${index}`, `malformed header line "${line.slice(0, 40)}"`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: part.subarray(headerEnd + (headerEnd === 0 ? 2 : 4)) };
}

function parseJson(bytes: Buffer, name: string): unknown {
  try {
    return JSON.parse(bytes.toString("utf8")) as unknown;
  } catch (error) {
    throw ValidationError.at(name, "is not valid JSON", { cause: error });
  }
}

/** Answers with the JSON document first, then one part per attachment. */
export function sendMultipart(res: Response, json: readonly Buffer[], attachments: readonly AttachmentPart[]): void {
  const boundary = `xapi-${randomBytes(12).toString("hex")}`;
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n`), ...json];
  for (const part of attachments) {
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: ${part.contentType}\r\nContent-Transfer-Encoding: binary\r\n${HASH_HEADER}: ${part.sha2}\r\n\r\n`,
      ),
      part.content,
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  sendChunks(res, `multipart/mixed; boundary=${boundary}`, chunks);
}
