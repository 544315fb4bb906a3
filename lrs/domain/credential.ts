// Credentials and the xAPI OAuth scopes (xAPI-Communication.md 4.2) they carry.
import { ForbiddenError } from "../errors.js";
import type { Agent } from "./xapi-types.js";

export const SCOPES = [
  "statements/write",
  "statements/read",
  "statements/read/mine",
  "state",
  "define",
  "profile",
  "all/read",
  "all",
] as const;

export type Scope = (typeof SCOPES)[number];

export interface Credential {
  key: string;
  name: string;
  scopes: Scope[];
  authority: Agent;
  revoked: boolean;
  createdAt: string;
}

export const AUTHORITY_HOME_PAGE = "urn:obuka:lrs";

export function defaultAuthority(key: string): Agent {
  return { objectType: "Agent", account: { homePage: AUTHORITY_HOME_PAGE, name: key } };
}

export function isScope(value: unknown): value is Scope {
  return typeof value === "string" && (SCOPES as readonly string[]).includes(value);
}

function hasAny(credential: Credential, scopes: readonly Scope[]): boolean {
  return credential.scopes.some((scope) => scopes.includes(scope));
}

export function requireStatementWrite(credential: Credential): void {
  if (!hasAny(credential, ["statements/write", "all"])) throw new ForbiddenError("this credential may not write statements");
}

/** "all" when the credential reads every statement, "mine" when only those it wrote. */
export function statementReadAccess(credential: Credential): "all" | "mine" {
  if (hasAny(credential, ["statements/read", "all/read", "all"])) return "all";
  if (hasAny(credential, ["statements/read/mine"])) return "mine";
  throw new ForbiddenError("this credential may not read statements");
}

export function requireStateRead(credential: Credential): void {
  if (!hasAny(credential, ["state", "all/read", "all"])) throw new ForbiddenError("this credential may not read state");
}

export function requireStateWrite(credential: Credential): void {
  if (!hasAny(credential, ["state", "all"])) throw new ForbiddenError("this credential may not write state");
}

export function requireProfileRead(credential: Credential): void {
  if (!hasAny(credential, ["profile", "all/read", "all"])) throw new ForbiddenError("this credential may not read profiles");
}

export function requireProfileWrite(credential: Credential): void {
  if (!hasAny(credential, ["profile", "all"])) throw new ForbiddenError("this credential may not write profiles");
}

/** Activity definitions and Person objects hold nothing private, so any credential that reads anything may read them. */
export function requireDefinitionRead(credential: Credential): void {
  if (!hasAny(credential, ["statements/read", "statements/read/mine", "all/read", "all", "define", "profile", "state"])) {
    throw new ForbiddenError("this credential may not read activities or agents");
  }
}

/** Scope "define": without it the LRS keeps the statement but does not update its canonical definitions (4.2). */
export function mayDefine(credential: Credential): boolean {
  return hasAny(credential, ["define", "all"]);
}
