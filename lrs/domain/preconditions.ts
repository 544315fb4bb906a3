// Optimistic concurrency on documents (xAPI-Communication.md 3.1, the same in 2.0):
// If-Match / If-None-Match are checked against the stored ETag inside the write
// transaction, so no other write can slip in between the check and the change.
import { ConflictError, PreconditionFailedError } from "../errors.js";
import type { XapiVersion } from "./xapi-version.js";

export interface Preconditions {
  /** The raw If-Match header: "*" or a list of entity tags. */
  ifMatch?: string;
  /** The raw If-None-Match header: "*" or a list of entity tags. */
  ifNoneMatch?: string;
}

export type DocumentWrite = "put" | "post" | "delete";

/**
 * Profiles must say which version they overwrite: a PUT without either header onto an
 * existing profile document is a 409. State permits writes without headers, since
 * state conflicts are unlikely, but honours them when given.
 */
export type ConcurrencyRule = "profile" | "state";

/**
 * xAPI 2.0 (4.1.4) lists the State resource beside the profiles, and its conformance suite
 * expects a 409 for a PUT over existing state without a precondition. Under 1.0.3 state keeps
 * the lenient rule: cmi5 content and our own player PUT state without ETags.
 */
export function stateConcurrencyRule(version: XapiVersion | undefined): ConcurrencyRule {
  return version === "2.0.0" ? "profile" : "state";
}

/** Throws PreconditionFailedError (412) or ConflictError (409); `currentEtag` is undefined when no document exists. */
export function checkPreconditions(currentEtag: string | undefined, pre: Preconditions, write: DocumentWrite, rule: ConcurrencyRule): void {
  if (pre.ifMatch !== undefined && !matches(pre.ifMatch, currentEtag)) {
    throw new PreconditionFailedError(
      currentEtag === undefined ? "If-Match: the document does not exist" : "If-Match: the document has changed since that ETag; GET it again",
    );
  }
  if (pre.ifNoneMatch !== undefined && matches(pre.ifNoneMatch, currentEtag)) {
    throw new PreconditionFailedError("If-None-Match: the document already exists");
  }
  if (rule === "profile" && write === "put" && currentEtag !== undefined && pre.ifMatch === undefined && pre.ifNoneMatch === undefined) {
    throw new ConflictError(
      "the document already exists: GET it to check its current state, then send If-Match with its ETag to replace it",
    );
  }
}

/** RFC 7232 strong comparison: "*" matches any existing document; weak tags (W/) never match. */
function matches(header: string, currentEtag: string | undefined): boolean {
  if (currentEtag === undefined) return false;
  const tags = header.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "");
  return tags.some((tag) => tag === "*" || (!tag.startsWith("W/") && quoted(tag) === currentEtag));
}

/** Some clients send the tag without its quotes; they mean the same tag. */
function quoted(tag: string): string {
  return tag.startsWith('"') && tag.endsWith('"') && tag.length >= 2 ? tag : `"${tag}"`;
}
