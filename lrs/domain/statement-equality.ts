// Statement comparison for idempotent resends (xAPI-Data.md 2.3.1): differences the
// LRS itself may cause (id case, stored, authority, version, key order, single vs
// array context activities, timestamp notation, group member order) are ignored.
import { timestampInstant } from "./validate-primitives.js";
import type { Statement } from "./xapi-types.js";

export function sameStatement(a: Statement, b: Statement): boolean {
  // The LRS fills a missing timestamp, so a resend without one cannot differ by it.
  const compareTimestamps = a.timestamp !== undefined && b.timestamp !== undefined;
  return canonicalJson(comparable(a, compareTimestamps)) === canonicalJson(comparable(b, compareTimestamps));
}

function comparable(statement: Statement, withTimestamp: boolean): unknown {
  const { id: _id, stored: _stored, authority: _authority, version: _version, timestamp, ...rest } = statement;
  return normalize(withTimestamp ? { ...rest, timestamp } : rest, "");
}

function normalize(value: unknown, key: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalize(item, ""));
    // Group members are a set.
    return key === "member" ? items.sort((x, y) => compare(canonicalJson(x), canonicalJson(y))) : items;
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalize(v, k);
    return out;
  }
  if (typeof value === "string") {
    if (key === "timestamp") return timestampInstant(value) ?? value;
    if (key === "registration" || key === "id") return /^[0-9a-f-]{36}$/i.test(value) ? value.toLowerCase() : value;
  }
  return value;
}

function compare(x: string, y: string): number {
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
