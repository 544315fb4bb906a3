import type { ServerResponse } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import { NotFoundError } from "../errors.js";

/**
 * The policy of package content. Packages bring their own scripts and styles, often inline
 * (and older SCORM content uses eval), but they may only load what comes from this site:
 * their own files, the LRS at /xapi and the SCORM API of the frame around them.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

/**
 * Serves the files of one unpacked package: MIME types by extension (video, captions and
 * fonts included), byte ranges for media (206, and 416 with the size when a range cannot be
 * met), and the content policy above on every response.
 */
export function serveContent(contentDir: (packageId: string) => string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const packageId = String(req.params.packageId);
    if (!/^[0-9a-f-]{36}$/.test(packageId)) return next(new NotFoundError("package"));
    const serve = express.static(contentDir(packageId), {
      fallthrough: false,
      dotfiles: "deny",
      index: false,
      redirect: false,
      acceptRanges: true,
      setHeaders: (response: ServerResponse) => {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
      },
    });
    serve(req, res, (error?: unknown) => {
      const status = (error as { status?: number } | undefined)?.status;
      if (status === 416) {
        // send's error carries the Content-Range header the answer needs (RFC 9110 15.5.17).
        const headers = (error as { headers?: Record<string, string> }).headers ?? {};
        res.status(416).set(headers).setHeader("Content-Security-Policy", contentSecurityPolicy);
        res.end();
        return;
      }
      next(error ? new NotFoundError("file") : undefined);
    });
  };
}
