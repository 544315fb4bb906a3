// Statement builders, pure: cmi5 defined statements (cmi5 section 9) and the cmi5 allowed
// ones this runtime sends (quiz answers, ADL Video Profile).
import type { Agent } from "./launch-params.js";
import type { QuizConfig, VideoConfig } from "./au-config.js";
import { describeInteraction } from "./interaction.js";

export const cmi5Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
export const moveOnCategory = "https://w3id.org/xapi/cmi5/context/categories/moveon";
export const masteryScoreExtension = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
export const videoProfile = "https://w3id.org/xapi/video";

export const verbs = {
  initialized: { id: "http://adlnet.gov/expapi/verbs/initialized", display: { "en-US": "initialized" } },
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
  passed: { id: "http://adlnet.gov/expapi/verbs/passed", display: { "en-US": "passed" } },
  failed: { id: "http://adlnet.gov/expapi/verbs/failed", display: { "en-US": "failed" } },
  terminated: { id: "http://adlnet.gov/expapi/verbs/terminated", display: { "en-US": "terminated" } },
  answered: { id: "http://adlnet.gov/expapi/verbs/answered", display: { "en-US": "answered" } },
  experienced: { id: "http://adlnet.gov/expapi/verbs/experienced", display: { "en-US": "experienced" } },
  played: { id: "https://w3id.org/xapi/video/verbs/played", display: { "en-US": "played" } },
  paused: { id: "https://w3id.org/xapi/video/verbs/paused", display: { "en-US": "paused" } },
  seeked: { id: "https://w3id.org/xapi/video/verbs/seeked", display: { "en-US": "seeked" } },
} as const;

export type Statement = Record<string, unknown> & { id: string; verb: { id: string } };

interface ContextActivity {
  objectType?: "Activity";
  id: string;
}

