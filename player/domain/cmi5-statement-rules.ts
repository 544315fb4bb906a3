import { cmi5, type LaunchMode } from "./cmi5-launch.js";

/**
 * What the LMS knows of one AU session when statements sent with its token arrive.
 * Registration-wide facts are for this AU within the registration.
 */
export interface Cmi5SessionState {
  actor: { homePage: string; name: string };
  registration: string;
  activityId: string;
  publisherId: string;
  sessionId: string;
  masteryScore: number | undefined;
  launchMode: LaunchMode;
  endedBy: "terminated" | "abandoned" | undefined;
  initialized: boolean;
  /** The AU read cmi5LearnerPreferences in this session (11.0.0.0-3). */
  preferencesRead: boolean;
  /** cmi5 defined verbs used in this session, in order. */
  verbs: string[];
  /** Ids (lower case) of the cmi5 defined statements already accepted in this session. */
  statementIds: string[];
  completedInRegistration: boolean;
  passedInRegistration: boolean;
}

/** A broken cmi5 rule: the requirement id from AICC/CMI-5_Spec_Current and what is wrong. */
export interface Cmi5Violation {
  requirement: string;
  field: string;
  message: string;
}

/** The parts of a statement the rules read; everything else may be anything. */
interface StatementShape {
  id?: string;
  actor?: { objectType?: string; account?: { homePage?: string; name?: string } };
  verb?: { id?: string };
  object?: { id?: string };
  timestamp?: string;
  result?: { score?: { scaled?: number; raw?: number; min?: number; max?: number }; success?: boolean; completion?: boolean; duration?: string };
  context?: {
    registration?: string;
    contextActivities?: { category?: unknown; grouping?: unknown };
    extensions?: Record<string, unknown>;
  };
}

const auVerbs = new Set<string>([cmi5.verbs.initialized, cmi5.verbs.completed, cmi5.verbs.passed, cmi5.verbs.failed, cmi5.verbs.terminated]);
const judgedVerbs = new Set<string>([cmi5.verbs.completed, cmi5.verbs.passed, cmi5.verbs.failed]);
const durationRequirement: Record<string, string> = {
  [cmi5.verbs.terminated]: "9.5.4.1-1 (d)",
  [cmi5.verbs.completed]: "9.5.4.1-2 (d)",
  [cmi5.verbs.passed]: "9.5.4.1-3 (d)",
  [cmi5.verbs.failed]: "9.5.4.1-4 (d)",
};
const moveOnRequirement: Record<string, string> = {
  [cmi5.verbs.completed]: "9.6.2.2-1 (d1)",
  [cmi5.verbs.passed]: "9.6.2.2-1 (d2)",
  [cmi5.verbs.failed]: "9.6.2.2-1 (d3)",
};
const voidedVerb = "http://adlnet.gov/expapi/verbs/voided";

/**
 * Checks a batch the AU sends, in order, against the LMS-side cmi5 rules, and returns the
 * first violation (with the statement's index) or the session state after the batch.
 */
export function checkAuStatements(
  statements: readonly unknown[],
  state: Cmi5SessionState,
): { violation: Cmi5Violation & { index: number }; state?: undefined } | { violation?: undefined; state: Cmi5SessionState } {
  let current = state;
  for (const [index, statement] of statements.entries()) {
    // A resend of a statement already accepted (a lost answer, a retry) is the LRS's to
    // answer: the same content is idempotent success, different content a conflict.
    const id = (statement as StatementShape).id;
    if (typeof id === "string" && current.statementIds.includes(id.toLowerCase())) continue;
    const violation = checkAuStatement(statement as StatementShape, current);
    if (violation) return { violation: { ...violation, index } };
    current = applyAuStatement(statement as StatementShape, current);
  }
  return { state: current };
}

/** True for a "cmi5 defined" statement: it carries the cmi5 category activity (9.6.2.1). */
export function isCmi5Defined(statement: unknown): boolean {
  return categoryIds(statement as StatementShape).includes(cmi5.categoryCmi5);
}

