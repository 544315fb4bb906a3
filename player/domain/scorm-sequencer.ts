// The SCORM 2004 4th ed. sequencing behaviour (SN 4.4 and appendix C) over an activity tree
// and the learner's tracking state: navigation requests (NB.2.1), the termination of the
// current attempt with exit and post-condition rules (TB.2.1-2.3), the sequencing requests
// start, continue, previous, choice, retry, exit (SB.2.x) with the flow and choice
// traversals, and the delivery checks (DB.1.1). Suspend and resume are the run-time's.
import type { Activity } from "./scorm-navigation.js";
import { activityUnavailable, ruleAction } from "./scorm-rules.js";
import type { ActivityState } from "./scorm-tracking.js";

export interface SequencingContext {
  /** The activity tree as the learner sees it (selection and randomization applied). */
  root: Activity;
  states: ReadonlyMap<string, ActivityState>;
  /** The activity the learner is on (a SCO delivered, or just ended); undefined before the first delivery. */
  current: string | undefined;
}

export type NavigationRequest =
  | { kind: "start" | "continue" | "previous" | "exit" | "exitAll" | "abandon" | "abandonAll" | "suspendAll" }
  | { kind: "choice"; target: string };

export type SequencingOutcome =
  | { kind: "deliver"; activityId: string }
  /** The sequencing session ends: the course was exited (exitAll, abandonAll, exit from the root, continue past the last activity). */
  | { kind: "end" }
  /** The current attempt ended and nothing else was asked for: the learner picks what comes next. */
  | { kind: "wait" }
  | { kind: "suspended" }
  | { kind: "invalid"; reason: string };

type Direction = "forward" | "backward";
type Step = { activity: Activity; direction: Direction } | { end: true } | { invalid: string };
const postActions = ["exitParent", "exitAll", "retry", "retryAll", "continue", "previous"] as const;

/**
 * Runs one navigation request from the current activity, the way the Overall Sequencing
 * Process (OP.1) does: validate it, end the current attempt (exit actions and post
 * conditions, which may replace the request), then find what to deliver. `terminate: false`
 * asks what the request would do without ending the attempt (for buttons and request_valid).
 */
export function processNavigation(ctx: SequencingContext, request: NavigationRequest, options: { terminate: boolean } = { terminate: true }): SequencingOutcome {
  const tree = new TreeIndex(ctx);
  const current = ctx.current === undefined ? undefined : tree.get(ctx.current);
  if (ctx.current !== undefined && !current) return invalid("the current activity is not in the tree");
  if (request.kind === "start") return current ? invalid("a session is already under way") : startSequencing(tree);
  // Before anything is delivered a choice needs no termination (NB.2.1).
  if (!current) return request.kind === "choice" ? choiceSequencing(tree, undefined, request.target, false) : invalid("no activity is under way");
  switch (request.kind) {
    case "suspendAll": return { kind: "suspended" };
    case "abandonAll":
    case "exitAll": return { kind: "end" };
    case "abandon": return current === tree.root ? { kind: "end" } : { kind: "wait" };
    case "continue": {
      const parent = tree.parent(current);
      if (parent && !parent.sequencing.controlMode.flow) return invalid("the cluster does not allow flow (continue)");
      break;
    }
    case "previous": {
      const parent = tree.parent(current);
      if (parent && (!parent.sequencing.controlMode.flow || parent.sequencing.controlMode.forwardOnly)) return invalid("the cluster does not allow going back");
      break;
    }
    case "choice": {
      const problem = choiceProblem(tree, current, request.target, true);
      if (problem) return invalid(problem);
      break;
    }
    case "exit": break;
  }
  let from = current;
  let sequencingRequest: string = request.kind;
  if (options.terminate) {
    const termination = terminateAttempt(tree, current);
    from = termination.current;
    if (termination.request === "exitAll") return { kind: "end" };
    if (termination.request !== undefined) sequencingRequest = termination.request;
  }
  switch (sequencingRequest) {
    case "continue": return flowSubprocess(tree, from, "forward", false);
    case "previous": {
      const outcome = flowSubprocess(tree, from, "backward", false);
      return outcome.kind === "end" ? invalid("this is the first activity") : outcome;
    }
    case "choice": return choiceSequencing(tree, from, (request as { target: string }).target, !options.terminate);
    case "retry": return from.children.length === 0 ? deliver(tree, from) : flowSubprocess(tree, from, "forward", true);
    case "retryAll": return startSequencing(tree);
    case "exit": return from === tree.root ? { kind: "end" } : { kind: "wait" };
    default: return invalid(`unknown request ${sequencingRequest}`);
  }
}

