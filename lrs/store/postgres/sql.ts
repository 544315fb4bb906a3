// PostgreSQL SQL of the LRS store: the twin of store/sqlite/sql.ts, with the same names.
// Text columns that are compared or ordered use COLLATE "C", so ids and ISO timestamps
// sort byte by byte as they do in SQLite, whatever the database's locale.
import type { StatementFilter } from "../../domain/statement-query.js";
import type { PgValue } from "./database.js";

/** Applied in order, each in the transaction that records it in lrs_schema_migrations. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE lrs_statements (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id TEXT COLLATE "C" NOT NULL UNIQUE,
    statement TEXT NOT NULL,
    stored TEXT COLLATE "C" NOT NULL,
    verb_id TEXT COLLATE "C" NOT NULL,
    registration TEXT COLLATE "C",
    authority_ifi TEXT COLLATE "C",
    voids_id TEXT COLLATE "C",
    voided BOOLEAN NOT NULL DEFAULT FALSE,
    object_ref_id TEXT COLLATE "C"
  );
  CREATE INDEX lrs_statements_stored ON lrs_statements (stored, seq);
  CREATE INDEX lrs_statements_verb ON lrs_statements (verb_id, stored);
  CREATE INDEX lrs_statements_registration ON lrs_statements (registration, stored);
  CREATE INDEX lrs_statements_authority ON lrs_statements (authority_ifi, stored);
  CREATE INDEX lrs_statements_voids ON lrs_statements (voids_id);
  CREATE INDEX lrs_statements_object_ref ON lrs_statements (object_ref_id) WHERE object_ref_id IS NOT NULL;

  CREATE TABLE lrs_statement_agents (
    statement_seq BIGINT NOT NULL REFERENCES lrs_statements (seq),
    agent_ifi TEXT COLLATE "C" NOT NULL,
    related BOOLEAN NOT NULL,
    PRIMARY KEY (agent_ifi, statement_seq)
  );
  CREATE INDEX lrs_statement_agents_statement ON lrs_statement_agents (statement_seq);

  CREATE TABLE lrs_statement_activities (
    statement_seq BIGINT NOT NULL REFERENCES lrs_statements (seq),
    activity_id TEXT COLLATE "C" NOT NULL,
    related BOOLEAN NOT NULL,
    PRIMARY KEY (activity_id, statement_seq)
  );
  CREATE INDEX lrs_statement_activities_statement ON lrs_statement_activities (statement_seq);

  CREATE TABLE lrs_attachments (
    sha2 TEXT COLLATE "C" PRIMARY KEY,
    content_type TEXT NOT NULL,
    content BYTEA NOT NULL
  );

  CREATE TABLE lrs_credentials (
    key TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    authority TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TEXT COLLATE "C" NOT NULL
  );

  CREATE TABLE lrs_state_documents (
    activity_id TEXT COLLATE "C" NOT NULL,
    agent_ifi TEXT COLLATE "C" NOT NULL,
    registration TEXT COLLATE "C" NOT NULL,
    state_id TEXT COLLATE "C" NOT NULL,
    content_type TEXT NOT NULL,
    body BYTEA NOT NULL,
    etag TEXT NOT NULL,
    updated TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (activity_id, agent_ifi, registration, state_id)
  );

  CREATE TABLE lrs_profile_documents (
    kind TEXT COLLATE "C" NOT NULL,
    owner TEXT COLLATE "C" NOT NULL,
    profile_id TEXT COLLATE "C" NOT NULL,
    content_type TEXT NOT NULL,
    body BYTEA NOT NULL,
    etag TEXT NOT NULL,
    updated TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, owner, profile_id)
  );

  CREATE TABLE lrs_activity_definitions (
    activity_id TEXT COLLATE "C" PRIMARY KEY,
    definition TEXT NOT NULL
  );
  `,
  // 2: agent and activity rows keyed (key, stored, statement_seq), as on SQLite (its migration
  // 4), so a query for an agent or an activity reads one page in index order instead of
  // collecting and sorting every statement of a course. The tables are rebuilt (not updated
  // in place, which would leave every old row version behind), in key order.
  ([["agents", "agent_ifi"], ["activities", "activity_id"]] as const).map(
    ([name, key]) => `
  CREATE TABLE lrs_statement_${name}_2 (
    statement_seq BIGINT NOT NULL,
    ${key} TEXT COLLATE "C" NOT NULL,
    related BOOLEAN NOT NULL,
    stored TEXT COLLATE "C" NOT NULL
  );
  INSERT INTO lrs_statement_${name}_2 (statement_seq, ${key}, related, stored)
    SELECT x.statement_seq, x.${key}, x.related, s.stored FROM lrs_statement_${name} x JOIN lrs_statements s ON s.seq = x.statement_seq
    ORDER BY x.${key}, s.stored, x.statement_seq;
  DROP TABLE lrs_statement_${name};
  ALTER TABLE lrs_statement_${name}_2 RENAME TO lrs_statement_${name};
  ALTER TABLE lrs_statement_${name}
    ADD CONSTRAINT lrs_statement_${name}_pkey PRIMARY KEY (${key}, stored, statement_seq),
    ADD CONSTRAINT lrs_statement_${name}_statement_seq_fkey FOREIGN KEY (statement_seq) REFERENCES lrs_statements (seq);
  CREATE INDEX lrs_statement_${name}_statement ON lrs_statement_${name} (statement_seq);
  `,
  ).join(""),
];

/**
 * Transaction-scoped advisory locks on keys (statement ids, document keys, activity ids),
 * taken in one sorted order so two batches cannot deadlock on them. Keys are hashed with
 * the schema, so deployments sharing a database do not wait on each other; a hash
 * collision only makes a writer wait.
 */
