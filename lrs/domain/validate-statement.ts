// Turns an unknown value into a Statement, or throws a ValidationError naming the
// JSON path. Follows xAPI-Data.md part two; unknown properties are rejected everywhere.
import type { Activity, Context, Statement, StatementObject, StatementRef } from "./xapi-types.js";
import { VOIDED_VERB } from "./xapi-types.js";
import { ValidationError } from "../errors.js";
import { hasIfi, parseActor, parseAgent, parseGroup } from "./validate-actor.js";
import { parseActivity } from "./validate-activity.js";
import { parseAttachments } from "./attachments.js";
import {
  allowOnly,
  expectArray,
  expectBoolean,
  expectDuration,
  expectExtensions,
  expectIri,
  expectLanguageMap,
  expectLanguageTag,
  expectNumber,
  expectObject,
  expectString,
  expectTimestamp,
  expectUuid,
  fail,
  join,
  type Json,
} from "./validate-primitives.js";

const STATEMENT_KEYS = ["id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments"];
const SUB_STATEMENT_KEYS = ["objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments"];
const CONTEXT_KEYS = [
  "registration",
  "instructor",
  "team",
  "contextActivities",
  "contextAgents",
  "contextGroups",
  "revision",
  "platform",
  "language",
  "statement",
  "extensions",
];
const CONTEXT_ACTIVITY_KINDS = ["parent", "grouping", "category", "other"] as const;

export interface ParseStatementOptions {
  /**
   * The value is plain JSON the caller has just parsed and gives up (the HTTP edge): it is
   * normalized in place rather than deep-copied. Without this, the caller's object is copied
   * first and never mutated.
   */
  owned?: boolean;
}

/** Validates a statement; `path` prefixes every error (`[2]` for the third of a batch). */
export function parseStatement(value: unknown, path = "", options: ParseStatementOptions = {}): Statement {
  const obj = expectObject(options.owned === true ? checkedJson(value, path) : toJson(value, path), path);
  allowOnly(obj, path, STATEMENT_KEYS);
  if (obj["id"] !== undefined) expectUuid(obj["id"], join(path, "id"));
  checkCore(obj, path, false);
  if (obj["stored"] !== undefined) expectTimestamp(obj["stored"], join(path, "stored"));
  if (obj["authority"] !== undefined) parseAuthority(obj["authority"], join(path, "authority"));
  if (obj["version"] !== undefined) {
    const version = expectString(obj["version"], join(path, "version"));
    if (!/^[12]\.0(\.\d+)?$/.test(version)) fail(join(path, "version"), "must be a 1.0.x or 2.0.x version");
  }
  const verbId = (obj["verb"] as Json)["id"];
  if (verbId === VOIDED_VERB && (obj["object"] as Json)["objectType"] !== "StatementRef") {
    fail(join(path, "object.objectType"), 'a voiding statement\'s object must be a "StatementRef"');
  }
  return obj as unknown as Statement;
}

/**
 * Extensions may hold any JSON, but not nested deeper than this: no learning record needs
 * more, and the recursive steps after validation (comparison, formats) would run out of stack.
 */
export const MAX_JSON_DEPTH = 64;

/** A deep copy as plain JSON, so callers' objects are never mutated and `undefined` drops out. */
function toJson(value: unknown, path: string): unknown {
  checkedJson(value, path);
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch (error) {
    throw ValidationError.at(path, "must be plain JSON", { cause: error });
  }
}

/** A value fresh from JSON.parse, checked only for what the copy would have caught early. */
function checkedJson(value: unknown, path: string): unknown {
  if (value === undefined) fail(path, "must be an object");
  checkDepth(value, path);
  return value;
}

/** Iterative, so the check itself cannot overflow the stack on hostile nesting. */
function checkDepth(value: unknown, path: string): void {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== "object" || item === null) continue;
    if (depth > MAX_JSON_DEPTH) fail(path || "statement", `must not nest objects and arrays deeper than ${MAX_JSON_DEPTH} levels`);
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
}

