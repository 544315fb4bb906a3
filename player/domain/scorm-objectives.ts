// SCORM 2004 objectives beyond the primary one: what a SCO's cmi.objectives say (RTE 4.2.17),
// what an activity tree writes to the learner's global objectives through mapInfo
// (writeSatisfiedStatus, writeNormalizedMeasure; SN 4.2.1.3), the scope those globals are
// shared in (objectivesGlobalToSystem), and the cmi.objectives a SCO starts with.
import type { ScormPackage } from "./content-package.js";
import type { Activity } from "./scorm-navigation.js";
import { type ActivityState, type ObjectiveState, objectivesOf } from "./scorm-tracking.js";

/** A global objective's shared state: what the store keeps per learner and scope. */
export interface GlobalObjectiveState extends ObjectiveState {
  objectiveId: string;
}

/** cmi.objectives as scorm-again serialises them (an object keyed by index, or an array), by id. */
export function objectivesOfCmi(cmi: Record<string, unknown>): Map<string, ObjectiveState> {
  const raw = cmi.objectives;
  const entries = Array.isArray(raw) ? raw : raw !== null && typeof raw === "object" ? Object.entries(raw as Record<string, unknown>).filter(([key]) => /^\d+$/.test(key)).map(([, v]) => v) : [];
  const result = new Map<string, ObjectiveState>();
  for (const entry of entries) {
    if (entry === null || typeof entry !== "object") continue;
    const objective = entry as Record<string, unknown>;
    if (typeof objective.id !== "string" || objective.id === "") continue;
    const score = objective.score !== null && typeof objective.score === "object" ? (objective.score as Record<string, unknown>) : {};
    const scaled = typeof score.scaled === "number" ? score.scaled : typeof score.scaled === "string" && score.scaled.trim() !== "" ? Number(score.scaled) : undefined;
    result.set(objective.id, {
      satisfied: objective.success_status === "passed" ? true : objective.success_status === "failed" ? false : undefined,
      measure: scaled !== undefined && Number.isFinite(scaled) && scaled >= -1 && scaled <= 1 ? scaled : undefined,
    });
  }
  return result;
}

/**
 * The global objectives the tree writes: for every activity objective with a write map, its
 * known satisfied status and measure. Unknown values are not written, so they never erase
 * what another activity or package recorded.
 */
export function globalObjectiveWrites(root: Activity, states: ReadonlyMap<string, ActivityState>): GlobalObjectiveState[] {
  const writes = new Map<string, GlobalObjectiveState>();
  const visit = (activity: Activity) => {
    activity.children.forEach(visit);
    const state = states.get(activity.id);
    if (!state) return;
    const primary = activity.sequencing.objectives.primary;
    for (const objective of objectivesOf(activity)) {
      const value = objective === primary ? state.primary : objective.objectiveId !== undefined ? state.objectives.get(objective.objectiveId) : undefined;
      if (!value) continue;
      for (const map of objective.mapInfo) {
        const write = writes.get(map.targetObjectiveId) ?? { objectiveId: map.targetObjectiveId, satisfied: undefined, measure: undefined };
        if (map.writeSatisfiedStatus && value.satisfied !== undefined) write.satisfied = value.satisfied;
        if (map.writeNormalizedMeasure && value.measure !== undefined) write.measure = value.measure;
        if (write.satisfied !== undefined || write.measure !== undefined) writes.set(map.targetObjectiveId, write);
      }
    }
  };
  visit(root);
  return [...writes.values()];
}

/** Whether the package's default organization maps any objective to a global one. */
export function usesGlobalObjectives(root: Activity): boolean {
  const visit = (activity: Activity): boolean => objectivesOf(activity).some((o) => o.mapInfo.length > 0) || activity.children.some(visit);
  return visit(root);
}

/**
 * Where a package's global objectives live for a learner: shared by every package when the
 * organization's objectivesGlobalToSystem is true (the default), else the package's own.
 */
export function globalObjectiveScope(pkg: ScormPackage, packageId: string): string {
  const organization = pkg.organizations.find((o) => o.identifier === pkg.defaultOrganization) ?? pkg.organizations[0];
  return organization?.objectivesGlobalToSystem === false ? `package:${packageId}` : "system";
}

/**
 * The cmi.objectives a SCO starts a new attempt with (RTE 4.2.17): one entry per objective of
 * the activity with an objectiveID, with the success status and scaled score it reads from
 * its global objectives, so the SCO sees what another SCO wrote.
 */
export function initialCmiObjectives(activity: Activity, state: ActivityState | undefined): Record<string, unknown>[] {
  if (!state) return [];
  return objectivesOf(activity).filter((o) => o.objectiveId !== undefined && o.mapInfo.some((m) => m.readSatisfiedStatus || m.readNormalizedMeasure)).map((objective) => {
    const value = state.objectives.get(objective.objectiveId!);
    return {
      id: objective.objectiveId,
      success_status: value?.satisfied === true ? "passed" : value?.satisfied === false ? "failed" : "unknown",
      ...(value?.measure === undefined ? {} : { score: { scaled: String(value.measure) } }),
    };
  });
}
