// The LMS side of an xAPI (TinCan) package launch, after Rustici's launch document
// (RusticiSoftware/launch, lms_lrs.md): the launch URL's query parameters, and what a
// launch credential may write: statements and state of its own learner and registration only.
import type { LearnerAgent } from "./cmi5-launch.js";

/** How long a launch credential lives when the content never says it is done. */
export const xapiLaunchLifetimeMs = 8 * 60 * 60 * 1000;
/**
 * After Terminated the content may still save its resume state (it sends both at once when
 * the page goes away), so state writes stay open this long; statements are refused at once.
 */
export const xapiStateGraceMs = 60 * 1000;

export const terminatedVerb = "http://adlnet.gov/expapi/verbs/terminated";
const voidedVerb = "http://adlnet.gov/expapi/verbs/voided";

export interface XapiLaunchScope {
  actor: LearnerAgent;
  registration: string;
}

/**
 * The content URL with endpoint, auth (the whole Authorization header value), actor (JSON),
 * registration and activity_id, as the launch document names them, and Accept-Language when
 * the LMS knows the learner's language. A launch path that already has a query keeps it.
 */
export function buildXapiLaunchUrl(
  contentUrl: string,
  launch: { endpoint: string; authorization: string; actor: LearnerAgent; registration: string; activityId: string; acceptLanguage?: string },
): string {
  const url = new URL(contentUrl);
  url.searchParams.set("endpoint", launch.endpoint);
  url.searchParams.set("auth", launch.authorization);
  url.searchParams.set("actor", JSON.stringify(launch.actor));
  url.searchParams.set("registration", launch.registration);
  url.searchParams.set("activity_id", launch.activityId);
  if (launch.acceptLanguage !== undefined) url.searchParams.set("Accept-Language", launch.acceptLanguage);
  return url.toString();
}

/** Agents are the same learner when their accounts match: the player's learners are accounts. */
export function isLaunchActor(agent: unknown, actor: LearnerAgent): boolean {
  if (typeof agent !== "object" || agent === null) return false;
  const candidate = agent as { objectType?: unknown; account?: { homePage?: unknown; name?: unknown } };
  if (candidate.objectType !== undefined && candidate.objectType !== "Agent") return false;
  return candidate.account?.homePage === actor.account.homePage && candidate.account?.name === actor.account.name;
}

/**
 * The first statement (as the content sent it) that a launch credential may not write, with
 * the field at fault: another actor, another or no registration, or a voiding statement.
 */
export function findStatementOutsideScope(received: readonly unknown[], scope: XapiLaunchScope): { index: number; message: string } | undefined {
  for (const [index, raw] of received.entries()) {
    const statement = (typeof raw === "object" && raw !== null ? raw : {}) as { actor?: unknown; verb?: { id?: unknown }; context?: { registration?: unknown } };
    if (!isLaunchActor(statement.actor, scope.actor)) return { index, message: "actor: a launch credential writes statements only for the learner it was launched for" };
    const registration = statement.context?.registration;
    if (typeof registration !== "string" || registration.toLowerCase() !== scope.registration.toLowerCase()) {
      return { index, message: "context.registration: must be the registration given at launch" };
    }
    if (statement.verb?.id === voidedVerb) return { index, message: "verb.id: a launch credential may not void statements" };
  }
  return undefined;
}

/** What a launch credential may do with state documents: only its learner's, in its registration. */
export function findStateOutsideScope(request: { agent: unknown; registration?: string | undefined }, scope: XapiLaunchScope): string | undefined {
  if (!isLaunchActor(request.agent, scope.actor)) return "agent: a launch credential reads and writes state only for the learner it was launched for";
  if (request.registration === undefined || request.registration.toLowerCase() !== scope.registration.toLowerCase()) {
    return "registration: must be the registration given at launch";
  }
  return undefined;
}
