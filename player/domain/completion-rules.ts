// Evaluates a programme's completion rule against what the LMS knows of one course. The
// result keeps every part with the learner's value, so a credit can be explained in words
// (credit-explanation.ts) in any language.
import type { CompletionRule, ContentFormat, MoveOn, ScormOutcome } from "./credit-policy.js";

/** What the LMS knows of a learner's course, from its trusted statements and its own records. */
export interface CompletionState {
  format: ContentFormat | undefined;
  /** The LMS recorded the cmi5 course satisfied. */
  satisfied: boolean;
  completed: boolean;
  passed: boolean;
  /** Best scaled score (0..1) of the course's quizzes. */
  bestScore: number | undefined;
  /** Share of the recorded trainings really watched (the smallest, when there are several). */
  watchedShare: number | undefined;
  secondsOnTask: number | undefined;
}

/** One evaluated rule: what it asked, what the learner had, and whether it was met. */
export type RuleCheck =
  | { kind: "allOf" | "anyOf"; met: boolean; parts: RuleCheck[] }
  | { kind: "satisfied"; met: boolean }
  | { kind: "moveOn"; met: boolean; moveOn: MoveOn; completed: boolean; passed: boolean }
  | { kind: "scorm"; met: boolean; outcome: ScormOutcome; isScorm: boolean; completed: boolean; passed: boolean }
  | { kind: "minScore" | "watchedShare"; met: boolean; threshold: number; value: number | undefined }
  | { kind: "minMinutes"; met: boolean; threshold: number; value: number | undefined }
  /** Not a completion rule: an author's or trainer's credit rests on the LMS's record of the role. */
  | { kind: "role"; met: boolean; role: "author" | "trainer" };

export function evaluateRule(rule: CompletionRule, state: CompletionState): RuleCheck {
  if ("allOf" in rule) {
    const parts = rule.allOf.map((r) => evaluateRule(r, state));
    return { kind: "allOf", met: parts.every((p) => p.met), parts };
  }
  if ("anyOf" in rule) {
    const parts = rule.anyOf.map((r) => evaluateRule(r, state));
    return { kind: "anyOf", met: parts.some((p) => p.met), parts };
  }
  const { completed, passed } = state;
  if ("satisfied" in rule) return { kind: "satisfied", met: state.satisfied };
  if ("moveOn" in rule) return { kind: "moveOn", met: moveOnMet(rule.moveOn, completed, passed), moveOn: rule.moveOn, completed, passed };
  if ("scorm" in rule) {
    const isScorm = state.format === "scorm12" || state.format === "scorm2004";
    return { kind: "scorm", met: isScorm && scormMet(rule.scorm, completed, passed), outcome: rule.scorm, isScorm, completed, passed };
  }
  if ("minScore" in rule) return atLeast("minScore", rule.minScore, state.bestScore);
  if ("watchedShare" in rule) return atLeast("watchedShare", rule.watchedShare, state.watchedShare);
  const minutes = state.secondsOnTask === undefined ? undefined : state.secondsOnTask / 60;
  return { kind: "minMinutes", met: minutes !== undefined && minutes >= rule.minMinutes, threshold: rule.minMinutes, value: minutes };
}

function atLeast(kind: "minScore" | "watchedShare", threshold: number, value: number | undefined): RuleCheck {
  return { kind, met: value !== undefined && value >= threshold, threshold, value };
}

function moveOnMet(moveOn: MoveOn, completed: boolean, passed: boolean): boolean {
  switch (moveOn) {
    case "Completed":
      return completed;
    case "Passed":
      return passed;
    case "CompletedAndPassed":
      return completed && passed;
    case "CompletedOrPassed":
      return completed || passed;
    case "NotApplicable":
      return true;
  }
}

function scormMet(outcome: ScormOutcome, completed: boolean, passed: boolean): boolean {
  switch (outcome) {
    case "completed":
      return completed;
    case "passed":
      return passed;
    case "completed-and-passed":
      return completed && passed;
    case "completed-or-passed":
      return completed || passed;
  }
}
