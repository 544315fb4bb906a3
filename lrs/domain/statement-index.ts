// What the store indexes about a statement, derived here so every backend indexes alike.
// "Related" follows the statement query rules (xAPI-Communication.md 2.1.3): related
// agents and activities are those beyond the actor/object, including sub-statements.
import { ifiKey } from "./agent-ifi.js";
import type { Actor, Context, Statement, StatementObject, StoredStatement } from "./xapi-types.js";
import { VOIDED_VERB } from "./xapi-types.js";

export interface IndexedReference {
  key: string;
  /** false when the statement's actor or object is this agent/activity. */
  related: boolean;
}

export interface StatementRecord {
  id: string;
  statement: StoredStatement;
  stored: string;
  verbId: string;
  registration: string | undefined;
  authorityIfi: string | undefined;
  /** The statement id this one voids, when its verb is "voided". */
  voidsId: string | undefined;
  /** The statement id this one targets with a StatementRef object, whatever its verb (query filters follow it). */
  objectRefId: string | undefined;
  agents: IndexedReference[];
  activities: IndexedReference[];
}

export function indexStatement(statement: StoredStatement): StatementRecord {
  const agents = new Refs();
  const activities = new Refs();
  addActor(agents, statement.actor, false);
  addObject(agents, activities, statement.object, false);
  addContext(agents, activities, statement.context);
  addActor(agents, statement.authority, true);
  if (statement.object.objectType === "SubStatement") {
    const sub = statement.object;
    addActor(agents, sub.actor, true);
    addObject(agents, activities, sub.object, true);
    addContext(agents, activities, sub.context);
  }
  return {
    id: statement.id.toLowerCase(),
    statement,
    stored: statement.stored,
    verbId: statement.verb.id,
    registration: statement.context?.registration?.toLowerCase(),
    authorityIfi: ifiKey(statement.authority),
    voidsId: voidedTargetOf(statement),
    objectRefId: statement.object.objectType === "StatementRef" ? statement.object.id.toLowerCase() : undefined,
    agents: agents.list(),
    activities: activities.list(),
  };
}

export function voidedTargetOf(statement: Statement): string | undefined {
  if (statement.verb.id !== VOIDED_VERB || statement.object.objectType !== "StatementRef") return undefined;
  return statement.object.id.toLowerCase();
}

/** Keeps one entry per key, preferring the direct (unrelated) one. */
class Refs {
  private readonly byKey = new Map<string, boolean>();

  add(key: string | undefined, related: boolean): void {
    if (key === undefined) return;
    this.byKey.set(key, (this.byKey.get(key) ?? true) && related);
  }

  list(): IndexedReference[] {
    return [...this.byKey].map(([key, related]) => ({ key, related }));
  }
}

function addActor(agents: Refs, actor: Actor | undefined, related: boolean): void {
  if (actor === undefined) return;
  agents.add(ifiKey(actor), related);
  // The `agent` filter also matches members of a Group in that position.
  if (actor.objectType === "Group") for (const member of actor.member ?? []) agents.add(ifiKey(member), related);
}

function addObject(agents: Refs, activities: Refs, object: StatementObject, related: boolean): void {
  if (object.objectType === undefined || object.objectType === "Activity") activities.add(object.id, related);
  else if (object.objectType === "Agent" || object.objectType === "Group") addActor(agents, object, related);
}

function addContext(agents: Refs, activities: Refs, context: Context | undefined): void {
  if (context === undefined) return;
  addActor(agents, context.instructor, true);
  addActor(agents, context.team, true);
  for (const entry of context.contextAgents ?? []) addActor(agents, entry.agent, true);
  for (const entry of context.contextGroups ?? []) addActor(agents, entry.group, true);
  const contextActivities = context.contextActivities ?? {};
  for (const list of [contextActivities.parent, contextActivities.grouping, contextActivities.category, contextActivities.other]) {
    for (const activity of list ?? []) activities.add(activity.id, true);
  }
}
