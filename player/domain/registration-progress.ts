import type { LaunchMode, WaiverReason } from "./cmi5-launch.js";
import { type AuProgress, isAuSatisfied, noProgress } from "./cmi5-progress.js";
import { type Cmi5Au, type Cmi5Block, type Cmi5Course, type LanguageMap, type MoveOn, listAus, listBlocks } from "./cmi5-structure.js";
import { lmsActivityId } from "./lms-ids.js";

/** What a portal reads about one registration: every AU, block and session, and the course. */
export interface RegistrationProgress {
  registration: string;
  courseId: string;
  /** LMS-generated course id, the object of the course's Satisfied statement (9.3.9.0-6). */
  courseActivityId: string;
  satisfied: boolean;
  satisfiedAt: string | undefined;
  blocks: { id: string; activityId: string; satisfied: boolean; satisfiedAt: string | undefined }[];
  aus: {
    id: string;
    activityId: string;
    title: LanguageMap;
    moveOn: MoveOn;
    masteryScore: number | undefined;
    completed: boolean;
    passed: boolean;
    failed: boolean;
    waived: { reason: WaiverReason; at: string } | undefined;
    /** moveOn is met (or the AU was waived). */
    satisfied: boolean;
  }[];
  sessions: {
    sessionId: string;
    auId: string;
    launchMode: LaunchMode;
    launchedAt: string;
    initializedAt: string | undefined;
    /** open, terminated or abandoned */
    state: "open" | "terminated" | "abandoned";
    endedAt: string | undefined;
  }[];
}

export interface RegistrationFacts {
  registration: string;
  course: Cmi5Course;
  progress: Map<string, AuProgress>;
  satisfied: Map<string, string>;
  waivers: { auId: string; reason: WaiverReason; waivedAt: string }[];
  sessions: {
    sessionId: string;
    auId: string;
    launchMode: LaunchMode;
    launchedAt: string;
    initializedAt: string | undefined;
    terminatedAt: string | undefined;
    abandonedAt: string | undefined;
  }[];
}

export function summarizeRegistration(facts: RegistrationFacts): RegistrationProgress {
  const { course } = facts;
  const courseActivityId = lmsActivityId("course", course.id, course.id);
  const describeAu = (au: Cmi5Au) => {
    const progress = facts.progress.get(au.id) ?? noProgress;
    const waiver = facts.waivers.find((w) => w.auId === au.id);
    return {
      id: au.id,
      activityId: lmsActivityId("au", course.id, au.id),
      title: au.title,
      moveOn: au.moveOn,
      masteryScore: au.masteryScore,
      completed: progress.completed,
      passed: progress.passed,
      failed: progress.failed,
      waived: waiver && { reason: waiver.reason, at: waiver.waivedAt },
      satisfied: isAuSatisfied(au.moveOn, progress),
    };
  };
  const describeBlock = (block: Cmi5Block) => {
    const activityId = lmsActivityId("block", course.id, block.id);
    return { id: block.id, activityId, satisfied: facts.satisfied.has(activityId), satisfiedAt: facts.satisfied.get(activityId) };
  };
  return {
    registration: facts.registration,
    courseId: course.id,
    courseActivityId,
    satisfied: facts.satisfied.has(courseActivityId),
    satisfiedAt: facts.satisfied.get(courseActivityId),
    blocks: listBlocks(course.children).map(describeBlock),
    aus: listAus(course.children).map(describeAu),
    sessions: facts.sessions.map((s) => ({
      sessionId: s.sessionId,
      auId: s.auId,
      launchMode: s.launchMode,
      launchedAt: s.launchedAt,
      initializedAt: s.initializedAt,
      state: s.abandonedAt !== undefined ? "abandoned" : s.terminatedAt !== undefined ? "terminated" : "open",
      endedAt: s.abandonedAt ?? s.terminatedAt,
    })),
  };
}
