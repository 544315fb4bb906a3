// The activity tree of a SCORM package, and the learner-facing view of SCORM 2004 sequencing
// over it: what Continue, Previous and the table of contents offer, and each activity's
// rolled-up status. The SN processes themselves are in scorm-sequencer.ts, the tracking
// model and rollup in scorm-tracking.ts; docs/scorm.md lists what is left out.
import type { ScormItem, ScormPackage } from "./content-package.js";
import type { CmiSummary } from "./scorm-cmi.js";
import { type SequencingContext, type SequencingOutcome, choiceAllowed, processNavigation } from "./scorm-sequencer.js";
import { type Sequencing, emptySequencing } from "./scorm-sequencing.js";
import { type ActivityState, type AttemptRecord, trackActivities } from "./scorm-tracking.js";

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
 * What the learner may do from the current activity, before it ends. SCORM 1.2 has no
 * sequencing: the LMS lets the learner move freely, in order. SCORM 2004: what a continue
 * or previous request would deliver and which leaves a choice may go to, by the SN
 * processes (scorm-sequencer.ts) over the learner's tracking state (none given: nothing
 * attempted yet).
 */
export function navigationFrom(root: Activity, currentId: string | undefined, version: "scorm12" | "scorm2004", states: ReadonlyMap<string, ActivityState> = new Map()): NavigationOptions {
  const leaves = launchableActivities(root);
  if (version === "scorm12") {
    const index = leaves.findIndex((leaf) => leaf.id === currentId);
    return { previous: index > 0 ? leaves[index - 1]!.id : undefined, next: index >= 0 ? leaves[index + 1]?.id : undefined, choosable: new Set(leaves.map((l) => l.id)) };
  }
  const ctx: SequencingContext = { root, states, current: currentId };
  const delivered = (outcome: SequencingOutcome) => (outcome.kind === "deliver" ? outcome.activityId : undefined);
  const lookAhead = { terminate: false };
  return {
    previous: currentId === undefined ? undefined : delivered(processNavigation(ctx, { kind: "previous" }, lookAhead)),
    next: delivered(processNavigation(ctx, { kind: currentId === undefined ? "start" : "continue" }, lookAhead)),
    choosable: new Set(leaves.filter((leaf) => choiceAllowed(ctx, leaf.id)).map((leaf) => leaf.id)),
  };
}

/** Where a launch without a chosen SCO starts: the first SCO flow reaches, else the first choosable one. */
export function startingActivity(root: Activity, version: "scorm12" | "scorm2004", states: ReadonlyMap<string, ActivityState> = new Map()): string | undefined {
  const options = navigationFrom(root, undefined, version, states);
  return options.next ?? launchableActivities(root).find((leaf) => options.choosable.has(leaf.id))?.id;
}

/** The table of contents' view of the tracking state: attempted, completed, satisfied. */
export function statusesOf(states: ReadonlyMap<string, ActivityState>): Map<string, ActivityStatus> {
  return new Map([...states].map(([id, state]) => [id, { attempted: state.attemptCount > 0, completed: state.completed, satisfied: state.primary.satisfied }]));
}

/**
 * Rolls the leaves' statuses up to every cluster and the root (SN 4.6, scorm-tracking.ts):
 * rollup rules when the activity has them, otherwise the default rules.
 */
export function rollUp(root: Activity, statusOf: (activityId: string) => ActivityStatus): Map<string, ActivityStatus> {
  const asAttempts = (id: string): AttemptRecord[] => {
    const status = statusOf(id);
    if (!status.attempted) return [];
    const completionStatus = status.completed === true ? "completed" : status.completed === false ? "incomplete" : "unknown";
    const successStatus = status.satisfied === true ? "passed" : status.satisfied === false ? "failed" : "unknown";
    return [{ summary: { completionStatus, successStatus, scoreScaled: undefined, scoreRaw: undefined, location: "", suspendData: "", exit: "" }, objectives: new Map() }];
  };
  return statusesOf(trackActivities(root, asAttempts));
}
