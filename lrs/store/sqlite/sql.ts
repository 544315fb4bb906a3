// SQLite SQL of the LRS store. Names match the store functions so a PostgreSQL twin
// (store/postgres/sql.ts) can mirror this file. Tables carry an `lrs_` prefix because
// the embedding LMS may keep its own tables in the same database file.
import type { StatementFilter } from "../../domain/statement-query.js";
import type { SqlValue } from "./database.js";

/** Applied in order; each runs once, recorded in lrs_schema_migrations. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE lrs_statements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    statement TEXT NOT NULL,
    stored TEXT NOT NULL,
    verb_id TEXT NOT NULL,
    registration TEXT,
    authority_ifi TEXT,
    voids_id TEXT,
    voided INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX lrs_statements_stored ON lrs_statements (stored, seq);
  CREATE INDEX lrs_statements_verb ON lrs_statements (verb_id, stored);
  CREATE INDEX lrs_statements_registration ON lrs_statements (registration, stored);
  CREATE INDEX lrs_statements_authority ON lrs_statements (authority_ifi, stored);
  CREATE INDEX lrs_statements_voids ON lrs_statements (voids_id);

  CREATE TABLE lrs_statement_agents (
    statement_seq INTEGER NOT NULL REFERENCES lrs_statements (seq),
    agent_ifi TEXT NOT NULL,
    related INTEGER NOT NULL,
    PRIMARY KEY (agent_ifi, statement_seq)
  );
  CREATE INDEX lrs_statement_agents_statement ON lrs_statement_agents (statement_seq);

  CREATE TABLE lrs_statement_activities (
    statement_seq INTEGER NOT NULL REFERENCES lrs_statements (seq),
    activity_id TEXT NOT NULL,
    related INTEGER NOT NULL,
    PRIMARY KEY (activity_id, statement_seq)
  );
  CREATE INDEX lrs_statement_activities_statement ON lrs_statement_activities (statement_seq);

  CREATE TABLE lrs_credentials (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    authority TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  );

  CREATE TABLE lrs_state_documents (
    activity_id TEXT NOT NULL,
    agent_ifi TEXT NOT NULL,
    registration TEXT NOT NULL,
    state_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    etag TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (activity_id, agent_ifi, registration, state_id)
  );
  `,
  // 2: attachment data, once per hash whichever statements declare it.
  `
  CREATE TABLE lrs_attachments (
    sha2 TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    content BLOB NOT NULL
  );
  `,
  // 3: activity and agent profile documents, canonical activity definitions, and the
  // StatementRef target of every statement (query filters follow it; backfilled here).
  `
  CREATE TABLE lrs_profile_documents (
    kind TEXT NOT NULL,
    owner TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    etag TEXT NOT NULL,
    updated TEXT NOT NULL,
    PRIMARY KEY (kind, owner, profile_id)
  );
  CREATE TABLE lrs_activity_definitions (
    activity_id TEXT PRIMARY KEY,
    definition TEXT NOT NULL
  );
  ALTER TABLE lrs_statements ADD COLUMN object_ref_id TEXT;
  UPDATE lrs_statements SET object_ref_id = lower(json_extract(statement, '$.object.id'))
    WHERE json_extract(statement, '$.object.objectType') = 'StatementRef';
  CREATE INDEX lrs_statements_object_ref ON lrs_statements (object_ref_id) WHERE object_ref_id IS NOT NULL;
  `,
];

export const createMigrationsTable = `CREATE TABLE IF NOT EXISTS lrs_schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`;
export const selectAppliedMigrations = `SELECT version FROM lrs_schema_migrations`;
export const insertMigration = `INSERT INTO lrs_schema_migrations (version, applied) VALUES (?, ?)`;

export const insertStatement = `
  INSERT INTO lrs_statements (id, statement, stored, verb_id, registration, authority_ifi, voids_id, voided, object_ref_id)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** One INSERT for all of a statement's agents (or activities): fewer round trips through the driver. */
