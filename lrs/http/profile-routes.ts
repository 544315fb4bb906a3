// The Activity Profile and Agent Profile resources (xAPI-Communication.md 2.6, 2.7).
import { Router, type Request } from "express";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Lrs } from "../create-lrs.js";
import type { ProfileParams, ProfileScope } from "../domain/profile-document.js";
import { parseSince } from "../domain/state-document.js";
import { documentOf, preconditionsOf, sendDocument } from "./documents.js";
import { credentialOf } from "./middleware.js";
import { jsonParam, readParams, type RawQuery } from "./params.js";

interface ProfileRequest {
  scope: ProfileScope;
  profileId?: string;
  since?: string;
}

/** `owner` is the parameter that names what the profile belongs to: activityId or agent. */
function profileRequest(req: Request, owner: "activityId" | "agent", reading: boolean): ProfileRequest {
  const params = readParams(req.query as RawQuery, reading ? [owner, "profileId", "since"] : [owner, "profileId"]);
  if (params[owner] === undefined) throw ValidationError.at(owner, "is required");
  const scope = (owner === "agent" ? { agent: jsonParam(params, "agent") } : { activityId: params["activityId"] }) as ProfileScope;
  const out: ProfileRequest = { scope };
  if (params["profileId"] !== undefined) out.profileId = params["profileId"];
  else if (!reading) throw ValidationError.at("profileId", "is required");
  if (params["since"] !== undefined) {
    // With a profileId, since has nothing to filter, but the suites send both (XAPI-00268): checked, then ignored.
    if (out.profileId !== undefined) parseSince(params["since"]);
    out.since = params["since"];
  }
  return out;
}

function single(request: ProfileRequest): ProfileParams {
  return { ...request.scope, profileId: request.profileId ?? "" };
}

export function profileRoutes(lrs: Lrs): Router {
  const router = Router();
  for (const [path, owner] of [["/activities/profile", "activityId"], ["/agents/profile", "agent"]] as const) {
    router.get(path, async (req, res) => {
      const request = profileRequest(req, owner, true);
      const as = credentialOf(res);
      if (request.profileId === undefined) {
        res.json(await lrs.listProfileIds(request.scope, request.since, as));
        return;
      }
      const doc = await lrs.getProfileDocument(single(request), as);
      if (doc === undefined) throw new NotFoundError("no such profile document");
      sendDocument(res, doc);
    });

    router.put(path, async (req, res) => {
      const params = single(profileRequest(req, owner, false));
      await lrs.putProfileDocument(params, documentOf(req), credentialOf(res), preconditionsOf(req));
      res.status(204).end();
    });

    router.post(path, async (req, res) => {
      const params = single(profileRequest(req, owner, false));
      await lrs.postProfileDocument(params, documentOf(req), credentialOf(res), preconditionsOf(req));
      res.status(204).end();
    });

    router.delete(path, async (req, res) => {
      const params = single(profileRequest(req, owner, false));
      await lrs.deleteProfileDocument(params, credentialOf(res), preconditionsOf(req));
      res.status(204).end();
    });
  }
  return router;
}
