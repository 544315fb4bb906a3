// The xAPI 1.0.3 alternate request syntax (xAPI-Communication.md 1.3): a POST with
// ?method=X whose form body carries the headers, the other parameters and the content.
// It is rewritten here into the request it stands for, before version and credential
// checks read the headers. xAPI 2.0 removed this syntax, so a 2.0 request is refused.
import type { Request, RequestHandler } from "express";
import { ValidationError } from "../errors.js";
import { negotiateVersion } from "../domain/xapi-version.js";
import { rawBody } from "./body.js";

const METHODS = ["GET", "PUT", "POST", "DELETE"];
/** Form parameters the LRS treats as headers (1.3.s3.b6); Content-Length is recomputed from the content. */
const HEADER_PARAMS = ["authorization", "x-experience-api-version", "content-type", "content-length", "if-match", "if-none-match"];

export const alternateRequestSyntax: RequestHandler = (req, _res, next) => {
  const query = req.query as Record<string, unknown>;
  if (query["method"] === undefined) {
    next();
    return;
  }
  const method = query["method"];
  if (req.method !== "POST") throw ValidationError.at("method", "the alternate request syntax must be sent as POST");
  if (typeof method !== "string" || !METHODS.includes(method.toUpperCase())) throw ValidationError.at("method", "must be GET, PUT, POST or DELETE");
  const extra = Object.keys(query).find((name) => name !== "method");
  if (extra !== undefined) throw ValidationError.at(extra, "must be a form parameter, not a query parameter, in the alternate request syntax");
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.get("Content-Type") ?? "")) {
    throw ValidationError.at("Content-Type", "must be application/x-www-form-urlencoded in the alternate request syntax");
  }
  const form = readForm(req);
  const headers = new Map<string, string>();
  const params: Record<string, string> = {};
  let content: string | undefined;
  for (const [name, value] of form) {
    if (name === "content") content = value;
    else if (HEADER_PARAMS.includes(name.toLowerCase())) headers.set(name.toLowerCase(), value);
    else params[name] = value;
  }
  const version = negotiateVersion(sentHeader(req, "x-experience-api-version") ?? headers.get("x-experience-api-version"));
  if (version === "2.0.0") throw ValidationError.at("method", "the alternate request syntax was removed in xAPI 2.0; send the request itself");

  // A header the client did send wins over its form stand-in (the 1.0.3 suite sends both);
  // Content-Type describes the content, so the form's applies.
  for (const [name, value] of headers) {
    if (name === "content-length" || (name !== "content-type" && sentHeader(req, name) !== undefined)) continue;
    req.headers[name] = value;
  }
  const body = Buffer.from(content ?? "", "utf8");
  // The content's type comes from the form; JSON is what xAPI content is unless it says otherwise.
  if (content !== undefined && !headers.has("content-type")) req.headers["content-type"] = "application/json";
  if (content === undefined) delete req.headers["content-type"];
  req.headers["content-length"] = String(body.length);
  req.body = body;
  req.method = method.toUpperCase();
  // Express 5 computes req.query from the URL on each read; the form's parameters replace it.
  Object.defineProperty(req, "query", { value: params, configurable: true, enumerable: true, writable: true });
  next();
};

/** A header the client really sent, blank ones counting as not sent. */
function sentHeader(req: Request, name: string): string | undefined {
  const value = req.get(name);
  return value === undefined || value.trim() === "" ? undefined : value;
}

function readForm(req: Request): [string, string][] {
  const form = new URLSearchParams(rawBody(req).toString("utf8"));
  const seen = new Set<string>();
  const entries: [string, string][] = [];
  for (const [name, value] of form) {
    if (seen.has(name.toLowerCase())) throw ValidationError.at(name, "must be given once");
    seen.add(name.toLowerCase());
    entries.push([name, value]);
  }
  return entries;
}
