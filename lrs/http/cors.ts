// Cross-origin access for browser content served from other origins (xAPI-Communication.md
// 1.3 and Appendix C): preflights are answered before authentication, since browsers send
// them without credentials, and the xAPI response headers are exposed to scripts.
import type { RequestHandler } from "express";

export interface CorsOptions {
  /** "*" (the default: the LRS authenticates by header, not cookie) or the exact origins allowed. */
  origins: "*" | readonly string[];
}

export const CORS_ALLOWED_HEADERS = ["Authorization", "Content-Type", "If-Match", "If-None-Match", "X-Experience-API-Version", "Accept-Language"];
export const CORS_EXPOSED_HEADERS = ["ETag", "Last-Modified", "X-Experience-API-Consistent-Through", "X-Experience-API-Version", "WWW-Authenticate"];
const METHODS = "GET, HEAD, PUT, POST, DELETE, OPTIONS";

export function cors(options: CorsOptions = { origins: "*" }): RequestHandler {
  return (req, res, next) => {
    const origin = req.get("Origin");
    const allowed = options.origins === "*" || (origin !== undefined && options.origins.includes(origin));
    if (allowed) {
      res.set("Access-Control-Allow-Origin", options.origins === "*" ? "*" : (origin as string));
      res.set("Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS.join(", "));
    }
    if (options.origins !== "*") res.vary("Origin");
    if (req.method !== "OPTIONS") {
      next();
      return;
    }
    if (allowed) {
      res.set("Access-Control-Allow-Methods", METHODS);
      res.set("Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS.join(", "));
      res.set("Access-Control-Max-Age", "600");
    }
    res.set("Allow", METHODS);
    res.status(204).end();
  };
}
