// The State resource: single documents by key, and scoped lists and deletes.
import { createHash } from "node:crypto";
import { ValidationError } from "../errors.js";
import { requireStateRead, requireStateWrite, type Credential } from "../domain/credential.js";
import {
  isJsonContentType,
  mergeJsonDocuments,
  parseStateParams,
  parseSince,
  parseStateScope,
  stateDocumentKey,
  stateScopeKey,
  type StateParams,
  type StateScope,
  type StoredDocument,
} from "../domain/state-document.js";
import type { OpsContext } from "./context.js";

export interface DocumentInput {
  contentType: string;
  body: Buffer;
}

export async function getStateDocument(ctx: OpsContext, params: StateParams, as: Credential): Promise<StoredDocument | undefined> {
  requireStateRead(as);
  const key = stateDocumentKey(parseStateParams(params));
  return ctx.store.read((tx) => ctx.store.getStateDocument(tx, key));
}

export async function listStateIds(ctx: OpsContext, scope: StateScope, since: string | undefined, as: Credential): Promise<string[]> {
  requireStateRead(as);
  const key = stateScopeKey(parseStateScope(scope));
  const after = since === undefined ? undefined : parseSince(since);
  return ctx.store.read((tx) => ctx.store.listStateIds(tx, key, after));
}

export async function putStateDocument(ctx: OpsContext, params: StateParams, doc: DocumentInput, as: Credential): Promise<void> {
  const checked = await checkWrite(ctx, params, as);
  const key = stateDocumentKey(checked);
  await ctx.store.write((tx) => ctx.store.putStateDocument(tx, key, toStored(ctx, doc.contentType, doc.body)));
}

/** POST: merges JSON objects into the stored one; with nothing stored it acts as PUT. */
export async function postStateDocument(ctx: OpsContext, params: StateParams, doc: DocumentInput, as: Credential): Promise<void> {
  const checked = await checkWrite(ctx, params, as);
  const key = stateDocumentKey(checked);
  await ctx.store.write(async (tx) => {
    const existing = await ctx.store.getStateDocument(tx, key);
    if (existing === undefined) {
      await ctx.store.putStateDocument(tx, key, toStored(ctx, doc.contentType, doc.body));
      return;
    }
    if (!isJsonContentType(existing.contentType)) throw ValidationError.at("stored document", "is not JSON and cannot be merged");
    if (!isJsonContentType(doc.contentType)) throw ValidationError.at("Content-Type", "must be application/json to merge");
    await ctx.store.putStateDocument(tx, key, toStored(ctx, "application/json", mergeJsonDocuments(existing.body, doc.body)));
  });
}

export async function deleteStateDocument(ctx: OpsContext, params: StateParams, as: Credential): Promise<void> {
  const checked = await checkWrite(ctx, params, as);
  const key = stateDocumentKey(checked);
  await ctx.store.write((tx) => ctx.store.deleteStateDocument(tx, key));
}

export async function deleteStateDocuments(ctx: OpsContext, scope: StateScope, as: Credential): Promise<void> {
  requireStateWrite(as);
  const key = stateScopeKey(parseStateScope(scope));
  await ctx.store.write((tx) => ctx.store.deleteStateDocuments(tx, key));
}

async function checkWrite(ctx: OpsContext, params: StateParams, as: Credential): Promise<StateParams> {
  requireStateWrite(as);
  const checked = parseStateParams(params);
  for (const guard of ctx.guards) await guard.checkStateWrite?.(checked, as);
  return checked;
}

function toStored(ctx: OpsContext, contentType: string, body: Buffer): StoredDocument {
  const etag = `"${createHash("sha1").update(body).digest("hex")}"`;
  return { contentType, body, etag, updated: ctx.clock().toISOString() };
}
