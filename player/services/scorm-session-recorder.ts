// What SCO sessions leave behind: the CMI data a SCO commits, stored per attempt, and the
// session mirrored into the LRS as xAPI statements (initialized, terminated, results), with the
// course's completed and passed once its SCOs roll up to them.
import type { Credential, Lrs } from "../../lrs/index.js";
import type { User } from "../domain/accounts.js";
import type { ScormPackage } from "../domain/content-package.js";
import { type CmiSummary, checkCmi, summarizeCmi } from "../domain/scorm-cmi.js";
import { buildActivityTree, statusesOf, unknownStatus } from "../domain/scorm-navigation.js";
import { scormActivityId, scormCourseStatement, scormStatementsFor, scormVerbs } from "../domain/scorm-statements.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { PlayerStore, ScormAttempt, ScormSession } from "../store/player-store.js";
import { learnerAgent } from "./learner-agent.js";
import { findScormItem, findScormPackage } from "./scorm-package-lookup.js";
import type { ScormSequencing } from "./scorm-sequencing-service.js";
import type { ScormSessionOrder } from "./scorm-session-order.js";

/** initialize and terminate come from the SCO's API calls; unload from the launch page when it goes away first. */
export type CommitEvent = "initialize" | "commit" | "terminate" | "unload";

/** Marks, among a session's recorded verbs, that the SCO itself terminated. */
const scoFinished = "sco-terminated";
/** Marks a review or browse session: its commits change nothing and record nothing. */
const noCredit = "no-credit";

/** The verbs a new session starts with: a review or browse session is marked so that its commits record nothing. */
export function initialRecordedVerbs(mode: "normal" | "browse" | "review"): string[] {
  return mode === "normal" ? [] : [noCredit];
}

export interface ScormSessionRecorderDeps {
  store: PlayerStore;
  lrs: Lrs;
  /** The LMS's own LRS credential: SCORM sessions are recorded under it. */
  lmsCredential: Credential;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
  sequencing: ScormSequencing;
  sessionOrder: ScormSessionOrder;
}

export class ScormSessionRecorder {
  constructor(private readonly deps: ScormSessionRecorderDeps) {}

  /**
   * Stores a commit of the learner's own session and records what it adds in the LRS. Callers
   * run it in the session's order (ScormSessionOrder).
   */
  async commit(user: User, sessionId: string, event: CommitEvent, cmi: Record<string, unknown> | undefined): Promise<{ ignored: boolean }> {
    const { store, clock, sequencing } = this.deps;
    const session = await store.findScormSession(sessionId);
    if (!session || session.userId !== user.id) throw new NotFoundError("SCORM session");
    // After the SCO's Terminate its session is over (RTE 3.1.3.2): a late copy changes nothing.
    // After the page's unload it may still come: the page hides before the SCO's frame does.
    if (session.recordedVerbs.includes(scoFinished)) return { ignored: true };
    // Review and browse sessions are not for credit: the attempt keeps its recorded result.
    if (session.recordedVerbs.includes(noCredit)) return { ignored: true };
    const content = await findScormPackage(store, session.attempt.packageId);
    const now = clock().toISOString();
    let summary: CmiSummary | undefined;
    if (cmi !== undefined) {
      const problem = checkCmi(content.format, cmi);
      if (problem) throw new ValidationError(problem.field, problem.message);
      summary = summarizeCmi(content.format, cmi);
      await store.saveScormCommit(sessionId, { cmi, summary, at: now });
      await sequencing.writeGlobalObjectives(user.id, session.attempt.packageId, content, now);
    }
    // Terminated waits for the SCO's own Terminate, which may follow the page's unload with
    // the final session time; a session that never gets one is ended at the next launch.
    const recorded = await this.record(user, content, session, summary, event === "terminate" ? "terminate" : event === "initialize" ? "initialize" : "commit", now);
    await store.noteScormSession(sessionId, {
      initializedAt: now,
      ...(event === "terminate" || event === "unload" ? { terminatedAt: now } : {}),
      recordedVerbs: [...session.recordedVerbs, ...recorded, ...(event === "terminate" ? [scoFinished] : [])],
    });
    if (event === "terminate" || event === "unload") await this.recordCourseRollup(user, content, session.attempt.packageId, now);
    return { ignored: false };
  }

