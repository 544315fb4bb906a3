// The State resource: single documents by key, and scoped lists and deletes. If-Match and
// If-None-Match are honoured when sent; under 1.0.3, unlike profiles, a PUT without them may
// overwrite, while xAPI 2.0 holds state to the profiles' rule (stateConcurrencyRule).
import { requireStateRead, requireStateWrite, type Credential } from "../domain/credential.js";
import { checkPreconditions, stateConcurrencyRule, type Preconditions } from "../domain/preconditions.js";
import type { XapiVersion } from "../domain/xapi-version.js";
import {
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
import { postedDocument, toStoredDocument, type DocumentInput } from "./documents.js";

export type { DocumentInput } from "./documents.js";

export async function getStateDocument(ctx: OpsContext, params: StateParams, as: Credential): Promise<StoredDocument | undefined> {
  requireStateRead(as);
  const checked = parseStateParams(params);
  for (const guard of ctx.guards) await guard.checkStateRead?.(checked, as);
  const key = stateDocumentKey(checked);
  return ctx.store.read((tx) => ctx.store.getStateDocument(tx, key));
}

export async function listStateIds(ctx: OpsContext, scope: StateScope, since: string | undefined, as: Credential): Promise<string[]> {
  requireStateRead(as);
  const checked = parseStateScope(scope);
  for (const guard of ctx.guards) await guard.checkStateRead?.(checked, as);
  const key = stateScopeKey(checked);
  const after = since === undefined ? undefined : parseSince(since);
  return ctx.store.read((tx) => ctx.store.listStateIds(tx, key, after));
}

export async function putStateDocument(
  ctx: OpsContext,
  params: StateParams,
  doc: DocumentInput,
  as: Credential,
  pre: Preconditions = {},
  version?: XapiVersion,
): Promise<void> {
  const checked = await checkWrite(ctx, params, as);
  const key = stateDocumentKey(checked);
  const rule = stateConcurrencyRule(version);
  await ctx.store.write(async (tx) => {
    if (rule === "profile" || hasPreconditions(pre)) checkPreconditions((await ctx.store.getStateDocument(tx, key))?.etag, pre, "put", rule);
    await ctx.store.putStateDocument(tx, key, toStoredDocument(ctx, doc.contentType, doc.body));
  });
}

/** POST: merges JSON objects into the stored one; with nothing stored it acts as PUT. */
export async function postStateDocument(ctx: OpsContext, params: StateParams, doc: DocumentInput, as: Credential, pre: Preconditions = {}): Promise<void> {
  const checked = await checkWrite(ctx, params, as);
  const key = stateDocumentKey(checked);
  await ctx.store.write(async (tx) => {
    const existing = await ctx.store.getStateDocument(tx, key);
    checkPreconditions(existing?.etag, pre, "post", "state");
    await ctx.store.putStateDocument(tx, key, postedDocument(ctx, existing, doc));
  });
}

export async function deleteStateDocument(ctx: OpsContext, params: StateParams, as: Credential, pre: Preconditions = {}): Promise<void> {
  const checked = await checkWrite(ctx, params, as);
  const key = stateDocumentKey(checked);
  await ctx.store.write(async (tx) => {
    if (hasPreconditions(pre)) checkPreconditions((await ctx.store.getStateDocument(tx, key))?.etag, pre, "delete", "state");
    await ctx.store.deleteStateDocument(tx, key);
  });
}

export async function deleteStateDocuments(ctx: OpsContext, scope: StateScope, as: Credential): Promise<void> {
  requireStateWrite(as);
  const checked = parseStateScope(scope);
  for (const guard of ctx.guards) await guard.checkStateScopeDelete?.(checked, as);
  const key = stateScopeKey(checked);
  await ctx.store.write((tx) => ctx.store.deleteStateDocuments(tx, key));
}

async function checkWrite(ctx: OpsContext, params: StateParams, as: Credential): Promise<StateParams> {
  requireStateWrite(as);
  const checked = parseStateParams(params);
  for (const guard of ctx.guards) await guard.checkStateWrite?.(checked, as);
  return checked;
}

// Most state writes carry no headers; they skip the extra read.
function hasPreconditions(pre: Preconditions): boolean {
  return pre.ifMatch !== undefined || pre.ifNoneMatch !== undefined;
}
