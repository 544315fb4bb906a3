// What the learner pages show of a cmi5 registration: each AU's state and where to resume.
import { type AuProgress, isAuSatisfied, noProgress } from "./cmi5-progress.js";
import { type Cmi5Au, type Cmi5Course, listAus } from "./cmi5-structure.js";

export interface AuStatus {
  au: Cmi5Au;
  /** moveOn met by the learner's own results (a NotApplicable AU is not "done" by doing nothing). */
  done: boolean;
  started: boolean;
  completed: boolean;
  passed: boolean;
  /** Failed and not passed since. */
  failedOnly: boolean;
  /** A done AU may be revisited in Review mode, which records no new results (cmi5 10.0). */
  reviewable: boolean;
}

export function describeAus(course: Cmi5Course, progress: ReadonlyMap<string, AuProgress>): AuStatus[] {
  return listAus(course.children).map((au) => {
    const p = progress.get(au.id) ?? noProgress;
    const done = isAuSatisfied(au.moveOn, p) && au.moveOn !== "NotApplicable";
    return { au, done, started: p.completed || p.passed || p.failed, completed: p.completed, passed: p.passed, failedOnly: p.failed && !p.passed, reviewable: done };
  });
}

/**
 * The AU a "resume" button launches: the one the learner launched last while it is not done
 * yet, else the first AU in course order that still counts towards moveOn, else undefined.
 */
export function resumeAu(course: Cmi5Course, progress: ReadonlyMap<string, AuProgress>, lastLaunchedAuId: string | undefined): Cmi5Au | undefined {
  const open = listAus(course.children).filter((au) => au.moveOn !== "NotApplicable" && !isAuSatisfied(au.moveOn, progress.get(au.id) ?? noProgress));
  return open.find((au) => au.id === lastLaunchedAuId) ?? open[0];
}
