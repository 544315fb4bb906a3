// LrsStore on PostgreSQL. SQL lives in sql.ts (the twin of the SQLite one); this file
// binds parameters, maps rows, locks the keys a write decides on (lockForWrite) and
// wraps driver errors so none escapes the store.
import { StoreError } from "../../errors.js";
import type { Credential, Scope } from "../../domain/credential.js";
import type { StoredDocument } from "../../domain/state-document.js";
import type { ActivityDefinition, Agent, StoredStatement } from "../../domain/xapi-types.js";
import type { CredentialRow, LrsStore, NewStatementRow, StatementIdLookup, StoredStatementRow } from "../store.js";
import { PgDatabase, PgDriverError, type PgDatabaseOptions, type PgTx, type PgValue } from "./database.js";
import * as sql from "./sql.js";
import { stateDocumentParams, stateScopeParams, storeGuard } from "../store-params.js";

const guard = storeGuard("postgres");

interface StatementRow {
  /** BIGINT arrives as a string: JavaScript numbers are exact to 2^53, far beyond any LRS. */
  seq: string;
  statement: string;
  stored: string;
  voided: boolean;
  voids_id: string | null;
}

interface CredentialDbRow {
  key: string;
  name: string;
  scopes: string;
  authority: string;
  secret_hash: string;
  revoked: boolean;
  created_at: string;
}

interface DocumentRow {
  content_type: string;
  body: Buffer;
  etag: string;
  updated: string;
}

export type PgLrsStoreOptions = PgDatabaseOptions;

export type PgLrsStore = LrsStore<PgTx> & { close(): Promise<void> };

