import type { MoveOn } from "./cmi5-structure.js";

// Vocabulary of cmi5 (AICC/CMI-5_Spec_Current, sections 9 and 10).
export const cmi5 = {
  categoryCmi5: "https://w3id.org/xapi/cmi5/context/categories/cmi5",
  categoryMoveOn: "https://w3id.org/xapi/cmi5/context/categories/moveon",
  extSessionId: "https://w3id.org/xapi/cmi5/context/extensions/sessionid",
  extMasteryScore: "https://w3id.org/xapi/cmi5/context/extensions/masteryscore",
  extLaunchMode: "https://w3id.org/xapi/cmi5/context/extensions/launchmode",
  extLaunchUrl: "https://w3id.org/xapi/cmi5/context/extensions/launchurl",
  extMoveOn: "https://w3id.org/xapi/cmi5/context/extensions/moveon",
  extLaunchParameters: "https://w3id.org/xapi/cmi5/context/extensions/launchparameters",
  extReason: "https://w3id.org/xapi/cmi5/result/extensions/reason",
  typeCourse: "https://w3id.org/xapi/cmi5/activitytype/course",
  typeBlock: "https://w3id.org/xapi/cmi5/activitytype/block",
  launchDataStateId: "LMS.LaunchData",
  learnerPreferencesProfileId: "cmi5LearnerPreferences",
  verbs: {
    launched: "http://adlnet.gov/expapi/verbs/launched",
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    completed: "http://adlnet.gov/expapi/verbs/completed",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    failed: "http://adlnet.gov/expapi/verbs/failed",
    abandoned: "https://w3id.org/xapi/adl/verbs/abandoned",
    waived: "https://w3id.org/xapi/adl/verbs/waived",
    terminated: "http://adlnet.gov/expapi/verbs/terminated",
    satisfied: "https://w3id.org/xapi/adl/verbs/satisfied",
  },
} as const;

/** 10.0 launchMode: Normal records satisfaction; Browse and Review only Initialized and Terminated. */
export type LaunchMode = "Normal" | "Browse" | "Review";
export const launchModes: readonly LaunchMode[] = ["Normal", "Browse", "Review"];

/** 9.5.5.2: the value space of the reason extension of Waived. */
export type WaiverReason = "Tested Out" | "Equivalent AU" | "Equivalent Outside Activity" | "Administrative";
export const waiverReasons: readonly WaiverReason[] = ["Tested Out", "Equivalent AU", "Equivalent Outside Activity", "Administrative"];

export interface LearnerAgent {
  objectType: "Agent";
  name: string;
  account: { homePage: string; name: string };
}

/** Everything the LMS decided for one AU launch. */
export interface AuLaunch {
  sessionId: string;
  registration: string;
  actor: LearnerAgent;
  /** LMS-generated activity id of the AU (8.1.5.0-3: never the publisher id). */
  activityId: string;
  /** Publisher id of the AU from cmi5.xml, placed in grouping (9.6.2.3). */
  publisherId: string;
  moveOn: MoveOn;
  masteryScore: number | undefined;
  launchParameters: string | undefined;
  entitlementKey: string | undefined;
  launchMode: LaunchMode;
  /** The AU URL without the launch parameters (9.6.3.4). */
  auUrl: string;
  returnUrl: string;
}

/** The LMS.LaunchData state document (section 10). */
export function buildLaunchData(launch: AuLaunch): Record<string, unknown> {
  const data: Record<string, unknown> = {
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: "Activity", id: launch.publisherId }] },
      extensions: { [cmi5.extSessionId]: launch.sessionId },
    },
    launchMode: launch.launchMode,
    moveOn: launch.moveOn,
    returnURL: launch.returnUrl,
  };
  if (launch.masteryScore !== undefined) data.masteryScore = launch.masteryScore;
  if (launch.launchParameters !== undefined) data.launchParameters = launch.launchParameters;
  if (launch.entitlementKey !== undefined) data.entitlementKey = { courseStructure: launch.entitlementKey };
  return data;
}

/** The query string the AU is launched with (section 8.1). */
export function buildLaunchUrl(launch: AuLaunch, endpoint: string, fetchUrl: string): string {
  const params = new URLSearchParams({
    endpoint,
    fetch: fetchUrl,
    actor: JSON.stringify(launch.actor),
    registration: launch.registration,
    activityId: launch.activityId,
  });
  return `${launch.auUrl}${launch.auUrl.includes("?") ? "&" : "?"}${params.toString()}`;
}

