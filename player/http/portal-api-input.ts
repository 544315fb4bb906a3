// Parsers for the portal REST API's JSON bodies: `unknown` in, typed values or a
// ValidationError naming the field out.
import { type LaunchMode, type WaiverReason, launchModes, waiverReasons } from "../domain/cmi5-launch.js";
import { ValidationError } from "../errors.js";

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ValidationError("body", "must be a JSON object (Content-Type: application/json)");
  return body as Record<string, unknown>;
}

function requiredString(value: unknown, field: string, maxLength = 2048): string {
  if (typeof value !== "string" || value.trim() === "") throw new ValidationError(field, "is required (a non-empty string)");
  if (value.length > maxLength) throw new ValidationError(field, `must be at most ${maxLength} characters`);
  return value.trim();
}

function optionalString(value: unknown, field: string, maxLength = 2048): string | undefined {
  return value === undefined ? undefined : requiredString(value, field, maxLength);
}

export function parseEnrolment(body: unknown): { courseId: string; learner: { username: string; displayName: string | undefined } } {
  const input = objectBody(body);
  const courseId = requiredString(input.courseId, "courseId");
  const learner = input.learner;
  if (typeof learner !== "object" || learner === null || Array.isArray(learner)) throw new ValidationError("learner", "is required (an object with username)");
  const fields = learner as Record<string, unknown>;
  const username = requiredString(fields.username, "learner.username", 200);
  if (!/^[\p{L}\p{N}._@-]+$/u.test(username)) throw new ValidationError("learner.username", "may hold letters, digits and . _ @ - only");
  return { courseId, learner: { username, displayName: optionalString(fields.displayName, "learner.displayName", 200) } };
}

/**
 * What to launch: `auId` (a cmi5 AU), `scoId` (a SCO of the course's SCORM package) or
 * `activityId` (an activity of its xAPI package), at most one; none means the package's own
 * starting point, which the service allows for SCORM and xAPI only.
 */
export interface LaunchRequest {
  auId: string | undefined;
  scoId: string | undefined;
  activityId: string | undefined;
  launchMode: LaunchMode;
  /** Whether the caller set launchMode (SCORM and xAPI launches know Normal only). */
  launchModeGiven: boolean;
  returnUrl: string | undefined;
}

export function parseLaunchRequest(body: unknown): LaunchRequest {
  const input = objectBody(body);
  const auId = optionalString(input.auId, "auId");
  const scoId = optionalString(input.scoId, "scoId");
  const activityId = optionalString(input.activityId, "activityId");
  const given = [["auId", auId], ["scoId", scoId], ["activityId", activityId]].filter(([, value]) => value !== undefined).map(([name]) => name);
  if (given.length > 1) throw new ValidationError(given[1]!, `give only one of auId (cmi5), scoId (SCORM) and activityId (xAPI), not ${given.join(" and ")}`);
  const mode = input.launchMode ?? "Normal";
  if (!launchModes.includes(mode as LaunchMode)) throw new ValidationError("launchMode", `must be one of ${launchModes.join(", ")}`);
  const returnUrl = optionalString(input.returnURL, "returnURL");
  if (returnUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(returnUrl)) throw new ValidationError("returnURL", "must be an absolute http(s) URL");
  return { auId, scoId, activityId, launchMode: mode as LaunchMode, launchModeGiven: input.launchMode !== undefined, returnUrl };
}

export function parseWaiver(body: unknown): { auId: string; reason: WaiverReason } {
  const input = objectBody(body);
  const auId = requiredString(input.auId, "auId");
  if (!waiverReasons.includes(input.reason as WaiverReason)) {
    throw new ValidationError("reason", `must be one of ${waiverReasons.map((r) => `"${r}"`).join(", ")} (cmi5 9.5.5.2)`);
  }
  return { auId, reason: input.reason as WaiverReason };
}

export function parseApiKeyRequest(body: unknown): { name: string } {
  return { name: requiredString(objectBody(body).name, "name", 200) };
}