/** Whether the learner may choose `target` now, from the activity under way (NB.2.1 and SB.2.9 without delivering). */
export function choiceAllowed(ctx: SequencingContext, target: string): boolean {
  const outcome = processNavigation(ctx, { kind: "choice", target }, { terminate: false });
  return outcome.kind === "deliver";
}

/** Activities a precondition rule hides from choice (hiddenFromChoice), for the table of contents. */
export function hiddenFromChoice(ctx: SequencingContext): Set<string> {
  const tree = new TreeIndex(ctx);
  return new Set(tree.all.filter((a) => ruleAction(a, tree.state(a), "pre", ["hiddenFromChoice"]) !== undefined).map((a) => a.id));
}

/** Activities unavailable now: disabled by a precondition rule or with their attempts used up (UP.5). */
export function unavailableActivities(ctx: SequencingContext): Set<string> {
  const tree = new TreeIndex(ctx);
  return new Set(tree.all.filter((a) => activityUnavailable(a, tree.state(a), tree.underway(a))).map((a) => a.id));
}

/** TB.2.1 and TB.2.2: exit action rules from the root down, then post conditions (repeated on exitParent). */
function terminateAttempt(tree: TreeIndex, current: Activity): { current: Activity; request: string | undefined } {
  // TB.2.2: a suspended attempt (or one that reported nothing) is not judged by post conditions.
  if (tree.state(current).resumable) return { current, request: undefined };
  let at = current;
  const exitTarget = [...tree.ancestors(current)].reverse().find((a) => ruleAction(a, tree.state(a), "exit", ["exit"]) !== undefined);
  if (exitTarget) at = exitTarget;
  for (;;) {
    const action = ruleAction(at, tree.state(at), "post", postActions);
    if (action === "exitParent") {
      const parent = tree.parent(at);
      if (!parent) return { current: at, request: undefined };
      at = parent;
      continue;
    }
    return { current: at, request: action };
  }
}

/** SB.2.5 Start: the root if it is the only activity, else flow into the tree. */
function startSequencing(tree: TreeIndex): SequencingOutcome {
  if (tree.root.children.length === 0) return deliver(tree, tree.root);
  return flowSubprocess(tree, tree.root, "forward", true);
}

/** SB.2.3 Flow Subprocess: the next activity in a direction, then into it to a leaf. */
function flowSubprocess(tree: TreeIndex, from: Activity, direction: Direction, considerChildren: boolean): SequencingOutcome {
  const step = flowTreeTraversal(tree, from, direction, considerChildren);
  if ("end" in step) return { kind: "end" };
  if ("invalid" in step) return invalid(step.invalid);
  return flowActivityTraversal(tree, step.activity, step.direction);
}

/** SB.2.1 Flow Tree Traversal Subprocess, over the available children. */
function flowTreeTraversal(tree: TreeIndex, from: Activity, direction: Direction, considerChildren: boolean): Step {
  const isLeaf = from.children.length === 0;
  if (direction === "forward") {
    if (isLeaf || !considerChildren) {
      let at = from;
      for (let parent = tree.parent(at); parent; parent = tree.parent(at)) {
        const siblings = parent.children;
        const index = siblings.indexOf(at);
        if (index < siblings.length - 1) return { activity: siblings[index + 1]!, direction };
        at = parent;
      }
      return { end: true };
    }
    const first = from.children[0];
    return first ? { activity: first, direction } : { invalid: "the cluster has no children" };
  }
  if (isLeaf || !considerChildren) {
    const parent = tree.parent(from);
    if (!parent) return { invalid: "this is the first activity" };
    if (parent.sequencing.controlMode.forwardOnly) return { invalid: "the cluster is forward only" };
    const index = parent.children.indexOf(from);
    if (index > 0) return { activity: parent.children[index - 1]!, direction };
    return flowTreeTraversal(tree, parent, "backward", false);
  }
  if (from.children.length === 0) return { invalid: "the cluster has no children" };
  // Entering a forward-only cluster backwards starts at its first child, going forward.
  if (from.sequencing.controlMode.forwardOnly) return { activity: from.children[0]!, direction: "forward" };
  return { activity: from.children.at(-1)!, direction };
}

