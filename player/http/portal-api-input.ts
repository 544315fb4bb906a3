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

export function parseLaunchRequest(body: unknown): { auId: string; launchMode: LaunchMode; returnUrl: string | undefined } {
  const input = objectBody(body);
  const auId = requiredString(input.auId, "auId");
  const mode = input.launchMode ?? "Normal";
  if (!launchModes.includes(mode as LaunchMode)) throw new ValidationError("launchMode", `must be one of ${launchModes.join(", ")}`);
  const returnUrl = optionalString(input.returnURL, "returnURL");
  if (returnUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(returnUrl)) throw new ValidationError("returnURL", "must be an absolute http(s) URL");
  return { auId, launchMode: mode as LaunchMode, returnUrl };
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