/** Connects to PostgreSQL and brings the LRS tables of the schema up to date. */
export async function openPgLrsStore(options: PgLrsStoreOptions): Promise<PgLrsStore> {
  const db = await guard("connect", () => PgDatabase.open(options));
  try {
    const store = await createPgLrsStore(db);
    return { ...store, close: () => guard("close connections", () => db.close()) };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** An LRS store on an already open database. Runs migrations. */
export async function createPgLrsStore(db: PgDatabase): Promise<LrsStore<PgTx>> {
  await guard("migrate", () => migrate(db));
  return {
    read: (work) => guardDriver(db.read(work)),
    write: (work) => guardDriver(db.write(work)),

    insertStatement: (tx, record, voided) => guard("insert statement", () => insertStatements(tx, [{ record, voided }])),
    insertStatements: (tx, rows) => guard("insert statements", () => insertStatements(tx, rows)),
    markStatementVoided: (tx, id) => guard("void statement", async () => void (await tx.query(sql.markStatementVoided, [id]))),
    getStatement: (tx, id) =>
      guard("get statement", async () => {
        await lockForWrite(tx, [statementKey(id)]);
        const [row] = (await tx.query<StatementRow>(sql.getStatement, [id])).rows;
        return row === undefined ? undefined : toStatementRow(row);
      }),
    lookUpStatementIds: (tx, ids) =>
      guard("look up statement ids", async () => {
        const found: StatementIdLookup = { stored: new Map(), voidTargets: new Set() };
        if (ids.length === 0) return found;
        await lockForWrite(tx, ids.map(statementKey));
        const { rows } = await tx.query<StatementRow & { id: string; void_target: boolean }>(sql.lookUpStatementIds, [ids]);
        for (const row of rows) {
          if (row.void_target) found.voidTargets.add(row.id);
          else found.stored.set(row.id, toStatementRow(row));
        }
        return found;
      }),
    isVoidTarget: (tx, id) =>
      guard("check void target", async () => {
        await lockForWrite(tx, [statementKey(id)]);
        return (await tx.query(sql.isVoidTarget, [id])).rows.length > 0;
      }),
    queryStatements: (tx, filter) =>
      guard("query statements", async () => {
        const refs = sql.statementRefMatches(filter);
        const anyRefs = refs !== undefined && (await tx.query(sql.anyStatementRef)).rows.length > 0;
        const refSeqs = anyRefs ? (await tx.query<{ seq: string }>(refs.sql, refs.params)).rows.map((r) => Number(r.seq)) : [];
        const query = sql.queryStatements(filter, refSeqs);
        return (await tx.query<StatementRow>(query.sql, query.params)).rows.map(toStatementRow);
      }),

    insertAttachment: (tx, part) =>
      guard("insert attachment", async () => void (await tx.query(sql.insertAttachment, [part.sha2, part.contentType, part.content]))),
    getAttachments: (tx, sha2s) =>
      guard("get attachments", async () => {
        if (sha2s.length === 0) return [];
        const { rows } = await tx.query<{ sha2: string; content_type: string; content: Buffer }>(sql.getAttachments, [sha2s]);
        return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: r.content }));
      }),

    insertCredential: (tx, row) =>
      guard("insert credential", async () => {
        const c = row.credential;
        await tx.query(sql.insertCredential, [c.key, c.name, JSON.stringify(c.scopes), JSON.stringify(c.authority), row.secretHash, c.revoked, c.createdAt]);
      }),
    revokeCredential: (tx, key) => guard("revoke credential", async () => (await tx.query(sql.revokeCredential, [key])).rowCount > 0),
    getCredential: (tx, key) =>
      guard("get credential", async () => {
        const [row] = (await tx.query<CredentialDbRow>(sql.getCredential, [key])).rows;
        return row === undefined ? undefined : toCredentialRow(row);
      }),
    listCredentials: (tx) =>
      guard("list credentials", async () => (await tx.query<CredentialDbRow>(sql.listCredentials)).rows.map((r) => toCredentialRow(r).credential)),

    putStateDocument: (tx, key, doc) =>
      guard("put state document", async () => {
        await tx.query(sql.putStateDocument, [...stateDocumentParams(key), doc.contentType, doc.body, doc.etag, doc.updated]);
      }),
    deleteStateDocument: (tx, key) => guard("delete state document", async () => void (await tx.query(sql.deleteStateDocument, stateDocumentParams(key)))),
    deleteStateDocuments: (tx, scope) =>
      guard("delete state documents", async () => void (await tx.query(sql.deleteStateDocuments(scope.registration), stateScopeParams(scope)))),
    getStateDocument: (tx, key) =>
      guard("get state document", async () => {
        await lockForWrite(tx, [JSON.stringify(["state", ...stateDocumentParams(key)])]);
        const [row] = (await tx.query<DocumentRow>(sql.getStateDocument, stateDocumentParams(key))).rows;
        return row === undefined ? undefined : toDocument(row);
      }),
    listStateIds: (tx, scope, since) =>
      guard("list state ids", async () => {
        const params = since === undefined ? stateScopeParams(scope) : [...stateScopeParams(scope), since];
        return (await tx.query<{ state_id: string }>(sql.listStateIds(scope.registration, since), params)).rows.map((r) => r.state_id);
      }),

    putProfileDocument: (tx, key, doc) =>
      guard("put profile document", async () => {
        await tx.query(sql.putProfileDocument, [key.kind, key.owner, key.profileId, doc.contentType, doc.body, doc.etag, doc.updated]);
      }),
    getProfileDocument: (tx, key) =>
      guard("get profile document", async () => {
        await lockForWrite(tx, [JSON.stringify(["profile", key.kind, key.owner, key.profileId])]);
        const [row] = (await tx.query<DocumentRow>(sql.getProfileDocument, [key.kind, key.owner, key.profileId])).rows;
        return row === undefined ? undefined : toDocument(row);
      }),
    deleteProfileDocument: (tx, key) =>
      guard("delete profile document", async () => void (await tx.query(sql.deleteProfileDocument, [key.kind, key.owner, key.profileId]))),
    listProfileIds: (tx, scope, since) =>
      guard("list profile ids", async () => {
        const params: PgValue[] = since === undefined ? [scope.kind, scope.owner] : [scope.kind, scope.owner, since];
        return (await tx.query<{ profile_id: string }>(sql.listProfileIds(since), params)).rows.map((r) => r.profile_id);
      }),

    getActivityDefinition: (tx, activityId) =>
      guard("get activity definition", async () => {
        await lockForWrite(tx, [JSON.stringify(["activity", activityId])]);
        const [row] = (await tx.query<{ definition: string }>(sql.getActivityDefinition, [activityId])).rows;
        return row === undefined ? undefined : (JSON.parse(row.definition) as ActivityDefinition);
      }),
    putActivityDefinition: (tx, activityId, definition) =>
      guard("put activity definition", async () => {
        const text = JSON.stringify(definition);
        // Most statements repeat a definition already stored: leave that row untouched.
        const [current] = (await tx.query<{ definition: string }>(sql.getActivityDefinition, [activityId])).rows;
        if (current?.definition !== text) await tx.query(sql.putActivityDefinition, [activityId, text]);
      }),
  };
}