function checkAuStatement(s: StatementShape, state: Cmi5SessionState): Cmi5Violation | undefined {
  const verb = s.verb?.id ?? "";
  const fail = (requirement: string, field: string, problem: string): Cmi5Violation => ({ requirement, field, message: `${field}: ${problem} (cmi5 ${requirement})` });

  if (typeof s.id !== "string") return fail("9.1.0.0-1 (d)", "id", "is required: the AU assigns every statement's id");
  if (state.endedBy === "abandoned") return fail("9.3.6.0-2 (d2)", "session", "the AU session was abandoned; no more statements are accepted for it");
  if (state.endedBy === "terminated") return fail("9.3.0.0-5 (d2)", "session", "the AU session has terminated; no more statements are accepted for it");
  if (verb === voidedVerb) return fail("6.3.0.0-1", "verb.id", "an AU may not void statements");
  const account = s.actor?.account;
  if ((s.actor?.objectType ?? "Agent") !== "Agent" || account?.name !== state.actor.name || account?.homePage !== state.actor.homePage) {
    return fail("8.1.3.0-3 (d)", "actor", "must be the actor given at launch");
  }
  if (typeof s.timestamp !== "string") return fail("9.7.0.0-1 (d)", "timestamp", "is required");
  if (!/(Z|[+]00:?00|[+]00)$/i.test(s.timestamp)) return fail("9.7.0.0-2 (d)", "timestamp", "must be in UTC");
  if (s.context?.registration !== state.registration) return fail("9.6.1.0-1 (d)", "context.registration", "must be the registration given at launch");
  if (s.context?.extensions?.[cmi5.extSessionId] !== state.sessionId) {
    return fail("9.6.3.1-4 (d)", `context.extensions["${cmi5.extSessionId}"]`, "must be the session id of LMS.LaunchData's contextTemplate");
  }
  if (!idsOf(s.context?.contextActivities?.grouping).includes(state.publisherId)) {
    return fail("9.6.2.0-1 (d)", "context.contextActivities.grouping", "must keep the publisher id activity of the contextTemplate (10.2.1.0-6)");
  }
  const defined = categoryIds(s).includes(cmi5.categoryCmi5);
  if (!state.initialized && !(defined && verb === cmi5.verbs.initialized)) {
    return fail("9.3.0.0-4 (d2)", "verb.id", "the first statement of a session must be the cmi5 defined Initialized");
  }
  const hasMoveOnCategory = categoryIds(s).includes(cmi5.categoryMoveOn);
  if (!defined) {
    return hasMoveOnCategory ? fail("9.6.2.2-2 (d)", "context.contextActivities.category", "the moveOn category is only for cmi5 defined statements") : undefined;
  }
  return checkCmi5Defined(s, verb, hasMoveOnCategory, state, fail);
}