  /** Ends, in the LRS, the attempt's sessions that initialized but never sent Terminate (closed tab, crash). */
  async endSessionsLeftOpen(user: User, content: ScormPackage, attempt: ScormAttempt): Promise<void> {
    const { store, clock, sessionOrder } = this.deps;
    const now = clock().toISOString();
    for (const listed of await store.listScormSessions(attempt.attemptId)) {
      await sessionOrder.run(listed.sessionId, async () => {
        const session = (await store.findScormSession(listed.sessionId)) ?? { ...listed, attempt };
        if (!session.recordedVerbs.includes("initialized") || session.recordedVerbs.includes("terminated")) return;
        const recorded = await this.record(user, content, { ...session, attempt }, undefined, "terminate", now);
        await store.noteScormSession(session.sessionId, { terminatedAt: now, recordedVerbs: [...session.recordedVerbs, ...recorded] });
      });
    }
  }

  /**
   * When the SCOs' results roll up to a completed or satisfied course, records that once per
   * learner and package: completed and passed about the package's course activity.
   */
  private async recordCourseRollup(user: User, content: ScormPackage, packageId: string, now: string): Promise<void> {
    const { lrs, lmsCredential, sequencing } = this.deps;
    // The tree's root keeps its id whatever selection did, so the learner's statuses are keyed by it.
    const tree = buildActivityTree(content);
    const status = statusesOf((await sequencing.learnerTree(user.id, packageId, content)).states).get(tree.id) ?? unknownStatus;
    const actor = learnerAgent(user, this.deps.accountHomePage);
    const course = { id: scormActivityId("course", content.identifier), title: tree.title };
    const verbs = [...(status.completed === true ? ["completed" as const] : []), ...(status.satisfied === true ? ["passed" as const] : [])];
    for (const verb of verbs) {
      const earlier = await lrs.queryStatements({ agent: actor, verb: scormVerbs[verb], activity: course.id, limit: 1 }, lmsCredential);
      if (earlier.statements.length > 0) continue;
      await lrs.storeStatements(scormCourseStatement({ actor, course, verb, id: this.deps.newId(), timestamp: now }), lmsCredential);
    }
  }

  /** Records in the LRS the statements a session event adds; returns their verbs. */
  private async record(
    user: User, content: ScormPackage, session: ScormSession & { attempt: ScormAttempt }, summary: CmiSummary | undefined,
    event: "initialize" | "commit" | "terminate", now: string,
  ): Promise<string[]> {
    const latest = await this.deps.store.findScormSession(session.sessionId);
    const totalSeconds = await this.deps.store.totalScormSeconds(session.attemptId);
    const item = findScormItem(content, session.attempt.scoId);
    const known = latest?.attempt.summary ?? session.attempt.summary;
    const statements = scormStatementsFor({
      context: {
        actor: learnerAgent(user, this.deps.accountHomePage),
        attemptId: session.attemptId,
        sessionId: session.sessionId,
        course: { id: scormActivityId("course", content.identifier), title: buildActivityTree(content).title },
        sco: { id: scormActivityId("sco", content.identifier, session.attempt.scoId), title: item?.title || session.attempt.scoId },
      },
      summary: summary ?? (known && { ...known, sessionSeconds: latest?.sessionSeconds ?? session.sessionSeconds }),
      event,
      alreadyRecorded: session.recordedVerbs,
      totalSeconds,
      newId: this.deps.newId,
      timestamp: now,
    });
    if (statements.length > 0) await this.deps.lrs.storeStatements(statements.map((s) => s.statement), this.deps.lmsCredential);
    return statements.map((s) => s.verb);
  }
}