export const lockKeys = `
  SELECT count(pg_advisory_xact_lock(h)) FROM (
    SELECT DISTINCT hashtextextended(current_schema() || ' ' || k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY h
  ) AS keys`;

export const createMigrationsTable = `CREATE TABLE IF NOT EXISTS lrs_schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)`;
/** Held until the migrating transaction ends, so nodes starting together migrate one after another. */
export const lockMigrations = `SELECT pg_advisory_xact_lock(hashtext('obuka lrs migrations ' || current_schema()))`;
export const selectAppliedMigrations = `SELECT version FROM lrs_schema_migrations`;
export const insertMigration = `INSERT INTO lrs_schema_migrations (version, applied) VALUES ($1, $2)`;

/**
 * A whole batch in one INSERT each for statements, agents and activities: columns travel
 * as arrays (unnest), so one SQL text serves every batch size. Rows are inserted in batch
 * order, so seqs follow it; RETURNING maps ids to the seqs assigned.
 */
export const insertStatements = `
  INSERT INTO lrs_statements (id, statement, stored, verb_id, registration, authority_ifi, voids_id, voided, object_ref_id)
  SELECT id, statement, stored, verb_id, registration, authority_ifi, voids_id, voided, object_ref_id
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[])
    WITH ORDINALITY AS batch(id, statement, stored, verb_id, registration, authority_ifi, voids_id, voided, object_ref_id, position)
  ORDER BY position
  RETURNING seq, id`;
export const insertAgentRows = `
  INSERT INTO lrs_statement_agents (statement_seq, agent_ifi, related, stored)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::text[])`;
export const insertActivityRows = `
  INSERT INTO lrs_statement_activities (statement_seq, activity_id, related, stored)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::text[])`;
/** Rows with void_target false are statements stored under the ids; with true, ids a voiding statement targets. */
export const lookUpStatementIds = `
  SELECT FALSE AS void_target, seq, id, statement, stored, voided, voids_id FROM lrs_statements WHERE id = ANY($1::text[])
  UNION ALL
  SELECT DISTINCT TRUE, NULL::bigint, voids_id, NULL::text, NULL::text, NULL::boolean, NULL::text FROM lrs_statements WHERE voids_id = ANY($1::text[])`;
export const markStatementVoided = `UPDATE lrs_statements SET voided = TRUE WHERE id = $1`;
export const getStatement = `SELECT seq, statement, stored, voided, voids_id FROM lrs_statements WHERE id = $1`;
export const isVoidTarget = `SELECT 1 AS hit FROM lrs_statements WHERE voids_id = $1 LIMIT 1`;

