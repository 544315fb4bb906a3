import {
  type Credential,
  ForbiddenError as LrsForbiddenError,
  type Lrs,
  type LrsGuard,
  type ProfileParams,
  type StateParams,
  type StateScope,
  type Statement,
} from "../../lrs/index.js";
import { buildSatisfiedStatement, cmi5 } from "../domain/cmi5-launch.js";
import { checkLearnerPreferencesWrite } from "../domain/cmi5-learner-preferences.js";
import { type AuProgress, applyAuStatement, isAuSatisfied, noProgress } from "../domain/cmi5-progress.js";
import { type Cmi5SessionState, checkAuStatements, isCmi5Defined } from "../domain/cmi5-statement-rules.js";
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

  /**
   * What an AU session token may write. Every refusal is a 403 naming the field and the
   * cmi5 requirement; tokens that are not AU session tokens pass untouched.
   */
  private guard(): LrsGuard {
    const { store } = this.deps;
    return {
      checkStatements: async (statements: Statement[], by: Credential, received: readonly Statement[]) => {
        const session = await store.findAuSessionByCredential(by.key);
        if (!session) return;
        // The rules read the statements as sent: the LRS has not yet filled in their ids (9.1.0.0-1).
        const outcome = checkAuStatements(received, await this.sessionState(session));
        if (outcome.violation) {
          const { index, message } = outcome.violation;
          throw new LrsForbiddenError(statements.length > 1 ? `[${index}].${message}` : message);
        }
      },
      checkStateWrite: async (params: StateParams, by: Credential) => {
        const session = await store.findAuSessionByCredential(by.key);
        if (!session) return;
        if (params.stateId === cmi5.launchDataStateId) throw new LrsForbiddenError("stateId: an AU must not modify or delete LMS.LaunchData (cmi5 10.2.1.0-5 (d))");
        this.checkOwnScope(session, params.agent, params.registration);
      },
      // A scope DELETE would take LMS.LaunchData with it, so AU tokens may not send one.
      checkStateScopeDelete: async (_scope: StateScope, by: Credential) => {
        const session = await store.findAuSessionByCredential(by.key);
        if (session) throw new LrsForbiddenError("stateId: an AU must not delete LMS.LaunchData with the other state documents (cmi5 10.2.1.0-5 (d))");
      },
      checkProfileRead: async (params: ProfileParams, by: Credential) => {
        const session = await store.findAuSessionByCredential(by.key);
        if (!session || !("agent" in params)) return;
        if (!sameAccount(params.agent, this.launchActor(session))) throw new LrsForbiddenError("agent: must be the actor given at launch (cmi5 11.0.0.0-1 (d))");
        if (params.profileId === cmi5.learnerPreferencesProfileId) await store.notePreferencesRead(session.sessionId, this.deps.clock().toISOString());
      },
      checkProfileWrite: async (params: ProfileParams, write: { method: "put" | "post" | "delete"; body?: Buffer }, by: Credential) => {
        const session = await store.findAuSessionByCredential(by.key);
        if (!session || !("agent" in params)) return;
        if (!sameAccount(params.agent, this.launchActor(session))) {
          throw new LrsForbiddenError("agent: must be the actor given at launch (cmi5 11.0.0.0-1 (d))");
        }
        if (params.profileId === cmi5.learnerPreferencesProfileId) {
          const problem = checkLearnerPreferencesWrite(write.body, write.method === "post");
          if (problem) throw new LrsForbiddenError(`${problem.message} (cmi5 ${problem.requirement})`);
        }
      },
    };
  }

  /** The rule state of a session: its own facts plus what the registration already holds for the AU. */
  private async sessionState(session: AuSession): Promise<Cmi5SessionState> {
    const progress = (await this.deps.store.listAuProgress(session.registration)).get(session.auId) ?? noProgress;
    return {
      actor: { homePage: this.deps.accountHomePage, name: session.userId },
      registration: session.registration,
      activityId: session.activityId,
      publisherId: session.auId,
      sessionId: session.sessionId,
      masteryScore: session.masteryScore,
      launchMode: session.launchMode,
      endedBy: session.abandonedAt !== undefined ? "abandoned" : session.terminatedAt !== undefined ? "terminated" : undefined,
      initialized: session.initializedAt !== undefined,
      preferencesRead: session.preferencesReadAt !== undefined,
      verbs: session.cmi5Statements.map((s) => s.verb),
      statementIds: session.cmi5Statements.map((s) => s.id),
      completedInRegistration: progress.completed,
      passedInRegistration: progress.passed,
    };
  }

  private launchActor(session: AuSession): { account: { homePage: string; name: string } } {
    return { account: { homePage: this.deps.accountHomePage, name: session.userId } };
  }

  /** 8.1.3.0-3 (d), 8.1.4.0-3 (d): state requests carry the launch actor and registration. */
  private checkOwnScope(session: AuSession, agent: unknown, registration: string | undefined): void {
    if (!sameAccount(agent, this.launchActor(session))) throw new LrsForbiddenError("agent: must be the actor given at launch (cmi5 8.1.3.0-3 (d))");
    if (registration !== undefined && registration !== session.registration) throw new LrsForbiddenError("registration: must be the registration given at launch (cmi5 8.1.4.0-3 (d))");
  }

  /**
   * After commit: moves the AU's progress, remembers the session's cmi5 verbs, records
   * Satisfied where moveOn is now met (before the LRS answers the AU: 9.3.9), and ends
   * the session at Terminated.
   */
  private async follow(statements: Statement[], by: Credential): Promise<void> {
    const session = await this.deps.store.findAuSessionByCredential(by.key);
    if (!session) return;
    const { store } = this.deps;
    let progress = (await store.listAuProgress(session.registration)).get(session.auId) ?? noProgress;
    const recorded = [...session.cmi5Statements];
    let initializedAt = session.initializedAt;
    // Only cmi5 defined statements about this AU move progress: a video profile's
    // "completed" or "terminated" is about the video, not the AU (cmi5 9.3, 9.6.2.1).
    for (const statement of statements.filter((s) => isCmi5Defined(s) && (s.object as { id?: string }).id === session.activityId)) {
      const verbId = statement.verb.id;
      if (recorded.some((r) => r.id === statement.id!.toLowerCase())) continue;
      recorded.push({ verb: verbId, id: statement.id!.toLowerCase() });
      if (verbId === cmi5.verbs.initialized) initializedAt ??= statement.timestamp ?? this.deps.clock().toISOString();
      progress = applyAuStatement(progress, verbId);
    }
    await store.recordCmi5Statements(session.sessionId, recorded, initializedAt);
    await store.saveAuProgress(session.registration, session.auId, progress);
    const latest = statements.map((s) => s.timestamp ?? "").sort().at(-1);
    if (latest) await store.noteAuStatement(session.sessionId, latest);
    await this.evaluate(session.registration, session.sessionId, session);
    if (recorded.some((r) => r.verb === cmi5.verbs.terminated)) {
      // 9.3.8.0-4: after Terminated the session's token is refused.
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

/** Agents are the same learner when their accounts match (cmi5 9.2: learners are accounts). */
function sameAccount(agent: unknown, actor: { account: { homePage: string; name: string } }): boolean {
  const account = (agent as { account?: { homePage?: unknown; name?: unknown } } | null)?.account;
  return account?.homePage === actor.account.homePage && account?.name === actor.account.name;
}

export type { AuProgress };
