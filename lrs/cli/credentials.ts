// `obuka lrs credentials …`: create, list and revoke LRS credentials in the LRS's
// SQLite file. Each command is a plain async function given the open Lrs and an output.
import { isScope, SCOPES, type Scope } from "../domain/credential.js";
import type { Lrs } from "../create-lrs.js";
import { LrsUsageError } from "./errors.js";

export interface Output {
  stdout: (line: string) => void;
}

export interface CreateOptions {
  name: string | undefined;
  scopes: string | undefined;
  json: boolean;
}

/** "a,b" → scopes; every entry must be an xAPI scope. */
export function parseScopes(text: string | undefined): Scope[] {
  if (text === undefined || text.trim() === "") throw new LrsUsageError(`--scopes is required: a comma-separated list of ${SCOPES.join(", ")}`);
  const scopes = text.split(",").map((s) => s.trim());
  for (const scope of scopes) {
    if (!isScope(scope)) throw new LrsUsageError(`--scopes: "${scope}" is not an xAPI scope (use ${SCOPES.join(", ")})`);
  }
  return scopes as Scope[];
}

export async function createCredentialCommand(lrs: Lrs, options: CreateOptions, out: Output): Promise<void> {
  const name = options.name?.trim();
  if (name === undefined || name === "") throw new LrsUsageError("--name is required: a label for who uses this credential");
  const scopes = parseScopes(options.scopes);
  const { key, secret, credential } = await lrs.credentials.create({ name, scopes });
  if (options.json) {
    out.stdout(JSON.stringify({ key, secret, name: credential.name, scopes: credential.scopes, authority: credential.authority }));
    return;
  }
  out.stdout(`Created LRS credential "${credential.name}" (scopes: ${credential.scopes.join(", ")})`);
  out.stdout(`key:    ${key}`);
  out.stdout(`secret: ${secret}`);
  out.stdout("The secret is shown only now; the LRS keeps only its hash. Use HTTP Basic auth key:secret against <server>/xapi.");
}

export async function listCredentialsCommand(lrs: Lrs, json: boolean, out: Output): Promise<void> {
  const credentials = await lrs.credentials.list();
  if (json) {
    out.stdout(JSON.stringify(credentials.map(({ key, name, scopes, revoked, createdAt }) => ({ key, name, scopes, revoked, createdAt }))));
    return;
  }
  if (credentials.length === 0) {
    out.stdout("No LRS credentials yet; create one with: obuka lrs credentials create --name N --scopes a,b");
    return;
  }
  for (const c of credentials) {
    out.stdout(`${c.key}  ${c.revoked ? "revoked" : "active "}  ${c.createdAt}  ${c.name}  [${c.scopes.join(", ")}]`);
  }
}

export async function revokeCredentialCommand(lrs: Lrs, key: string | undefined, out: Output): Promise<void> {
  if (key === undefined || key.trim() === "") throw new LrsUsageError("revoke needs the <key> of the credential to revoke");
  await lrs.credentials.revoke(key.trim());
  out.stdout(`Revoked LRS credential ${key.trim()}; requests with it now get 401.`);
}
