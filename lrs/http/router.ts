// The xAPI HTTP edge, mounted by the app at /xapi. Resources this LRS does not serve
// yet (agents, activities, profiles) answer 404 through the same error mapper.
import express, { Router } from "express";
import { NotFoundError } from "../errors.js";
import type { Lrs } from "../create-lrs.js";
import type { LrsLogger } from "../ops/context.js";
import { createErrorHandler } from "./error-handler.js";
import { negotiateVersion, requireCredential, requireVersion, SUPPORTED_VERSIONS, VERSION_HEADER } from "./middleware.js";
import { stateRoutes } from "./state-routes.js";
import { statementsRoutes } from "./statements-routes.js";

export const BODY_LIMIT = "10mb";

export interface LrsRouterOptions {
  logger?: LrsLogger;
}

export function createLrsRouter(lrs: Lrs, options: LrsRouterOptions = {}): Router {
  const logger = options.logger ?? { error: (msg: string, err?: unknown) => console.error(msg, err) };
  const router = Router();

  router.get("/about", (req, res) => {
    res.set(VERSION_HEADER, negotiateVersion(req.get(VERSION_HEADER)) ?? SUPPORTED_VERSIONS[0]);
    res.json({ version: [...SUPPORTED_VERSIONS] });
  });

  router.use(requireVersion, requireCredential(lrs));
  // Raw bytes for every content type: state documents are opaque, statements are parsed by the routes.
  router.use(express.raw({ type: () => true, limit: BODY_LIMIT }));
  router.use(statementsRoutes(lrs));
  router.use(stateRoutes(lrs));
  router.use(() => {
    throw new NotFoundError("this xAPI resource is not served by this LRS");
  });
  router.use(createErrorHandler(logger));
  return router;
}
