import type { Credential, Lrs } from "../../lrs/index.js";
import type { User } from "../domain/accounts.js";
import { type ScormItem, type ScormPackage, listScormItems } from "../domain/content-package.js";
import { type CmiSummary, type ScormVersion, checkCmi, initialCmi, resumesAttempt, summarizeCmi } from "../domain/scorm-cmi.js";
import { type Activity, type ActivityStatus, buildActivityTree, launchableActivities, navigationFrom, unknownStatus } from "../domain/scorm-navigation.js";
import { scormActivityId, scormCourseStatement, scormStatementsFor, scormVerbs } from "../domain/scorm-statements.js";
import { type PackageProgressSummary, summarizeScormProgress } from "../domain/package-progress.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { PlayerStore, ScormAttempt, ScormSession } from "../store/player-store.js";
import { learnerAgent } from "./learner-agent.js";
import { scormLaunchPath } from "../domain/launch-links.js";
import { type ScormMode, planScormLaunch } from "../domain/scorm-launch-mode.js";
import { statusesOf } from "../domain/scorm-navigation.js";
import { type LearnerTree, type NavigationView, ScormSequencing, parseNavigationRequest } from "./scorm-sequencing-service.js";

export interface ScormRuntimeDeps {
  store: PlayerStore;
  lrs: Lrs;
  /** The LMS's own LRS credential: SCORM sessions are recorded under it. */
  lmsCredential: Credential;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
}

export interface TocEntry {
  id: string;
  title: string;
  depth: number;
  launchable: boolean;
  choosable: boolean;
  /** Disabled by a sequencing rule, or its attempts used up. */
  unavailable: boolean;
  current: boolean;
  completed: boolean | undefined;
  satisfied: boolean | undefined;
}

/** One prepared SCO session: what the launch page needs. */
export interface ScormLaunch {
  sessionId: string;
  packageId: string;
  version: ScormVersion;
  courseTitle: string;
  scoId: string;
  scoTitle: string;
  contentUrl: string;
  cmi: Record<string, unknown>;
  resumed: boolean;
  /** normal, or review / browse: then nothing the SCO sends is recorded (credit no-credit). */
  mode: ScormMode;
  previous: string | undefined;
  next: string | undefined;
  /** adl.nav.request_valid: whether continue and previous would deliver a SCO, and the SCOs a choice may go to. */
  requestValid: { continue: boolean; previous: boolean; choice: string[] };
  toc: TocEntry[];
  course: ActivityStatus;
}

/** Where a navigation request from a launch page leads: another launch, or a message for the learner. */
export type NavigationResult = { outcome: "deliver"; packageId: string; scoId: string; from: string } | { outcome: "end" | "wait" | "suspended" | "invalid" | "none" };

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

/** initialize and terminate come from the SCO's API calls; unload from the launch page when it goes away first. */
export type CommitEvent = "initialize" | "commit" | "terminate" | "unload";

/** Marks, among a session's recorded verbs, that the SCO itself terminated. */
const scoFinished = "sco-terminated";
/** Marks a review or browse session: its commits change nothing and record nothing. */
const noCredit = "no-credit";

/**
 * The LMS side of the SCORM run-time: prepares SCO sessions (resuming suspended attempts),
 * stores what SCOs commit, mirrors sessions into the LRS as xAPI statements, and walks the
 * activity tree for the table of contents, flow, choice and rollup.
 */