function checkCmi5Defined(
  s: StatementShape,
  verb: string,
  hasMoveOnCategory: boolean,
  state: Cmi5SessionState,
  fail: (requirement: string, field: string, problem: string) => Cmi5Violation,
): Cmi5Violation | undefined {
  if (!auVerbs.has(verb)) return fail("9.3.0.0-1", "verb.id", "an AU may use only Initialized, Completed, Passed, Failed and Terminated in cmi5 defined statements");
  if (s.object?.id !== state.activityId) return fail("8.1.5.0-6 (d)", "object.id", "must be the activityId given at launch");
  if (verb === cmi5.verbs.initialized && state.initialized) return fail("9.3.2.0-3 (d)", "verb.id", "Initialized was already sent in this session");
  if (verb === cmi5.verbs.initialized && !state.preferencesRead) {
    return fail("11.0.0.0-3 (d2)", "verb.id", "read the cmi5LearnerPreferences agent profile before sending Initialized");
  }
  if (state.verbs.includes(verb)) return fail("9.3.0.0-2 (d)", "verb.id", "this cmi5 verb was already used in this session");
  if (judgedVerbs.has(verb) && state.launchMode !== "Normal") {
    return fail(state.launchMode === "Browse" ? "10.2.2.0-2 (d)" : "10.2.2.0-3 (d)", "verb.id", `a ${state.launchMode} session records no satisfaction (only Initialized and Terminated)`);
  }
  const isPassed = verb === cmi5.verbs.passed;
  const isFailed = verb === cmi5.verbs.failed;
  if ((isPassed || isFailed) && state.verbs.some((v) => v === cmi5.verbs.passed || v === cmi5.verbs.failed)) {
    return fail("9.3.0.0-3 (d)", "verb.id", "Passed or Failed was already sent in this session");
  }
  if (verb === cmi5.verbs.completed && state.completedInRegistration) return fail("9.3.0.0-6 (d2)", "verb.id", "Completed was already recorded in this registration");
  if (isPassed && state.passedInRegistration) return fail("9.3.0.0-7 (d2)", "verb.id", "Passed was already recorded in this registration");
  if (isFailed && state.passedInRegistration) return fail("9.3.0.0-8 (d)", "verb.id", "Failed may not follow Passed in a registration");

  const result = s.result ?? {};
  const score = result.score;
  if (score !== undefined && !isPassed && !isFailed) return fail("9.5.1.0-2 (d)", "result.score", "only Passed and Failed may carry a score");
  if (score?.raw !== undefined && score.min === undefined) return fail("9.5.1.0-3 (d1)", "result.score.min", "is required with score.raw");
  if (score?.raw !== undefined && score.max === undefined) return fail("9.5.1.0-3 (d2)", "result.score.max", "is required with score.raw");
  if (isPassed && result.success !== true) return fail("9.5.2.0-1 (d1)", "result.success", "must be true in Passed");
  if (isFailed && result.success !== false) return fail("9.5.2.0-2 (d)", "result.success", "must be false in Failed");
  if (!isPassed && !isFailed && result.success !== undefined) return fail("9.5.2.0-3 (d)", "result.success", "only Passed and Failed may carry success");
  if (verb === cmi5.verbs.completed && result.completion !== true) return fail("9.5.3.0-1 (d1)", "result.completion", "must be true in Completed");
  if (verb !== cmi5.verbs.completed && result.completion !== undefined) return fail("9.5.3.0-2 (d)", "result.completion", "only Completed may carry completion");
  const durationRule = durationRequirement[verb];
  if (durationRule && typeof result.duration !== "string") return fail(durationRule, "result.duration", "is required");
  const judged = result.success !== undefined || result.completion !== undefined;
  const moveOnRule = moveOnRequirement[verb];
  if (judged && !hasMoveOnCategory && moveOnRule) return fail(moveOnRule, "context.contextActivities.category", "must include the moveOn category activity");
  if (!judged && hasMoveOnCategory) return fail("9.6.2.2-2 (d)", "context.contextActivities.category", "the moveOn category is only for statements with result.success or result.completion");

  const scaled = score?.scaled;
  if (state.masteryScore !== undefined && score !== undefined && (isPassed || isFailed)) {
    const sent = s.context?.extensions?.[cmi5.extMasteryScore];
    if (sent === undefined) return fail("9.6.3.2-2 (d)", `context.extensions["${cmi5.extMasteryScore}"]`, "is required in Passed and Failed with a score");
    if (sent !== state.masteryScore) return fail("9.6.3.2-2 (d)", `context.extensions["${cmi5.extMasteryScore}"]`, `must be the session's masteryScore ${state.masteryScore}`);
    if (isPassed && scaled !== undefined && scaled < state.masteryScore) {
      return fail("9.3.4.0-2 (d2)", "result.score.scaled", `${scaled} is below the masteryScore ${state.masteryScore} of this session`);
    }
    if (isFailed && scaled !== undefined && scaled >= state.masteryScore) {
      return fail("9.3.5.0-2 (d)", "result.score.scaled", `${scaled} meets the masteryScore ${state.masteryScore}, so the verb cannot be Failed`);
    }
  }
  return undefined;
}

function applyAuStatement(s: StatementShape, state: Cmi5SessionState): Cmi5SessionState {
  if (!categoryIds(s).includes(cmi5.categoryCmi5)) return state;
  const verb = s.verb?.id ?? "";
  return {
    ...state,
    verbs: [...state.verbs, verb],
    statementIds: typeof s.id === "string" ? [...state.statementIds, s.id.toLowerCase()] : state.statementIds,
    initialized: state.initialized || verb === cmi5.verbs.initialized,
    completedInRegistration: state.completedInRegistration || verb === cmi5.verbs.completed,
    passedInRegistration: state.passedInRegistration || verb === cmi5.verbs.passed,
    endedBy: verb === cmi5.verbs.terminated ? "terminated" : state.endedBy,
  };
}

function categoryIds(s: StatementShape): string[] {
  return idsOf(s.context?.contextActivities?.category);
}

/** contextActivities lists may be one activity or an array (xAPI 1.0.3). */
function idsOf(list: unknown): string[] {
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.map((item) => (item as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === "string");
}
