// LrsStore on SQLite. SQL lives in sql.ts; this file binds parameters, maps rows and
// wraps driver errors so none escapes the store.
import { StoreError } from "../../errors.js";
import type { Credential, Scope } from "../../domain/credential.js";
import type { StatementFilter } from "../../domain/statement-query.js";
import type { StoredDocument } from "../../domain/state-document.js";
import type { ActivityDefinition, Agent, StoredStatement } from "../../domain/xapi-types.js";
import type { CredentialRow, LrsStore, NewStatementRow, StatementIdLookup, StoredStatementRow } from "../store.js";
import { SqliteDatabase, type SqliteTx, type SqlValue } from "./database.js";
import * as sql from "./sql.js";
import { stateDocumentParams, stateScopeParams, storeGuard } from "../store-params.js";

const guard = storeGuard("sqlite");

interface StatementRow {
  seq: number;
  statement: string;
  stored: string;
  voided: number;
  voids_id: string | null;
}

interface CredentialDbRow {
  key: string;
  name: string;
  scopes: string;
  authority: string;
  secret_hash: string;
  revoked: number;
  created_at: string;
}

interface DocumentRow {
  content_type: string;
  body: Buffer;
  etag: string;
  updated: string;
}

export type SqliteLrsStore = LrsStore<SqliteTx> & { close(): Promise<void> };

/**
 * Opens (creating if needed) an SQLite file and brings its LRS tables up to date. Reads
 * (credential checks, queries) run on a second connection beside the writes, and the LRS's
 * writes only touch their transaction, so a group of them commits without savepoints.
 */
export async function openSqliteLrsStore(filename: string): Promise<SqliteLrsStore> {
  const db = await guard("open database", () => SqliteDatabase.open(filename, { separateReads: true, rerunnableWrites: true }));
  const store = await createSqliteLrsStore(db);
  return { ...store, close: () => guard("close database", () => db.close()) };
}

/** An LRS store on an already open database, e.g. one the LMS shares. Runs migrations. */
export async function createSqliteLrsStore(db: SqliteDatabase): Promise<LrsStore<SqliteTx>> {
  await guard("migrate", () => migrate(db));
  return {
    read: (work) => guardDriver(db.read(work)),
    write: (work) => guardDriver(db.write(work)),

    insertStatement: (tx, record, voided) => guard("insert statement", () => insertStatements(tx, [{ record, voided }])),
    insertStatements: (tx, rows) => guard("insert statements", () => insertStatements(tx, rows)),
    markStatementVoided: (tx, id) => guard("void statement", async () => void (await tx.run(sql.markStatementVoided, [id]))),
    getStatement: (tx, id) =>
      guard("get statement", async () => {
        const row = await tx.get<StatementRow>(sql.getStatement, [id]);
        return row === undefined ? undefined : toStatementRow(row);
      }),
    lookUpStatementIds: (tx, ids) =>
      guard("look up statement ids", async () => {
        const found: StatementIdLookup = { stored: new Map(), voidTargets: new Set() };
        if (ids.length === 0) return found;
        const rows = await tx.all<StatementRow & { id: string; void_target: number }>(sql.lookUpStatementIds, [JSON.stringify(ids)]);
        for (const row of rows) {
          if (row.void_target === 1) found.voidTargets.add(row.id);
          else found.stored.set(row.id, toStatementRow(row));
        }
        return found;
      }),
    isVoidTarget: (tx, id) => guard("check void target", async () => (await tx.get(sql.isVoidTarget, [id])) !== undefined),
    queryStatements: (tx, filter: StatementFilter) =>
      guard("query statements", async () => {
        const refs = sql.statementRefMatches(filter);
        const refSeqs = refs === undefined ? [] : (await tx.all<{ seq: number }>(refs.sql, refs.params)).map((r) => r.seq);
        const query = sql.queryStatements(filter, refSeqs);
        return (await tx.all<StatementRow>(query.sql, query.params)).map(toStatementRow);
      }),

    insertAttachment: (tx, part) =>
      guard("insert attachment", async () => void (await tx.run(sql.insertAttachment, [part.sha2, part.contentType, part.content]))),
    getAttachments: (tx, sha2s) =>
      guard("get attachments", async () => {
        if (sha2s.length === 0) return [];
        const rows = await tx.all<{ sha2: string; content_type: string; content: Buffer }>(sql.getAttachments(sha2s.length), [...sha2s]);
        return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: r.content }));
      }),

    insertCredential: (tx, row) =>
      guard("insert credential", async () => {
        const c = row.credential;
        await tx.run(sql.insertCredential, [
          c.key,
          c.name,
          JSON.stringify(c.scopes),
          JSON.stringify(c.authority),
          row.secretHash,
          c.revoked ? 1 : 0,
          c.createdAt,
        ]);
      }),
    revokeCredential: (tx, key) => guard("revoke credential", async () => (await tx.run(sql.revokeCredential, [key])).changes > 0),
    getCredential: (tx, key) =>
      guard("get credential", async () => {
        const row = await tx.get<CredentialDbRow>(sql.getCredential, [key]);
        return row === undefined ? undefined : toCredentialRow(row);
      }),
    listCredentials: (tx) =>
      guard("list credentials", async () => (await tx.all<CredentialDbRow>(sql.listCredentials)).map((r) => toCredentialRow(r).credential)),

    putStateDocument: (tx, key, doc) =>
      guard("put state document", async () => {
        await tx.run(sql.putStateDocument, [...stateDocumentParams(key), doc.contentType, doc.body, doc.etag, doc.updated]);
      }),
    deleteStateDocument: (tx, key) => guard("delete state document", async () => void (await tx.run(sql.deleteStateDocument, stateDocumentParams(key)))),
    deleteStateDocuments: (tx, scope) =>
      guard("delete state documents", async () => void (await tx.run(sql.deleteStateDocuments(scope.registration), stateScopeParams(scope)))),
    getStateDocument: (tx, key) =>
      guard("get state document", async () => {
        const row = await tx.get<DocumentRow>(sql.getStateDocument, stateDocumentParams(key));
        return row === undefined ? undefined : { contentType: row.content_type, body: row.body, etag: row.etag, updated: row.updated };
      }),
    listStateIds: (tx, scope, since) =>
      guard("list state ids", async () => {
        const params = since === undefined ? stateScopeParams(scope) : [...stateScopeParams(scope), since];
        const rows = await tx.all<{ state_id: string }>(sql.listStateIds(scope.registration, since), params);
        return rows.map((r) => r.state_id);
      }),

    putProfileDocument: (tx, key, doc) =>
      guard("put profile document", async () => {
        await tx.run(sql.putProfileDocument, [key.kind, key.owner, key.profileId, doc.contentType, doc.body, doc.etag, doc.updated]);
      }),
    getProfileDocument: (tx, key) =>
      guard("get profile document", async () => {
        const row = await tx.get<DocumentRow>(sql.getProfileDocument, [key.kind, key.owner, key.profileId]);
        return row === undefined ? undefined : { contentType: row.content_type, body: row.body, etag: row.etag, updated: row.updated };
      }),
    deleteProfileDocument: (tx, key) =>
      guard("delete profile document", async () => void (await tx.run(sql.deleteProfileDocument, [key.kind, key.owner, key.profileId]))),
    listProfileIds: (tx, scope, since) =>
      guard("list profile ids", async () => {
        const params: SqlValue[] = since === undefined ? [scope.kind, scope.owner] : [scope.kind, scope.owner, since];
        return (await tx.all<{ profile_id: string }>(sql.listProfileIds(since), params)).map((r) => r.profile_id);
      }),

    getActivityDefinition: (tx, activityId) =>
      guard("get activity definition", async () => {
        const row = await tx.get<{ definition: string }>(sql.getActivityDefinition, [activityId]);
        return row === undefined ? undefined : (JSON.parse(row.definition) as ActivityDefinition);
      }),
    putActivityDefinition: (tx, activityId, definition) =>
      guard("put activity definition", async () => void (await tx.run(sql.putActivityDefinition, [activityId, JSON.stringify(definition)]))),
  };
}

