// SCORM 2004 sequencing for one learner in one package, put to work with the store: the
// activity tree as this learner sees it (selection and randomization drawn once per learner
// and package), its tracking state from the stored attempts and the learner's global
// objectives, what the launch page offers, where a navigation request leads, and the writes
// to global objectives after a commit. The SN processes are the domain's (scorm-sequencer.ts).
import type { ScormPackage } from "../domain/content-package.js";
import { type Activity, type NavigationOptions, buildActivityTree, launchableActivities, navigationFrom } from "../domain/scorm-navigation.js";
import { globalObjectiveScope, globalObjectiveWrites, initialCmiObjectives, objectivesOfCmi, usesGlobalObjectives } from "../domain/scorm-objectives.js";
import { arrangeActivityTree } from "../domain/scorm-selection.js";
import {
  type NavigationRequest, type SequencingContext, type SequencingOutcome, choiceAllowed, hiddenFromChoice, processNavigation, unavailableActivities,
} from "../domain/scorm-sequencer.js";
import { resumesAttempt } from "../domain/scorm-cmi.js";
import { type ActivityState, type ObjectiveState, trackActivities } from "../domain/scorm-tracking.js";
import type { PlayerStore, ScormAttempt } from "../store/player-store.js";

/** One learner's view of a package: the arranged tree, the stored attempts and the tracking state. */
export interface LearnerTree {
  tree: Activity;
  attempts: ScormAttempt[];
  states: Map<string, ActivityState>;
}

/** What the launch page offers from the activity under way. */
export interface NavigationView extends NavigationOptions {
  /** Activities a hiddenFromChoice rule keeps out of the table of contents. */
  hidden: Set<string>;
  /** Activities disabled by a rule or with their attempts used up. */
  unavailable: Set<string>;
}

export class ScormSequencing {
  constructor(private readonly deps: { store: PlayerStore }) {}

  async learnerTree(userId: string, packageId: string, content: ScormPackage): Promise<LearnerTree> {
    const { store } = this.deps;
    const base = buildActivityTree(content);
    const tree = content.format === "scorm2004" ? arrangeActivityTree(base, `${userId}\u0000${packageId}`) : base;
    const attempts = await store.listScormAttempts(userId, packageId);
    const globals = new Map<string, ObjectiveState>();
    if (content.format === "scorm2004" && usesGlobalObjectives(tree)) {
      for (const g of await store.listScormGlobalObjectives(userId, globalObjectiveScope(content, packageId))) globals.set(g.objectiveId, g);
    }
    const records = (id: string) => attempts.filter((a) => a.scoId === id).map((a) => ({ summary: a.summary, objectives: objectivesOfCmi(a.cmi) }));
    return { tree, attempts, states: trackActivities(tree, records, globals) };
  }

  /** After a commit: writes what the learner's objectives now say to the global objectives they map to. */
  async writeGlobalObjectives(userId: string, packageId: string, content: ScormPackage, at: string): Promise<void> {
    // Most packages map no objective: nothing to read or write then.
    if (content.format !== "scorm2004" || !usesGlobalObjectives(buildActivityTree(content))) return;
    const learner = await this.learnerTree(userId, packageId, content);
    const writes = globalObjectiveWrites(learner.tree, learner.states);
    if (writes.length > 0) await this.deps.store.saveScormGlobalObjectives(userId, globalObjectiveScope(content, packageId), writes, at);
  }

  /** Continue, Previous, the choosable, hidden and unavailable activities, from `current` while it is under way. */
  view(learner: LearnerTree, current: string | undefined, version: "scorm12" | "scorm2004"): NavigationView {
    const options = navigationFrom(learner.tree, current, version, learner.states);
    if (version === "scorm12") return { ...options, hidden: new Set(), unavailable: new Set() };
    const ctx = this.context(learner, current);
    return { ...options, hidden: hiddenFromChoice(ctx), unavailable: unavailableActivities(ctx) };
  }

  /**
   * Whether a launch of `scoId` is one sequencing allows: a choice (from `from`, or from
   * nowhere), or what a request from `from` leads to now that its attempt ended (continue,
   * previous, or exit with its post conditions: a retry, for one).
   */
  mayDeliver(learner: LearnerTree, version: "scorm12" | "scorm2004", scoId: string, from: string | undefined): boolean {
    if (version === "scorm12") return launchableActivities(learner.tree).some((leaf) => leaf.id === scoId);
    const known = from !== undefined && launchableActivities(learner.tree).some((leaf) => leaf.id === from) ? from : undefined;
    if (choiceAllowed(this.context(learner, undefined), scoId)) return true;
    const nowhere = processNavigation(this.context(learner, undefined), { kind: "start" });
    if (known === undefined) return nowhere.kind === "deliver" && nowhere.activityId === scoId;
    const ctx = this.context(learner, known);
    if (choiceAllowed(ctx, scoId)) return true;
    const requests: NavigationRequest["kind"][] = ["continue", "previous", "exit"];
    return requests.some((kind) => {
      const outcome = processNavigation(ctx, { kind } as NavigationRequest);
      const ahead = processNavigation(ctx, { kind } as NavigationRequest, { terminate: false });
      return (outcome.kind === "deliver" && outcome.activityId === scoId) || (ahead.kind === "deliver" && ahead.activityId === scoId);
    });
  }

  /** Runs a navigation request from the learner's current SCO, whose attempt has just ended. */
  navigate(learner: LearnerTree, current: string, request: NavigationRequest): SequencingOutcome {
    return processNavigation(this.context(learner, current), request);
  }

  /** Where sequencing starts a learner who names no SCO: flow from the root, else the first SCO a choice may go to. */
  start(learner: LearnerTree, version: "scorm12" | "scorm2004"): string | undefined {
    const options = navigationFrom(learner.tree, undefined, version, learner.states);
    return options.next ?? launchableActivities(learner.tree).find((leaf) => options.choosable.has(leaf.id))?.id;
  }

  /** Where an unchosen launch goes: the SCO with a suspended attempt, else where sequencing starts. */
  resumePoint(learner: LearnerTree, version: "scorm12" | "scorm2004"): string | undefined {
    return suspendedAttempt(learner.attempts)?.scoId ?? this.start(learner, version);
  }

  /** The cmi.objectives a new attempt of the SCO starts with: the global objectives it reads. */
  initialObjectives(learner: LearnerTree, scoId: string): Record<string, unknown>[] {
    const leaf = launchableActivities(learner.tree).find((a) => a.id === scoId);
    return leaf ? initialCmiObjectives(leaf, learner.states.get(scoId)) : [];
  }

  private context(learner: LearnerTree, current: string | undefined): SequencingContext {
    return { root: learner.tree, states: learner.states, current };
  }
}

/** The most recently updated attempt that is the latest of its SCO and was left suspended. */
export function suspendedAttempt(attempts: readonly ScormAttempt[]): ScormAttempt | undefined {
  const latestPerSco = [...new Map(attempts.map((a) => [a.scoId, a])).values()];
  return latestPerSco.filter((a) => a.summary && resumesAttempt(a.summary.exit)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

/** A SCO's adl.nav.request (RTE 4.4.2) as a navigation request; undefined for `_none_` or nothing. */
export function parseNavigationRequest(value: string): NavigationRequest | undefined | "invalid" {
  if (value === "" || value === "_none_") return undefined;
  const target = /^\{target=([^}]+)\}(choice|jump)$/.exec(value);
  if (target) return { kind: "choice", target: target[1]! };
  const simple = ["continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll"] as const;
  return (simple as readonly string[]).includes(value) ? { kind: value as (typeof simple)[number] } : "invalid";
}