export function insertStatementAgents(rows: number): string {
  return `INSERT INTO lrs_statement_agents (statement_seq, agent_ifi, related) VALUES ${valueTuples(rows, 3)}`;
}
export function insertStatementActivities(rows: number): string {
  return `INSERT INTO lrs_statement_activities (statement_seq, activity_id, related) VALUES ${valueTuples(rows, 3)}`;
}
function valueTuples(rows: number, columns: number): string {
  const tuple = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
  return Array.from({ length: rows }, () => tuple).join(", ");
}
export const markStatementVoided = `UPDATE lrs_statements SET voided = 1 WHERE id = ?`;
export const getStatement = `SELECT seq, statement, stored, voided, voids_id FROM lrs_statements WHERE id = ?`;
export const isVoidTarget = `SELECT 1 AS hit FROM lrs_statements WHERE voids_id = ? LIMIT 1`;

/** The filters a StatementRef passes on to its target (all but time, order and authority), on table alias `t`. */
function matchConditions(filter: StatementFilter, t: string): { where: string[]; params: SqlValue[] } {
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
  if (filter.agentIfi !== undefined) {
    where.push(
      // IN, not a correlated EXISTS: SQLite then starts from the side table's index instead
      // of scanning every statement in stored order (155 ms → 1 ms for one learner at 20k).
      `${t}.seq IN (SELECT a.statement_seq FROM lrs_statement_agents a WHERE a.agent_ifi = ?${filter.relatedAgents ? "" : " AND a.related = 0"})`,
    );
    params.push(filter.agentIfi);
  }
  if (filter.activityId !== undefined) {
    where.push(
      `${t}.seq IN (SELECT c.statement_seq FROM lrs_statement_activities c WHERE c.activity_id = ?${filter.relatedActivities ? "" : " AND c.related = 0"})`,
    );
    params.push(filter.activityId);
  }
  return { where, params };
}

/**
 * Statements that target (through their StatementRef object, recursively) a statement
 * meeting the match filters; undefined when the query has no match filter. Run first and
 * apart, so the common case (no such statements) keeps the plain, index-friendly query.
 */
export function statementRefMatches(filter: StatementFilter): { sql: string; params: SqlValue[] } | undefined {
  const match = matchConditions(filter, "t");
  if (match.where.length === 0) return undefined;
  return {
    sql: `WITH RECURSIVE refs(seq, id) AS (
            SELECT r.seq, r.id FROM lrs_statements r JOIN lrs_statements t ON t.id = r.object_ref_id
            WHERE r.object_ref_id IS NOT NULL AND ${match.where.join(" AND ")}
            UNION
            SELECT r.seq, r.id FROM lrs_statements r JOIN refs m ON r.object_ref_id = m.id
          )
          SELECT seq FROM refs`,
    params: match.params,
  };
}

/** The statement query: every filter is optional, so the SQL is assembled from parts. `refSeqs` come from statementRefMatches. */
export function queryStatements(filter: StatementFilter, refSeqs: readonly number[] = []): { sql: string; params: SqlValue[] } {
  const where = ["s.voided = 0"];
  const params: SqlValue[] = [];
  const match = matchConditions(filter, "s");
  if (match.where.length > 0 && refSeqs.length > 0) {
    where.push(`((${match.where.join(" AND ")}) OR s.seq IN (SELECT value FROM json_each(?)))`);
    params.push(...match.params, JSON.stringify(refSeqs));
  } else {
    where.push(...match.where);
    params.push(...match.params);
  }
  if (filter.authorityIfi !== undefined) {
    where.push("s.authority_ifi = ?");
    params.push(filter.authorityIfi);
  }
  if (filter.since !== undefined) {
    where.push("s.stored > ?");
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push("s.stored <= ?");
    params.push(filter.until);
  }
  if (filter.after !== undefined) {
    where.push(filter.ascending ? "(s.stored, s.seq) > (?, ?)" : "(s.stored, s.seq) < (?, ?)");
    params.push(filter.after.stored, filter.after.seq);
  }
  const direction = filter.ascending ? "ASC" : "DESC";
  params.push(filter.limit + 1);
  return {
    sql: `SELECT s.seq, s.statement, s.stored, s.voided, s.voids_id FROM lrs_statements s
          WHERE ${where.join(" AND ")} ORDER BY s.stored ${direction}, s.seq ${direction} LIMIT ?`,
    params,
  };
}

