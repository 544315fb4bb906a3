// Which mode a SCO launch runs in and which attempt it takes up (SCORM 1.2
// cmi.core.lesson_mode, SCORM 2004 cmi.mode, RTE 4.2.13). The RTE leaves choosing the mode to
// the LMS; the player's rules: a finished attempt is reviewed, browse is asked for.
import type { CmiSummary } from "./scorm-cmi.js";
import { resumesAttempt } from "./scorm-cmi.js";

export type ScormMode = "normal" | "browse" | "review";

/**
 * How a launch uses the learner's latest attempt on the SCO:
 * - `resume`: take it up again (it was suspended, or never committed anything), normal mode;
 * - `new`: start a new attempt, normal mode (none yet, or the last one ended unfinished or failed);
 * - `review`: show it again without credit (it ended completed or passed, not suspended);
 * - `browse` (asked for with `browse`): without credit, only on a SCO not started yet, so a
 *   preview can never hide a result.
 * Returns a refusal message when browse is asked for a SCO already started.
 */
export function planScormLaunch(latest: { summary: Omit<CmiSummary, "sessionSeconds"> | undefined } | undefined, requested: "browse" | undefined):
  { mode: ScormMode; attempt: "resume" | "new" | "latest" } | { refused: string } {
  const summary = latest?.summary;
  if (requested === "browse") {
    if (summary !== undefined) return { refused: "browse is only for a SCO the learner has not started" };
    return { mode: "browse", attempt: latest ? "latest" : "new" };
  }
  if (latest === undefined) return { mode: "normal", attempt: "new" };
  if (summary === undefined || resumesAttempt(summary.exit)) return { mode: "normal", attempt: "resume" };
  return isFinished(summary) ? { mode: "review", attempt: "latest" } : { mode: "normal", attempt: "new" };
}

/** Completed or passed, and not failed: what a learner has no reason to take again. */
function isFinished(summary: Pick<CmiSummary, "successStatus" | "completionStatus">): boolean {
  if (summary.successStatus === "failed") return false;
  return summary.successStatus === "passed" || summary.completionStatus === "completed";
}
