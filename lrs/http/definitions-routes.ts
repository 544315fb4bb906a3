// The Activities and Agents resources (xAPI-Communication.md 2.4, 2.5): read only.
import { Router } from "express";
import { ValidationError } from "../errors.js";
import type { Lrs } from "../create-lrs.js";
import { credentialOf } from "./middleware.js";
import { jsonParam, readParams, type RawQuery } from "./params.js";

export function definitionsRoutes(lrs: Lrs): Router {
  const router = Router();

  router.get("/activities", async (req, res) => {
    const params = readParams(req.query as RawQuery, ["activityId"]);
    if (params["activityId"] === undefined) throw ValidationError.at("activityId", "is required");
    res.json(await lrs.getActivity(params["activityId"], credentialOf(res)));
  });

  router.get("/agents", async (req, res) => {
    const params = readParams(req.query as RawQuery, ["agent"]);
    if (params["agent"] === undefined) throw ValidationError.at("agent", "is required");
    res.json(await lrs.getPerson(jsonParam(params, "agent"), credentialOf(res)));
  });

  return router;
}
