// The xAPI HTTP edge, mounted by the app at /xapi. Order matters: CORS preflights are
// answered first (browsers send them without credentials), the body is read before the
// alternate request syntax turns form fields into headers, then the method (405), version and credentials.
import express, { Router } from "express";
import { NotFoundError } from "../errors.js";
import type { Lrs } from "../create-lrs.js";
import type { LrsLogger } from "../ops/context.js";
import { allowedMethods } from "./allowed-methods.js";
import { alternateRequestSyntax } from "./alternate-syntax.js";
import { cors, type CorsOptions } from "./cors.js";
import { definitionsRoutes } from "./definitions-routes.js";
import { createErrorHandler } from "./error-handler.js";
import { profileRoutes } from "./profile-routes.js";
import { negotiateVersion, NEWEST_VERSION, requireCredential, requireVersion, SUPPORTED_VERSIONS, VERSION_HEADER } from "./middleware.js";
import { stateRoutes } from "./state-routes.js";
import { statementsRoutes } from "./statements-routes.js";

export const BODY_LIMIT = "10mb";

export interface LrsRouterOptions {
  logger?: LrsLogger;
  /** Cross-origin access for browser content; every origin unless restricted, `false` for none. */
  cors?: CorsOptions | false;
}

export function createLrsRouter(lrs: Lrs, options: LrsRouterOptions = {}): Router {
  const logger = options.logger ?? { error: (msg: string, err?: unknown) => console.error(msg, err) };
  const router = Router();
  if (options.cors !== false) router.use(cors(options.cors));

  router.get("/about", (req, res) => {
    res.set(VERSION_HEADER, negotiateVersion(req.get(VERSION_HEADER)) ?? NEWEST_VERSION);
    res.json({ version: [...SUPPORTED_VERSIONS] });
  });

  // Raw bytes for every content type: documents are opaque, statements are parsed by the routes.
  router.use(express.raw({ type: () => true, limit: BODY_LIMIT }));
  router.use(alternateRequestSyntax);
  router.use(allowedMethods, requireVersion, requireCredential(lrs));
  router.use(statementsRoutes(lrs));
  router.use(stateRoutes(lrs));
  router.use(profileRoutes(lrs));
  router.use(definitionsRoutes(lrs));
  router.use(() => {
    throw new NotFoundError("this xAPI resource is not served by this LRS");
  });
  router.use(createErrorHandler(logger));
  return router;
}
