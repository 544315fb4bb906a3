// xAPI statements that mirror a SCORM session in the LRS, so one LRS holds the results of
// every format. The verbs are ADL's; the SCO is the object, the package its parent, and
// the attempt the registration.
import { createHash } from "node:crypto";
import type { LearnerAgent } from "./cmi5-launch.js";
import { formatIsoDuration, type CmiSummary } from "./scorm-cmi.js";

export const scormVerbs = {
  initialized: "http://adlnet.gov/expapi/verbs/initialized",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
  terminated: "http://adlnet.gov/expapi/verbs/terminated",
} as const;
export type ScormVerb = keyof typeof scormVerbs;

/** The ADL xAPI profile for SCORM content, as the statements' category. */
export const scormProfileCategory = "https://w3id.org/xapi/scorm";
export const scormSessionExtension = "https://obuka.rs/xapi/extensions/scorm-session-id";

/** Stable IRIs for a SCORM package and its SCOs: manifest identifiers are not IRIs, and a re-import keeps them. */
export function scormActivityId(kind: "course" | "sco", manifestIdentifier: string, itemIdentifier = ""): string {
  const digest = createHash("sha256").update(`${kind}\n${manifestIdentifier}\n${itemIdentifier}`).digest("hex").slice(0, 32);
  return `urn:obuka:scorm:${kind}:${digest}`;
}

export interface ScormStatementContext {
  actor: LearnerAgent;
  attemptId: string;
  sessionId: string;
  course: { id: string; title: string };
  sco: { id: string; title: string };
}

/**
 * The statements a commit adds, in order: initialized once per session, completed and
 * passed/failed when the SCO reports them (each once per session), terminated at the end.
 */
export function scormStatementsFor(input: {
  context: ScormStatementContext;
  summary: CmiSummary | undefined;
  event: "initialize" | "commit" | "terminate";
  alreadyRecorded: readonly string[];
  totalSeconds: number;
  newId: () => string;
  timestamp: string;
}): { verb: ScormVerb; statement: Record<string, unknown> }[] {
  const { summary, alreadyRecorded } = input;
  const wanted: ScormVerb[] = ["initialized"];
  if (summary?.completionStatus === "completed") wanted.push("completed");
  if (summary?.successStatus === "passed" || summary?.successStatus === "failed") wanted.push(summary.successStatus);
  if (input.event === "terminate") wanted.push("terminated");
  return wanted
    .filter((verb) => !alreadyRecorded.includes(verb))
    .map((verb) => ({ verb, statement: buildStatement(verb, input) }));
}

function buildStatement(verb: ScormVerb, input: Parameters<typeof scormStatementsFor>[0]): Record<string, unknown> {
  const { context, summary } = input;
  const result: Record<string, unknown> = {};
  if (verb === "completed") result.completion = true;
  if (verb === "passed" || verb === "failed") {
    result.success = verb === "passed";
    if (summary?.scoreScaled !== undefined && summary.scoreScaled >= -1 && summary.scoreScaled <= 1) {
      result.score = { scaled: summary.scoreScaled, ...(summary.scoreRaw === undefined ? {} : { raw: summary.scoreRaw }) };
    }
  }
  // terminated carries the session's time; completed and passed/failed the attempt's total.
  if (verb === "terminated") result.duration = formatIsoDuration(summary?.sessionSeconds ?? 0);
  else if (verb !== "initialized") result.duration = formatIsoDuration(input.totalSeconds);
  return {
    id: input.newId(),
    timestamp: input.timestamp,
    actor: context.actor,
    verb: { id: scormVerbs[verb], display: { "en-US": verb } },
    object: {
      objectType: "Activity",
      id: context.sco.id,
      definition: { type: "http://adlnet.gov/expapi/activities/lesson", name: { und: context.sco.title } },
    },
    ...(Object.keys(result).length ? { result } : {}),
    context: {
      registration: context.attemptId,
      contextActivities: {
        parent: [{ objectType: "Activity", id: context.course.id, definition: { type: "http://adlnet.gov/expapi/activities/course", name: { und: context.course.title } } }],
        category: [{ objectType: "Activity", id: scormProfileCategory }],
      },
      extensions: { [scormSessionExtension]: context.sessionId },
    },
  };
}

/** The LMS's statement that the learner completed or passed the whole package, by rollup of its SCOs' results. */
export function scormCourseStatement(input: {
  actor: ScormStatementContext["actor"];
  course: ScormStatementContext["course"];
  verb: "completed" | "passed";
  id: string;
  timestamp: string;
}): Record<string, unknown> {
  return {
    id: input.id,
    timestamp: input.timestamp,
    actor: input.actor,
    verb: { id: scormVerbs[input.verb], display: { "en-US": input.verb } },
    object: { objectType: "Activity", id: input.course.id, definition: { type: "http://adlnet.gov/expapi/activities/course", name: { und: input.course.title } } },
    result: input.verb === "passed" ? { success: true, completion: true } : { completion: true },
    context: { contextActivities: { category: [{ objectType: "Activity", id: scormProfileCategory }] } },
  };
}
