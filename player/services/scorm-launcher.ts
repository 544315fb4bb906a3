// Starting SCO sessions: which SCO and attempt a launch takes up (resume, new, review, browse),
// the CMI data the launch page hands to scorm-again, and what the page offers around the SCO
// (Continue, Previous, the table of contents, adl.nav.request_valid).
import type { User } from "../domain/accounts.js";
import { type ScormVersion, initialCmi } from "../domain/scorm-cmi.js";
import { type Activity, type ActivityStatus, buildActivityTree, launchableActivities, navigationFrom, statusesOf, unknownStatus } from "../domain/scorm-navigation.js";
import { scormLaunchPath } from "../domain/launch-links.js";
import { type ScormMode, planScormLaunch } from "../domain/scorm-launch-mode.js";
import { ValidationError } from "../errors.js";
import type { PlayerStore, ScormAttempt } from "../store/player-store.js";
import { findScormItem, findScormPackage } from "./scorm-package-lookup.js";
import type { NavigationView, ScormSequencing } from "./scorm-sequencing-service.js";
import { type ScormSessionRecorder, initialRecordedVerbs } from "./scorm-session-recorder.js";

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

export interface ScormLauncherDeps {
  store: PlayerStore;
  newId: () => string;
  clock: () => Date;
  sequencing: ScormSequencing;
  recorder: ScormSessionRecorder;
}

export class ScormLauncher {
  constructor(private readonly deps: ScormLauncherDeps) {}

  async launch(user: User, packageId: string, requestedSco: string | undefined, from: string | undefined, requestedMode?: "browse"): Promise<ScormLaunch> {
    const { store, newId, clock, sequencing } = this.deps;
    const content = await findScormPackage(store, packageId);
    // The tree as this learner sees it (selection, randomization) and what sequencing allows.
    const learner = await sequencing.learnerTree(user.id, packageId, content);
    const tree = learner.tree;
    const leaves = launchableActivities(tree);
    const scoId = requestedSco ?? sequencing.resumePoint(learner, content.format);
    const sco = leaves.find((leaf) => leaf.id === scoId);
    if (!sco) throw new ValidationError("sco", requestedSco === undefined ? "the package's sequencing has no SCO to deliver now" : "names no launchable item of the package");
    if (requestedSco !== undefined && !sequencing.mayDeliver(learner, content.format, requestedSco, from)) {
      throw new ValidationError("sco", "may not be chosen here: the package's sequencing does not allow it");
    }
    const contentUrl = contentUrlOf(packageId, sco.launch!);
    const item = findScormItem(content, sco.id)!;
    const now = clock().toISOString();
    const latest = await store.findLatestScormAttempt(user.id, packageId, sco.id);
    if (latest) await this.deps.recorder.endSessionsLeftOpen(user, content, latest);
    // An attempt that never committed anything is taken up again rather than left empty; a
    // finished one is reviewed (scorm-launch-mode.ts).
    const plan = planScormLaunch(latest, requestedMode);
    if ("refused" in plan) throw new ValidationError("mode", plan.refused);
    const { attempt, begun } = latest && plan.attempt !== "new"
      ? { attempt: latest, begun: false }
      : await this.beginAttempt({ attemptId: newId(), userId: user.id, packageId, scoId: sco.id, attemptNumber: (latest?.attemptNumber ?? 0) + 1, cmi: {}, summary: undefined, createdAt: now, updatedAt: now });
    const resumedData = !begun && attempt.summary
      ? { summary: { ...attempt.summary, sessionSeconds: 0 }, totalSeconds: await store.totalScormSeconds(attempt.attemptId), cmi: attempt.cmi }
      : undefined;
    const sessionId = newId();
    await store.createScormSession({
      sessionId, attemptId: attempt.attemptId, userId: user.id, startedAt: now, initializedAt: undefined, terminatedAt: undefined, sessionSeconds: 0,
      recordedVerbs: initialRecordedVerbs(plan.mode),
    });
    const cmi = initialCmi(content.format, { learnerId: user.id, learnerName: user.displayName, item, resumed: resumedData, mode: plan.mode });
    // A new attempt starts with the global objectives its SCO reads (RTE 4.2.17).
    if (content.format === "scorm2004" && resumedData === undefined && cmi.objectives === undefined) {
      const objectives = sequencing.initialObjectives(learner, sco.id);
      if (objectives.length > 0) cmi.objectives = objectives;
    }
    // Read again: the attempt just begun counts against attempt limits.
    const underway = await sequencing.learnerTree(user.id, packageId, content);
    const navigation = sequencing.view(underway, sco.id, content.format);
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
   * Stores a new attempt, or, when another launch of the same SCO by the same learner got that
   * attempt number first (a double click, two tabs, two nodes), takes up the attempt it began:
   * the learner gets one new attempt, shared by both sessions, not a failed launch.
   */
  private async beginAttempt(attempt: ScormAttempt): Promise<{ attempt: ScormAttempt; begun: boolean }> {
    const { store } = this.deps;
    if (await store.createScormAttempt(attempt)) return { attempt, begun: true };
    const taken = await store.findLatestScormAttempt(attempt.userId, attempt.packageId, attempt.scoId);
    if (!taken) throw new Error(`attempt ${attempt.attemptNumber} of SCO ${attempt.scoId} was taken, yet no attempt is stored`);
    return { attempt: taken, begun: false };
  }

  /**
   * The launch page path of a SCO for a learner's browser (without `scoId`: where the page
   * itself resumes). Checks now what the page would refuse: an unknown SCO, or one that the
   * package's sequencing does not let the learner choose.
   */
  async entryPath(packageId: string, scoId: string | undefined, mode?: "browse"): Promise<string> {
    const content = await findScormPackage(this.deps.store, packageId);
    if (scoId !== undefined) {
      const tree = buildActivityTree(content);
      if (!launchableActivities(tree).some((leaf) => leaf.id === scoId)) throw new ValidationError("scoId", `is not a launchable item (SCO) of package ${packageId}`);
      if (!mayDeliverWithoutLearner(tree, content.format, scoId, undefined)) throw new ValidationError("scoId", "may not be chosen: the package's sequencing does not allow it (launch without scoId)");
    }
    return scormLaunchPath({ packageId, itemId: scoId, mode });
  }

  /** Throws what the launch page would answer to a browse launch of this SCO: only a SCO the learner has not started. */
  async checkBrowse(userId: string, packageId: string, scoId: string): Promise<void> {
    const plan = planScormLaunch(await this.deps.store.findLatestScormAttempt(userId, packageId, scoId), "browse");
    if ("refused" in plan) throw new ValidationError("launchMode", plan.refused);
  }
}

/** For links made without a learner (entryPath): a choice, or where flow starts, in the bare tree. */
function mayDeliverWithoutLearner(tree: Activity, version: ScormVersion, scoId: string, from: string | undefined): boolean {
  if (navigationFrom(tree, undefined, version).choosable.has(scoId)) return true;
  if (from === undefined) return navigationFrom(tree, undefined, version).next === scoId;
  const options = navigationFrom(tree, from, version);
  return options.next === scoId || options.previous === scoId;
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