/** Numbered placeholders for SQL assembled from optional parts. */
class Params {
  readonly values: PgValue[] = [];
  add(value: PgValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
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
 * activity are primary-key lookups by (key, stored, statement_seq) (migration 2).
 */
function matchConditions(filter: StatementFilter, t: string, params: Params, driver?: SideFilter): string[] {
  const where: string[] = [];
  if (filter.verbId !== undefined) where.push(`${t}.verb_id = ${params.add(filter.verbId)}`);
  if (filter.registration !== undefined) where.push(`${t}.registration = ${params.add(filter.registration)}`);
  for (const side of sideFilters(filter)) {
    if (side.table === driver?.table) continue;
    where.push(
      `EXISTS (SELECT 1 FROM ${side.table} x WHERE x.${side.column} = ${params.add(side.value)} AND x.stored = ${t}.stored AND x.statement_seq = ${t}.seq${side.related ? "" : " AND NOT x.related"})`,
    );
  }
  return where;
}

/**
 * Whether any statement holds a StatementRef object, read from the partial object_ref_id
 * index (ORDER BY + LIMIT 1 makes that index the plan whatever the statistics say). When
 * none does, statementRefMatches is not run: on a database never analyzed (bulk-loaded or
 * restored, autovacuum off) its plan scanned every statement, 0.5–1 s at a million.
 */
export const anyStatementRef = `SELECT 1 AS hit FROM lrs_statements WHERE object_ref_id IS NOT NULL ORDER BY object_ref_id LIMIT 1`;

/**
 * Statements that target (through their StatementRef object, recursively) a statement
 * meeting the match filters; undefined when the query has no match filter. Run first and
 * apart, so the common case (no such statements) keeps the plain, index-friendly query.
 */
export function statementRefMatches(filter: StatementFilter): { sql: string; params: PgValue[] } | undefined {
  const params = new Params();
  const match = matchConditions(filter, "t", params);
  if (match.length === 0) return undefined;
  return {
    // Run only when anyStatementRef finds one.
    sql: `WITH RECURSIVE refs(seq, id) AS (
            SELECT r.seq, r.id FROM lrs_statements r JOIN lrs_statements t ON t.id = r.object_ref_id
            WHERE r.object_ref_id IS NOT NULL AND ${match.join(" AND ")}
            UNION
            SELECT r.seq, r.id FROM lrs_statements r JOIN refs m ON r.object_ref_id = m.id
          )
          SELECT seq FROM refs`,
    params: params.values,
  };
}

/** Authority, since/until and the paging cursor, on the given stored and seq columns. */
function pageConditions(filter: StatementFilter, stored: string, seq: string, params: Params): string[] {
  const where: string[] = [];
  if (filter.authorityIfi !== undefined) where.push(`s.authority_ifi = ${params.add(filter.authorityIfi)}`);
  if (filter.since !== undefined) where.push(`${stored} > ${params.add(filter.since)}`);
  if (filter.until !== undefined) where.push(`${stored} <= ${params.add(filter.until)}`);
  if (filter.after !== undefined) {
    const after = `(${params.add(filter.after.stored)}, ${params.add(filter.after.seq)}::bigint)`;
    where.push(filter.ascending ? `(${stored}, ${seq}) > ${after}` : `(${stored}, ${seq}) < ${after}`);
  }
  return where;
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
function matchingPage(filter: StatementFilter, params: Params): string {
  const direction = filter.ascending ? "ASC" : "DESC";
  const driver = drivingSide(filter);
  if (driver === undefined) {
    const where = ["NOT s.voided", ...matchConditions(filter, "s", params), ...pageConditions(filter, "s.stored", "s.seq", params)];
    return `SELECT ${COLUMNS} FROM lrs_statements s
            WHERE ${where.join(" AND ")} ORDER BY s.stored ${direction}, s.seq ${direction} LIMIT ${params.add(filter.limit + 1)}`;
  }
  // The side table read in its key's (stored, statement_seq) order, one page of it.
  const where = [
    `d.${driver.column} = ${params.add(driver.value)}`,
    ...(driver.related ? [] : ["NOT d.related"]),
    "NOT s.voided",
    ...matchConditions(filter, "s", params, driver),
    ...pageConditions(filter, "d.stored", "d.statement_seq", params),
  ];
  return `SELECT ${COLUMNS} FROM ${driver.table} d JOIN lrs_statements s ON s.seq = d.statement_seq
          WHERE ${where.join(" AND ")} ORDER BY d.stored ${direction}, d.statement_seq ${direction} LIMIT ${params.add(filter.limit + 1)}`;
}

/** The statement query: every filter is optional, so the SQL is assembled from parts. `refSeqs` come from statementRefMatches: those statements match too. */
export function queryStatements(filter: StatementFilter, refSeqs: readonly number[] = []): { sql: string; params: PgValue[] } {
  const params = new Params();
  const matching = matchingPage(filter, params);
  if (refSeqs.length === 0) return { sql: matching, params: params.values };
  // Each arm is already one page in order; the union's first page is among them.
  const direction = filter.ascending ? "ASC" : "DESC";
  const where = [`s.seq = ANY(${params.add(refSeqs)}::bigint[])`, "NOT s.voided", ...pageConditions(filter, "s.stored", "s.seq", params)];
  return {
    sql: `SELECT * FROM ((${matching})
            UNION
            SELECT ${COLUMNS} FROM lrs_statements s WHERE ${where.join(" AND ")}) AS page
          ORDER BY stored ${direction}, seq ${direction} LIMIT ${params.add(filter.limit + 1)}`,
    params: params.values,
  };
}

export const insertAttachment = `INSERT INTO lrs_attachments (sha2, content_type, content) VALUES ($1, $2, $3) ON CONFLICT (sha2) DO NOTHING`;
export const getAttachments = `SELECT sha2, content_type, content FROM lrs_attachments WHERE sha2 = ANY($1::text[])`;

export const insertCredential = `
  INSERT INTO lrs_credentials (key, name, scopes, authority, secret_hash, revoked, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
export const revokeCredential = `UPDATE lrs_credentials SET revoked = TRUE WHERE key = $1`;
export const getCredential = `SELECT key, name, scopes, authority, secret_hash, revoked, created_at FROM lrs_credentials WHERE key = $1`;
export const listCredentials = `SELECT key, name, scopes, authority, secret_hash, revoked, created_at FROM lrs_credentials ORDER BY created_at, key`;

export const putStateDocument = `
  INSERT INTO lrs_state_documents (activity_id, agent_ifi, registration, state_id, content_type, body, etag, updated)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (activity_id, agent_ifi, registration, state_id)
  DO UPDATE SET content_type = excluded.content_type, body = excluded.body, etag = excluded.etag, updated = excluded.updated`;
const documentKey = `activity_id = $1 AND agent_ifi = $2 AND registration = $3 AND state_id = $4`;
export const getStateDocument = `SELECT content_type, body, etag, updated FROM lrs_state_documents WHERE ${documentKey}`;
export const deleteStateDocument = `DELETE FROM lrs_state_documents WHERE ${documentKey}`;

function stateScope(registration: string | undefined): string {
  return `activity_id = $1 AND agent_ifi = $2${registration === undefined ? "" : " AND registration = $3"}`;
}
export function deleteStateDocuments(registration: string | undefined): string {
  return `DELETE FROM lrs_state_documents WHERE ${stateScope(registration)}`;
}
export function listStateIds(registration: string | undefined, since: string | undefined): string {
  const sinceParam = registration === undefined ? "$3" : "$4";
  return `SELECT DISTINCT state_id FROM lrs_state_documents WHERE ${stateScope(registration)}${since === undefined ? "" : ` AND updated > ${sinceParam}`} ORDER BY state_id`;
}

export const putProfileDocument = `
  INSERT INTO lrs_profile_documents (kind, owner, profile_id, content_type, body, etag, updated)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (kind, owner, profile_id)
  DO UPDATE SET content_type = excluded.content_type, body = excluded.body, etag = excluded.etag, updated = excluded.updated`;
const profileKey = `kind = $1 AND owner = $2 AND profile_id = $3`;
export const getProfileDocument = `SELECT content_type, body, etag, updated FROM lrs_profile_documents WHERE ${profileKey}`;
export const deleteProfileDocument = `DELETE FROM lrs_profile_documents WHERE ${profileKey}`;
export function listProfileIds(since: string | undefined): string {
  return `SELECT profile_id FROM lrs_profile_documents WHERE kind = $1 AND owner = $2${since === undefined ? "" : " AND updated > $3"} ORDER BY profile_id`;
}

export const getActivityDefinition = `SELECT definition FROM lrs_activity_definitions WHERE activity_id = $1`;
export const putActivityDefinition = `
  INSERT INTO lrs_activity_definitions (activity_id, definition) VALUES ($1, $2)
  ON CONFLICT (activity_id) DO UPDATE SET definition = excluded.definition`;
