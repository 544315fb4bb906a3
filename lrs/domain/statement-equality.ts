// Whether a re-sent statement is "the same statement" (an idempotent success) or a
// different one with the same id (409), by each version's Statement Comparison rules:
// - 1.0.3 (xAPI-Data.md 2.3.1): differences that LRS processing could have caused are
//   ignored: id, authority, stored, version, a timestamp the LRS filled in, timestamp
//   notation, the referenced Activity Definitions, the Verb's display, Group member order,
//   and case where the property is case-insensitive (UUIDs, language tags, the mbox scheme
//   and domain, SHA hashes). The Result Duration is compared as a string.
// - 2.0 (IEEE 9274.1.1 4.2, "Statement Immutability"): case, id, member order, authority,
//   stored, timestamp, version, attachments and referenced Activity Definitions are not
//   considered; the Verb without its display, and durations to 0.01 s (4.2.7).
// Single-or-array context activities and key order never differ: validation stores arrays,
// and the comparison sorts keys.
import { timestampInstant } from "./validate-primitives.js";
import type { XapiVersion } from "./xapi-version.js";
import type { Statement } from "./xapi-types.js";

type Json = Record<string, unknown>;

/**
 * `existing` is the statement as the LRS holds it (its `timestamp` may be one the LRS filled
 * with `stored`), `received` the one sent again; `version` is the request's xAPI version.
 */
export function sameStatement(existing: Statement, received: Statement, version: XapiVersion = "1.0.3"): boolean {
  const withTimestamp = version === "1.0.3" && received.timestamp !== undefined && !timestampFilledIn(existing);
  return canonicalJson(comparable(existing, version, withTimestamp)) === canonicalJson(comparable(received, version, withTimestamp));
}

function comparable(statement: Statement, version: XapiVersion, withTimestamp: boolean): unknown {
  const core = coreOf(statement as unknown as Json, version);
  if (withTimestamp) core["timestamp"] = timestampInstant(statement.timestamp ?? "") ?? statement.timestamp;
  // 2.0 disregards case altogether, so everything is compared in lower case.
  return version === "2.0.0" ? lowerCased(core, "") : core;
}

/**
 * 1.0.3: the LRS fills a missing timestamp with `stored`, so a held timestamp equal to its
 * `stored` may be the LRS's own, and a different one sent again could not have been a change.
 */
function timestampFilledIn(existing: Statement): boolean {
  if (existing.timestamp === undefined) return true;
  return existing.stored !== undefined && timestampInstant(existing.timestamp) === timestampInstant(existing.stored);
}

/** What statements and sub-statements are compared by, without the properties the LRS sets. */
function coreOf(statement: Json, version: XapiVersion): Json {
  const out: Json = { actor: actorOf(statement["actor"]), verb: { id: (statement["verb"] as Json)["id"] }, object: objectOf(statement["object"], version) };
  if (statement["result"] !== undefined) out["result"] = resultOf(statement["result"] as Json, version);
  if (statement["context"] !== undefined) out["context"] = contextOf(statement["context"] as Json);
  // 2.0 does not consider attachments; 1.0.3 keeps their declarations (only their data is apart).
  if (statement["attachments"] !== undefined && version === "1.0.3") out["attachments"] = attachmentsOf(statement["attachments"]);
  return out;
}

function objectOf(value: unknown, version: XapiVersion): unknown {
  const object = value as Json;
  switch (object["objectType"]) {
    case "Agent":
    case "Group":
      return actorOf(object);
    case "StatementRef":
      return { objectType: "StatementRef", id: lowerUuid(object["id"]) };
    case "SubStatement": {
      const sub = coreOf(object, version);
      sub["objectType"] = "SubStatement";
      // A sub-statement's timestamp is the sender's alone: compared as an instant.
      if (object["timestamp"] !== undefined) sub["timestamp"] = timestampInstant(object["timestamp"] as string) ?? object["timestamp"];
      return sub;
    }
    default:
      return activityOf(object);
  }
}

/** An Activity is its id: definitions are not part of the statement, and "Activity" is the default objectType. */
function activityOf(activity: Json): Json {
  return { objectType: "Activity", id: activity["id"] };
}

