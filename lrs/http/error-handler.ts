// The one place where errors become HTTP responses: LrsErrors carry their status,
// anything else is logged and hidden behind a plain 500.
import type { ErrorRequestHandler } from "express";
import { LrsError, PayloadTooLargeError, UnauthorizedError, ValidationError } from "../errors.js";
import type { LrsLogger } from "../ops/context.js";
import { negotiateVersion, NEWEST_VERSION, VERSION_HEADER } from "./middleware.js";

export const AUTH_CHALLENGE = 'Basic realm="obuka LRS"';

export function createErrorHandler(logger: LrsLogger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    // Errors raised before version negotiation (a 405, a bad alternate request) still name
    // the version the request asked for, else the newest (3.3.s3.b1).
    if (res.get(VERSION_HEADER) === undefined) res.set(VERSION_HEADER, negotiateVersion(req.get(VERSION_HEADER)) ?? NEWEST_VERSION);
    const known = toLrsError(error);
    if (known === undefined || known.status >= 500) {
      logger.error("lrs: request failed", error);
      res.status(500).json({ error: { code: "INTERNAL", message: "internal error" } });
      return;
    }
    if (known instanceof UnauthorizedError) res.set("WWW-Authenticate", AUTH_CHALLENGE);
    res.status(known.status).json({ error: { code: known.code, message: known.message } });
  };
}

/** Our errors, plus the client errors Express's body parser raises (http-errors with `expose`). */
function toLrsError(error: unknown): LrsError | undefined {
  if (error instanceof LrsError) return error;
  if (typeof error !== "object" || error === null) return undefined;
  const { status, expose, type, message } = error as { status?: unknown; expose?: unknown; type?: unknown; message?: unknown };
  if (expose !== true || typeof status !== "number" || status < 400 || status >= 500) return undefined;
  const text = typeof message === "string" ? message : "invalid request body";
  if (type === "entity.too.large" || status === 413) return new PayloadTooLargeError("request body is too large", { cause: error });
  return ValidationError.at("body", text, { cause: error });
}