async function migrate(db: SqliteDatabase): Promise<void> {
  await db.exec(sql.createMigrationsTable);
  await db.write(async (tx) => {
    const applied = new Set((await tx.all<{ version: number }>(sql.selectAppliedMigrations)).map((r) => r.version));
    for (const [index, migration] of sql.MIGRATIONS.entries()) {
      if (applied.has(index + 1)) continue;
      for (const statement of splitSql(migration)) await tx.run(statement);
      await tx.run(sql.insertMigration, [index + 1, new Date().toISOString()]);
    }
  });
}

/**
 * sqlite3's run() executes one statement; migrations hold several (none contains a ";"
 * literal). A trigger's body keeps its statements up to its END.
 */
function splitSql(script: string): string[] {
  const statements: string[] = [];
  let trigger: string[] | undefined;
  for (const part of script.split(";").map((s) => s.trim())) {
    if (part.length === 0) continue;
    if (trigger === undefined && !/^CREATE\s+TRIGGER\b/i.test(part)) {
      statements.push(part);
      continue;
    }
    trigger = [...(trigger ?? []), part];
    if (/\bEND$/i.test(part)) {
      statements.push(trigger.join(";\n"));
      trigger = undefined;
    }
  }
  return statements;
}

async function insertStatements(tx: SqliteTx, rows: readonly NewStatementRow[]): Promise<void> {
  if (rows.length === 0) return;
  const statements = rows.map(({ record, voided }) => [
    record.id,
    JSON.stringify(record.statement),
    record.stored,
    record.verbId,
    record.registration ?? null,
    record.authorityIfi ?? null,
    record.voidsId ?? null,
    voided ? 1 : 0,
    record.objectRefId ?? null,
  ]);
  // Agent and activity rows name their statement by id; the insert finds its seq.
  const agents: [string, string, number][] = [];
  const activities: [string, string, number][] = [];
  for (const { record } of rows) {
    for (const agent of record.agents) agents.push([record.id, agent.key, agent.related ? 1 : 0]);
    for (const activity of record.activities) activities.push([record.id, activity.key, activity.related ? 1 : 0]);
  }
  await tx.run(sql.insertStatements, [JSON.stringify(statements), JSON.stringify(agents), JSON.stringify(activities)]);
}

/** The statement is parsed on first use: a page in the exact format is sent as stored. */
function toStatementRow(row: StatementRow): StoredStatementRow {
  let parsed: StoredStatement | undefined;
  return {
    get statement() {
      return (parsed ??= JSON.parse(row.statement) as StoredStatement);
    },
    json: row.statement,
    voided: row.voided === 1,
    voidsId: row.voids_id ?? undefined,
    cursor: { stored: row.stored, seq: row.seq },
  };
}

function toCredentialRow(row: CredentialDbRow): CredentialRow {
  const credential: Credential = {
    key: row.key,
    name: row.name,
    scopes: JSON.parse(row.scopes) as Scope[],
    authority: JSON.parse(row.authority) as Agent,
    revoked: row.revoked === 1,
    createdAt: row.created_at,
  };
  return { credential, secretHash: row.secret_hash };
}

/**
 * Errors thrown by the core inside a transaction pass through untouched; only driver
 * errors (from BEGIN/COMMIT) are wrapped.
 */
async function guardDriver<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("SQLITE")) {
      throw new StoreError("sqlite: transaction failed", { cause: error });
    }
    throw error;
  }
}