export class ScormRuntime {
  /** Commits of one session run one after another, so two final commits record nothing twice. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: ScormRuntimeDeps) {}

  private get sequencing(): ScormSequencing {
    return new ScormSequencing({ store: this.deps.store });
  }

  async launch(user: User, packageId: string, requestedSco: string | undefined, from: string | undefined, requestedMode?: "browse"): Promise<ScormLaunch> {
    const { store, newId, clock } = this.deps;
    const content = await this.scormPackage(packageId);
    // The tree as this learner sees it (selection, randomization) and what sequencing allows.
    const learner = await this.sequencing.learnerTree(user.id, packageId, content);
    const tree = learner.tree;
    const leaves = launchableActivities(tree);
    const scoId = requestedSco ?? this.resumePoint(learner, content.format);
    const sco = leaves.find((leaf) => leaf.id === scoId);
    if (!sco) throw new ValidationError("sco", requestedSco === undefined ? "the package's sequencing has no SCO to deliver now" : "names no launchable item of the package");
    if (requestedSco !== undefined && !this.sequencing.mayDeliver(learner, content.format, requestedSco, from)) {
      throw new ValidationError("sco", "may not be chosen here: the package's sequencing does not allow it");
    }
    const contentUrl = contentUrlOf(packageId, sco.launch!);
    const item = findItem(content, sco.id)!;
    const now = clock().toISOString();
    const latest = await store.findLatestScormAttempt(user.id, packageId, sco.id);
    if (latest) await this.endSessionsLeftOpen(user, content, latest);
    // An attempt that never committed anything is taken up again rather than left empty; a
    // finished one is reviewed (scorm-launch-mode.ts).
    const plan = planScormLaunch(latest, requestedMode);
    if ("refused" in plan) throw new ValidationError("mode", plan.refused);
    let attempt: ScormAttempt;
    if (latest && plan.attempt !== "new") {
      attempt = latest;
    } else {
      attempt = { attemptId: newId(), userId: user.id, packageId, scoId: sco.id, attemptNumber: (latest?.attemptNumber ?? 0) + 1, cmi: {}, summary: undefined, createdAt: now, updatedAt: now };
      await store.createScormAttempt(attempt);
    }
    const resumedData = plan.attempt !== "new" && attempt.summary
      ? { summary: { ...attempt.summary, sessionSeconds: 0 }, totalSeconds: await store.totalScormSeconds(attempt.attemptId), cmi: attempt.cmi }
      : undefined;
    const sessionId = newId();
    await store.createScormSession({
      sessionId, attemptId: attempt.attemptId, userId: user.id, startedAt: now, initializedAt: undefined, terminatedAt: undefined, sessionSeconds: 0,
      recordedVerbs: plan.mode === "normal" ? [] : [noCredit],
    });
    const cmi = initialCmi(content.format, { learnerId: user.id, learnerName: user.displayName, item, resumed: resumedData, mode: plan.mode });
    // A new attempt starts with the global objectives its SCO reads (RTE 4.2.17).
    if (content.format === "scorm2004" && resumedData === undefined && cmi.objectives === undefined) {
      const objectives = this.sequencing.initialObjectives(learner, sco.id);
      if (objectives.length > 0) cmi.objectives = objectives;
    }
    // Read again: the attempt just begun counts against attempt limits.
    const underway = await this.sequencing.learnerTree(user.id, packageId, content);
    const navigation = this.sequencing.view(underway, sco.id, content.format);
    const statuses = statusesOf(underway.states);
    return {
      sessionId,
      packageId,
      version: content.format,
      courseTitle: tree.title,
      scoId: sco.id,
      scoTitle: sco.title,
      contentUrl,
      cmi,
      resumed: plan.mode === "normal" && resumedData !== undefined,
      mode: plan.mode,
      previous: navigation.previous,
      next: navigation.next,
      requestValid: { continue: navigation.next !== undefined, previous: navigation.previous !== undefined, choice: [...navigation.choosable] },
      toc: tocOf(tree, sco.id, navigation, statuses),
      course: statuses.get(tree.id) ?? unknownStatus,
    };
  }

  /**
   * A learner's progress in a package from the stored attempts: each SCO's status and latest
   * results, rolled up to the course (as the table of contents shows it), and the summary
   * "Moje učenje" and the portal API report. `started` is false before any attempt.
   */
  async progressOf(userId: string, packageId: string): Promise<ScormProgress> {
    const content = await this.scormPackage(packageId);
    const learner = await this.sequencing.learnerTree(userId, packageId, content);
    const { tree, attempts } = learner;
    const statuses = statusesOf(learner.states);
    const suspended = latestPerSco(attempts).filter((a) => a.summary && resumesAttempt(a.summary.exit)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    const course = statuses.get(tree.id) ?? unknownStatus;
    return {
      started: attempts.length > 0,
      lastActivityAt: attempts.map((a) => a.updatedAt).sort().at(-1),
      course,
      summary: summarizeScormProgress(tree, statuses, {
        suspendedScoId: suspended?.scoId,
        pageChoice: suspended?.scoId ?? this.sequencing.start(learner, content.format),
        mayOpen: (scoId) => this.sequencing.mayDeliver(learner, content.format, scoId, undefined),
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

  /**
   * The launch page path of a SCO for a learner's browser (without `scoId`: where the page
   * itself resumes). Checks now what the page would refuse: an unknown SCO, or one that the
   * package's sequencing does not let the learner choose.
   */
  async entryPath(packageId: string, scoId: string | undefined, mode?: "browse"): Promise<string> {
    const content = await this.scormPackage(packageId);
    if (scoId !== undefined) {
      const tree = buildActivityTree(content);
      if (!launchableActivities(tree).some((leaf) => leaf.id === scoId)) throw new ValidationError("scoId", `is not a launchable item (SCO) of package ${packageId}`);
      if (!this.mayDeliver(tree, content.format, scoId, undefined)) throw new ValidationError("scoId", "may not be chosen: the package's sequencing does not allow it (launch without scoId)");
    }
    return scormLaunchPath({ packageId, itemId: scoId, mode });
  }

  /**
   * A navigation request from the launch page: the SCO's adl.nav.request when it terminated, or
   * the learner's Continue, Previous or table of contents entry. Stores the SCO's last data,
   * ends its attempt by the sequencing rules (exit actions, post conditions) and says where the
   * learner goes next. `scoTerminated`: the SCO itself ended, rather than the page leaving it.
   */
  navigate(user: User, sessionId: string, requestText: string, cmi: Record<string, unknown> | undefined, scoTerminated: boolean): Promise<NavigationResult> {
    const request = parseNavigationRequest(requestText);
    if (request === "invalid") throw new ValidationError("request", "must be continue, previous, exit, exitAll, abandon, abandonAll, suspendAll, _none_ or {target=<id>}choice");
    return this.inSessionOrder(sessionId, async () => {
      const session = await this.deps.store.findScormSession(sessionId);
      if (!session || session.userId !== user.id) throw new NotFoundError("SCORM session");
      if (cmi !== undefined) {
        // suspendAll suspends the attempt whatever cmi.exit says.
        await this.commitNow(user, sessionId, scoTerminated ? "terminate" : "unload", request?.kind === "suspendAll" ? { ...cmi, exit: "suspend" } : cmi);
      }
      if (request === undefined) return { outcome: "none" };
      const { packageId, scoId } = session.attempt;
      const content = await this.scormPackage(packageId);
      const learner = await this.sequencing.learnerTree(user.id, packageId, content);
      if (content.format === "scorm12") {
        // No sequencing in SCORM 1.2: move in document order, or anywhere.
        const options = navigationFrom(learner.tree, scoId, "scorm12");
        const target = request.kind === "continue" ? options.next : request.kind === "previous" ? options.previous : request.kind === "choice" && options.choosable.has(request.target) ? request.target : undefined;
        return target ? { outcome: "deliver", packageId, scoId: target, from: scoId } : { outcome: request.kind === "choice" ? "invalid" : "wait" };
      }
      const outcome = this.sequencing.navigate(learner, scoId, request);
      return outcome.kind === "deliver" ? { outcome: "deliver", packageId, scoId: outcome.activityId, from: scoId } : { outcome: outcome.kind };
    });
  }

  /** Throws what the launch page would answer to a browse launch of this SCO: only a SCO the learner has not started. */
  async checkBrowse(userId: string, packageId: string, scoId: string): Promise<void> {
    const plan = planScormLaunch(await this.deps.store.findLatestScormAttempt(userId, packageId, scoId), "browse");
    if ("refused" in plan) throw new ValidationError("launchMode", plan.refused);
  }

  /** Stores a commit of the learner's own session and records what it adds in the LRS. */
  commit(user: User, sessionId: string, event: CommitEvent, cmi: Record<string, unknown> | undefined): Promise<{ ignored: boolean }> {
    return this.inSessionOrder(sessionId, () => this.commitNow(user, sessionId, event, cmi));
  }

  /**
   * Runs work on one session after the work queued before it: a session's commits, and the
   * LMS ending it at the next launch, each read what the one before recorded, so a late
   * Terminate from a closing tab and the relaunch cannot both record `terminated`.
   */
  private inSessionOrder<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    this.queues.set(sessionId, run);
    void run.finally(() => {
      if (this.queues.get(sessionId) === run) this.queues.delete(sessionId);
    }).catch(() => undefined);
    return run;
  }

  /** The CMI data last committed in the attempt of the learner's own session. */
  async readCmi(user: User, sessionId: string): Promise<{ attemptId: string; attemptNumber: number; cmi: Record<string, unknown> }> {
    const session = await this.deps.store.findScormSession(sessionId);
    // Someone else's session is answered as if it did not exist.
    if (!session || session.userId !== user.id) throw new NotFoundError("SCORM session");
    return { attemptId: session.attemptId, attemptNumber: session.attempt.attemptNumber, cmi: session.attempt.cmi };
  }

  private async commitNow(user: User, sessionId: string, event: CommitEvent, cmi: Record<string, unknown> | undefined): Promise<{ ignored: boolean }> {
    const { store, clock } = this.deps;
    const session = await store.findScormSession(sessionId);
    if (!session || session.userId !== user.id) throw new NotFoundError("SCORM session");
    // After the SCO's Terminate its session is over (RTE 3.1.3.2): a late copy changes nothing.
    // After the page's unload it may still come: the page hides before the SCO's frame does.
    if (session.recordedVerbs.includes(scoFinished)) return { ignored: true };
    // Review and browse sessions are not for credit: the attempt keeps its recorded result.
    if (session.recordedVerbs.includes(noCredit)) return { ignored: true };
    const content = await this.scormPackage(session.attempt.packageId);
    const now = clock().toISOString();
    let summary: CmiSummary | undefined;
    if (cmi !== undefined) {
      const problem = checkCmi(content.format, cmi);
      if (problem) throw new ValidationError(problem.field, problem.message);
      summary = summarizeCmi(content.format, cmi);
      await store.saveScormCommit(sessionId, { cmi, summary, at: now });
      await this.sequencing.writeGlobalObjectives(user.id, session.attempt.packageId, content, now);
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

  /**
   * When the SCOs' results roll up to a completed or satisfied course, records that once per
   * learner and package: completed and passed about the package's course activity.
   */
  private async recordCourseRollup(user: User, content: ScormPackage, packageId: string, now: string): Promise<void> {
    const { lrs, lmsCredential } = this.deps;
    const tree = buildActivityTree(content);
    const status = (await this.statuses(user, packageId, tree)).get(tree.id) ?? unknownStatus;
    const actor = learnerAgent(user, this.deps.accountHomePage);
    const course = { id: scormActivityId("course", content.identifier), title: tree.title };
    const verbs = [...(status.completed === true ? ["completed" as const] : []), ...(status.satisfied === true ? ["passed" as const] : [])];
    for (const verb of verbs) {
      const earlier = await lrs.queryStatements({ agent: actor, verb: scormVerbs[verb], activity: course.id, limit: 1 }, lmsCredential);
      if (earlier.statements.length > 0) continue;
      await lrs.storeStatements(scormCourseStatement({ actor, course, verb, id: this.deps.newId(), timestamp: now }), lmsCredential);
    }
  }

  /** Ends, in the LRS, the attempt's sessions that initialized but never sent Terminate (closed tab, crash). */
  private async endSessionsLeftOpen(user: User, content: ScormPackage, attempt: ScormAttempt): Promise<void> {
    const now = this.deps.clock().toISOString();
    for (const listed of await this.deps.store.listScormSessions(attempt.attemptId)) {
      await this.inSessionOrder(listed.sessionId, async () => {
        const session = (await this.deps.store.findScormSession(listed.sessionId)) ?? { ...listed, attempt };
        if (!session.recordedVerbs.includes("initialized") || session.recordedVerbs.includes("terminated")) return;
        const recorded = await this.record(user, content, { ...session, attempt }, undefined, "terminate", now);
        await this.deps.store.noteScormSession(session.sessionId, { terminatedAt: now, recordedVerbs: [...session.recordedVerbs, ...recorded] });
      });
    }
  }

  /** Records in the LRS the statements a session event adds; returns their verbs. */
  private async record(
    user: User, content: ScormPackage, session: ScormSession & { attempt: ScormAttempt }, summary: CmiSummary | undefined,
    event: "initialize" | "commit" | "terminate", now: string,
  ): Promise<string[]> {
    const latest = await this.deps.store.findScormSession(session.sessionId);
    const totalSeconds = await this.deps.store.totalScormSeconds(session.attemptId);
    const item = findItem(content, session.attempt.scoId);
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


  private async scormPackage(packageId: string): Promise<ScormPackage> {
    const pkg = await this.deps.store.findPackage(packageId);
    if (!pkg || (pkg.content.format !== "scorm12" && pkg.content.format !== "scorm2004")) throw new NotFoundError("SCORM package");
    return pkg.content;
  }

  /** For links made without a learner (entryPath): a choice, or where flow starts, in the bare tree. */
  private mayDeliver(tree: Activity, version: ScormVersion, scoId: string, from: string | undefined): boolean {
    if (navigationFrom(tree, undefined, version).choosable.has(scoId)) return true;
    if (from === undefined) return navigationFrom(tree, undefined, version).next === scoId;
    const options = navigationFrom(tree, from, version);
    return options.next === scoId || options.previous === scoId;
  }

  /** Where an unchosen launch goes: the SCO with a suspended attempt, else where sequencing starts. */
  private resumePoint(learner: LearnerTree, version: ScormVersion): string | undefined {
    const attempts = latestPerSco(learner.attempts);
    const suspended = attempts.filter((a) => a.summary && resumesAttempt(a.summary.exit)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    return suspended?.scoId ?? this.sequencing.start(learner, version);
  }

  /** The learner's rolled-up statuses (the tree's root keeps its id whatever selection did). */
  private async statuses(user: User, packageId: string, _tree: Activity): Promise<Map<string, ActivityStatus>> {
    const content = await this.scormPackage(packageId);
    return statusesOf((await this.sequencing.learnerTree(user.id, packageId, content)).states);
  }
}

function latestPerSco(attempts: ScormAttempt[]): ScormAttempt[] {
  return [...new Map(attempts.map((a) => [a.scoId, a])).values()];
}

/** The table of contents: visible items, less those a hiddenFromChoice rule hides (unless current). */
function tocOf(tree: Activity, currentId: string, navigation: NavigationView, statuses: Map<string, ActivityStatus>): TocEntry[] {
  const entries: TocEntry[] = [];
  const visit = (activity: Activity, depth: number) => {
    if (!activity.isVisible) return;
    if (navigation.hidden.has(activity.id) && activity.id !== currentId) {
      activity.children.forEach((child) => visit(child, depth));
      return;
    }
    const status = statuses.get(activity.id) ?? unknownStatus;
    entries.push({
      id: activity.id,
      title: activity.title,
      depth,
      launchable: activity.launch !== undefined && activity.children.length === 0,
      choosable: navigation.choosable.has(activity.id),
      unavailable: navigation.unavailable.has(activity.id),
      current: activity.id === currentId,
      completed: status.completed,
      satisfied: status.satisfied,
    });
    activity.children.forEach((child) => visit(child, depth + 1));
  };
  tree.children.forEach((child) => visit(child, 0));
  return entries;
}

function findItem(content: ScormPackage, itemId: string): ScormItem | undefined {
  const organization = content.organizations.find((o) => o.identifier === content.defaultOrganization) ?? content.organizations[0];
  return organization ? listScormItems(organization.items).find((item) => item.identifier === itemId) : undefined;
}

/**
 * The content URL of a launch reference: resolved as a URL under the package's content root (so
 * percent-escapes in the manifest stay as written and spaces get escaped), with the item's
 * parameters kept; a reference that would leave the package is refused.
 */
function contentUrlOf(packageId: string, launch: string): string {
  const root = `/content/${packageId}/`;
  const resolved = new URL(launch, `http://package${root}`);
  if (resolved.host !== "package" || !resolved.pathname.startsWith(root)) throw new ValidationError("sco", "launches a file outside its package");
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
