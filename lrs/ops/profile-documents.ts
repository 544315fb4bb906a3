// The Activity Profile and Agent Profile resources: single documents with concurrency
// preconditions checked inside the write transaction, and id lists.
import { requireProfileRead, requireProfileWrite, type Credential } from "../domain/credential.js";
import { checkPreconditions, type Preconditions } from "../domain/preconditions.js";
import {
  parseProfileParams,
  parseProfileScope,
  profileDocumentKey,
  profileScopeKey,
  type ProfileParams,
  type ProfileScope,
} from "../domain/profile-document.js";
import { parseSince, type StoredDocument } from "../domain/state-document.js";
import type { OpsContext } from "./context.js";
import { postedDocument, toStoredDocument, type DocumentInput } from "./documents.js";

export async function getProfileDocument(ctx: OpsContext, params: ProfileParams, as: Credential): Promise<StoredDocument | undefined> {
  requireProfileRead(as);
  const checked = parseProfileParams(params);
  for (const guard of ctx.guards) await guard.checkProfileRead?.(checked, as);
  const key = profileDocumentKey(checked);
  return ctx.store.read((tx) => ctx.store.getProfileDocument(tx, key));
}

export async function listProfileIds(ctx: OpsContext, scope: ProfileScope, since: string | undefined, as: Credential): Promise<string[]> {
  requireProfileRead(as);
  const key = profileScopeKey(parseProfileScope(scope));
  const after = since === undefined ? undefined : parseSince(since);
  return ctx.store.read((tx) => ctx.store.listProfileIds(tx, key, after));
}

export async function putProfileDocument(ctx: OpsContext, params: ProfileParams, doc: DocumentInput, as: Credential, pre: Preconditions = {}): Promise<void> {
  const key = profileDocumentKey(await checkProfileWrite(ctx, params, { method: "put", body: doc.body }, as));
  await ctx.store.write(async (tx) => {
    const existing = await ctx.store.getProfileDocument(tx, key);
    checkPreconditions(existing?.etag, pre, "put", "profile");
    await ctx.store.putProfileDocument(tx, key, toStoredDocument(ctx, doc.contentType, doc.body));
  });
}

export async function postProfileDocument(ctx: OpsContext, params: ProfileParams, doc: DocumentInput, as: Credential, pre: Preconditions = {}): Promise<void> {
  const key = profileDocumentKey(await checkProfileWrite(ctx, params, { method: "post", body: doc.body }, as));
  await ctx.store.write(async (tx) => {
    const existing = await ctx.store.getProfileDocument(tx, key);
    checkPreconditions(existing?.etag, pre, "post", "profile");
    await ctx.store.putProfileDocument(tx, key, postedDocument(ctx, existing, doc));
  });
}

export async function deleteProfileDocument(ctx: OpsContext, params: ProfileParams, as: Credential, pre: Preconditions = {}): Promise<void> {
  const key = profileDocumentKey(await checkProfileWrite(ctx, params, { method: "delete" }, as));
  await ctx.store.write(async (tx) => {
    const existing = await ctx.store.getProfileDocument(tx, key);
    checkPreconditions(existing?.etag, pre, "delete", "profile");
    await ctx.store.deleteProfileDocument(tx, key);
  });
}

async function checkProfileWrite(ctx: OpsContext, params: ProfileParams, write: { method: "put" | "post" | "delete"; body?: Buffer }, as: Credential): Promise<ProfileParams> {
  requireProfileWrite(as);
  const checked = parseProfileParams(params);
  for (const guard of ctx.guards) await guard.checkProfileWrite?.(checked, write, as);
  return checked;
}
