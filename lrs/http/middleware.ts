// Version negotiation and authentication, run before every resource but /about.
import type { RequestHandler, Response } from "express";
import { UnauthorizedError, ValidationError } from "../errors.js";
import type { Credential } from "../domain/credential.js";
import type { Lrs } from "../create-lrs.js";

export const VERSION_HEADER = "X-Experience-API-Version";
export const SUPPORTED_VERSIONS = ["1.0.3", "2.0.0"] as const;

/** "1.0.x" → "1.0.3", "2.0.x" → "2.0.0"; undefined for anything else. */
export function negotiateVersion(header: string | undefined): (typeof SUPPORTED_VERSIONS)[number] | undefined {
  if (header === undefined) return undefined;
  if (/^1\.0(\.\d+)?$/.test(header.trim())) return "1.0.3";
  if (/^2\.0(\.\d+)?$/.test(header.trim())) return "2.0.0";
  return undefined;
}

export const requireVersion: RequestHandler = (req, res, next) => {
  const version = negotiateVersion(req.get(VERSION_HEADER));
  res.set(VERSION_HEADER, version ?? SUPPORTED_VERSIONS[0]);
  if (version === undefined) throw ValidationError.at(VERSION_HEADER, "header must be 1.0.x or 2.0.x");
  next();
};

export function requireCredential(lrs: Lrs): RequestHandler {
  return async (req, res, next) => {
    res.locals["credential"] = await lrs.credentials.authenticate(req.get("Authorization"));
    next();
  };
}

export function credentialOf(res: Response): Credential {
  const credential = res.locals["credential"] as Credential | undefined;
  // Unreachable behind requireCredential; guards against a route mounted before it.
  if (credential === undefined) throw new UnauthorizedError("credentials are required");
  return credential;
}
