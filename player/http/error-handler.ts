import type { NextFunction, Request, Response } from "express";
import { PlayerError, playerErrorStatus } from "../errors.js";
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
    let message = "Došlo je do greške na serveru. Pokušajte ponovo.";
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
      res.status(status).json({ error: { code, message } });
    } else if (status === 401) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    } else {
      views.render(res, "error", { title: "Greška", heading: headingFor(status), message }, status);
    }
  };
}

function headingFor(status: number): string {
  if (status === 404) return "Stranica nije pronađena";
  if (status === 403) return "Pristup nije dozvoljen";
  if (status >= 500) return "Greška na serveru";
  return "Zahtev nije ispravan";
}

function isClientHttpError(error: unknown): error is { status: number; message: string; expose?: boolean } {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500;
}
