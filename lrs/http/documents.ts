// HTTP pieces the three document resources share: the body as a document, the
// concurrency headers, and a stored document as a response.
import type { Request, Response } from "express";
import type { Preconditions } from "../domain/preconditions.js";
import type { StoredDocument } from "../domain/state-document.js";
import { rawBody } from "./body.js";

export function documentOf(req: Request): { contentType: string; body: Buffer } {
  return { contentType: req.get("Content-Type") ?? "application/octet-stream", body: rawBody(req) };
}

export function preconditionsOf(req: Request): Preconditions {
  const pre: Preconditions = {};
  const ifMatch = req.get("If-Match");
  const ifNoneMatch = req.get("If-None-Match");
  if (ifMatch !== undefined) pre.ifMatch = ifMatch;
  if (ifNoneMatch !== undefined) pre.ifNoneMatch = ifNoneMatch;
  return pre;
}

/** 200 with the document as stored, its ETag (quoted SHA-1) and when it last changed. */
export function sendDocument(res: Response, doc: StoredDocument): void {
  res.set({ "Content-Type": doc.contentType, ETag: doc.etag, "Last-Modified": new Date(doc.updated).toUTCString() });
  res.status(200).send(doc.body);
}
