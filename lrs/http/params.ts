// Turns HTTP query strings into typed values, naming the parameter on failure. The
// domain then checks the values themselves (IRIs, UUIDs, timestamps).
import { QUERY_KEYS } from "../domain/validate-query.js";
import { ValidationError } from "../errors.js";
import type { StatementQuery } from "../domain/statement-query.js";
import { parseSince } from "../domain/state-document.js";

export type RawQuery = Record<string, unknown>;

/** Each parameter at most once, as a string; unknown parameters are rejected. */
export function readParams(query: RawQuery, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (!allowed.includes(name)) throw ValidationError.at(name, "is not a parameter of this resource");
    if (typeof value !== "string") throw ValidationError.at(name, "must be given once");
    out[name] = value;
  }
  return out;
}

export function jsonParam(params: Record<string, string>, name: string): unknown {
  const text = params[name];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw ValidationError.at(name, "must be JSON", { cause: error });
  }
}

export function booleanParam(params: Record<string, string>, name: string): boolean | undefined {
  const text = params[name];
  if (text === undefined) return undefined;
  if (text === "true") return true;
  if (text === "false") return false;
  throw ValidationError.at(name, 'must be "true" or "false"');
}

export function integerParam(params: Record<string, string>, name: string): number | undefined {
  const text = params[name];
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw ValidationError.at(name, "must be a non-negative integer");
  return Number(text);
}

// The wire adds `attachments`, which only shapes the HTTP answer.
const STATEMENT_QUERY_PARAMS = [...QUERY_KEYS, "attachments"];

/** attachments=true asks for a multipart/mixed answer carrying the attachment data. */
export function attachmentsParam(query: RawQuery): boolean {
  return booleanParam(readParams(query, STATEMENT_QUERY_PARAMS), "attachments") === true;
}

/** GET /statements parameters → StatementQuery (values checked later by the domain). */
export function parseStatementQueryParams(query: RawQuery): StatementQuery {
  const params = readParams(query, STATEMENT_QUERY_PARAMS);
  booleanParam(params, "attachments");
  const out: Record<string, unknown> = {
    statementId: params["statementId"],
    voidedStatementId: params["voidedStatementId"],
    agent: jsonParam(params, "agent"),
    verb: params["verb"],
    activity: params["activity"],
    registration: params["registration"],
    related_activities: booleanParam(params, "related_activities"),
    related_agents: booleanParam(params, "related_agents"),
    since: params["since"],
    until: params["until"],
    limit: integerParam(params, "limit"),
    ascending: booleanParam(params, "ascending"),
    format: params["format"],
    more: params["more"],
  };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out as StatementQuery;
}

/** State resource parameters, still unchecked: the domain's parseStateParams does that. */
export function parseStateQueryParams(query: RawQuery): { values: Record<string, unknown>; stateId?: string; since?: string } {
  const params = readParams(query, ["activityId", "agent", "registration", "stateId", "since"]);
  const values: Record<string, unknown> = { activityId: params["activityId"], agent: jsonParam(params, "agent") };
  if (params["activityId"] === undefined) throw ValidationError.at("activityId", "is required");
  if (params["agent"] === undefined) throw ValidationError.at("agent", "is required");
  if (params["registration"] !== undefined) values["registration"] = params["registration"];
  const out: { values: Record<string, unknown>; stateId?: string; since?: string } = { values };
  if (params["stateId"] !== undefined) {
    values["stateId"] = params["stateId"];
    out.stateId = params["stateId"];
  }
  if (params["since"] !== undefined) {
    // With a stateId, since has nothing to filter: checked, then ignored.
    if (out.stateId !== undefined) parseSince(params["since"]);
    out.since = params["since"];
  }
  return out;
}
