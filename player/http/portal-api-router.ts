import express, { type Request } from "express";
import { ValidationError } from "../errors.js";
import type { ApiKeyService } from "../services/api-key-service.js";
import type { Cmi5Launcher } from "../services/cmi5-launcher.js";
import type { RegistrationService } from "../services/registration-service.js";
import type { ApiAuth } from "./api-auth.js";
import { parseApiKeyRequest, parseEnrolment, parseLaunchRequest, parseWaiver } from "./portal-api-input.js";

export interface PortalApiDeps {
  api: ApiAuth;
  keys: ApiKeyService;
  registrations: RegistrationService;
  launcher: Cmi5Launcher;
  origin: (req: Request) => string;
}

/**
 * The REST API a portal (or a test harness) drives: API keys, registrations, launches,
 * waivers, abandoned sessions, progress. docs/api.md documents every route.
 */
export function createPortalApiRouter(deps: PortalApiDeps): express.Router {
  const { api, keys, registrations, launcher } = deps;
  const router = express.Router();
  const json = express.json({ limit: "64kb" });

  router.get("/api/keys", api.require("manageApiKeys"), async (_req, res) => {
    res.json(await keys.list());
  });
  router.post("/api/keys", json, api.require("manageApiKeys"), async (req, res) => {
    res.status(201).json(await keys.create(parseApiKeyRequest(req.body).name));
  });
  router.delete("/api/keys/:keyId", api.require("manageApiKeys"), async (req, res) => {
    await keys.revoke(String(req.params.keyId));
    res.status(204).end();
  });

  router.post("/api/registrations", json, api.require("manageRegistrations"), async (req, res) => {
    const { courseId, learner } = parseEnrolment(req.body);
    const { registration, created, user } = await registrations.enrol(courseId, learner);
    res.status(created ? 201 : 200).json({ registration, courseId, created, learner: { username: user.username, displayName: user.displayName } });
  });

  router.get("/api/registrations/:registration", api.require("manageRegistrations"), async (req, res) => {
    res.json(await registrations.progressOf(String(req.params.registration)));
  });

  router.post("/api/registrations/:registration/launches", json, api.require("manageRegistrations"), async (req, res) => {
    const request = parseLaunchRequest(req.body);
    if (request.auId === undefined) {
      // A SCO of the course's SCORM package or an activity of its xAPI package.
      if (request.launchModeGiven && request.launchMode === "Review") {
        throw new ValidationError("launchMode", "is Normal, or Browse for a SCO not started yet (a finished SCO opens in review on its own)");
      }
      if (request.returnUrl !== undefined) throw new ValidationError("returnURL", "applies to cmi5 AUs only");
      const target = { scoId: request.scoId, activityId: request.activityId, browse: request.launchMode === "Browse" };
      res.status(201).json(await registrations.launchPackageUnit(String(req.params.registration), target, deps.origin(req)));
      return;
    }
    const registration = await registrations.find(String(req.params.registration));
    const options = request.returnUrl === undefined ? { launchMode: request.launchMode } : { launchMode: request.launchMode, returnUrl: request.returnUrl };
    const ticket = await launcher.launchIn(registration, request.auId, deps.origin(req), options);
    res.status(201).json({
      sessionId: ticket.sessionId,
      registration: ticket.registration,
      auId: request.auId,
      launchMode: ticket.launchMode,
      url: ticket.entryUrl,
      auLaunchUrl: ticket.auLaunchUrl,
    });
  });

  router.post("/api/registrations/:registration/waivers", json, api.require("manageRegistrations"), async (req, res) => {
    const { auId, reason } = parseWaiver(req.body);
    const registration = String(req.params.registration);
    const { sessionId, waivedAt } = await registrations.waive(registration, auId, reason);
    res.status(201).json({ registration, auId, reason, sessionId, waivedAt });
  });

  router.post("/api/registrations/:registration/sessions/:sessionId/abandon", api.require("manageRegistrations"), async (req, res) => {
    const sessionId = String(req.params.sessionId);
    const { abandonedAt } = await registrations.abandonSession(String(req.params.registration), sessionId);
    res.json({ sessionId, state: "abandoned", abandonedAt });
  });

  return router;
}
