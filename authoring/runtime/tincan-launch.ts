// The xAPI launch of a TinCan package (Rustici's "launch" document): endpoint, auth,
// actor, registration and activity_id in the query string.
import type { Agent } from "./launch-params.js";

export interface TincanLaunch {
  endpoint: string;
  /** The whole Authorization header value, e.g. "Basic …". */
  auth: string;
  actor: Agent;
  registration: string | undefined;
  activityId: string | undefined;
}

/** The launch, or undefined when the page was opened without one (standalone preview). */
export function parseTincanLaunch(search: string): TincanLaunch | undefined {
  const query = new URLSearchParams(search);
  const endpoint = query.get("endpoint");
  const auth = query.get("auth");
  const actorText = query.get("actor");
  if (!endpoint && !auth && !actorText) return undefined;
  if (!endpoint || !auth || !actorText) throw new Error("the launch URL lacks one of endpoint, auth, actor (xAPI launch)");
  let actor: unknown;
  try {
    actor = JSON.parse(actorText);
  } catch {
    throw new Error("the actor launch parameter is not JSON");
  }
  return {
    endpoint: endpoint.endsWith("/") ? endpoint : `${endpoint}/`,
    auth,
    actor: normalizeActor(actor),
    registration: query.get("registration") || undefined,
    activityId: query.get("activity_id") || undefined,
  };
}

/** Older TinCan LMSs send 0.9-style actors with arrays (`"mbox": ["mailto:…"]`); xAPI wants single values. */
function normalizeActor(value: unknown): Agent {
  if (typeof value !== "object" || value === null) throw new Error("the actor launch parameter is not an agent");
  const raw = value as Record<string, unknown>;
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
  const agent: Record<string, unknown> = { objectType: "Agent" };
  const name = first(raw.name);
  if (typeof name === "string") agent.name = name;
  for (const key of ["mbox", "mbox_sha1sum", "openid"]) {
    const v = first(raw[key]);
    if (typeof v === "string") agent[key] = v;
  }
  const account = first(raw.account) as Record<string, unknown> | undefined;
  if (account && typeof account === "object") {
    const homePage = account.homePage ?? account.accountServiceHomePage;
    const accountName = account.name ?? account.accountName;
    if (typeof homePage === "string" && typeof accountName === "string") agent.account = { homePage, name: accountName };
  }
  if (!agent.mbox && !agent.mbox_sha1sum && !agent.openid && !agent.account) throw new Error("the actor launch parameter has no identifier (mbox, mbox_sha1sum, openid or account)");
  return agent as Agent;
}
