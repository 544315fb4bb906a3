// The `format` parameter of statement queries (xAPI-Communication.md 2.1.3).
import type { StatementFormat } from "./statement-query.js";
import type { Actor, Statement } from "./xapi-types.js";

/**
 * "ids" keeps only identifiers. "canonical" asks for the LRS's own activity definitions;
 * until this LRS keeps them, the statement as received is the best it has.
 */
export function formatStatement(statement: Statement, format: StatementFormat): Statement {
  return format === "ids" ? (idsOnly(statement) as Statement) : statement;
}

function idsOnly(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((item) => idsOnly(item, key));
  if (typeof value !== "object" || value === null) return value;
  const obj = value as Record<string, unknown>;
  if (key === "verb") return { id: obj["id"] };
  if (isActor(obj, key)) return actorIds(obj as Actor);
  if (isActivity(obj, key)) return { objectType: "Activity", id: obj["id"] };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = idsOnly(v, k);
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