function actorOf(value: unknown): Json {
  const actor = { ...(value as Json) };
  if (actor["objectType"] === undefined) actor["objectType"] = "Agent";
  if (typeof actor["mbox"] === "string") actor["mbox"] = normalizeMbox(actor["mbox"]);
  if (typeof actor["mbox_sha1sum"] === "string") actor["mbox_sha1sum"] = actor["mbox_sha1sum"].toLowerCase();
  if (Array.isArray(actor["member"])) {
    // Group members are an unordered list.
    actor["member"] = actor["member"].map(actorOf).sort((x, y) => compareStrings(canonicalJson(x), canonicalJson(y)));
  }
  return actor;
}

/** "mailto:" and the domain are case-insensitive; the local part is the domain's to decide. */
function normalizeMbox(mbox: string): string {
  const at = mbox.lastIndexOf("@");
  return at < 0 ? mbox : `${mbox.slice(0, 7).toLowerCase()}${mbox.slice(7, at)}${mbox.slice(at).toLowerCase()}`;
}

function resultOf(result: Json, version: XapiVersion): Json {
  const out = { ...result };
  if (typeof out["duration"] === "string" && version === "2.0.0") out["duration"] = durationToHundredths(out["duration"]);
  return out;
}

function contextOf(context: Json): Json {
  const out = { ...context };
  if (out["registration"] !== undefined) out["registration"] = lowerUuid(out["registration"]);
  if (out["instructor"] !== undefined) out["instructor"] = actorOf(out["instructor"]);
  if (out["team"] !== undefined) out["team"] = actorOf(out["team"]);
  if (typeof out["language"] === "string") out["language"] = out["language"].toLowerCase();
  if (out["statement"] !== undefined) out["statement"] = { objectType: "StatementRef", id: lowerUuid((out["statement"] as Json)["id"]) };
  if (out["contextActivities"] !== undefined) {
    const kinds: Json = {};
    for (const [kind, activities] of Object.entries(out["contextActivities"] as Json)) kinds[kind] = (activities as Json[]).map(activityOf);
    out["contextActivities"] = kinds;
  }
  for (const key of ["contextAgents", "contextGroups"] as const) {
    const member = key === "contextAgents" ? "agent" : "group";
    if (!Array.isArray(out[key])) continue;
    out[key] = (out[key] as Json[]).map((entry) => ({ ...entry, [member]: actorOf(entry[member]) }));
  }
  return out;
}

function attachmentsOf(value: unknown): unknown {
  return (value as Json[]).map((attachment) => ({
    ...attachment,
    sha2: typeof attachment["sha2"] === "string" ? attachment["sha2"].toLowerCase() : attachment["sha2"],
    display: lowerCaseKeys(attachment["display"]),
    ...(attachment["description"] === undefined ? {} : { description: lowerCaseKeys(attachment["description"]) }),
  }));
}

/** Language tags are case-insensitive (RFC 5646 2.1.1). */
function lowerCaseKeys(map: unknown): unknown {
  if (typeof map !== "object" || map === null) return map;
  return Object.fromEntries(Object.entries(map).map(([tag, text]) => [tag.toLowerCase(), text]));
}

function lowerUuid(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}

/**
 * 2.0 4.2.7: "any precision beyond 0.01 second precision shall not be included in the
 * comparison", so the seconds are truncated to hundredths ("PT1.239S" and "PT1.23S" match).
 * Other components stay as written: converting between units is not the LRS's to do.
 */
export function durationToHundredths(duration: string): string {
  return duration.replace(/(\d+(?:\.\d+)?)S$/, (_seconds, value: string) => {
    const [whole = "0", fraction = ""] = value.split(".");
    const hundredths = `${fraction}00`.slice(0, 2);
    return `${BigInt(whole).toString()}.${hundredths}S`;
  });
}

/** Every string and key in lower case; keys that fold together keep both values, in a stable order. */
function lowerCased(value: unknown, key: string): unknown {
  if (typeof value === "string") return value.toLowerCase();
  if (Array.isArray(value)) {
    const items = value.map((item) => lowerCased(item, ""));
    // Group members stay an unordered list after folding.
    return key === "member" ? items.sort((x, y) => compareStrings(canonicalJson(x), canonicalJson(y))) : items;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, item]) => [k.toLowerCase(), lowerCased(item, k)] as const);
    const keys = new Set(entries.map(([k]) => k));
    if (keys.size === entries.length) return Object.fromEntries(entries);
    return entries.map(([k, item]) => [k, canonicalJson(item)]).sort((x, y) => compareStrings(x.join("\u0000"), y.join("\u0000")));
  }
  return value;
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/** JSON with object keys sorted, so key order never matters. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
