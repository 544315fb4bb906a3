import type { NextFunction, Request, Response } from "express";
import { type Permission, type User, may } from "../domain/accounts.js";
import { ForbiddenError, UnauthenticatedError } from "../errors.js";
import type { ApiKeyService, ApiKeySummary } from "../services/api-key-service.js";
import { type WebAuth, contextOf } from "./web-auth.js";

/** Who calls the REST API: a person signed in to the player, or a portal with an API key. */
export type ApiPrincipal = { kind: "user"; user: User } | { kind: "apiKey"; key: ApiKeySummary };

/** What a portal key may do: everything a portal drives, nothing that manages the player itself. */
const apiKeyPermissions: readonly Permission[] = ["importPackages", "manageRegistrations", "recordProgrammeRoles"];

export function principalOf(res: Response): ApiPrincipal | undefined {
  return res.locals.obukaApi as ApiPrincipal | undefined;
}

/**
 * Authentication of /api requests: `Authorization: Bearer obk_…` (no cookies, so no CSRF),
 * or the player's session cookie, whose writes must carry the X-CSRF-Token header.
 */
export class ApiAuth {
  constructor(private readonly deps: { keys: ApiKeyService; web: WebAuth }) {}

  /** Middleware: `permission` undefined admits any authenticated caller. `csrfInHandler` leaves the session's CSRF check to the handler (multipart forms). */
  require(permission?: Permission, options: { csrfInHandler?: boolean } = {}) {
    return (req: Request, res: Response, next: NextFunction): void => {
      this.check(req, res, permission, options.csrfInHandler ?? false).then(() => next(), next);
    };
  }

  private async check(req: Request, res: Response, permission: Permission | undefined, csrfInHandler: boolean): Promise<void> {
    const authorization = req.get("authorization");
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      const key = bearer === undefined ? undefined : await this.deps.keys.authenticate(bearer);
      if (!key) throw new UnauthenticatedError("Authorization: not a valid API key (send Authorization: Bearer obk_…)");
      if (permission && !apiKeyPermissions.includes(permission)) throw new ForbiddenError("An API key cannot do this; sign in as an administrator.");
      res.locals.obukaApi = { kind: "apiKey", key } satisfies ApiPrincipal;
      return;
    }
    const { user } = contextOf(res);
    if (!user) throw new UnauthenticatedError();
    if (permission && !may(user, permission)) throw new ForbiddenError();
    const safe = req.method === "GET" || req.method === "HEAD";
    if (!safe && !csrfInHandler) this.deps.web.assertCsrf(req, res, req.get("x-csrf-token"));
    res.locals.obukaApi = { kind: "user", user } satisfies ApiPrincipal;
  }
}
