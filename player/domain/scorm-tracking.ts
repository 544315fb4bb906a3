// The SCORM 2004 tracking model (SN 4.2) of one learner in one package, derived from what
// the SCOs' attempts reported and from the global objectives the learner shares: per
// activity the attempt count, progress, and the state of each objective, with the leaves'
// results rolled up to clusters and the root (SN 4.6: measure, objective and progress rollup).
import type { Activity } from "./scorm-navigation.js";
import type { CmiSummary } from "./scorm-cmi.js";
import { ruleAction } from "./scorm-rules.js";
import type { Objective, RollupRule } from "./scorm-sequencing.js";

export interface ObjectiveState {
  /** Objective satisfied status; undefined while the objective progress status is unknown. */
  satisfied: boolean | undefined;
  /** Objective normalized measure (-1..1); undefined while unknown. */
  measure: number | undefined;
}

export interface ActivityState {
  attemptCount: number;
  /** Attempt completion status; undefined while the attempt progress status is unknown. */
  completed: boolean | undefined;
  /** The primary objective (rolled up on clusters). */
  primary: ObjectiveState;
  /** Every objective with an objectiveID, the primary one included, by that ID. */
  objectives: Map<string, ObjectiveState>;
  /** A leaf whose latest attempt is suspended or never reported: the next launch resumes it, so it is not a new attempt. */
  resumable: boolean;
}

/** One stored attempt of a SCO, oldest first. */
export interface AttemptRecord {
  summary: Omit<CmiSummary, "sessionSeconds"> | undefined;
  /** cmi.objectives as the SCO left them, by cmi.objectives.n.id. */
  objectives: ReadonlyMap<string, ObjectiveState>;
}

export const unknownObjective: ObjectiveState = { satisfied: undefined, measure: undefined };

/**
 * Builds the tracking state of every activity. `attemptsOf` gives a leaf's attempts in
 * order; `globals` the learner's shared global objectives by target objective ID, read
 * through each objective's mapInfo (readSatisfiedStatus, readNormalizedMeasure).
 */
export function trackActivities(
  root: Activity,
  attemptsOf: (activityId: string) => readonly AttemptRecord[],
  globals: ReadonlyMap<string, ObjectiveState> = new Map(),
): Map<string, ActivityState> {
  const states = new Map<string, ActivityState>();
  const visit = (activity: Activity): ActivityState => {
    const children = activity.children.map((child) => ({ child, state: visit(child) }));
    const state = activity.children.length === 0 ? leafState(activity, attemptsOf(activity.id)) : clusterState(activity, children.filter(({ child }) => child.sequencing.deliveryControls.tracked));
    readGlobals(activity, state, globals);
    states.set(activity.id, state);
    return state;
  };
  visit(root);
  return states;
}

/**
 * A SCO's state: completed or satisfied once any attempt was (a learner who reopens a finished
 * SCO keeps what was finished), otherwise the latest attempt that reported; the measure and the
 * other objectives from the latest attempt that reported them.
 */
function leafState(activity: Activity, attempts: readonly AttemptRecord[]): ActivityState {
  const reported = attempts.filter((a) => a.summary !== undefined).map((a) => a.summary!);
  const latest = reported.at(-1);
  const completed = reported.some((s) => s.completionStatus === "completed") ? true : latest?.completionStatus === "incomplete" ? false : undefined;
  const satisfied = reported.some((s) => s.successStatus === "passed") ? true : latest?.successStatus === "failed" ? false : undefined;
  const measure = [...reported].reverse().find((s) => s.scoreScaled !== undefined)?.scoreScaled;
  const primaryDefinition = activity.sequencing.objectives.primary;
  const primary = bySatisfiedMeasure(primaryDefinition, { satisfied, measure });
  const objectives = new Map<string, ObjectiveState>();
  for (const objective of objectivesOf(activity)) {
    if (objective.objectiveId === undefined) continue;
    if (objective === primaryDefinition) {
      objectives.set(objective.objectiveId, primary);
      continue;
    }
    const latestReport = [...attempts].reverse().map((a) => a.objectives.get(objective.objectiveId!)).find((o) => o !== undefined && (o.satisfied !== undefined || o.measure !== undefined));
    objectives.set(objective.objectiveId, bySatisfiedMeasure(objective, latestReport ?? unknownObjective));
  }
  const latestAttempt = attempts.at(-1);
  return {
    attemptCount: attempts.length,
    completed,
    primary,
    objectives,
    resumable: latestAttempt !== undefined && (latestAttempt.summary === undefined || latestAttempt.summary.exit === "suspend"),
  };
}

type Child = { child: Activity; state: ActivityState };

