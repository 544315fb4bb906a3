// What "Moje učenje" and the portal API say of a SCORM or xAPI package a learner has started:
// units done out of units that count, whether the package is completed, and which unit a
// resume opens. cmi5 courses have their own rules (moveOn, learner-progress.ts).
import type { LanguageMap } from "./cmi5-structure.js";
import { type Activity, type ActivityStatus, launchableActivities, unknownStatus } from "./scorm-navigation.js";
import type { XapiActivityProgress } from "./xapi-progress.js";

export interface PackageProgressSummary {
  done: number;
  total: number;
  completed: boolean;
  /** The unit (SCO item identifier or xAPI activity IRI) a resume opens; undefined once completed. */
  /** SCORM item titles are plain text, shown as the manifest writes them. */
  resume: { id: string; title: LanguageMap | string; openByName: boolean } | undefined;
}

/**
 * An xAPI package: its module activities count (the course activity alone when it has no
 * others); an activity is done when passed, or completed and not failed. The package is
 * completed when its course activity is done, or every counted activity is. A resume opens
 * the activity launched last while it is not done, else the first one not done.
 */
export function summarizeXapiProgress(courseActivityId: string, activities: readonly XapiActivityProgress[], lastLaunchedId?: string): PackageProgressSummary {
  const launchable = activities.filter((a) => a.launchable);
  const modules = launchable.filter((a) => a.id !== courseActivityId);
  const counted = modules.length > 0 ? modules : launchable;
  const isDone = (a: XapiActivityProgress) => a.passed || (a.completed && !a.failed);
  const course = activities.find((a) => a.id === courseActivityId);
  const completed = (course !== undefined && isDone(course)) || (counted.length > 0 && counted.every(isDone));
  const next = completed ? undefined : (counted.find((a) => a.id === lastLaunchedId && !isDone(a)) ?? counted.find((a) => !isDone(a)));
  return { done: counted.filter(isDone).length, total: counted.length, completed, resume: next && { id: next.id, title: next.name, openByName: true } };
}

/** Where a SCORM launch may go for this learner (the launch page's own rules). */
export interface ScormResumeRules {
  /** The SCO the learner suspended last, if any. */
  suspendedScoId: string | undefined;
  /** Where the launch page goes when no SCO is named: the suspended SCO, else where sequencing starts. */
  pageChoice: string | undefined;
  /** Whether the package's sequencing lets the learner open this SCO by name (choice, or the first flow step). */
  mayOpen: (scoId: string) => boolean;
}

/**
 * A SCORM package from its SCOs' statuses rolled up the activity tree: a SCO is done when
 * satisfied, or completed and not failed; the package is completed when its root rolls up to
 * completed or satisfied (when the player records the course's completed/passed in the LRS).
 * A resume opens the SCO suspended last while not done, else the first one not done, when
 * sequencing lets the learner open it by name; otherwise where the launch page itself goes.
 */
export function summarizeScormProgress(tree: Activity, statuses: ReadonlyMap<string, ActivityStatus>, rules: ScormResumeRules): PackageProgressSummary {
  const leaves = launchableActivities(tree);
  const statusOf = (id: string) => statuses.get(id) ?? unknownStatus;
  const isDone = (id: string) => statusOf(id).satisfied === true || (statusOf(id).completed === true && statusOf(id).satisfied !== false);
  const root = statusOf(tree.id);
  const completed = root.completed === true || root.satisfied === true;
  const wanted = leaves.find((leaf) => leaf.id === rules.suspendedScoId && !isDone(leaf.id)) ?? leaves.find((leaf) => !isDone(leaf.id));
  const next = completed ? undefined : wanted && (wanted.id === rules.pageChoice || rules.mayOpen(wanted.id)) ? wanted : leaves.find((leaf) => leaf.id === rules.pageChoice);
  return {
    done: leaves.filter((leaf) => isDone(leaf.id)).length,
    total: leaves.length,
    completed,
    // The page's own choice is opened without naming it: naming may be refused where choice is off.
    resume: next && { id: next.id, title: next.title, openByName: next.id !== rules.pageChoice },
  };
}
