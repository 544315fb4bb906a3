// The `format` parameter of statement queries (xAPI-Communication.md 2.1.3).
import { pickLanguage, type LanguageRange } from "./language-preference.js";
import type { StatementFormat } from "./statement-query.js";
import type { Activity, ActivityDefinition, Actor, InteractionComponent, Statement, StatementObject } from "./xapi-types.js";

/** What the canonical format needs: the LRS's definitions (by activity id) and the caller's Accept-Language. */
export interface CanonicalContext {
  definitions: ReadonlyMap<string, ActivityDefinition>;
  languages: readonly LanguageRange[];
}

/**
 * "ids" keeps only identifiers. "canonical" puts the LRS's own definition on every
 * activity (the statement's own when the LRS has none) and keeps one language per map,
 * activities' and the verb's display alike; agents stay as received.
 */
export function formatStatement(statement: Statement, format: StatementFormat, canonical?: CanonicalContext): Statement {
  if (format === "ids") return idsOnly(statement) as Statement;
  if (format === "canonical" && canonical !== undefined) return canonicalStatement(statement, canonical);
  return statement;
}

function canonicalStatement<S extends Statement | (StatementObject & { objectType: "SubStatement" })>(statement: S, ctx: CanonicalContext): S {
  const out = { ...statement };
  if (out.verb.display !== undefined) out.verb = { ...out.verb, display: pickLanguage(out.verb.display, ctx.languages) };
  const object = out.object;
  if (object.objectType === undefined || object.objectType === "Activity") out.object = canonicalActivity(object, ctx);
  else if (object.objectType === "SubStatement") out.object = canonicalStatement(object, ctx);
  const lists = out.context?.contextActivities;
  if (out.context !== undefined && lists !== undefined) {
    const mapped: typeof lists = {};
    for (const kind of ["parent", "grouping", "category", "other"] as const) {
      const list = lists[kind];
      if (list !== undefined) mapped[kind] = list.map((activity) => canonicalActivity(activity, ctx));
    }
    out.context = { ...out.context, contextActivities: mapped };
  }
  return out;
}

function canonicalActivity(activity: Activity, ctx: CanonicalContext): Activity {
  const definition = ctx.definitions.get(activity.id) ?? activity.definition;
  if (definition === undefined) return activity;
  const one = (map: Record<string, string> | undefined) => (map === undefined ? undefined : pickLanguage(map, ctx.languages));
  const filtered: ActivityDefinition = { ...definition };
  for (const key of ["name", "description"] as const) {
    const map = one(definition[key]);
    if (map !== undefined) filtered[key] = map;
  }
  for (const key of ["choices", "scale", "source", "target", "steps"] as const) {
    const components = definition[key];
    if (components !== undefined) {
      filtered[key] = components.map((c: InteractionComponent) => (c.description === undefined ? c : { ...c, description: one(c.description) ?? {} }));
    }
  }
  return { ...activity, definition: filtered };
}

function idsOnly(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => idsOnly(item, key));
  if (typeof value !== "object" || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (key === "verb") return { id: obj["id"] };
  if (isActor(obj, key)) return actorIds(obj as Actor);
  // objectType is no identifier, and Activity is the default (the suites expect the id alone).
  if (isActivity(obj, key)) return { id: obj["id"] };
  const out: Record<string, unknown> = {};
  // Extension values are the provider's own JSON: an "agent" key inside one is no Agent.
  for (const [k, v] of Object.entries(obj)) out[k] = k === "extensions" ? v : idsOnly(v, k);
  return out;
}

const ACTOR_KEYS = ["actor", "authority", "instructor", "team", "agent", "group", "member"];
const ACTIVITY_LISTS = ["parent", "grouping", "category", "other"];

function isActor(obj: Record<string, unknown>, key: string): boolean {
  return ACTOR_KEYS.includes(key) || (key === "object" && (obj["objectType"] === "Agent" || obj["objectType"] === "Group"));
}

function isActivity(obj: Record<string, unknown>, key: string): boolean {
  return ACTIVITY_LISTS.includes(key) || (key === "object" && (obj["objectType"] === undefined || obj["objectType"] === "Activity"));
}

function actorIds(actor: Actor): Actor {
  const { name: _name, member, ...ids } = actor as Actor & { member?: Actor[] };
  if (actor.objectType === "Group" && member !== undefined && !hasIfi(actor)) {
    return { ...ids, member: member.map(actorIds) } as Actor;
  }
  return ids as Actor;
}

function hasIfi(actor: Actor): boolean {
  return actor.mbox !== undefined || actor.mbox_sha1sum !== undefined || actor.openid !== undefined || actor.account !== undefined;
}
