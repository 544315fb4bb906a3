// Checks a statement query's values; the HTTP edge has already turned its strings into
// these types. Also used for the query carried inside a `more` token.
import { parseIdentifiedActor } from "./validate-actor.js";
import {
  allowOnly,
  expectBoolean,
  expectIri,
  expectObject,
  expectString,
  expectTimestamp,
  expectUuid,
  fail,
} from "./validate-primitives.js";
import type { StatementQuery } from "./statement-query.js";

/** The statement query parameters of xAPI Communication 2.1.3, as the domain knows them. */
export const QUERY_KEYS = [
  "statementId",
  "voidedStatementId",
  "agent",
  "verb",
  "activity",
  "registration",
  "related_activities",
  "related_agents",
  "since",
  "until",
  "limit",
  "ascending",
  "format",
  "more",
];
const FILTER_KEYS = QUERY_KEYS.filter((k) => !["statementId", "voidedStatementId", "format", "more"].includes(k));

export function parseStatementQuery(value: unknown): StatementQuery {
  const query = expectObject(JSON.parse(JSON.stringify(value ?? {})) as unknown, "");
  allowOnly(query, "", QUERY_KEYS);
  for (const key of ["statementId", "voidedStatementId", "registration"]) if (query[key] !== undefined) expectUuid(query[key], key);
  if (query["agent"] !== undefined) parseIdentifiedActor(query["agent"], "agent");
  for (const key of ["verb", "activity"]) if (query[key] !== undefined) expectIri(query[key], key);
  for (const key of ["related_activities", "related_agents", "ascending"]) if (query[key] !== undefined) expectBoolean(query[key], key);
  for (const key of ["since", "until"]) if (query[key] !== undefined) expectTimestamp(query[key], key);
  if (query["limit"] !== undefined) {
    const limit = query["limit"];
    if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 0) fail("limit", "must be a non-negative integer");
  }
  if (query["format"] !== undefined) {
    const format = expectString(query["format"], "format");
    if (!["ids", "exact", "canonical"].includes(format)) fail("format", "must be ids, exact or canonical");
  }
  if (query["more"] !== undefined) expectString(query["more"], "more");
  const single = query["statementId"] !== undefined ? "statementId" : query["voidedStatementId"] !== undefined ? "voidedStatementId" : undefined;
  if (single !== undefined) {
    for (const key of [...FILTER_KEYS, "more", "statementId", "voidedStatementId"]) {
      if (key !== single && query[key] !== undefined) fail(key, `cannot be combined with ${single}`);
    }
  }
  return query as StatementQuery;
}
