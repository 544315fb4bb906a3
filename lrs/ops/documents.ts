// What the three document resources share: how a stored document and its ETag are made,
// and the JSON merge of POST.
import { createHash } from "node:crypto";
import { ValidationError } from "../errors.js";
import { isJsonContentType, jsonObject, mergeJsonDocuments, type StoredDocument } from "../domain/state-document.js";
import type { OpsContext } from "./context.js";

export interface DocumentInput {
  contentType: string;
  body: Buffer;
}

/** The ETag is the quoted SHA-1 hex of the content, as xAPI 1.0.3 (3.1.s4.b2) requires. */
export function toStoredDocument(ctx: OpsContext, contentType: string, body: Buffer): StoredDocument {
  const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
  return { contentType, body, etag, updated: ctx.clock().toISOString() };
}

/** POST: with nothing stored it stores the document; otherwise both must be JSON objects (2.2.s8.b1). */
export function postedDocument(ctx: OpsContext, existing: StoredDocument | undefined, doc: DocumentInput): StoredDocument {
  // A JSON document posted is a set of variables: it must be a JSON object even when there is nothing to merge with yet.
  if (isJsonContentType(doc.contentType)) jsonObject(doc.body, "body");
  if (existing === undefined) return toStoredDocument(ctx, doc.contentType, doc.body);
  if (!isJsonContentType(existing.contentType)) throw ValidationError.at("stored document", "is not JSON and cannot be merged");
  if (!isJsonContentType(doc.contentType)) throw ValidationError.at("Content-Type", "must be application/json to merge");
  return toStoredDocument(ctx, "application/json", mergeJsonDocuments(existing.body, doc.body));
}
