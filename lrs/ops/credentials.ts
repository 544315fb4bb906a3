// Credentials for HTTP Basic auth. Secrets are 32 random bytes: high-entropy tokens,
// so a fast SHA-256 is the right hash (no password stretching needed), compared in
// constant time.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { NotFoundError, UnauthorizedError } from "../errors.js";
import { defaultAuthority, isScope, type Credential, type Scope } from "../domain/credential.js";
import { parseAgent } from "../domain/validate-actor.js";
import { expectArray, expectString, fail } from "../domain/validate-primitives.js";
import type { Agent } from "../domain/xapi-types.js";
import type { OpsContext } from "./context.js";

export interface CreateCredentialInput {
  name: string;
  scopes: Scope[];
  authority?: Agent;
}

export async function createCredential(
  ctx: OpsContext,
  input: CreateCredentialInput,
): Promise<{ key: string; secret: string; credential: Credential }> {
  const name = expectString(input.name, "name").trim();
  if (name === "") fail("name", "must not be empty");
  const scopes = expectArray(input.scopes, "scopes");
  if (scopes.length === 0) fail("scopes", "must list at least one scope");
  scopes.forEach((scope, i) => {
    if (!isScope(scope)) fail(`scopes[${i}]`, "is not an xAPI scope");
  });
  const key = randomBytes(16).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const credential: Credential = {
    key,
    name,
    scopes: [...new Set(scopes as Scope[])],
    authority: input.authority === undefined ? defaultAuthority(key) : parseAgent(input.authority, "authority"),
    revoked: false,
    createdAt: ctx.clock().toISOString(),
  };
  await ctx.store.write((tx) => ctx.store.insertCredential(tx, { credential, secretHash: hashSecret(secret) }));
  return { key, secret, credential };
}

export async function authenticate(ctx: OpsContext, header: string | undefined): Promise<Credential> {
  const { key, secret } = parseBasicAuth(header);
  const row = await ctx.store.read((tx) => ctx.store.getCredential(tx, key));
  // Hash even for unknown keys so timing does not tell which keys exist.
  const given = Buffer.from(hashSecret(secret), "hex");
  const expected = Buffer.from(row?.secretHash ?? hashSecret(""), "hex");
  const matches = timingSafeEqual(given, expected) && row !== undefined;
  if (!matches) throw new UnauthorizedError("unknown key or wrong secret");
  if (row.credential.revoked) throw new UnauthorizedError("this credential has been revoked");
  return row.credential;
}

export async function revokeCredential(ctx: OpsContext, key: string): Promise<void> {
  const found = await ctx.store.write((tx) => ctx.store.revokeCredential(tx, key));
  if (!found) throw new NotFoundError(`no credential with key ${key}`);
}

export async function listCredentials(ctx: OpsContext): Promise<Credential[]> {
  return ctx.store.read((tx) => ctx.store.listCredentials(tx));
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

function parseBasicAuth(header: string | undefined): { key: string; secret: string } {
  if (header === undefined || header.trim() === "") throw new UnauthorizedError("credentials are required");
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (match === null) throw new UnauthorizedError("only Basic authentication is supported");
  const decoded = Buffer.from(match[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) throw new UnauthorizedError("malformed Basic credentials");
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

