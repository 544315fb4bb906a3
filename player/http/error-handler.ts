import type { NextFunction, Request, Response } from "express";
import { PlayerError, playerErrorStatus } from "../errors.js";
import type { UiStringKey } from "./strings/sr-Latn.js";
import type { Views } from "./views.js";

export interface Logger {
  error(message: string, error?: unknown): void;
}

/**
 * The one place errors become responses: known errors keep their status and message,
 * body-parser's 4xx keep theirs, anything else is logged and shown as a plain 500.
 */
export function createErrorHandler(views: Views, logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let status = 500;
    let code = "internal_error";
    let message: string | undefined;
    if (error instanceof PlayerError && error.code !== "store_failed") {
      status = playerErrorStatus(error);
      code = error.code;
      message = error.message;
    } else if (isClientHttpError(error)) {
      status = error.status;
      code = "bad_request";
      message = error.expose && error.message ? error.message : "malformed request";
    } else {
      logger.error(`${req.method} ${req.originalUrl} failed`, error);
    }
    if (res.headersSent) return;
    const wantsJson = req.path.startsWith("/api/") || (!req.accepts("html") && Boolean(req.accepts("json")));
    if (wantsJson) {
      res.status(status).json({ error: { code, message: message ?? views.text(res, "error.serverMessage") } });
    } else if (status === 401) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    } else {
      views.render(res, "error", { title: views.text(res, "error.title"), heading: views.text(res, headingFor(status)), message: message ?? views.text(res, "error.serverMessage") }, status);
    }
  };
}

function headingFor(status: number): UiStringKey {
  if (status === 404) return "error.notFound";
  if (status === 403) return "error.forbidden";
  if (status >= 500) return "error.server";
  return "error.badRequest";
}

function isClientHttpError(error: unknown): error is { status: number; message: string; expose?: boolean } {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
}
