// Activity Profile and Agent Profile documents (xAPI-Communication.md 2.6, 2.7): keyed by
// an activity id or an agent, and a profileId. Both kinds share one store table.
import { ifiKey } from "./agent-ifi.js";
import { parseAgent } from "./validate-actor.js";
import { expectIri, expectObject, expectString, fail } from "./validate-primitives.js";
import type { Agent } from "./xapi-types.js";

export type ProfileScope = { activityId: string } | { agent: Agent };
export type ProfileParams = ProfileScope & { profileId: string };

export interface ProfileScopeKey {
  kind: "activity" | "agent";
  /** The activity id, or the agent's IFI key. */
  owner: string;
}

export interface ProfileDocumentKey extends ProfileScopeKey {
  profileId: string;
}

/** Exactly one of activityId (an IRI) or agent (an Agent; a Group's IFI goes in an Agent object). */
export function parseProfileScope(value: unknown): ProfileScope {
  const obj = expectObject(value, "");
  if (obj["activityId"] !== undefined) return { activityId: expectIri(obj["activityId"], "activityId") };
  if (obj["agent"] !== undefined) return { agent: parseAgent(obj["agent"], "agent") };
  return fail("activityId", "or agent is required");
}

export function parseProfileParams(value: unknown): ProfileParams {
  const scope = parseProfileScope(value);
  const profileId = expectString((value as Record<string, unknown>)["profileId"], "profileId");
  return { ...scope, profileId };
}

export function profileScopeKey(scope: ProfileScope): ProfileScopeKey {
  if ("activityId" in scope) return { kind: "activity", owner: scope.activityId };
  // parseAgent guarantees exactly one IFI.
  return { kind: "agent", owner: ifiKey(scope.agent) ?? fail("agent", "must have an inverse functional identifier") };
}

export function profileDocumentKey(params: ProfileParams): ProfileDocumentKey {
  return { ...profileScopeKey(params), profileId: params.profileId };
}