/**
 * The default rollup rules (SN 4.6.4, 4.6.5) for an activity without rules of a pair: satisfied
 * (completed) when every contributing child is; not satisfied (incomplete) when every
 * contributing child's status is known.
 */
const defaultRules: RollupRule[] = [
  { childActivitySet: "all", minimumCount: 0, minimumPercent: 0, conditionCombination: "any", conditions: [{ condition: "satisfied", operator: "noOp" }], action: "satisfied" },
  { childActivitySet: "all", minimumCount: 0, minimumPercent: 0, conditionCombination: "any", conditions: [{ condition: "objectiveStatusKnown", operator: "noOp" }], action: "notSatisfied" },
  { childActivitySet: "all", minimumCount: 0, minimumPercent: 0, conditionCombination: "any", conditions: [{ condition: "completed", operator: "noOp" }], action: "completed" },
  { childActivitySet: "all", minimumCount: 0, minimumPercent: 0, conditionCombination: "any", conditions: [{ condition: "activityProgressKnown", operator: "noOp" }], action: "incomplete" },
];

/** RB.1.1 a, RB.1.2 and RB.1.3 over the tracked children. */
function clusterState(activity: Activity, children: Child[]): ActivityState {
  const own = activity.sequencing.rollupRules.rules;
  const measure = rolledUpMeasure(children);
  const primaryDefinition = activity.sequencing.objectives.primary;
  // Rules for a pair of actions replace the default rules for that pair.
  const rulesFor = (actions: RollupRule["action"][]) => (own.some((rule) => actions.includes(rule.action)) ? own : defaultRules).filter((rule) => actions.includes(rule.action));
  let satisfied: boolean | undefined;
  if (primaryDefinition?.satisfiedByMeasure) {
    // RB.1.2 a: the rolled-up measure decides, and nothing is known without one.
    satisfied = measure === undefined ? undefined : measure >= primaryDefinition.minNormalizedMeasure;
  } else {
    satisfied = ruleOutcome(rulesFor(["satisfied", "notSatisfied"]), children, "satisfied", "notSatisfied");
  }
  const completed = ruleOutcome(rulesFor(["completed", "incomplete"]), children, "completed", "incomplete");
  const primary = { satisfied, measure };
  const objectives = new Map<string, ObjectiveState>();
  for (const objective of objectivesOf(activity)) {
    if (objective.objectiveId !== undefined) objectives.set(objective.objectiveId, objective === primaryDefinition ? primary : unknownObjective);
  }
  return { attemptCount: children.some(({ state }) => state.attemptCount > 0) ? 1 : 0, completed, primary, objectives, resumable: false };
}

/** RB.1.1 a: the children's measures weighted by objectiveMeasureWeight; unknown when no child has one. */
function rolledUpMeasure(children: { child: Activity; state: ActivityState }[]): number | undefined {
  let totalWeight = 0;
  let counted = 0;
  let valid = false;
  for (const { child, state } of children) {
    const weight = child.sequencing.rollupRules.objectiveMeasureWeight;
    totalWeight += weight;
    if (state.primary.measure !== undefined) {
      valid = true;
      counted += weight * state.primary.measure;
    }
  }
  return valid && totalWeight > 0 ? counted / totalWeight : undefined;
}

/** Overrides an activity's objectives with the known values of the global objectives they read. */
function readGlobals(activity: Activity, state: ActivityState, globals: ReadonlyMap<string, ObjectiveState>): void {
  const primaryDefinition = activity.sequencing.objectives.primary;
  for (const objective of objectivesOf(activity)) {
    let value = objective === primaryDefinition ? state.primary : objective.objectiveId !== undefined ? state.objectives.get(objective.objectiveId) : undefined;
    if (!value) continue;
    for (const map of objective.mapInfo) {
      const global = globals.get(map.targetObjectiveId);
      if (!global) continue;
      if (map.readSatisfiedStatus && global.satisfied !== undefined) value = { ...value, satisfied: global.satisfied };
      if (map.readNormalizedMeasure && global.measure !== undefined) value = bySatisfiedMeasure(objective, { ...value, measure: global.measure });
    }
    if (objective === primaryDefinition) state.primary = value;
    if (objective.objectiveId !== undefined) state.objectives.set(objective.objectiveId, value);
  }
}

/** With satisfiedByMeasure, a known measure decides satisfaction against minNormalizedMeasure (SN 4.2.1). */
function bySatisfiedMeasure(objective: Objective | undefined, state: ObjectiveState): ObjectiveState {
  if (!objective?.satisfiedByMeasure || state.measure === undefined) return state;
  return { satisfied: state.measure >= objective.minNormalizedMeasure, measure: state.measure };
}

