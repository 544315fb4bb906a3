// The SCORM and xAPI packages a learner has started, with their progress: what "Moje učenje"
// lists besides cmi5 courses (which follow their registrations and moveOn).
import { type PackageProgressSummary, summarizeXapiProgress } from "../domain/package-progress.js";
import type { ImportedPackage, PlayerStore } from "../store/player-store.js";
import type { ScormRuntime } from "./scorm-runtime.js";
import type { StatementProgress } from "./statement-progress.js";

export interface StartedPackage {
  pkg: ImportedPackage;
  summary: PackageProgressSummary;
  /** When a completed SCORM package was last committed to; undefined otherwise (xAPI completion has no LMS-side date). */
  completedAt: string | undefined;
}

export interface StartedPackagesDeps {
  store: PlayerStore;
  scorm: ScormRuntime;
  statementProgress: StatementProgress;
}

/**
 * Started means: a SCORM package the learner has an attempt on; an xAPI package launched in the
 * learner's registration for its course. A registration a portal made for a course without a
 * cmi5 package counts as started too (the portal enrolled the learner in that package); a
 * course that also has a cmi5 package is listed by its cmi5 course until its other packages are used.
 */
export async function listStartedPackages(deps: StartedPackagesDeps, userId: string): Promise<StartedPackage[]> {
  const { store, scorm, statementProgress } = deps;
  const packages = await store.listPackages();
  const registrations = await store.listRegistrationsOfUser(userId);
  const registrationOf = (courseId: string) => registrations.find((r) => r.courseId === courseId)?.registration;
  const enrolledWithoutCmi5 = (courseId: string) => registrationOf(courseId) !== undefined && !packages.some((p) => p.courseId === courseId && p.format === "cmi5");
  const started: StartedPackage[] = [];
  for (const pkg of packages) {
    if (pkg.content.format === "scorm12" || pkg.content.format === "scorm2004") {
      const progress = await scorm.progressOf(userId, pkg.packageId);
      if (!progress.started && !enrolledWithoutCmi5(pkg.courseId)) continue;
      started.push({ pkg, summary: progress.summary, completedAt: progress.summary.completed ? progress.lastActivityAt : undefined });
    } else if (pkg.content.format === "xapi") {
      const registration = registrationOf(pkg.courseId);
      if (registration === undefined) continue;
      const launches = await store.listXapiLaunches(registration);
      if (launches.length === 0 && !enrolledWithoutCmi5(pkg.courseId)) continue;
      const activities = await statementProgress.xapiActivities(registration, pkg.content);
      started.push({ pkg, summary: summarizeXapiProgress(pkg.content.identifier, activities, launches.at(-1)?.activityId), completedAt: undefined });
    }
  }
  return started;
}
