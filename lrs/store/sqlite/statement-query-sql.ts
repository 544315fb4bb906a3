// SQLite SQL of the statement query, assembled from the filter (every part is optional).
// Agent and activity rows are clustered on (key, stored, seq) (migration 4), so a query with
// an agent or activity reads that table backwards in stored order and stops after one page,
// instead of collecting and sorting every statement of a course. See docs/performance.md.
import type { StatementFilter } from "../../domain/statement-query.js";
import type { SqlValue } from "./database.js";

interface Query {
  sql: string;
  params: SqlValue[];
}

/** An agent or activity filter: the side table that answers it. */
interface SideFilter {
  table: "lrs_statement_agents" | "lrs_statement_activities";
  column: "agent_ifi" | "activity_id";
  value: string;
  /** related_agents / related_activities: also rows where it is not the actor/object. */
  related: boolean;
}

const COLUMNS = "s.seq, s.statement, s.stored, s.voided, s.voids_id";

function sideFilters(filter: StatementFilter): SideFilter[] {
  const sides: SideFilter[] = [];
  if (filter.agentIfi !== undefined) sides.push({ table: "lrs_statement_agents", column: "agent_ifi", value: filter.agentIfi, related: filter.relatedAgents });
  if (filter.activityId !== undefined) {
    sides.push({ table: "lrs_statement_activities", column: "activity_id", value: filter.activityId, related: filter.relatedActivities });
  }
  return sides;
}

/**
 * The filters a StatementRef passes on to its target (all but time, order and authority), on
 * table alias `t`; `driver` is left out when the query already reads from its table. Agent and
 * activity are point lookups by (key, stored, seq) in their clustered tables.
 */
function matchConditions(filter: StatementFilter, t: string, driver?: SideFilter): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.verbId !== undefined) {
    where.push(`${t}.verb_id = ?`);
    params.push(filter.verbId);
  }
  if (filter.registration !== undefined) {
    where.push(`${t}.registration = ?`);
    params.push(filter.registration);
  }
  for (const side of sideFilters(filter)) {
    if (side.table === driver?.table) continue;
    where.push(
      `EXISTS (SELECT 1 FROM ${side.table} x WHERE x.${side.column} = ? AND x.stored = ${t}.stored AND x.statement_seq = ${t}.seq${side.related ? "" : " AND x.related = 0"})`,
    );
    params.push(side.value);
  }
  return { where, params };
}

/**
 * Statements that target (through their StatementRef object, recursively) a statement
 * meeting the match filters; undefined when the query has no match filter. Run first and
 * apart, so the common case (no such statements) keeps the plain, index-friendly query.
 */
export function statementRefMatches(filter: StatementFilter): Query | undefined {
  const match = matchConditions(filter, "t");
  if (match.where.length === 0) return undefined;
  return {
    // CROSS JOIN starts from the few statements that hold a StatementRef (a partial index),
    // never from every statement with the verb (600 ms at a million statements).
    sql: `WITH RECURSIVE refs(seq, id) AS (
            SELECT r.seq, r.id FROM lrs_statements r CROSS JOIN lrs_statements t ON t.id = r.object_ref_id
            WHERE r.object_ref_id IS NOT NULL AND ${match.where.join(" AND ")}
            UNION
            SELECT r.seq, r.id FROM lrs_statements r JOIN refs m ON r.object_ref_id = m.id
          )
          SELECT seq FROM refs`,
    params: match.params,
  };
}

/** Authority, since/until and the paging cursor, on the given stored and seq columns. */
function pageConditions(filter: StatementFilter, stored: string, seq: string): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.authorityIfi !== undefined) {
    where.push("s.authority_ifi = ?");
    params.push(filter.authorityIfi);
  }
  if (filter.since !== undefined) {
    where.push(`${stored} > ?`);
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push(`${stored} <= ?`);
    params.push(filter.until);
  }
  if (filter.after !== undefined) {
    where.push(filter.ascending ? `(${stored}, ${seq}) > (?, ?)` : `(${stored}, ${seq}) < (?, ?)`);
    params.push(filter.after.stored, filter.after.seq);
  }
  return { where, params };
}

/**
 * The side table that should drive the query, if any. A registration has few statements and
 * its own index, so it drives itself; otherwise the agent (a learner has fewer statements
 * than an activity), then the activity.
 */
function drivingSide(filter: StatementFilter): SideFilter | undefined {
  if (filter.registration !== undefined) return undefined;
  return sideFilters(filter)[0];
}

/** One page of statements matching the filters directly, newest first unless ascending. */
function matchingPage(filter: StatementFilter): Query {
  const direction = filter.ascending ? "ASC" : "DESC";
  const driver = drivingSide(filter);
  if (driver === undefined) {
    const match = matchConditions(filter, "s");
    const page = pageConditions(filter, "s.stored", "s.seq");
    return {
      sql: `SELECT ${COLUMNS} FROM lrs_statements s
            WHERE ${["s.voided = 0", ...match.where, ...page.where].join(" AND ")}
            ORDER BY s.stored ${direction}, s.seq ${direction} LIMIT ?`,
      params: [...match.params, ...page.params, filter.limit + 1],
    };
  }
  const match = matchConditions(filter, "s", driver);
  const page = pageConditions(filter, "d.stored", "d.statement_seq");
  // CROSS JOIN keeps the side table as the outer loop, read in index order.
  return {
    sql: `SELECT ${COLUMNS} FROM ${driver.table} d CROSS JOIN lrs_statements s ON s.seq = d.statement_seq
          WHERE ${[`d.${driver.column} = ?`, ...(driver.related ? [] : ["d.related = 0"]), "s.voided = 0", ...match.where, ...page.where].join(" AND ")}
          ORDER BY d.stored ${direction}, d.statement_seq ${direction} LIMIT ?`,
    params: [driver.value, ...match.params, ...page.params, filter.limit + 1],
  };
}

/** The statement query. `refSeqs` come from statementRefMatches: those statements match too. */
export function queryStatements(filter: StatementFilter, refSeqs: readonly number[] = []): Query {
  const matching = matchingPage(filter);
  if (refSeqs.length === 0) return matching;
  // Each arm is already one page in order; the union's first page is among them.
  const direction = filter.ascending ? "ASC" : "DESC";
  const page = pageConditions(filter, "s.stored", "s.seq");
  return {
    sql: `SELECT * FROM (SELECT * FROM (${matching.sql})
            UNION
            SELECT ${COLUMNS} FROM lrs_statements s
            WHERE ${["s.seq IN (SELECT value FROM json_each(?))", "s.voided = 0", ...page.where].join(" AND ")})
          ORDER BY stored ${direction}, seq ${direction} LIMIT ?`,
    params: [...matching.params, JSON.stringify(refSeqs), ...page.params, filter.limit + 1],
  };
}
