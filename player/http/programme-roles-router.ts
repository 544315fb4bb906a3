// The API that records a professional's role in a programme (author, trainer) so the credit
// engine can award `pointsByRole`: admins signed in (with the CSRF header) or a portal's API key.
import express, { type NextFunction, type Request, type Response } from "express";
import { isDate } from "../domain/licence-period.js";
import { type ProgrammeRole, programmeRoles } from "../domain/programme-roles.js";
import { ValidationError } from "../errors.js";
import type { ProgrammeRoleService, RoleRequest } from "../services/programme-role-service.js";
import { type ApiAuth, principalOf } from "./api-auth.js";

export function createProgrammeRolesRouter(deps: { api: ApiAuth; roles: ProgrammeRoleService }): express.Router {
  const router = express.Router();
  const json = express.json({ limit: "16kb" });
  router.post("/api/users/:username/programme-roles", json, deps.api.require("recordProgrammeRoles"), (req: Request, res: Response, next: NextFunction) => {
    const principal = principalOf(res);
    const recordedBy = principal?.kind === "apiKey" ? `api-key:${principal.key.keyId}` : principal?.kind === "user" ? principal.user.id : "unknown";
    deps.roles
      .record(String(req.params.username), parseRoleRequest(req.body), recordedBy)
      .then((recorded) => void res.status(201).json(recorded), next);
  });
  return router;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** `{ role, course, date, delivery? }`; every problem a ValidationError naming the field. */
export function parseRoleRequest(body: unknown): RoleRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new ValidationError("body", "must be a JSON object with role, course and date");
  const input = body as Record<string, unknown>;
  if (!programmeRoles.includes(input.role as ProgrammeRole)) throw new ValidationError("role", `must be one of ${programmeRoles.map((r) => `"${r}"`).join(", ")}`);
  if (typeof input.course !== "string" || input.course.trim() === "") throw new ValidationError("course", "is required: the programme's course id in the credit policy");
  if (typeof input.date !== "string" || !isDate(input.date)) throw new ValidationError("date", "must be a date, YYYY-MM-DD");
  if (input.delivery !== undefined && (typeof input.delivery !== "string" || !uuid.test(input.delivery))) throw new ValidationError("delivery", "must be a UUID naming the delivery");
  return { role: input.role as ProgrammeRole, course: input.course, date: input.date, delivery: input.delivery === undefined ? undefined : (input.delivery as string).toLowerCase() };
}