export const insertAttachment = `INSERT INTO lrs_attachments (sha2, content_type, content) VALUES (?, ?, ?) ON CONFLICT (sha2) DO NOTHING`;
export function getAttachments(count: number): string {
  return `SELECT sha2, content_type, content FROM lrs_attachments WHERE sha2 IN (${Array.from({ length: count }, () => "?").join(", ")})`;
}

export const insertCredential = `
  INSERT INTO lrs_credentials (key, name, scopes, authority, secret_hash, revoked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`;
export const revokeCredential = `UPDATE lrs_credentials SET revoked = 1 WHERE key = ?`;
export const getCredential = `SELECT key, name, scopes, authority, secret_hash, revoked, created_at FROM lrs_credentials WHERE key = ?`;
export const listCredentials = `SELECT key, name, scopes, authority, secret_hash, revoked, created_at FROM lrs_credentials ORDER BY created_at, key`;

export const putStateDocument = `
  INSERT INTO lrs_state_documents (activity_id, agent_ifi, registration, state_id, content_type, body, etag, updated)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (activity_id, agent_ifi, registration, state_id)
  DO UPDATE SET content_type = excluded.content_type, body = excluded.body, etag = excluded.etag, updated = excluded.updated`;
const documentKey = `activity_id = ? AND agent_ifi = ? AND registration = ? AND state_id = ?`;
export const getStateDocument = `SELECT content_type, body, etag, updated FROM lrs_state_documents WHERE ${documentKey}`;
export const deleteStateDocument = `DELETE FROM lrs_state_documents WHERE ${documentKey}`;

function stateScope(registration: string | undefined): string {
  return `activity_id = ? AND agent_ifi = ?${registration === undefined ? "" : " AND registration = ?"}`;
}
export function deleteStateDocuments(registration: string | undefined): string {
  return `DELETE FROM lrs_state_documents WHERE ${stateScope(registration)}`;
}
export function listStateIds(registration: string | undefined, since: string | undefined): string {
  return `SELECT DISTINCT state_id FROM lrs_state_documents WHERE ${stateScope(registration)}${since === undefined ? "" : " AND updated > ?"} ORDER BY state_id`;
}

export const putProfileDocument = `
  INSERT INTO lrs_profile_documents (kind, owner, profile_id, content_type, body, etag, updated)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (kind, owner, profile_id)
  DO UPDATE SET content_type = excluded.content_type, body = excluded.body, etag = excluded.etag, updated = excluded.updated`;
const profileKey = `kind = ? AND owner = ? AND profile_id = ?`;
export const getProfileDocument = `SELECT content_type, body, etag, updated FROM lrs_profile_documents WHERE ${profileKey}`;
export const deleteProfileDocument = `DELETE FROM lrs_profile_documents WHERE ${profileKey}`;
export function listProfileIds(since: string | undefined): string {
  return `SELECT profile_id FROM lrs_profile_documents WHERE kind = ? AND owner = ?${since === undefined ? "" : " AND updated > ?"} ORDER BY profile_id`;
}

export const getActivityDefinition = `SELECT definition FROM lrs_activity_definitions WHERE activity_id = ?`;
export const putActivityDefinition = `
  INSERT INTO lrs_activity_definitions (activity_id, definition) VALUES (?, ?)
  ON CONFLICT (activity_id) DO UPDATE SET definition = excluded.definition`;