/** What statements and sub-statements share. */
function checkCore(obj: Json, path: string, nested: boolean): void {
  for (const key of ["actor", "verb", "object"]) if (obj[key] === undefined) fail(join(path, key), "is required");
  if (obj["attachments"] !== undefined) parseAttachments(obj["attachments"], join(path, "attachments"));
  parseActor(obj["actor"], join(path, "actor"));
  parseVerb(obj["verb"], join(path, "verb"));
  const object = parseObject(obj["object"], join(path, "object"), nested);
  if (obj["result"] !== undefined) parseResult(obj["result"], join(path, "result"));
  if (obj["context"] !== undefined) obj["context"] = parseContext(obj["context"], join(path, "context"), object);
  // Zone-less timestamps are valid 1.0.3; checkStatementVersion refuses them under 2.0.
  if (obj["timestamp"] !== undefined) expectTimestamp(obj["timestamp"], join(path, "timestamp"), "optional");
}

/** Data 2.4.9: an Agent, or (OAuth 3-legged) an anonymous Group of exactly two Agents. */
function parseAuthority(value: unknown, path: string): void {
  const authority = parseActor(value, path);
  if (authority.objectType !== "Group") return;
  if (hasIfi(authority)) fail(path, "a Group authority must be anonymous (no mbox, mbox_sha1sum, openid or account)");
  if (authority.member?.length !== 2) fail(join(path, "member"), "a Group authority must have exactly two members");
}

function parseVerb(value: unknown, path: string): void {
  const verb = expectObject(value, path);
  allowOnly(verb, path, ["id", "display"]);
  if (verb["id"] === undefined) fail(join(path, "id"), "is required");
  expectIri(verb["id"], join(path, "id"));
  if (verb["display"] !== undefined) expectLanguageMap(verb["display"], join(path, "display"));
}

function parseObject(value: unknown, path: string, nested: boolean): StatementObject {
  const obj = expectObject(value, path);
  switch (obj["objectType"]) {
    case undefined:
    case "Activity":
      return parseActivity(obj, path);
    case "Agent":
      return parseAgent(obj, path) as StatementObject;
    case "Group":
      return parseGroup(obj, path);
    case "StatementRef":
      return parseStatementRef(obj, path);
    case "SubStatement":
      if (nested) fail(join(path, "objectType"), "a SubStatement cannot contain a SubStatement");
      allowOnly(obj, path, SUB_STATEMENT_KEYS);
      checkCore(obj, path, true);
      return obj as unknown as StatementObject;
    default:
      return fail(join(path, "objectType"), "must be Activity, Agent, Group, StatementRef or SubStatement");
  }
}

function parseStatementRef(value: unknown, path: string): StatementRef {
  const ref = expectObject(value, path);
  allowOnly(ref, path, ["objectType", "id"]);
  if (ref["objectType"] !== "StatementRef") fail(join(path, "objectType"), 'must be "StatementRef"');
  expectUuid(ref["id"], join(path, "id"));
  return ref as unknown as StatementRef;
}

function parseResult(value: unknown, path: string): void {
  const result = expectObject(value, path);
  allowOnly(result, path, ["score", "success", "completion", "response", "duration", "extensions"]);
  if (result["score"] !== undefined) parseScore(result["score"], join(path, "score"));
  if (result["success"] !== undefined) expectBoolean(result["success"], join(path, "success"));
  if (result["completion"] !== undefined) expectBoolean(result["completion"], join(path, "completion"));
  if (result["response"] !== undefined) expectString(result["response"], join(path, "response"));
  if (result["duration"] !== undefined) expectDuration(result["duration"], join(path, "duration"));
  if (result["extensions"] !== undefined) expectExtensions(result["extensions"], join(path, "extensions"));
}