/** SB.2.2 Flow Activity Traversal Subprocess: flow allowed, skipped activities passed, into clusters down to a leaf. */
function flowActivityTraversal(tree: TreeIndex, activity: Activity, direction: Direction): SequencingOutcome {
  const parent = tree.parent(activity);
  if (parent && !parent.sequencing.controlMode.flow) return invalid("the cluster does not allow flow");
  const state = tree.state(activity);
  // A skipped activity is passed by flowing on from it; a cluster is flowed into.
  if (ruleAction(activity, state, "pre", ["skip"]) !== undefined) return flowSubprocess(tree, activity, direction, false);
  if (activityUnavailable(activity, state, tree.underway(activity))) return invalid(`${activity.id} is not available`);
  if (activity.children.length > 0) return flowSubprocess(tree, activity, direction, true);
  return deliver(tree, activity);
}

/** DB.1.1 Delivery Request Process: a leaf, with no activity on its path unavailable. */
function deliver(tree: TreeIndex, leaf: Activity): SequencingOutcome {
  if (leaf.children.length > 0 || leaf.launch === undefined) return invalid(`${leaf.id} launches nothing`);
  for (const activity of [...tree.ancestors(leaf), leaf]) {
    if (activityUnavailable(activity, tree.state(activity), tree.underway(activity))) return invalid(`${activity.id} is not available`);
  }
  return { kind: "deliver", activityId: leaf.id };
}

/** SB.2.9 Choice Sequencing Request Process, then into the target when it is a cluster. */
function choiceSequencing(tree: TreeIndex, current: Activity | undefined, targetId: string, currentActive: boolean): SequencingOutcome {
  const problem = choiceProblem(tree, current, targetId, currentActive);
  if (problem) return invalid(problem);
  const target = tree.get(targetId)!;
  if (target.children.length === 0) return deliver(tree, target);
  return flowSubprocess(tree, target, "forward", true);
}

/** The reason a choice of `targetId` from `current` is not allowed (NB.2.1, SB.2.9, SB.2.4), or undefined. */
function choiceProblem(tree: TreeIndex, current: Activity | undefined, targetId: string, currentActive: boolean): string | undefined {
  const target = tree.get(targetId);
  if (!target) return `${targetId} is not an activity of the tree`;
  const path = [...tree.ancestors(target)].reverse().concat(target);
  if (path.some((a) => ruleAction(a, tree.state(a), "pre", ["hiddenFromChoice"]) !== undefined)) return `${targetId} is hidden from choice`;
  const parent = tree.parent(target);
  if (parent && !parent.sequencing.controlMode.choice) return `the cluster of ${targetId} does not allow choice`;
  const isActive = (a: Activity) => (current !== undefined && a === current ? currentActive : current !== undefined && tree.isAncestor(a, current));
  if (!current) return preventedActivation(tree, path.slice(1), isActive);
  if (target === current) return undefined;
  const common = tree.commonAncestor(current, target);
  // NB.2.1 and SB.2.9 case 4: an active activity left by the choice must allow choiceExit.
  for (const a of tree.pathUpTo(current, common)) {
    if (isActive(a) && !a.sequencing.controlMode.choiceExit) return `${a.id} does not allow leaving it by choice`;
  }
  const forward = tree.position(target) > tree.position(current);
  if (tree.parent(target) === tree.parent(current)) {
    // Case 2: siblings; every activity passed on the way (the target is reached, not passed) is checked (SB.2.4).
    const siblings = parent!.children;
    const [from, to] = [siblings.indexOf(current), siblings.indexOf(target)];
    const passed = forward ? siblings.slice(from, to) : siblings.slice(to + 1, from + 1).reverse();
    for (const a of passed) {
      const blocked = traversalProblem(tree, a, forward ? "forward" : "backward");
      if (blocked) return blocked;
    }
    return undefined;
  }
  if (common === current) {
    // Case 3: into the current activity's descendants.
    const down = path.slice(path.indexOf(current) + 1);
    for (const a of [current, ...down.slice(0, -1)]) {
      const blocked = traversalProblem(tree, a, "forward");
      if (blocked) return blocked;
    }
    return preventedActivation(tree, down, isActive);
  }
  if (common === target) return undefined; // Case 4: back up to an ancestor, checked above.
  // Case 5: elsewhere in the tree; a constrainChoice ancestor allows only its neighbours.
  const constrained = tree.pathUpTo(current, common).find((a) => a.sequencing.constrainedChoiceConsiderations.constrainChoice);
  if (constrained) {
    const direction: Direction = tree.position(target) > tree.position(constrained) ? "forward" : "backward";
    const neighbour = choiceFlowNeighbour(tree, constrained, direction);
    if (!tree.isAncestor(neighbour, target) && neighbour !== target) return `${constrained.id} constrains choice to its neighbours`;
  }
  const down = path.slice(path.indexOf(common) + 1);
  if (forward) {
    for (const a of down.slice(0, -1)) {
      const blocked = traversalProblem(tree, a, "forward");
      if (blocked) return blocked;
    }
  }
  return preventedActivation(tree, down, isActive);
}

