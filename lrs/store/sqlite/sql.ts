// SQLite SQL of the LRS store. Names match the store functions so a PostgreSQL twin
// (store/postgres/sql.ts) can mirror this file. Tables carry an `lrs_` prefix because
// the embedding LMS may keep its own tables in the same database file.
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
  // 4: speed (docs/performance.md). The agent and activity tables carry `stored` and are
  // clustered on (key, stored, seq) WITHOUT ROWID: one B-tree per row instead of three, and a
  // query for an agent or activity reads its newest statements in index order instead of
  // sorting all of them. Most statements void nothing, so that index keeps only those that do.
  `
  CREATE TABLE lrs_statement_agents_by_stored (
    agent_ifi TEXT NOT NULL,
    stored TEXT NOT NULL,
    statement_seq INTEGER NOT NULL REFERENCES lrs_statements (seq),
    related INTEGER NOT NULL,
    PRIMARY KEY (agent_ifi, stored, statement_seq)
  ) WITHOUT ROWID;
  INSERT INTO lrs_statement_agents_by_stored (agent_ifi, stored, statement_seq, related)
    SELECT a.agent_ifi, s.stored, a.statement_seq, a.related FROM lrs_statement_agents a JOIN lrs_statements s ON s.seq = a.statement_seq;
  DROP TABLE lrs_statement_agents;
  ALTER TABLE lrs_statement_agents_by_stored RENAME TO lrs_statement_agents;

  CREATE TABLE lrs_statement_activities_by_stored (
    activity_id TEXT NOT NULL,
    stored TEXT NOT NULL,
    statement_seq INTEGER NOT NULL REFERENCES lrs_statements (seq),
    related INTEGER NOT NULL,
    PRIMARY KEY (activity_id, stored, statement_seq)
  ) WITHOUT ROWID;
  INSERT INTO lrs_statement_activities_by_stored (activity_id, stored, statement_seq, related)
    SELECT c.activity_id, s.stored, c.statement_seq, c.related FROM lrs_statement_activities c JOIN lrs_statements s ON s.seq = c.statement_seq;
  DROP TABLE lrs_statement_activities;
  ALTER TABLE lrs_statement_activities_by_stored RENAME TO lrs_statement_activities;

  DROP INDEX lrs_statements_voids;
  CREATE INDEX lrs_statements_voids ON lrs_statements (voids_id) WHERE voids_id IS NOT NULL;
  `,
  // 5: speed. A batch goes in with one call through the driver: inserting its three JSON
  // arrays into this view runs the three INSERTs, agent and activity rows finding their
  // statement's seq by id. Each call is a hop to the driver's thread and back, waiting for the
  // event loop in between, while the write connection can do nothing else (docs/performance.md).
  `
  CREATE VIEW lrs_statement_batches AS SELECT NULL AS statements, NULL AS agents, NULL AS activities;
  CREATE TRIGGER lrs_statement_batches_insert INSTEAD OF INSERT ON lrs_statement_batches
  BEGIN
    INSERT INTO lrs_statements (id, statement, stored, verb_id, registration, authority_ifi, voids_id, voided, object_ref_id)
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
      FROM json_each(NEW.statements) ORDER BY key;
    INSERT INTO lrs_statement_agents (statement_seq, stored, agent_ifi, related)
      SELECT s.seq, s.stored, a.value ->> 1, a.value ->> 2
      FROM json_each(NEW.agents) a JOIN lrs_statements s ON s.id = a.value ->> 0;
    INSERT INTO lrs_statement_activities (statement_seq, stored, activity_id, related)
      SELECT s.seq, s.stored, a.value ->> 1, a.value ->> 2
      FROM json_each(NEW.activities) a JOIN lrs_statements s ON s.id = a.value ->> 0;
  END
  `,
];

export const createMigrationsTable = `CREATE TABLE IF NOT EXISTS lrs_schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`;
export const selectAppliedMigrations = `SELECT version FROM lrs_schema_migrations`;
export const insertMigration = `INSERT INTO lrs_schema_migrations (version, applied) VALUES (?, ?)`;

/**
 * A whole batch in one call (the trigger of migration 5): statements, agent rows and activity
 * rows as three JSON arrays (json_each), so one compiled statement serves every batch size.
 * Every call through the driver is a round trip to its thread pool, which costs more than the
 * inserts themselves.
 */
export const insertStatements = `INSERT INTO lrs_statement_batches (statements, agents, activities) VALUES (?, ?, ?)`;
/** Rows with void_target 0 are statements stored under the ids; with 1, ids a voiding statement targets. */
export const lookUpStatementIds = `
  SELECT 0 AS void_target, seq, id, statement, stored, voided, voids_id FROM lrs_statements
    WHERE id IN (SELECT value FROM json_each(?1))
  UNION ALL
  SELECT DISTINCT 1, NULL, voids_id, NULL, NULL, NULL, NULL FROM lrs_statements
    WHERE voids_id IN (SELECT value FROM json_each(?1))`;

export const markStatementVoided = `UPDATE lrs_statements SET voided = 1 WHERE id = ?`;
export const getStatement = `SELECT seq, statement, stored, voided, voids_id FROM lrs_statements WHERE id = ?`;
export const isVoidTarget = `SELECT 1 AS hit FROM lrs_statements WHERE voids_id = ? LIMIT 1`;

export { queryStatements, statementRefMatches } from "./statement-query-sql.js";

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
