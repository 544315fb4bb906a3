// SCORM 2004 selection and randomization (SN 4.7, SR.1, SR.2): which children of a cluster
// take part (selectCount) and in which order (reorderChildren). The choice is drawn from a
// seed (learner and package), so it is stable: the learner sees the same tree every launch.
// Timing "onEachNewAttempt" is treated as "once", since the player keeps one attempt of the
// package per learner.
import type { Activity } from "./scorm-navigation.js";

/** The tree with each cluster's available children, selected and ordered for this seed. */
export function arrangeActivityTree(root: Activity, seed: string): Activity {
  const arrange = (activity: Activity): Activity => {
    if (activity.children.length === 0) return activity;
    const controls = activity.sequencing.randomizationControls;
    const random = seededRandom(`${seed}\u0000${activity.id}`);
    let children = activity.children;
    const count = controls.selectCount;
    if (controls.selectionTiming !== "never" && count !== undefined && count < children.length) {
      // SR.1: pick `count` children at random, kept in their order.
      const picked = new Set(shuffled(children, random).slice(0, count));
      children = children.filter((child) => picked.has(child));
    }
    if (controls.randomizationTiming !== "never" && controls.reorderChildren) children = shuffled(children, random);
    return { ...activity, children: children.map(arrange) };
  };
  return arrange(root);
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A small deterministic generator (FNV-1a hash of the seed into mulberry32): the same seed, the same sequence. */
function seededRandom(seed: string): () => number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  let state = hash >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