export function objectivesOf(activity: Activity): Objective[] {
  const { primary, secondary } = activity.sequencing.objectives;
  return primary ? [primary, ...secondary] : secondary;
}

/** The objective a rule condition refers to: the named one, else the primary (SN 3.4.1.1 referencedObjective). */
export function referencedObjective(state: ActivityState, objectiveId: string | undefined): ObjectiveState {
  if (objectiveId === undefined) return state.primary;
  return state.objectives.get(objectiveId) ?? state.primary;
}

/** Applies the rollup rules of one pair of actions; the positive action wins, as in SN RB.1.2 b and RB.1.3 b. */
function ruleOutcome(rules: RollupRule[], children: Child[], yes: RollupRule["action"], no: RollupRule["action"]): boolean | undefined {
  for (const [action, outcome] of [[yes, true], [no, false]] as const) {
    const contributing = children.filter((c) => contributesTo(c, action));
    if (rules.some((rule) => rule.action === action && rollupRuleHolds(rule, contributing))) return outcome;
  }
  return undefined;
}

/**
 * RB.1.4.2 Check Child for Rollup Subprocess: whether a child takes part in rolling up one
 * action, by its rollupObjectiveSatisfied / rollupProgressCompletion and its adlseq
 * requiredFor… consideration (always, ifAttempted, ifNotSkipped, ifNotSuspended).
 */
function contributesTo({ child, state }: Child, action: RollupRule["action"]): boolean {
  const satisfaction = action === "satisfied" || action === "notSatisfied";
  const rollup = child.sequencing.rollupRules;
  if (satisfaction ? !rollup.rollupObjectiveSatisfied : !rollup.rollupProgressCompletion) return false;
  const considerations = child.sequencing.rollupConsiderations;
  const required = {
    satisfied: considerations.requiredForSatisfied,
    notSatisfied: considerations.requiredForNotSatisfied,
    completed: considerations.requiredForCompleted,
    incomplete: considerations.requiredForIncomplete,
  }[action];
  switch (required) {
    case "always": return true;
    case "ifAttempted": return state.attemptCount > 0;
    case "ifNotSkipped": return ruleAction(child, state, "pre", ["skip"]) === undefined;
    case "ifNotSuspended": return state.attemptCount > 0 && !(state.resumable && child.children.length === 0);
  }
}

/** RB.1.4: the rule's conditions per child, then its child activity set. */
function rollupRuleHolds(rule: RollupRule, children: Child[]): boolean {
  const holds = children.map(({ child, state }) => {
    const results = rule.conditions.map(({ condition, operator }) => {
      const value = conditionValue(condition, child, state, undefined, undefined);
      return value === undefined ? undefined : operator === "not" ? !value : value;
    });
    if (rule.conditionCombination === "all") return results.every((r) => r === true);
    return results.some((r) => r === true);
  });
  const count = holds.filter(Boolean).length;
  switch (rule.childActivitySet) {
    case "all": return children.length > 0 && count === children.length;
    case "any": return count > 0;
    case "none": return count === 0;
    case "atLeastCount": return count >= rule.minimumCount;
    case "atLeastPercent": return children.length > 0 && count / children.length >= rule.minimumPercent;
  }
}

/**
 * The value of one condition (SN 3.4.1, UP.2.1) for an activity: true, false, or unknown
 * (undefined) when what it asks about is not known. Time limits are not tracked, so
 * timeLimitExceeded and outsideAvailableTimeRange are false.
 */
export function conditionValue(condition: string, activity: Activity, state: ActivityState, objectiveId: string | undefined, measureThreshold: number | undefined): boolean | undefined {
  const objective = referencedObjective(state, objectiveId);
  const threshold = measureThreshold ?? 0;
  switch (condition) {
    case "satisfied": return objective.satisfied;
    case "objectiveStatusKnown": return objective.satisfied !== undefined;
    case "objectiveMeasureKnown": return objective.measure !== undefined;
    case "objectiveMeasureGreaterThan": return objective.measure === undefined ? undefined : objective.measure > threshold;
    case "objectiveMeasureLessThan": return objective.measure === undefined ? undefined : objective.measure < threshold;
    case "completed": return state.completed;
    case "activityProgressKnown": return state.completed !== undefined;
    case "attempted": return state.attemptCount > 0;
    case "attemptLimitExceeded": {
      const limit = activity.sequencing.limitConditions.attemptLimit;
      return limit !== undefined && limit > 0 && state.attemptCount >= limit;
    }
    case "timeLimitExceeded":
    case "outsideAvailableTimeRange": return false;
    case "always": return true;
    default: return undefined;
  }
}
