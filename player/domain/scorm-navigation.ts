// The activity tree of a SCORM package and a practical subset of SCORM 2004 sequencing
// (SN book): flow (continue/previous), choice, and rollup of completion and satisfaction
// from the learners' SCO results up to the course. docs/scorm.md lists what is left out.
import type { ScormItem, ScormPackage } from "./content-package.js";
import type { CmiSummary } from "./scorm-cmi.js";
import { type RollupRule, type Sequencing, emptySequencing } from "./scorm-sequencing.js";

export interface Activity {
  id: string;
  title: string;
  /** Package path (with parameters) of a SCO or asset; clusters have none. */
  launch: string | undefined;
  isVisible: boolean;
  sequencing: Sequencing;
  children: Activity[];
}

/** What the learner's attempts say of one leaf activity. */
export interface ActivityStatus {
  attempted: boolean;
  completed: boolean | undefined;
  satisfied: boolean | undefined;
}

export const unknownStatus: ActivityStatus = { attempted: false, completed: undefined, satisfied: undefined };

/**
 * A SCO's status for the table of contents and rollup, from its attempts in order: completed
 * or passed once stays so (a learner who reopens a finished SCO for a new attempt keeps the
 * course they finished); otherwise the latest attempt that reported anything.
 */
export function statusOfAttempts(summaries: readonly (Omit<CmiSummary, "sessionSeconds"> | undefined)[]): ActivityStatus {
  const known = summaries.filter((s): s is Omit<CmiSummary, "sessionSeconds"> => s !== undefined);
  const latest = known.at(-1);
  if (!latest) return unknownStatus;
  const completed = known.some((s) => s.completionStatus === "completed") ? true : latest.completionStatus === "incomplete" ? false : undefined;
  const satisfied = known.some((s) => s.successStatus === "passed") ? true : latest.successStatus === "failed" ? false : undefined;
  return { attempted: true, completed, satisfied };
}

/** The activity tree of the package's default organization; the organization is the root. */
export function buildActivityTree(pkg: ScormPackage): Activity {
  const organization = pkg.organizations.find((o) => o.identifier === pkg.defaultOrganization) ?? pkg.organizations[0]!;
  const toActivity = (item: ScormItem): Activity => ({
    id: item.identifier,
    title: item.title || item.identifier,
    launch: item.launch,
    isVisible: item.isVisible,
    sequencing: item.sequencing ?? emptySequencing(),
    children: item.children.map(toActivity),
  });
  return {
    id: organization.identifier,
    title: organization.title || pkg.identifier,
    launch: undefined,
    isVisible: true,
    sequencing: organization.sequencing ?? emptySequencing(),
    children: organization.items.map(toActivity),
  };
}

/** Leaves that launch something, in the tree's order (the order flow walks). */
export function launchableActivities(root: Activity): Activity[] {
  const leaves: Activity[] = [];
  const visit = (activity: Activity) => {
    if (activity.children.length === 0 && activity.launch !== undefined) leaves.push(activity);
    activity.children.forEach(visit);
  };
  visit(root);
  return leaves;
}

export interface NavigationOptions {
  previous: string | undefined;
  next: string | undefined;
  /** Activities the learner may pick from the table of contents. */
  choosable: Set<string>;
}

/**
 * What the learner may do from the current activity. SCORM 1.2 has no sequencing: the
 * LMS lets the learner move freely, in order. SCORM 2004: continue and previous need flow
 * on the parent (previous also not forwardOnly) and stay inside it, as the flow subprocess
 * does when it walks past a cluster only through parents that allow flow; choice needs
 * choice on the parent, and rule actions "disabled" and "hiddenFromChoice" with condition
 * "always" hide an activity.
 */
export function navigationFrom(root: Activity, currentId: string | undefined, version: "scorm12" | "scorm2004"): NavigationOptions {
  const leaves = launchableActivities(root);
  const index = leaves.findIndex((leaf) => leaf.id === currentId);
  const parents = parentMap(root);
  if (version === "scorm12") {
    return { previous: index > 0 ? leaves[index - 1]!.id : undefined, next: index >= 0 ? leaves[index + 1]?.id : undefined, choosable: new Set(leaves.map((l) => l.id)) };
  }
  const flowsBetween = (from: Activity, to: Activity, backwards: boolean): boolean => {
    // Every ancestor of both, up to their common ancestor, must allow flow (and backward moves).
    const chain = (a: Activity) => { const up: Activity[] = []; for (let p = parents.get(a.id); p; p = parents.get(p.id)) up.push(p); return up; };
    const fromChain = chain(from);
    const toChain = chain(to);
    const common = fromChain.find((a) => toChain.includes(a));
    const involved = [...fromChain.slice(0, fromChain.indexOf(common!) + 1), ...toChain.slice(0, toChain.indexOf(common!))];
    return involved.every((a) => a.sequencing.controlMode.flow && !(backwards && a.sequencing.controlMode.forwardOnly));
  };
  const skipped = (a: Activity) => alwaysRule(a, ["skip", "disabled"]);
  const current = leaves[index];
  let next: string | undefined;
  let previous: string | undefined;
  if (current) {
    next = leaves.slice(index + 1).find((leaf) => !skipped(leaf) && flowsBetween(current, leaf, false))?.id;
    previous = [...leaves.slice(0, index)].reverse().find((leaf) => !skipped(leaf) && flowsBetween(current, leaf, true))?.id;
  } else if (root.sequencing.controlMode.flow) {
    next = leaves.find((leaf) => !skipped(leaf))?.id;
  }
  const choosable = new Set<string>();
  for (const leaf of leaves) {
    const ancestorsAllowChoice = [...ancestorsOf(leaf, parents)].every((a) => a.sequencing.controlMode.choice && !alwaysRule(a, ["disabled", "hiddenFromChoice"]));
    if (ancestorsAllowChoice && !alwaysRule(leaf, ["disabled", "hiddenFromChoice"])) choosable.add(leaf.id);
  }
  return { previous, next, choosable };
}

