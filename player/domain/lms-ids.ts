import { createHash } from "node:crypto";

/**
 * The LMS-generated activity ids cmi5 asks for (8.1.5.0-3, 9.3.9.0-3/-7): never the
 * publisher's id, unique, and the same on every launch and registration. Deriving them
 * from the publisher ids keeps them stable when a course is re-imported.
 */
export function lmsActivityId(kind: "course" | "block" | "au", coursePublisherId: string, publisherId: string): string {
  const digest = createHash("sha256").update(`${kind}\n${coursePublisherId}\n${publisherId}`).digest("hex").slice(0, 32);
  return `urn:obuka:cmi5:${kind}:${digest}`;
}
