import {
  type Credential,
  ForbiddenError as LrsForbiddenError,
  type Lrs,
  type LrsGuard,
  type StateParams,
  type Statement,
  ValidationError as LrsValidationError,
} from "../../lrs/index.js";
import { buildSatisfiedStatement, cmi5 } from "../domain/cmi5-launch.js";
import { type AuProgress, applyAuStatement, findCmi5Violation, isAuSatisfied, noProgress } from "../domain/cmi5-progress.js";
import { type Cmi5Au, type Cmi5Block, listAus, listBlocks } from "../domain/cmi5-structure.js";
import { lmsActivityId } from "../domain/lms-ids.js";
import type { AuSession, PlayerStore } from "../store/player-store.js";
import { learnerAgent } from "./learner-agent.js";

export interface ProgressTrackerDeps {
  store: PlayerStore;
  lrs: Lrs;
  lmsCredential: Credential;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
  /** Called when a learner satisfies a course, so credits can be issued at once. */
  onCourseSatisfied: (userId: string) => Promise<void>;
}

/**
 * The LMS side of cmi5 tracking: it guards what AU session tokens may write, follows
 * the statements they send, and records Satisfied when moveOn criteria are met.
 */
export class ProgressTracker {
  constructor(private readonly deps: ProgressTrackerDeps) {}

  /** Hooks the tracker into the LRS: a guard before commit and a listener after. */
  attach(): void {
    this.deps.lrs.addGuard(this.guard());
    this.deps.lrs.onStatementsStored((statements, by) => this.follow(statements, by));
  }

  private guard(): LrsGuard {
    return {
      checkStatements: async (statements: Statement[], by: Credential) => {
        const session = await this.deps.store.findAuSessionByCredential(by.key);
        if (!session) return;
        for (const statement of statements) {
          const violation = findCmi5Violation(statement as never, {
            actorAccountName: session.userId,
            activityId: session.activityId,
            masteryScore: session.masteryScore,
            ended: session.terminatedAt !== undefined || session.abandonedAt !== undefined,
          });
          if (violation) throw violation.forbidden ? new LrsForbiddenError(violation.message) : new LrsValidationError(violation.message);
        }
      },
      checkStateWrite: async (params: StateParams, by: Credential) => {
        const session = await this.deps.store.findAuSessionByCredential(by.key);
        if (session && params.stateId === cmi5.launchDataStateId) {
          throw new LrsForbiddenError("stateId: an AU must not modify LMS.LaunchData (cmi5 10.2.1.0-5)");
        }
      },
    };
  }

  private async follow(statements: Statement[], by: Credential): Promise<void> {
    const session = await this.deps.store.findAuSessionByCredential(by.key);
    if (!session) return;
    const { store } = this.deps;
    let progress = (await store.listAuProgress(session.registration)).get(session.auId) ?? noProgress;
    let terminated = false;
    // Only cmi5 defined statements about this AU move progress: a video profile's
    // "completed" or "terminated" is about the video, not the AU (cmi5 9.3, 9.6.2.1).
    for (const statement of statements.filter((s) => isCmi5DefinedFor(s, session.activityId))) {
      const verbId = statement.verb.id;
      progress = applyAuStatement(progress, verbId);
      if (verbId === cmi5.verbs.terminated) terminated = true;
    }
    await store.saveAuProgress(session.registration, session.auId, progress);
    const latest = statements.map((s) => s.timestamp ?? "").sort().at(-1);
    if (latest) await store.noteAuStatement(session.sessionId, latest);
    await this.evaluate(session.registration, session.sessionId, session);
    if (terminated) {
      // 9.3.8: after Terminated the session's token is refused.
      await store.markAuSessionTerminated(session.sessionId, this.deps.clock().toISOString());
      await this.deps.lrs.credentials.revoke(by.key);
    }
  }

  /** Records Satisfied for every block and the course whose AUs all met their moveOn (9.3.9). */
  async evaluate(registration: string, sessionId: string, session: Pick<AuSession, "userId" | "courseId">): Promise<void> {
    const { store, lrs, lmsCredential, newId, clock } = this.deps;
    const course = await store.findCourse(session.courseId);
    const user = await store.findUserById(session.userId);
    if (!course || !user) return;
    const progress = await store.listAuProgress(registration);
    const satisfied = (aus: Cmi5Au[]) => aus.every((au) => isAuSatisfied(au.moveOn, progress.get(au.id) ?? noProgress));
    const candidates: { objectId: string; type: "block" | "course"; publisherId: string; aus: Cmi5Au[] }[] = [
      ...listBlocks(course.structure.children).map((block: Cmi5Block) => ({
        objectId: lmsActivityId("block", course.courseId, block.id),
        type: "block" as const,
        publisherId: block.id,
        aus: listAus(block.children),
      })),
      { objectId: lmsActivityId("course", course.courseId, course.courseId), type: "course", publisherId: course.courseId, aus: listAus(course.structure.children) },
    ];
    for (const candidate of candidates) {
      if (!satisfied(candidate.aus)) continue;
      const now = clock().toISOString();
      if (!(await store.markSatisfied(registration, candidate.objectId, now))) continue;
      const statement = buildSatisfiedStatement({
        id: newId(),
        timestamp: now,
        actor: learnerAgent(user, this.deps.accountHomePage),
        registration,
        sessionId,
        objectId: candidate.objectId,
        objectType: candidate.type,
        publisherId: candidate.publisherId,
      });
      await lrs.storeStatements(statement, lmsCredential);
      if (candidate.type === "course") await this.deps.onCourseSatisfied(user.id);
    }
  }
}

function isCmi5DefinedFor(statement: Statement, activityId: string): boolean {
  const object = statement.object as { id?: string };
  const categories = statement.context?.contextActivities?.category;
  const list = Array.isArray(categories) ? categories : categories ? [categories] : [];
  return object.id === activityId && list.some((c) => c.id === cmi5.categoryCmi5);
}

export type { AuProgress };