/** Where a launch without a chosen SCO starts: the first SCO flow reaches, else the first choosable one. */
export function startingActivity(root: Activity, version: "scorm12" | "scorm2004"): string | undefined {
  const options = navigationFrom(root, undefined, version);
  return options.next ?? launchableActivities(root).find((leaf) => options.choosable.has(leaf.id))?.id;
}

/**
 * Rolls the leaves' statuses up to every cluster and the root (SN 4.6): rollup rules when
 * the activity has them, otherwise the default rules (satisfied/completed when all
 * children contributing are; not satisfied/incomplete when any is known not to be).
 */
export function rollUp(root: Activity, statusOf: (activityId: string) => ActivityStatus): Map<string, ActivityStatus> {
  const result = new Map<string, ActivityStatus>();
  const visit = (activity: Activity): ActivityStatus => {
    if (activity.children.length === 0) {
      const own = statusOf(activity.id);
      result.set(activity.id, own);
      return own;
    }
    const children = activity.children.map((child) => ({ child, status: visit(child) }))
      .filter(({ child }) => child.sequencing.deliveryControls.tracked);
    const statuses = children.map((c) => c.status);
    const rules = activity.sequencing.rollupRules;
    const satisfiedChildren = children.filter(({ child }) => child.sequencing.rollupRules.rollupObjectiveSatisfied).map((c) => c.status);
    const completionChildren = children.filter(({ child }) => child.sequencing.rollupRules.rollupProgressCompletion).map((c) => c.status);
    // Rules for a pair of actions replace the default rules for that pair (SN 4.6.4, 4.6.5).
    const hasRules = (actions: string[]) => rules.rules.some((rule) => actions.includes(rule.action));
    const satisfied = hasRules(["satisfied", "notSatisfied"])
      ? ruleOutcome(rules.rules, satisfiedChildren, "satisfied", "notSatisfied")
      : defaultOutcome(satisfiedChildren.map((s) => s.satisfied));
    const completed = hasRules(["completed", "incomplete"])
      ? ruleOutcome(rules.rules, completionChildren, "completed", "incomplete")
      : defaultOutcome(completionChildren.map((s) => s.completed));
    const own: ActivityStatus = { attempted: statuses.some((s) => s.attempted), completed, satisfied };
    result.set(activity.id, own);
    return own;
  };
  visit(root);
  return result;
}

/** All true → true; any false → false; otherwise unknown (SN 4.6.4, 4.6.5 default rules). */
function defaultOutcome(values: (boolean | undefined)[]): boolean | undefined {
  if (values.length === 0) return undefined;
  if (values.some((v) => v === false)) return false;
  if (values.every((v) => v === true)) return true;
  return undefined;
}

/** Applies the activity's rollup rules for one pair of actions; the positive action wins, as in SN RB.1.2.b and RB.1.3.b. */
function ruleOutcome(rules: RollupRule[], statuses: ActivityStatus[], yes: RollupRule["action"], no: RollupRule["action"]): boolean | undefined {
  for (const [action, outcome] of [[yes, true], [no, false]] as const) {
    if (rules.some((rule) => rule.action === action && ruleHolds(rule, statuses))) return outcome;
  }
  return undefined;
}

function ruleHolds(rule: RollupRule, statuses: ActivityStatus[]): boolean {
  const holds = statuses.map((status) => {
    const results = rule.conditions.map(({ condition, operator }) => {
      const value = conditionValue(condition, status);
      return value === undefined ? undefined : operator === "not" ? !value : value;
    });
    if (rule.conditionCombination === "all") return results.every((r) => r === true);
    return results.some((r) => r === true);
  });
  const count = holds.filter(Boolean).length;
  switch (rule.childActivitySet) {
    case "all": return statuses.length > 0 && count === statuses.length;
    case "any": return count > 0;
    case "none": return count === 0;
    case "atLeastCount": return count >= rule.minimumCount;
    case "atLeastPercent": return statuses.length > 0 && count / statuses.length >= rule.minimumPercent;
  }
}

function conditionValue(condition: string, status: ActivityStatus): boolean | undefined {
  switch (condition) {
    case "satisfied": return status.satisfied;
    case "objectiveStatusKnown": return status.satisfied !== undefined;
    case "completed": return status.completed;
    case "activityProgressKnown": return status.completed !== undefined;
    case "attempted": return status.attempted;
    default: return undefined; // time and attempt limits are not tracked: the condition is unknown
  }
}

function alwaysRule(activity: Activity, actions: string[]): boolean {
  return activity.sequencing.sequencingRules.pre.some((rule) => actions.includes(rule.action) && rule.conditions.length > 0 && rule.conditions.every((c) => c.condition === "always" && c.operator === "noOp"));
}

function parentMap(root: Activity): Map<string, Activity> {
  const parents = new Map<string, Activity>();
  const visit = (activity: Activity) => activity.children.forEach((child) => { parents.set(child.id, activity); visit(child); });
  visit(root);
  return parents;
}

function* ancestorsOf(activity: Activity, parents: Map<string, Activity>): Generator<Activity> {
  for (let p = parents.get(activity.id); p; p = parents.get(p.id)) yield p;
}