/** SB.2.4 Choice Activity Traversal Subprocess. */
function traversalProblem(tree: TreeIndex, activity: Activity, direction: Direction): string | undefined {
  if (direction === "forward") {
    return ruleAction(activity, tree.state(activity), "pre", ["stopForwardTraversal"]) !== undefined ? `${activity.id} stops forward traversal` : undefined;
  }
  const parent = tree.parent(activity);
  return parent?.sequencing.controlMode.forwardOnly ? `${parent.id} is forward only` : undefined;
}

/** adlseq:preventActivation: an inactive activity so marked may only be started by flow. */
function preventedActivation(tree: TreeIndex, path: Activity[], isActive: (a: Activity) => boolean): string | undefined {
  const blocked = path.find((a) => !isActive(a) && a.sequencing.constrainedChoiceConsiderations.preventActivation);
  return blocked ? `${blocked.id} may only be entered by flow (preventActivation)` : undefined;
}

/** SB.2.9.1 Choice Flow Subprocess: the activity next to `from` in a direction, without entering clusters; `from` at the edge. */
function choiceFlowNeighbour(tree: TreeIndex, from: Activity, direction: Direction): Activity {
  let at = from;
  for (let parent = tree.parent(at); parent; parent = tree.parent(at)) {
    const index = parent.children.indexOf(at);
    const next = parent.children[direction === "forward" ? index + 1 : index - 1];
    if (next) return next;
    at = parent;
  }
  return from;
}

function invalid(reason: string): SequencingOutcome {
  return { kind: "invalid", reason };
}

/** Parents, positions and states of a tree, looked up once per request. */
class TreeIndex {
  readonly root: Activity;
  readonly all: Activity[] = [];
  private readonly parents = new Map<Activity, Activity>();
  private readonly positions = new Map<Activity, number>();
  private readonly byId = new Map<string, Activity>();
  private readonly current: Activity | undefined;

  constructor(private readonly ctx: SequencingContext) {
    this.root = ctx.root;
    const visit = (activity: Activity) => {
      this.positions.set(activity, this.all.length);
      this.all.push(activity);
      this.byId.set(activity.id, activity);
      for (const child of activity.children) {
        this.parents.set(child, activity);
        visit(child);
      }
    };
    visit(ctx.root);
    this.current = ctx.current === undefined ? undefined : this.byId.get(ctx.current);
  }

  get(id: string): Activity | undefined { return this.byId.get(id); }
  parent(activity: Activity): Activity | undefined { return this.parents.get(activity); }
  position(activity: Activity): number { return this.positions.get(activity) ?? -1; }

  state(activity: Activity): ActivityState {
    return this.ctx.states.get(activity.id) ?? { attemptCount: 0, completed: undefined, primary: { satisfied: undefined, measure: undefined }, objectives: new Map(), resumable: false };
  }

  /** An attempt under way is not a new one: a resumable leaf, or a cluster around the current activity. */
  underway(activity: Activity): boolean {
    if (activity.children.length === 0) return this.state(activity).resumable;
    return this.current !== undefined && this.isAncestor(activity, this.current);
  }

  *ancestors(activity: Activity): Generator<Activity> {
    for (let p = this.parents.get(activity); p; p = this.parents.get(p)) yield p;
  }

  isAncestor(ancestor: Activity, of: Activity): boolean {
    for (const a of this.ancestors(of)) if (a === ancestor) return true;
    return false;
  }

  commonAncestor(a: Activity, b: Activity): Activity {
    const up = new Set([a, ...this.ancestors(a)]);
    if (up.has(b)) return b;
    for (const candidate of this.ancestors(b)) if (up.has(candidate)) return candidate;
    return this.root;
  }

  /** From `from` up to `stop`, excluding `stop`. */
  pathUpTo(from: Activity, stop: Activity): Activity[] {
    const path: Activity[] = [];
    for (let at: Activity | undefined = from; at && at !== stop; at = this.parents.get(at)) path.push(at);
    return path;
  }
}
