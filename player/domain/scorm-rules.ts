// SCORM 2004 sequencing rules (SN 3.4, UP.2 Sequencing Rules Check Process) and the
// checks built on them: which pre-, exit- or post-condition action applies to an activity,
// and whether an activity is unavailable (UP.5 Check Activity Process: disabled, or its
// limit conditions used up, UP.1).
import type { Activity } from "./scorm-navigation.js";
import type { SequencingRule } from "./scorm-sequencing.js";
import { type ActivityState, conditionValue } from "./scorm-tracking.js";

/** Unknown (undefined) stays unknown under `not`. */
function conditionResult(rule: SequencingRule["conditions"][number], activity: Activity, state: ActivityState): boolean | undefined {
  const value = conditionValue(rule.condition, activity, state, rule.referencedObjective, rule.measureThreshold);
  if (value === undefined) return undefined;
  return rule.operator === "not" ? !value : value;
}

/** UP.2.1 Sequencing Rule Check Subprocess: a rule applies only when its combined conditions are true. */
export function ruleApplies(rule: SequencingRule, activity: Activity, state: ActivityState): boolean {
  if (rule.conditions.length === 0) return false;
  const results = rule.conditions.map((condition) => conditionResult(condition, activity, state));
  if (rule.conditionCombination === "all") return results.every((r) => r === true);
  return results.some((r) => r === true);
}

/** UP.2: the action of the first rule of the kind, in document order, that applies and has one of `actions`. */
export function ruleAction(
  activity: Activity, state: ActivityState, kind: "pre" | "exit" | "post", actions: readonly string[],
): string | undefined {
  for (const rule of activity.sequencing.sequencingRules[kind]) {
    if (actions.includes(rule.action) && ruleApplies(rule, activity, state)) return rule.action;
  }
  return undefined;
}

/**
 * UP.1 Limit Conditions Check: an activity whose attempts are used up may not start another
 * attempt. An attempt underway (active, or suspended and so resumed) is not stopped by it.
 */
export function limitConditionsViolated(activity: Activity, state: ActivityState, underway: boolean): boolean {
  if (!activity.sequencing.deliveryControls.tracked || underway) return false;
  const limit = activity.sequencing.limitConditions.attemptLimit;
  return limit !== undefined && limit > 0 && state.attemptCount >= limit;
}

/** UP.5 Check Activity Process: disabled by a precondition rule, or its limits violated. */
export function activityUnavailable(activity: Activity, state: ActivityState, underway: boolean): boolean {
  return ruleAction(activity, state, "pre", ["disabled"]) !== undefined || limitConditionsViolated(activity, state, underway);
}
