import type { NextFunction, Request, Response } from "express";

/**
 * Headers every player response carries. The Referrer-Policy matters beyond hygiene:
 * a launch URL holds the one-time fetch URL, which must not leak to other sites.
 */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "SAMEORIGIN");
  next();
}

/** The policy of the player's own pages (not of package content, which brings its own scripts). */
export const pageContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'self'; base-uri 'none'; object-src 'none'";