/** The Launched statement the LMS records before launching (9.3.1, 9.6.3). */
export function buildLaunchedStatement(launch: AuLaunch, id: string, timestamp: string): Record<string, unknown> {
  const extensions: Record<string, unknown> = {
    [cmi5.extSessionId]: launch.sessionId,
    [cmi5.extLaunchMode]: launch.launchMode,
    [cmi5.extLaunchUrl]: launch.auUrl,
    [cmi5.extMoveOn]: launch.moveOn,
  };
  if (launch.masteryScore !== undefined) extensions[cmi5.extMasteryScore] = launch.masteryScore;
  if (launch.launchParameters !== undefined) extensions[cmi5.extLaunchParameters] = launch.launchParameters;
  return {
    id,
    timestamp,
    actor: launch.actor,
    verb: { id: cmi5.verbs.launched, display: { "en-US": "Launched" } },
    object: { objectType: "Activity", id: launch.activityId },
    context: {
      registration: launch.registration,
      contextActivities: {
        category: [{ objectType: "Activity", id: cmi5.categoryCmi5 }],
        grouping: [{ objectType: "Activity", id: launch.publisherId }],
      },
      extensions,
    },
  };
}

/** A Satisfied statement for a course or block, made by the LMS (9.3.9). */
export function buildSatisfiedStatement(input: {
  id: string;
  timestamp: string;
  actor: LearnerAgent;
  registration: string;
  sessionId: string;
  /** LMS-generated id of the course or block (9.3.9.0-3, -7). */
  objectId: string;
  objectType: "course" | "block";
  publisherId: string;
}): Record<string, unknown> {
  return {
    id: input.id,
    timestamp: input.timestamp,
    actor: input.actor,
    verb: { id: cmi5.verbs.satisfied, display: { "en-US": "Satisfied" } },
    object: {
      objectType: "Activity",
      id: input.objectId,
      definition: { type: input.objectType === "course" ? cmi5.typeCourse : cmi5.typeBlock },
    },
    context: {
      registration: input.registration,
      contextActivities: {
        category: [{ objectType: "Activity", id: cmi5.categoryCmi5 }],
        grouping: [{ objectType: "Activity", id: input.publisherId }],
      },
      extensions: { [cmi5.extSessionId]: input.sessionId },
    },
  };
}

/** ISO 8601 duration of the time between two instants, in seconds with centisecond precision. */
export function isoDuration(fromIso: string, toIso: string): string {
  const milliseconds = Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
  return `PT${Math.round(milliseconds / 10) / 100}S`;
}

/**
 * The Abandoned statement the LMS records for a session that ended without Terminated
 * (9.3.6), its duration running from Launched to the AU's last statement (9.5.4.2-2).
 */
export function buildAbandonedStatement(input: {
  id: string;
  timestamp: string;
  actor: LearnerAgent;
  registration: string;
  sessionId: string;
  activityId: string;
  publisherId: string;
  launchedAt: string;
  lastStatementAt: string | undefined;
}): Record<string, unknown> {
  return {
    id: input.id,
    timestamp: input.timestamp,
    actor: input.actor,
    verb: { id: cmi5.verbs.abandoned, display: { "en-US": "Abandoned" } },
    object: { objectType: "Activity", id: input.activityId },
    result: { duration: isoDuration(input.launchedAt, input.lastStatementAt ?? input.launchedAt) },
    context: {
      registration: input.registration,
      contextActivities: {
        category: [{ objectType: "Activity", id: cmi5.categoryCmi5 }],
        grouping: [{ objectType: "Activity", id: input.publisherId }],
      },
      extensions: { [cmi5.extSessionId]: input.sessionId },
    },
  };
}

/**
 * The Waived statement the LMS records (9.3.7): its own session id, result success and
 * completion true (9.5.2.0-1, 9.5.3.0-1), the reason extension (9.5.5.2) and the moveOn
 * category (9.6.2.2-1 (d4)).
 */
export function buildWaivedStatement(input: {
  id: string;
  timestamp: string;
  actor: LearnerAgent;
  registration: string;
  sessionId: string;
  activityId: string;
  publisherId: string;
  reason: WaiverReason;
}): Record<string, unknown> {
  return {
    id: input.id,
    timestamp: input.timestamp,
    actor: input.actor,
    verb: { id: cmi5.verbs.waived, display: { "en-US": "Waived" } },
    object: { objectType: "Activity", id: input.activityId },
    result: { success: true, completion: true, extensions: { [cmi5.extReason]: input.reason } },
    context: {
      registration: input.registration,
      contextActivities: {
        category: [
          { objectType: "Activity", id: cmi5.categoryCmi5 },
          { objectType: "Activity", id: cmi5.categoryMoveOn },
        ],
        grouping: [{ objectType: "Activity", id: input.publisherId }],
      },
      extensions: { [cmi5.extSessionId]: input.sessionId },
    },
  };
}
