// cmi5 section 8.1: the five launch parameters, in any order (8.1.0.0-7).

export interface Agent {
  objectType?: "Agent";
  name?: string;
  account?: { homePage: string; name: string };
  mbox?: string;
}

export interface LaunchParams {
  endpoint: string;
  fetchUrl: string;
  actor: Agent;
  registration: string;
  activityId: string;
}

/** The launch parameters, or undefined when the page was opened without them (standalone preview). */
export function parseLaunchParams(search: string): LaunchParams | undefined {
  const query = new URLSearchParams(search);
  const endpoint = query.get("endpoint");
  const fetchUrl = query.get("fetch");
  const actorText = query.get("actor");
  const registration = query.get("registration");
  const activityId = query.get("activityId");
  if (!endpoint && !fetchUrl && !actorText && !registration && !activityId) return undefined;
  if (!endpoint || !fetchUrl || !actorText || !registration || !activityId) {
    throw new Error("the launch URL lacks one of endpoint, fetch, actor, registration, activityId (cmi5 8.1)");
  }
  let actor: Agent;
  try {
    actor = JSON.parse(actorText) as Agent;
  } catch {
    throw new Error("the actor launch parameter is not JSON (cmi5 8.1.3)");
  }
  return { endpoint: endpoint.endsWith("/") ? endpoint : `${endpoint}/`, fetchUrl, actor, registration, activityId };
}
