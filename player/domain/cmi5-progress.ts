import { cmi5 } from "./cmi5-launch.js";
import type { MoveOn } from "./cmi5-structure.js";

/** What the LMS knows of one AU within one registration. */
export interface AuProgress {
  completed: boolean;
  passed: boolean;
  failed: boolean;
  waived: boolean;
}

export const noProgress: AuProgress = { completed: false, passed: false, failed: false, waived: false };

/** moveOn evaluation, cmi5 section 13.1.4 (AU metadata, moveOn). */
export function isAuSatisfied(moveOn: MoveOn, progress: AuProgress): boolean {
  if (progress.waived) return true;
  switch (moveOn) {
    case "NotApplicable":
      return true;
    case "Passed":
      return progress.passed;
    case "Completed":
      return progress.completed;
    case "CompletedAndPassed":
      return progress.completed && progress.passed;
    case "CompletedOrPassed":
      return progress.completed || progress.passed;
  }
}

/** The progress an AU statement implies, or undefined when the verb does not change it. */
export function applyAuStatement(progress: AuProgress, verbId: string): AuProgress {
  switch (verbId) {
    case cmi5.verbs.completed:
      return { ...progress, completed: true };
    case cmi5.verbs.passed:
      return { ...progress, passed: true };
    case cmi5.verbs.failed:
      return { ...progress, failed: true };
    default:
      return progress;
  }
}

/** The facts about an AU session the cmi5 rules need. */
export interface SessionFacts {
  actorAccountName: string;
  activityId: string;
  masteryScore: number | undefined;
  /** Terminated or abandoned: either way no more statements are accepted. */
  ended: boolean;
}

interface StatementLike {
  actor?: { account?: { name?: string } };
  verb?: { id?: string };
  object?: { id?: string };
  result?: { score?: { scaled?: number }; success?: boolean; completion?: boolean };
  context?: { contextActivities?: { category?: { id?: string }[] }; extensions?: Record<string, unknown> };
}

/**
 * The cmi5 rules the LMS enforces on statements an AU sends with its session token.
 * Returns the first broken rule (with the requirement number) or undefined.
 */
export function findCmi5Violation(statement: StatementLike, session: SessionFacts): { forbidden: boolean; message: string } | undefined {
  if (session.ended) {
    return { forbidden: true, message: "the AU session has ended (cmi5 8.1.2.0-2 (d), 9.3.6): no more statements are accepted for it" };
  }
  if (statement.actor?.account?.name !== session.actorAccountName) {
    return { forbidden: true, message: "actor: a session token may only record statements about its own learner" };
  }
  const verbId = statement.verb?.id;
  const categories = statement.context?.contextActivities?.category ?? [];
  const isCmi5Defined = categories.some((c) => c.id === cmi5.categoryCmi5);
  if (!isCmi5Defined) return undefined;
  if (statement.object?.id !== session.activityId) {
    return { forbidden: false, message: `object.id: cmi5 defined statements must use the launch activityId (9.4.0.0-2)` };
  }
  const hasMoveOnCategory = categories.some((c) => c.id === cmi5.categoryMoveOn);
  const result = statement.result;
  const judged = result?.success !== undefined || result?.completion !== undefined;
  if (judged && !hasMoveOnCategory) {
    return { forbidden: false, message: "context.contextActivities.category: must include the moveOn category activity (9.6.2.2-1)" };
  }
  if (!judged && hasMoveOnCategory) {
    return { forbidden: false, message: "context.contextActivities.category: the moveOn category is only for statements with result.success or result.completion (9.6.2.2-2)" };
  }
  const scaled = result?.score?.scaled;
  if (session.masteryScore !== undefined && scaled !== undefined && (verbId === cmi5.verbs.passed || verbId === cmi5.verbs.failed)) {
    if (statement.context?.extensions?.[cmi5.extMasteryScore] === undefined) {
      return { forbidden: false, message: `context.extensions: must include ${cmi5.extMasteryScore} (9.6.3.2-2)` };
    }
    if (verbId === cmi5.verbs.passed && scaled < session.masteryScore) {
      return { forbidden: false, message: `result.score.scaled: ${scaled} is below the masteryScore ${session.masteryScore} of this session (9.3.4.0-2)` };
    }
    if (verbId === cmi5.verbs.failed && scaled >= session.masteryScore) {
      return { forbidden: false, message: `result.score.scaled: ${scaled} meets the masteryScore ${session.masteryScore}, so the verb cannot be failed (9.3.5.0-2)` };
    }
  }
  return undefined;
}
