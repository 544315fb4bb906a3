// State documents (xAPI-Communication.md 2.3): keyed by activity, agent, optional
// registration and stateId; POST merges JSON objects one level deep.
import { ValidationError } from "../errors.js";
import { ifiKey } from "./agent-ifi.js";
import { parseIdentifiedActor } from "./validate-actor.js";
import { expectIri, expectObject, expectString, expectTimestamp, expectUuid, join, timestampInstant } from "./validate-primitives.js";
import type { Agent } from "./xapi-types.js";

export interface StateParams {
  activityId: string;
  agent: Agent;
  registration?: string;
  stateId: string;
}

/** Selects every state document of an activity and agent (and registration, if given). */
export type StateScope = Omit<StateParams, "stateId">;

export interface StoredDocument {
  contentType: string;
  body: Buffer;
  etag: string;
  updated: string;
}

export interface StateDocumentKey {
  activityId: string;
  agentIfi: string;
  /** "" when the document belongs to no registration. */
  registration: string;
  stateId: string;
}

export interface StateScopeKey {
  activityId: string;
  agentIfi: string;
  /** undefined selects documents of every registration, and of none. */
  registration: string | undefined;
}

export function parseStateScope(value: unknown): StateScope {
  const obj = expectObject(value, "");
  expectIri(obj["activityId"], "activityId");
  const agent = parseIdentifiedActor(obj["agent"], "agent") as Agent;
  const scope: StateScope = { activityId: obj["activityId"] as string, agent };
  if (obj["registration"] !== undefined) scope.registration = expectUuid(obj["registration"], "registration");
  return scope;
}

export function parseStateParams(value: unknown): StateParams {
  const scope = parseStateScope(value);
  const stateId = expectString((value as Record<string, unknown>)["stateId"], "stateId");
  return { ...scope, stateId };
}

export function parseSince(value: unknown): string {
  return timestampInstant(expectTimestamp(value, "since")) ?? "";
}

export function stateScopeKey(scope: StateScope): StateScopeKey {
  return { activityId: scope.activityId, agentIfi: agentIfiOf(scope.agent), registration: scope.registration?.toLowerCase() };
}

export function stateDocumentKey(params: StateParams): StateDocumentKey {
  return {
    activityId: params.activityId,
    agentIfi: agentIfiOf(params.agent),
    registration: params.registration?.toLowerCase() ?? "",
    stateId: params.stateId,
  };
}

function agentIfiOf(agent: Agent): string {
  const key = ifiKey(agent);
  if (key === undefined) throw ValidationError.at("agent", "must have an inverse functional identifier");
  return key;
}

export function isJsonContentType(contentType: string): boolean {
  return /^application\/json\b/i.test(contentType.trim());
}

/** Merges `incoming` into `existing`; both must be JSON objects (spec: otherwise 400). */
export function mergeJsonDocuments(existing: Buffer, incoming: Buffer): Buffer {
  const merged = { ...jsonObject(existing, "stored document"), ...jsonObject(incoming, "body") };
  try {
    return Buffer.from(JSON.stringify(merged));
  } catch (error) {
    // JSON.parse reads nesting of any depth; JSON.stringify runs out of stack on it.
    throw ValidationError.at("body", "is nested too deeply to merge", { cause: error });
  }
}

export function jsonObject(body: Buffer, path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw ValidationError.at(path, "must be a JSON object to be merged", { cause: error });
  }
  return expectObject(parsed, join("", path));
}
