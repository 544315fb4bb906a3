// Gathers what the player itself knows of a learner's courses for the credit engine: cmi5 AU
// progress, xAPI launches, SCORM attempts, recorded trainings watched, time on task.
import type { Credential, Lrs, Statement } from "../../lrs/index.js";
import type { User } from "../domain/accounts.js";
import { cmi5 } from "../domain/cmi5-launch.js";
import { listAus } from "../domain/cmi5-structure.js";
import type { CreditPolicy } from "../domain/credit-policy.js";
import type { CourseFacts } from "../domain/credits.js";
import { scormActivityId } from "../domain/scorm-statements.js";
import { xapiCourseActivityId } from "../domain/xapi-course-outcome.js";
import type { PlayerStore } from "../store/player-store.js";
import type { StatementProgress } from "./statement-progress.js";

export interface CompletionFactsDeps {
  store: PlayerStore;
  lrs: Lrs;
  lmsCredential: Credential;
  statementProgress?: StatementProgress | undefined;
}

/** The facts of every policy course the learner started, in the format they took it. */
export async function gatherCompletionFacts(deps: CompletionFactsDeps, user: User, policy: CreditPolicy): Promise<CourseFacts[]> {
  const facts: CourseFacts[] = [];
  const packages = await deps.store.listPackages();
  for (const { course: courseId } of policy.courses) {
    const cmi5Facts = await cmi5FactsOf(deps, user, courseId);
    if (cmi5Facts) {
      facts.push(cmi5Facts);
      continue;
    }
    const xapi = packages.find((p) => p.courseId === courseId && p.format === "xapi");
    const xapiFacts = xapi && (await xapiFactsOf(deps, user, courseId, xapi.content.identifier));
    if (xapiFacts) {
      facts.push(xapiFacts);
      continue;
    }
    const scorm = packages.find((p) => p.courseId === courseId && (p.format === "scorm12" || p.format === "scorm2004"));
    if (!scorm) continue;
    const attempts = await deps.store.listScormAttempts(user.id, scorm.packageId);
    if (attempts.length === 0) continue;
    const scores = attempts.map((a) => a.summary?.scoreScaled).filter((n): n is number => typeof n === "number");
    let seconds = 0;
    for (const attempt of attempts) seconds += await deps.store.totalScormSeconds(attempt.attemptId);
    facts.push({
      course: courseId,
      format: scorm.format as "scorm12" | "scorm2004",
      activityIds: [scormActivityId("course", scorm.content.identifier)],
      ...(scores.length ? { bestScore: Math.max(...scores) } : {}),
      secondsOnTask: seconds,
    });
  }
  return facts;
}

async function cmi5FactsOf(deps: CompletionFactsDeps, user: User, courseId: string): Promise<CourseFacts | undefined> {
  const { store } = deps;
  const course = await store.findCourse(courseId);
  const registration = course && (await store.findRegistration(user.id, courseId));
  if (!course || !registration) return undefined;
  const progress = await store.listAuProgress(registration);
  const aus = listAus(course.structure.children).filter((au) => au.moveOn !== "NotApplicable");
  const state = (au: { id: string }) => progress.get(au.id) ?? { completed: false, passed: false, failed: false, waived: false };
  const sessions = await store.listAuSessions(registration);
  const seconds = sessions.reduce((total, s) => {
    const end = s.terminatedAt ?? s.lastStatementAt;
    return end ? total + Math.max(0, (Date.parse(end) - Date.parse(s.launchedAt)) / 1000) : total;
  }, 0);
  // Scores come from the AUs' own Passed/Failed, which the LMS accepted through its cmi5 guard.
  const scored = [...(await statementsOf(deps, registration, cmi5.verbs.passed)), ...(await statementsOf(deps, registration, cmi5.verbs.failed))];
  const scores = scored.map((s) => s.result?.score?.scaled).filter((n): n is number => typeof n === "number");
  const videos = deps.statementProgress ? await deps.statementProgress.videos(registration, courseId) : [];
  const shares = videos.map((v) => v.progress).filter((n): n is number => typeof n === "number");
  return {
    course: courseId,
    format: "cmi5",
    activityIds: [],
    completed: aus.length > 0 && aus.every((au) => state(au).completed || state(au).waived),
    passed: aus.length > 0 && aus.every((au) => state(au).passed || state(au).waived),
    ...(scores.length ? { bestScore: Math.max(...scores) } : {}),
    ...(shares.length ? { watchedShare: Math.min(...shares) } : {}),
    secondsOnTask: Math.round(seconds),
  };
}

/**
 * An xAPI package's course: anchored by the LMS's own completed/passed (xapi-course-recorder.ts);
 * watched share from the registration's recorded trainings; time on task from its launches.
 */
async function xapiFactsOf(deps: CompletionFactsDeps, user: User, courseId: string, courseActivityId: string): Promise<CourseFacts | undefined> {
  const registration = await deps.store.findRegistration(user.id, courseId);
  if (!registration) return undefined;
  const launches = await deps.store.listXapiLaunches(registration);
  if (launches.length === 0) return undefined;
  const seconds = launches.reduce((total, l) => (l.endedAt ? total + Math.max(0, (Date.parse(l.endedAt) - Date.parse(l.launchedAt)) / 1000) : total), 0);
  const videos = deps.statementProgress ? await deps.statementProgress.videos(registration, courseId) : [];
  const shares = videos.map((v) => v.progress).filter((n): n is number => typeof n === "number");
  return {
    course: courseId,
    format: "xapi",
    activityIds: [xapiCourseActivityId(courseActivityId)],
    ...(shares.length ? { watchedShare: Math.min(...shares) } : {}),
    secondsOnTask: Math.round(seconds),
  };
}

async function statementsOf(deps: CompletionFactsDeps, registration: string, verb: string): Promise<Statement[]> {
  const page = await deps.lrs.queryStatements({ registration, verb, limit: 500 }, deps.lmsCredential);
  return page.statements;
}
