// Checks for the xAPI value formats. Each takes the JSON path of the value so the
// ValidationError names the field, e.g. `context.registration: must be a UUID`.
import { ValidationError } from "../errors.js";
import { isLanguageTag } from "./language-tag.js";
import { parseTimestamp } from "./timestamp.js";

export type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// Absolute IRI: a scheme, a colon, and no whitespace. Full RFC 3987 parsing buys little here.
const IRI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
const MAILTO = /^mailto:[^@\s]+@[^@\s]+$/i;
const SHA1_HEX = /^[0-9a-f]{40}$/i;
// ISO 8601:2004 4.4.3.2: weeks stand alone ("P4W", never "P4W1D"); otherwise years to seconds.
const DURATION =
  /^P(?:\d+(\.\d+)?W|(?=\d|T\d)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?)$/;

export function fail(path: string, reason: string): never {
  throw ValidationError.at(path, reason);
}

export function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function expectObject(value: unknown, path: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail(path, "must be an object");
  return value as Json;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, "must be an array");
  return value;
}

/** Rejects properties the spec does not define for this object. */
export function allowOnly(obj: Json, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(join(path, key), "is not allowed here");
  }
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== "string") fail(path, "must be a string");
  return value;
}

export function expectBoolean(value: unknown, path: string): boolean {
  if (typeof value !== "boolean") fail(path, "must be a boolean");
  return value;
}

export function expectNumber(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(path, "must be a number");
  return value;
}

export function expectIri(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (!IRI.test(text)) fail(path, "must be an absolute IRI");
  return text;
}

export function expectUuid(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (!UUID.test(text)) fail(path, "must be a UUID");
  return text;
}

export function expectMailto(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (!MAILTO.test(text)) fail(path, "must be a mailto: IRI");
  return text;
}

export function expectSha1Hex(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (!SHA1_HEX.test(text)) fail(path, "must be 40 hexadecimal characters");
  return text;
}

export function expectLanguageTag(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (!isLanguageTag(text)) fail(path, "must be an RFC 5646 language tag");
  return text;
}

/**
 * `zone: "optional"` accepts a timestamp without an offset, which xAPI 1.0.3 statements
 * may carry (Data 2.4.7: SHOULD include one); it is then read as UTC.
 */
export function expectTimestamp(value: unknown, path: string, zone: "required" | "optional" = "required"): string {
  const text = expectString(value, path);
  const parsed = parseTimestamp(text);
  if (parsed === undefined) fail(path, "must be an ISO 8601 timestamp (a calendar date and time, such as 2024-03-01T09:30:00Z)");
  if (zone === "required" && !parsed.hasZone) fail(path, "must include a time zone (Z or an offset such as +01:00)");
  return text;
}

export function hasTimeZone(timestamp: string): boolean {
  return parseTimestamp(timestamp)?.hasZone === true;
}

/** The instant as a normalized ISO string (UTC, milliseconds), or undefined when the text is no timestamp. */
export function timestampInstant(text: string): string | undefined {
  return parseTimestamp(text)?.instant;
}

export function expectDuration(value: unknown, path: string): string {
  const text = expectString(value, path);
  if (!DURATION.test(text)) fail(path, "must be an ISO 8601 duration");
  return text;
}

export function expectLanguageMap(value: unknown, path: string): Record<string, string> {
  const map = expectObject(value, path);
  for (const [tag, text] of Object.entries(map)) {
    expectLanguageTag(tag, join(path, tag));
    expectString(text, join(path, tag));
  }
  return map as Record<string, string>;
}

export function expectExtensions(value: unknown, path: string): Json {
  const map = expectObject(value, path);
  for (const key of Object.keys(map)) expectIri(key, join(path, key));
  return map;
}
