// The xAPI versions this LRS speaks, negotiated per request by X-Experience-API-Version
// (xAPI-Communication.md 3.3), and what a version changes about a statement.
import { fail, hasTimeZone, join } from "./validate-primitives.js";
import type { Context, Statement } from "./xapi-types.js";

export const SUPPORTED_VERSIONS = ["1.0.3", "2.0.0"] as const;
export type XapiVersion = (typeof SUPPORTED_VERSIONS)[number];
/**
 * What a response names when the request named no version this LRS speaks: the newest,
 * since a 2.0 client must see "2.0.0" on the 400 (2.0 suite, XAPI-00331) and 1.0.3 asks only for a header.
 */
export const NEWEST_VERSION: XapiVersion = "2.0.0";

/** "1.0", "1.0.x" → "1.0.3"; "2.0", "2.0.x" → "2.0.0"; anything else (0.95, 1.1.0, 3.0.0) is unsupported. */
export function negotiateVersion(header: string | undefined): XapiVersion | undefined {
  if (header === undefined) return undefined;
  if (/^1\.0(\.\d+)?$/.test(header.trim())) return "1.0.3";
  if (/^2\.0(\.\d+)?$/.test(header.trim())) return "2.0.0";
  return undefined;
}

/** A statement without `version` gets the one of the request: always 1.0.0 for 1.0.x (Communication 3.3), 2.0.0 for 2.0. */
export function defaultStatementVersion(version: XapiVersion): string {
  return version === "2.0.0" ? "2.0.0" : "1.0.0";
}

/**
 * A 1.0.x request carries 1.0.x statements: a `version` of 2.0 or the 2.0 context
 * properties are refused there (Data 2.4.10: reject versions not starting with "1.0.").
 * A 2.0 request accepts statements of either version; they keep the version they came with,
 * but their timestamps must name a time zone, which 1.0.3 only recommended.
 */
export function checkStatementVersion(statement: Statement, version: XapiVersion, path: string): void {
  if (version === "2.0.0") {
    checkTimeZone(statement.timestamp, join(path, "timestamp"));
    if (statement.object.objectType === "SubStatement") checkTimeZone(statement.object.timestamp, join(path, "object.timestamp"));
    return;
  }
  if (statement.version !== undefined && !/^1\.0(\.\d+)?$/.test(statement.version)) {
    fail(join(path, "version"), "must start with 1.0. under X-Experience-API-Version 1.0.x");
  }
  checkContext(statement.context, join(path, "context"));
  if (statement.object.objectType === "SubStatement") checkContext(statement.object.context, join(path, "object.context"));
}

function checkTimeZone(timestamp: string | undefined, path: string): void {
  if (timestamp !== undefined && !hasTimeZone(timestamp)) fail(path, "must include a time zone under xAPI 2.0 (Z or an offset such as +01:00)");
}

function checkContext(context: Context | undefined, path: string): void {
  for (const key of ["contextAgents", "contextGroups"] as const) {
    if (context?.[key] !== undefined) fail(join(path, key), "is an xAPI 2.0 property; send X-Experience-API-Version: 2.0.0");
  }
}
