// A learner's progress in a SCORM package, read from the stored attempts: what "Moje učenje",
// the portal API and the credit engine's registrations report.
import { type ActivityStatus, launchableActivities, statusesOf, unknownStatus } from "../domain/scorm-navigation.js";
import { type PackageProgressSummary, summarizeScormProgress } from "../domain/package-progress.js";
import type { PlayerStore } from "../store/player-store.js";
import { findScormPackage } from "./scorm-package-lookup.js";
import { type ScormSequencing, suspendedAttempt } from "./scorm-sequencing-service.js";

/** A learner's progress in a SCORM package (see ScormRuntime.progressOf). */
export interface ScormProgress {
  started: boolean;
  lastActivityAt: string | undefined;
  course: ActivityStatus;
  summary: PackageProgressSummary;
  scos: ScoProgress[];
}

export interface ScoProgress {
  id: string;
  title: string;
  attempts: number;
  completed: boolean;
  satisfied: boolean;
  failed: boolean;
  completionStatus?: string;
  successStatus?: string;
  scoreScaled?: number;
}

/**
 * A learner's progress in a package from the stored attempts: each SCO's status and latest
 * results, rolled up to the course (as the table of contents shows it), and the summary
 * "Moje učenje" and the portal API report. `started` is false before any attempt.
 */
export async function scormProgressOf(deps: { store: PlayerStore; sequencing: ScormSequencing }, userId: string, packageId: string): Promise<ScormProgress> {
  const { store, sequencing } = deps;
  const content = await findScormPackage(store, packageId);
  const learner = await sequencing.learnerTree(userId, packageId, content);
  const { tree, attempts } = learner;
  const statuses = statusesOf(learner.states);
  const suspended = suspendedAttempt(attempts);
  return {
    started: attempts.length > 0,
    lastActivityAt: attempts.map((a) => a.updatedAt).sort().at(-1),
    course: statuses.get(tree.id) ?? unknownStatus,
    summary: summarizeScormProgress(tree, statuses, {
      suspendedScoId: suspended?.scoId,
      pageChoice: sequencing.resumePoint(learner, content.format),
      mayOpen: (scoId) => sequencing.mayDeliver(learner, content.format, scoId, undefined),
    }),
    scos: launchableActivities(tree).map((leaf) => {
      const own = attempts.filter((a) => a.scoId === leaf.id);
      const latest = own.at(-1)?.summary;
      const status = statuses.get(leaf.id) ?? unknownStatus;
      return {
        id: leaf.id,
        title: leaf.title,
        attempts: own.length,
        completed: status.completed === true,
        satisfied: status.satisfied === true,
        failed: status.satisfied === false,
        ...(latest ? { completionStatus: latest.completionStatus, successStatus: latest.successStatus } : {}),
        ...(latest?.scoreScaled === undefined ? {} : { scoreScaled: latest.scoreScaled }),
      };
    }),
  };
}