function parseScore(value: unknown, path: string): void {
  const score = expectObject(value, path);
  allowOnly(score, path, ["scaled", "raw", "min", "max"]);
  const number = (key: string) => (score[key] === undefined ? undefined : expectNumber(score[key], join(path, key)));
  const scaled = number("scaled");
  const raw = number("raw");
  const min = number("min");
  const max = number("max");
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(join(path, "scaled"), "must be between -1 and 1");
  if (min !== undefined && max !== undefined && min > max) fail(join(path, "min"), "must not exceed max");
  if (raw !== undefined && min !== undefined && raw < min) fail(join(path, "raw"), "must not be below min");
  if (raw !== undefined && max !== undefined && raw > max) fail(join(path, "raw"), "must not exceed max");
}

function parseContext(value: unknown, path: string, object: StatementObject): Context {
  const context = expectObject(value, path);
  allowOnly(context, path, CONTEXT_KEYS);
  if (context["registration"] !== undefined) expectUuid(context["registration"], join(path, "registration"));
  if (context["instructor"] !== undefined) parseActor(context["instructor"], join(path, "instructor"));
  if (context["team"] !== undefined) parseGroup(context["team"], join(path, "team"));
  if (context["contextActivities"] !== undefined) {
    context["contextActivities"] = parseContextActivities(context["contextActivities"], join(path, "contextActivities"));
  }
  if (context["contextAgents"] !== undefined) parseContextAgents(context["contextAgents"], join(path, "contextAgents"), "agent");
  if (context["contextGroups"] !== undefined) parseContextAgents(context["contextGroups"], join(path, "contextGroups"), "group");
  const isActivity = object.objectType === undefined || object.objectType === "Activity";
  for (const key of ["revision", "platform"]) {
    if (context[key] === undefined) continue;
    expectString(context[key], join(path, key));
    if (!isActivity) fail(join(path, key), "is only allowed when the object is an Activity");
  }
  if (context["language"] !== undefined) expectLanguageTag(context["language"], join(path, "language"));
  if (context["statement"] !== undefined) parseStatementRef(context["statement"], join(path, "statement"));
  if (context["extensions"] !== undefined) expectExtensions(context["extensions"], join(path, "extensions"));
  return context as Context;
}

/** Each kind may be one activity or an array; we store arrays, as the spec asks LRSs to return them. */
function parseContextActivities(value: unknown, path: string): Record<string, Activity[]> {
  const map = expectObject(value, path);
  allowOnly(map, path, CONTEXT_ACTIVITY_KINDS);
  const normalized: Record<string, Activity[]> = {};
  for (const kind of CONTEXT_ACTIVITY_KINDS) {
    const entry = map[kind];
    if (entry === undefined) continue;
    const kindPath = join(path, kind);
    normalized[kind] = Array.isArray(entry) ? entry.map((a, i) => parseActivity(a, join(kindPath, i))) : [parseActivity(entry, kindPath)];
  }
  return normalized;
}

function parseContextAgents(value: unknown, path: string, member: "agent" | "group"): void {
  const objectType = member === "agent" ? "contextAgent" : "contextGroup";
  expectArray(value, path).forEach((item, i) => {
    const itemPath = join(path, i);
    const entry = expectObject(item, itemPath);
    allowOnly(entry, itemPath, ["objectType", member, "relevantTypes"]);
    if (entry["objectType"] !== objectType) fail(join(itemPath, "objectType"), `must be "${objectType}"`);
    if (member === "agent") parseAgent(entry["agent"], join(itemPath, "agent"));
    else parseGroup(entry["group"], join(itemPath, "group"));
    if (entry["relevantTypes"] !== undefined) {
      const typesPath = join(itemPath, "relevantTypes");
      const types = expectArray(entry["relevantTypes"], typesPath);
      if (types.length === 0) fail(typesPath, "must not be empty");
      types.forEach((t, j) => expectIri(t, join(typesPath, j)));
    }
  });
}
