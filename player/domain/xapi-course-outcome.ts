// The course-level outcome of an xAPI (TinCan) package, judged by the LMS from the learner's
// statements in the registration, and the LMS's own statement of it. tincan.xml has no moveOn,
// so the package's rule is read from its activities: the course is completed (or passed) when
// the learner's statements say so of the course activity itself, or of every other launchable
// activity (the modules the course is made of).
import { createHash } from "node:crypto";
import type { LearnerAgent } from "./cmi5-launch.js";
import type { XapiPackage } from "./content-package.js";
import type { XapiActivityProgress } from "./xapi-progress.js";

export type XapiCourseVerb = "completed" | "passed";

export const xapiCourseVerbs: Record<XapiCourseVerb, string> = {
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
};

/**
 * The LMS's activity id for an xAPI package's course: never the publisher's id, so the LMS's
 * statement cannot be mistaken for (or confused with) one the content sent about its course.
 */
export function xapiCourseActivityId(courseActivityId: string): string {
  const digest = createHash("sha256").update(`course\n${courseActivityId}`).digest("hex").slice(0, 32);
  return `urn:obuka:xapi:course:${digest}`;
}

/** What the LMS may record of the course, from the registration's activity outcomes. */
export function xapiCourseOutcome(pkg: XapiPackage, activities: readonly XapiActivityProgress[]): XapiCourseVerb[] {
  const course = activities.find((a) => a.id === pkg.identifier);
  const modules = activities.filter((a) => a.launchable && a.id !== pkg.identifier);
  const all = (done: (a: XapiActivityProgress) => boolean) => (course !== undefined && done(course)) || (modules.length > 0 && modules.every(done));
  return [...(all((a) => a.completed) ? ["completed" as const] : []), ...(all((a) => a.passed) ? ["passed" as const] : [])];
}

/** The LMS's statement that the learner completed or passed the package's course. */
export function xapiCourseStatement(input: {
  actor: LearnerAgent;
  course: { id: string; title: string };
  registration: string;
  verb: XapiCourseVerb;
  /** The best scaled score of the registration's quizzes, kept on passed. */
  scaled: number | undefined;
  id: string;
  timestamp: string;
}): Record<string, unknown> {
  const result: Record<string, unknown> = input.verb === "passed" ? { success: true, completion: true } : { completion: true };
  if (input.verb === "passed" && input.scaled !== undefined) result.score = { scaled: input.scaled };
  return {
    id: input.id,
    timestamp: input.timestamp,
    actor: input.actor,
    verb: { id: xapiCourseVerbs[input.verb], display: { "en-US": input.verb } },
    object: { objectType: "Activity", id: xapiCourseActivityId(input.course.id), definition: { type: "http://adlnet.gov/expapi/activities/course", name: { und: input.course.title } } },
    result,
    context: {
      registration: input.registration,
      contextActivities: { other: [{ objectType: "Activity", id: input.course.id }] },
    },
  };
}
