// The methods each xAPI resource accepts, checked before version and credentials: the
// suites expect a 405 for, say, DELETE /statements sent without credentials (1.0.3 3.2),
// and which methods a resource has is no secret. The one place that answers 405.
import type { RequestHandler } from "express";
import { MethodNotAllowedError } from "../errors.js";

const DOCUMENT = ["GET", "HEAD", "PUT", "POST", "DELETE"];
const READ_ONLY = ["GET", "HEAD"];

export const ALLOWED_METHODS: Readonly<Record<string, readonly string[]>> = {
  "/about": READ_ONLY,
  "/statements": ["GET", "HEAD", "PUT", "POST"],
  "/activities/state": DOCUMENT,
  "/activities/profile": DOCUMENT,
  "/agents/profile": DOCUMENT,
  "/activities": READ_ONLY,
  "/agents": READ_ONLY,
};

export const allowedMethods: RequestHandler = (req, res, next) => {
  const allowed = ALLOWED_METHODS[req.path.replace(/\/+$/, "")];
  if (allowed !== undefined && !allowed.includes(req.method)) {
    res.set("Allow", allowed.join(", "));
    throw new MethodNotAllowedError(`${req.path} accepts ${allowed.join(", ")}`);
  }
  next();
};
