// Statement queries (xAPI-Communication.md 2.1.3): the caller's query, the filter a
// store runs, and the opaque `more` token that resumes a query where a page ended.
import { ValidationError } from "../errors.js";
import { ifiKey } from "./agent-ifi.js";
import { timestampInstant } from "./validate-primitives.js";
import type { Agent, Group, Statement } from "./xapi-types.js";

export type StatementFormat = "ids" | "exact" | "canonical";

export interface StatementQuery {
  statementId?: string;
  voidedStatementId?: string;
  agent?: Agent | Group;
  verb?: string;
  activity?: string;
  registration?: string;
  related_activities?: boolean;
  related_agents?: boolean;
  since?: string;
  until?: string;
  limit?: number;
  ascending?: boolean;
  format?: StatementFormat;
  /** The token from a previous result's `more`; other filters are then taken from it. */
  more?: string;
}

export interface StatementResult {
  statements: Statement[];
  /** The same statements as JSON text, when the format is exact and the store kept their text. */
  json?: readonly string[];
  /** Opaque token for the next page (pass as `query.more`), or "" when there is none. */
  more: string;
  /** Every statement stored up to this instant is visible to this query. */
  consistentThrough: string;
}

/** Where a page ended: statements are ordered by (stored, seq). */
export interface StatementCursor {
  stored: string;
  seq: number;
}

export interface StatementFilter {
  agentIfi?: string;
  verbId?: string;
  activityId?: string;
  registration?: string;
  relatedActivities: boolean;
  relatedAgents: boolean;
  /** Exclusive, normalized ISO UTC. */
  since?: string;
  /** Inclusive, normalized ISO UTC. */
  until?: string;
  /** Restricts to statements written with this authority (scope statements/read/mine). */
  authorityIfi?: string;
  ascending: boolean;
  limit: number;
  after?: StatementCursor;
}

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

export function toStatementFilter(query: StatementQuery, after?: StatementCursor): StatementFilter {
  const limit = query.limit === undefined || query.limit === 0 ? DEFAULT_PAGE_SIZE : Math.min(query.limit, MAX_PAGE_SIZE);
  const filter: StatementFilter = {
    relatedActivities: query.related_activities ?? false,
    relatedAgents: query.related_agents ?? false,
    ascending: query.ascending ?? false,
    limit,
  };
  const agentIfi = query.agent === undefined ? undefined : ifiKey(query.agent);
  if (agentIfi !== undefined) filter.agentIfi = agentIfi;
  if (query.verb !== undefined) filter.verbId = query.verb;
  if (query.activity !== undefined) filter.activityId = query.activity;
  if (query.registration !== undefined) filter.registration = query.registration.toLowerCase();
  if (query.since !== undefined) filter.since = timestampInstant(query.since) ?? query.since;
  if (query.until !== undefined) filter.until = timestampInstant(query.until) ?? query.until;
  if (after !== undefined) filter.after = after;
  return filter;
}

interface MoreToken {
  query: StatementQuery;
  after: StatementCursor;
}

export function encodeMoreToken(query: StatementQuery, after: StatementCursor): string {
  const { more: _more, ...rest } = query;
  return Buffer.from(JSON.stringify({ query: rest, after } satisfies MoreToken)).toString("base64url");
}

/** The token is opaque to clients but not trusted: its query is re-checked like any other. */
export function decodeMoreToken(token: string): { query: unknown; after: StatementCursor } {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Partial<MoreToken>;
    const after = parsed.after;
    if (typeof parsed.query === "object" && parsed.query !== null && typeof after?.stored === "string" && Number.isInteger(after.seq)) {
      return { query: parsed.query, after: { stored: after.stored, seq: after.seq } };
    }
  } catch {
    // falls through to the error below
  }
  throw ValidationError.at("more", "is not a token this LRS issued");
}
