// Version negotiation and authentication, run before every resource but /about.
import type { RequestHandler, Response } from "express";
import { UnauthorizedError, ValidationError } from "../errors.js";
import type { Credential } from "../domain/credential.js";
import { NEWEST_VERSION, negotiateVersion, SUPPORTED_VERSIONS, type XapiVersion } from "../domain/xapi-version.js";
import type { Lrs } from "../create-lrs.js";

export { NEWEST_VERSION, negotiateVersion, SUPPORTED_VERSIONS } from "../domain/xapi-version.js";

export const VERSION_HEADER = "X-Experience-API-Version";

/** Every response names the version it speaks: the negotiated one, else the newest (3.3.s3.b1). */
export const requireVersion: RequestHandler = (req, res, next) => {
  const version = negotiateVersion(req.get(VERSION_HEADER));
  res.set(VERSION_HEADER, version ?? NEWEST_VERSION);
  if (version === undefined) {
    const given = req.get(VERSION_HEADER);
    throw ValidationError.at(VERSION_HEADER, given === undefined ? "header is required (1.0.3 or 2.0.0)" : `"${given.slice(0, 20)}" is not supported; send 1.0.x or 2.0.x`);
  }
  res.locals["xapiVersion"] = version;
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

/** The version negotiated by requireVersion for this request. */
export function versionOf(res: Response): XapiVersion {
  return (res.locals["xapiVersion"] as XapiVersion | undefined) ?? SUPPORTED_VERSIONS[0];
}
