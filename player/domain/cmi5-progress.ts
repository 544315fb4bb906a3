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