export interface Context {
  registration?: string;
  contextActivities?: { parent?: ContextActivity[]; grouping?: ContextActivity[]; category?: ContextActivity[]; other?: ContextActivity[] };
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What every statement of the session shares. */
export interface SessionBase {
  actor: Agent;
  /** Always set under cmi5; an xAPI launch may come without one. */
  registration: string | undefined;
  activityId: string;
  /** LMS.LaunchData contextTemplate (10.2.1): session id extension, publisher id grouping. */
  contextTemplate: Context;
  lang: string;
}

export interface Stamp {
  id: string;
  timestamp: string;
}

/**
 * The context: the template first, then our additions appended or added beside it,
 * never overwriting what the LMS provided (10.2.1.0-6, 10.2.1.0-7).
 */
export function buildContext(base: SessionBase, add: { categories?: string[]; parent?: string[]; extensions?: Record<string, unknown> }): Context {
  const template = JSON.parse(JSON.stringify(base.contextTemplate ?? {})) as Context;
  const activities = { ...(template.contextActivities ?? {}) };
  const append = (list: ContextActivity[] | undefined, ids: string[] | undefined) => {
    const result = [...(list ?? [])];
    for (const id of ids ?? []) if (!result.some((a) => a.id === id)) result.push({ objectType: "Activity", id });
    return result;
  };
  if (add.categories?.length) activities.category = append(activities.category, add.categories);
  if (add.parent?.length) activities.parent = append(activities.parent, add.parent);
  const context: Context = { ...template, ...(base.registration ? { registration: base.registration } : {}) };
  if (Object.keys(activities).length) context.contextActivities = activities;
  if (add.extensions) context.extensions = { ...add.extensions, ...(template.extensions ?? {}) };
  return context;
}

type Cmi5Verb = "initialized" | "completed" | "passed" | "failed" | "terminated";

/** A cmi5 defined statement (9.1–9.7): object is the launch activityId, cmi5 category, moveOn category when judged. */
export function cmi5Statement(
  base: SessionBase,
  stamp: Stamp,
  verb: Cmi5Verb,
  result?: { completion?: true; success?: boolean; score?: { scaled: number; raw: number; min: number; max: number }; duration?: string },
  masteryScore?: number,
): Statement {
  const judged = result?.completion !== undefined || result?.success !== undefined;
  const extensions = masteryScore !== undefined && (verb === "passed" || verb === "failed") ? { [masteryScoreExtension]: masteryScore } : undefined;
  const statement: Statement = {
    id: stamp.id,
    timestamp: stamp.timestamp,
    actor: base.actor,
    verb: verbs[verb],
    object: { objectType: "Activity", id: base.activityId },
    context: buildContext(base, { categories: judged ? [cmi5Category, moveOnCategory] : [cmi5Category], ...(extensions ? { extensions } : {}) }),
  };
  if (result) statement.result = result;
  return statement;
}

/** One quiz answer as a cmi.interaction (cmi5 allowed: no cmi5 category, no moveOn). */
export function answeredStatement(base: SessionBase, stamp: Stamp, question: QuizConfig["questions"][number], selected: readonly string[], correct: boolean): Statement {
  const lang = base.lang;
  // xAPI's response patterns are SCORM 2004's (xAPI 1.0.3 Appendix C).
  const interaction = describeInteraction(question, selected, "scorm2004");
  const components = (items: readonly { id: string; text: string }[]) => items.map((c) => ({ id: c.id, description: { [lang]: c.text } }));
  const definition: Record<string, unknown> = {
    type: "http://adlnet.gov/expapi/activities/cmi.interaction",
    name: { [lang]: question.prompt },
    interactionType: interaction.type,
    correctResponsesPattern: interaction.correctPatterns,
  };
  if (interaction.type === "choice") definition.choices = components(question.choices);
  if (interaction.type === "matching" && question.matching) {
    definition.source = components(question.matching.sources);
    definition.target = components(question.matching.targets);
  }
  return {
    id: stamp.id,
    timestamp: stamp.timestamp,
    actor: base.actor,
    verb: verbs.answered,
    object: { objectType: "Activity", id: question.activityId, definition },
    result: { response: interaction.response, success: correct },
    context: buildContext(base, { parent: [base.activityId] }),
  };
}

export interface VideoMoment {
  time: number;
  length: number;
  playedSegments: string;
  progress: number;
  videoSessionId: string;
  ccLang: string | undefined;
  /** Seeked only: where the seek started (`time` is where it ended). */
  timeFrom?: number;
}

/** ADL Video Profile statements (initialized, played, paused, completed), cmi5 allowed. */
export function videoStatement(base: SessionBase, stamp: Stamp, video: VideoConfig, verb: "initialized" | "played" | "paused" | "seeked" | "completed", moment: VideoMoment, duration?: string): Statement {
  const ext = "https://w3id.org/xapi/video/extensions/";
  const contextExtensions: Record<string, unknown> = {
    [`${ext}session-id`]: moment.videoSessionId,
    [`${ext}length`]: moment.length,
    [`${ext}completion-threshold`]: video.completionThreshold,
  };
  if (verb === "initialized") {
    contextExtensions[`${ext}cc-subtitle-enabled`] = moment.ccLang !== undefined;
    if (moment.ccLang) contextExtensions[`${ext}cc-subtitle-lang`] = moment.ccLang;
  }
  const statement: Statement = {
    id: stamp.id,
    timestamp: stamp.timestamp,
    actor: base.actor,
    verb: verbs[verb],
    object: {
      objectType: "Activity",
      id: video.activityId,
      definition: { type: "https://w3id.org/xapi/video/activity-type/video", name: { [base.lang]: video.title } },
    },
    context: buildContext(base, { categories: [videoProfile], parent: [base.activityId], extensions: contextExtensions }),
  };
  if (verb !== "initialized") {
    // Seeked carries time-from and time-to instead of time (Video Profile, seeked template).
    const extensions: Record<string, unknown> = verb === "seeked" ? { [`${ext}time-from`]: moment.timeFrom ?? moment.time, [`${ext}time-to`]: moment.time } : { [`${ext}time`]: moment.time };
    if (verb !== "played") {
      extensions[`${ext}progress`] = moment.progress;
      extensions[`${ext}played-segments`] = moment.playedSegments;
    }
    statement.result = verb === "completed" ? { completion: true, duration: duration ?? "PT0S", extensions } : { extensions };
  }
  return statement;
}