/** Every pending migration in one transaction (PostgreSQL DDL is transactional), under a lock other nodes wait on. */
async function migrate(db: PgDatabase): Promise<void> {
  await db.migrate(async (tx) => {
    await tx.query(sql.lockMigrations);
    await tx.query(sql.createMigrationsTable);
    const applied = new Set((await tx.query<{ version: number }>(sql.selectAppliedMigrations)).rows.map((r) => r.version));
    for (const [index, migration] of sql.MIGRATIONS.entries()) {
      if (applied.has(index + 1)) continue;
      // Without parameters, pg sends the text as a simple query, which may hold several statements.
      await tx.query(migration);
      await tx.query(sql.insertMigration, [index + 1, new Date().toISOString()]);
    }
  });
}

async function insertStatements(tx: PgTx, rows: readonly NewStatementRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(of: (row: NewStatementRow) => T): T[] => rows.map(of);
  const { rows: assigned } = await tx.query<{ seq: string; id: string }>(sql.insertStatements, [
    column((r) => r.record.id),
    column((r) => JSON.stringify(r.record.statement)),
    column((r) => r.record.stored),
    column((r) => r.record.verbId),
    column((r) => r.record.registration ?? null),
    column((r) => r.record.authorityIfi ?? null),
    column((r) => r.record.voidsId ?? null),
    column((r) => r.voided),
    column((r) => r.record.objectRefId ?? null),
  ] as PgValue[]);
  const seqOf = new Map(assigned.map((row) => [row.id, row.seq]));
  const agents: SideRows = { seqs: [], keys: [], related: [], stored: [] };
  const activities: SideRows = { seqs: [], keys: [], related: [], stored: [] };
  for (const { record } of rows) {
    const seq = seqOf.get(record.id);
    if (seq === undefined) throw new StoreError(`postgres: no seq returned for statement ${record.id}`);
    for (const agent of record.agents) push(agents, seq, record.stored, agent);
    for (const activity of record.activities) push(activities, seq, record.stored, activity);
  }
  if (agents.seqs.length > 0) await tx.query(sql.insertAgentRows, [agents.seqs, agents.keys, agents.related, agents.stored]);
  if (activities.seqs.length > 0) await tx.query(sql.insertActivityRows, [activities.seqs, activities.keys, activities.related, activities.stored]);
}

/** Agent or activity rows of a batch, as the columns insertAgentRows / insertActivityRows take. */
interface SideRows {
  seqs: string[];
  keys: string[];
  related: boolean[];
  stored: string[];
}

function push(columns: SideRows, seq: string, stored: string, ref: { key: string; related: boolean }): void {
  columns.seqs.push(seq);
  columns.keys.push(ref.key);
  columns.related.push(ref.related);
  columns.stored.push(stored);
}

/**
 * In a write transaction, a read decides what is written (an equal resend or a conflict,
 * whether a statement arrives voided, an ETag precondition, a definition merge). Locking
 * the keys read, before reading them in a separate statement (READ COMMITTED takes a
 * snapshot per statement), makes a second writer of the same key wait for the first to
 * commit and then see its row, as on the one SQLite connection. Reads alone lock nothing.
 */
async function lockForWrite(tx: PgTx, keys: readonly string[]): Promise<void> {
  if (tx.writing && keys.length > 0) await tx.query(sql.lockKeys, [keys]);
}

function statementKey(id: string): string {
  return JSON.stringify(["statement", id]);
}

function toStatementRow(row: StatementRow): StoredStatementRow {
  return {
    statement: JSON.parse(row.statement) as StoredStatement,
    voided: row.voided,
    voidsId: row.voids_id ?? undefined,
    cursor: { stored: row.stored, seq: Number(row.seq) },
  };
}

function toCredentialRow(row: CredentialDbRow): CredentialRow {
  const credential: Credential = {
    key: row.key,
    name: row.name,
    scopes: JSON.parse(row.scopes) as Scope[],
    authority: JSON.parse(row.authority) as Agent,
    revoked: row.revoked,
    createdAt: row.created_at,
  };
  return { credential, secretHash: row.secret_hash };
}

function toDocument(row: DocumentRow): StoredDocument {
  return { contentType: row.content_type, body: row.body, etag: row.etag, updated: row.updated };
}

/**
 * Errors thrown by the core inside a transaction pass through untouched; failures of
 * the transaction itself (connect, BEGIN, COMMIT, a serialization failure that outlasted
 * its retries) are wrapped.
 */
async function guardDriver<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof PgDriverError) throw new StoreError("postgres: transaction failed", { cause: error });
    throw error;
  }
}
