// Request bodies arrive as raw bytes (express.raw); statements are parsed here so a
// malformed body is a 400 naming the body, never a 500.
import type { Request } from "express";
import { ValidationError } from "../errors.js";

export function jsonBody(req: Request): unknown {
  const contentType = req.get("Content-Type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) throw ValidationError.at("Content-Type", "must be application/json");
  const body = rawBody(req);
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch (error) {
    throw ValidationError.at("body", "is not valid JSON", { cause: error });
  }
}

export function rawBody(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
