// The storage protocol the LRS core needs. Every function receives the transaction it
// runs in, so the core decides what is atomic; commands write, queries read. A backend
// wraps its driver's errors in StoreError.
import type { AttachmentPart } from "../domain/attachments.js";
import type { Credential } from "../domain/credential.js";
import type { StateDocumentKey, StateScopeKey, StoredDocument } from "../domain/state-document.js";
import type { StatementFilter, StatementCursor } from "../domain/statement-query.js";
import type { StatementRecord } from "../domain/statement-index.js";
import type { ActivityDefinition, StoredStatement } from "../domain/xapi-types.js";
import type { ProfileDocumentKey, ProfileScopeKey } from "../domain/profile-document.js";

export interface StoredStatementRow {
  statement: StoredStatement;
  /**
   * The statement as JSON text, when the backend stores text (SQLite): a page in the exact
   * format is sent as it is, without parsing and serializing it again.
   */
  json?: string;
  voided: boolean;
  /** The id this statement voids, if it is a voiding statement. */
  voidsId: string | undefined;
  cursor: StatementCursor;
}

export interface NewStatementRow {
  record: StatementRecord;
  /** True when a voiding statement for it is already stored or arrives in the same batch. */
  voided: boolean;
}

/** What a batch's write must know about its ids before it decides, from one lookup. */
export interface StatementIdLookup {
  /** The stored statements among the ids, voided or not, keyed by id. */
  stored: Map<string, StoredStatementRow>;
  /** Those of the ids that a stored voiding statement targets. */
  voidTargets: Set<string>;
}

export interface CredentialRow {
  credential: Credential;
  /** Hex SHA-256 of the secret. */
  secretHash: string;
}

export interface LrsStore<Tx = unknown> {
  /** Runs `work` in a read transaction. */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in a write transaction: committed when the promise resolves, rolled back when
   * it rejects. `work` may run more than once (a retried deadlock, a rerun group commit), so it
   * touches nothing but the transaction.
   */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;

  // Statements: commands
  insertStatement(tx: Tx, record: StatementRecord, voided: boolean): Promise<void>;
  /** Inserts a batch in order (one round trip per table where the backend allows): the ingest path. */
  insertStatements(tx: Tx, rows: readonly NewStatementRow[]): Promise<void>;
  markStatementVoided(tx: Tx, id: string): Promise<void>;

  // Statements: queries
  /** By id (lowercase), voided or not. */
  getStatement(tx: Tx, id: string): Promise<StoredStatementRow | undefined>;
  /**
   * For a batch's ids (lowercase): the statements stored under them and those a stored voiding
   * statement targets, in one lookup (in a write, the backend locks the ids first): the ingest path.
   */
  lookUpStatementIds(tx: Tx, ids: readonly string[]): Promise<StatementIdLookup>;
  /** Whether a stored voiding statement targets `id` (lowercase). */
  isVoidTarget(tx: Tx, id: string): Promise<boolean>;
  /**
   * Non-voided statements matching the filter, at most `filter.limit + 1` so callers can tell
   * there is more. A statement whose object is a StatementRef also matches when its target
   * (recursively, voided or not) meets the agent/verb/activity/registration filters; time
   * and authority filters apply to the returned statement itself.
   */
  queryStatements(tx: Tx, filter: StatementFilter): Promise<StoredStatementRow[]>;

  // Attachments: raw data kept once per hash (lowercase hex SHA-2)
  /** Stores the part unless its hash is already stored. */
  insertAttachment(tx: Tx, part: AttachmentPart): Promise<void>;
  /** The stored parts among `sha2s`; unknown hashes are left out. */
  getAttachments(tx: Tx, sha2s: readonly string[]): Promise<AttachmentPart[]>;

  // Credentials
  insertCredential(tx: Tx, row: CredentialRow): Promise<void>;
  /** Returns false when no credential has this key. */
  revokeCredential(tx: Tx, key: string): Promise<boolean>;
  getCredential(tx: Tx, key: string): Promise<CredentialRow | undefined>;
  listCredentials(tx: Tx): Promise<Credential[]>;

  // State documents
  putStateDocument(tx: Tx, key: StateDocumentKey, document: StoredDocument): Promise<void>;
  deleteStateDocument(tx: Tx, key: StateDocumentKey): Promise<void>;
  deleteStateDocuments(tx: Tx, scope: StateScopeKey): Promise<void>;
  getStateDocument(tx: Tx, key: StateDocumentKey): Promise<StoredDocument | undefined>;
  /** stateIds in the scope, updated after `since` (exclusive) when given. */
  listStateIds(tx: Tx, scope: StateScopeKey, since: string | undefined): Promise<string[]>;

  // Activity and agent profile documents
  putProfileDocument(tx: Tx, key: ProfileDocumentKey, document: StoredDocument): Promise<void>;
  getProfileDocument(tx: Tx, key: ProfileDocumentKey): Promise<StoredDocument | undefined>;
  deleteProfileDocument(tx: Tx, key: ProfileDocumentKey): Promise<void>;
  /** profileIds in the scope, updated after `since` (exclusive) when given. */
  listProfileIds(tx: Tx, scope: ProfileScopeKey, since: string | undefined): Promise<string[]>;

  // Canonical activity definitions
  getActivityDefinition(tx: Tx, activityId: string): Promise<ActivityDefinition | undefined>;
  putActivityDefinition(tx: Tx, activityId: string, definition: ActivityDefinition): Promise<void>;
}
