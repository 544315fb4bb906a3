// The composition root of the LRS core: wires the operations to a store and to the
// injected clock, id generator and logger.
import { randomUUID } from "node:crypto";
import type { AttachmentPart } from "./domain/attachments.js";
import type { Credential, Scope } from "./domain/credential.js";
import type { StateParams, StateScope, StoredDocument } from "./domain/state-document.js";
import type { StatementQuery, StatementResult } from "./domain/statement-query.js";
import type { Activity, Agent } from "./domain/xapi-types.js";
import type { Person } from "./domain/person.js";
import type { Preconditions } from "./domain/preconditions.js";
import type { XapiVersion } from "./domain/xapi-version.js";
import type { ProfileParams, ProfileScope } from "./domain/profile-document.js";
import { getActivity, getPerson } from "./ops/definitions.js";
import {
  deleteProfileDocument,
  getProfileDocument,
  listProfileIds,
  postProfileDocument,
  putProfileDocument,
} from "./ops/profile-documents.js";
import type { LrsGuard, LrsLogger, OpsContext, StatementsListener } from "./ops/context.js";
import { getAttachments } from "./ops/attachments.js";
import { authenticate, createCredential, listCredentials, revokeCredential } from "./ops/credentials.js";
import { consistentThrough, queryStatements, type QueryOptions } from "./ops/query-statements.js";
import {
  deleteStateDocument,
  deleteStateDocuments,
  getStateDocument,
  listStateIds,
  postStateDocument,
  putStateDocument,
  type DocumentInput,
} from "./ops/state-documents.js";
import { storeStatements, type StoreOptions } from "./ops/store-statements.js";
import type { LrsStore } from "./store/store.js";

export interface Lrs {
  /**
   * Validates (throws ValidationError naming the path), fills id/authority/version and
   * stored/timestamp, commits, then awaits listeners. Returns ids in order. Input is a
   * statement object or an array of them. `attachments` are the raw parts of a multipart
   * request; every one must be declared, and every declared attachment without a fileUrl
   * must have one. Signature attachments are checked.
   */
  storeStatements(input: unknown, as: Credential, attachments?: readonly AttachmentPart[], options?: StoreOptions): Promise<string[]>;
  queryStatements(query: StatementQuery, as: Credential, options?: QueryOptions): Promise<StatementResult>;
  /** X-Experience-API-Consistent-Through for answers that ran no query (a rejected one). */
  consistentThrough(): string;
  /** Stored attachment data among these hashes, for answers with attachments=true. */
  getAttachments(sha2s: readonly string[], as: Credential): Promise<AttachmentPart[]>;

  getStateDocument(params: StateParams, as: Credential): Promise<StoredDocument | undefined>;
  /**
   * `pre` (If-Match / If-None-Match) is checked in the write transaction: PreconditionFailedError.
   * Under `version` 2.0.0 a PUT over an existing document without either is a ConflictError (409).
   */
  putStateDocument(params: StateParams, doc: DocumentInput, as: Credential, pre?: Preconditions, version?: XapiVersion): Promise<void>;
  /** Merges a JSON object into the stored JSON object (or stores it when there is none). */
  postStateDocument(params: StateParams, doc: DocumentInput, as: Credential, pre?: Preconditions): Promise<void>;
  deleteStateDocument(params: StateParams, as: Credential, pre?: Preconditions): Promise<void>;
  /** Without `registration`, every registration's documents (and those of none) go. */
  deleteStateDocuments(scope: StateScope, as: Credential): Promise<void>;
  /** stateIds in the scope; `since` (ISO 8601) keeps those updated after it. */
  listStateIds(scope: StateScope, since: string | undefined, as: Credential): Promise<string[]>;

  /** Activity Profile (`activityId`) and Agent Profile (`agent`) documents. */
  getProfileDocument(params: ProfileParams, as: Credential): Promise<StoredDocument | undefined>;
  listProfileIds(scope: ProfileScope, since: string | undefined, as: Credential): Promise<string[]>;
  /** Over an existing document a PUT needs If-Match or If-None-Match (ConflictError otherwise). */
  putProfileDocument(params: ProfileParams, doc: DocumentInput, as: Credential, pre?: Preconditions): Promise<void>;
  postProfileDocument(params: ProfileParams, doc: DocumentInput, as: Credential, pre?: Preconditions): Promise<void>;
  deleteProfileDocument(params: ProfileParams, as: Credential, pre?: Preconditions): Promise<void>;

  /** The canonical Activity (definition merged from statements of "define" credentials). */
  getActivity(activityId: unknown, as: Credential): Promise<Activity>;
  /** The Person object for an agent. */
  getPerson(agent: unknown, as: Credential): Promise<Person>;

  credentials: {
    create(input: { name: string; scopes: Scope[]; authority?: Agent }): Promise<{ key: string; secret: string; credential: Credential }>;
    /** Throws UnauthorizedError for a missing, malformed, unknown or revoked credential. */
    authenticate(authorizationHeader: string | undefined): Promise<Credential>;
    revoke(key: string): Promise<void>;
    list(): Promise<Credential[]>;
  };

  /**
   * Called after a commit with the newly stored statements (as stored) and the credential
   * that wrote them. Awaited before storeStatements resolves; a listener's error is
   * logged and never undoes the commit. Returns an unsubscribe function.
   */
  onStatementsStored(listener: StatementsListener): () => void;
  /** Guards run before the write transaction, in the order added. */
  addGuard(guard: LrsGuard): void;
}

export interface CreateLrsOptions {
  store: LrsStore;
  clock?: () => Date;
  newId?: () => string;
  logger?: LrsLogger;
}

export function createLrs(options: CreateLrsOptions): Lrs {
  const ctx: OpsContext = {
    store: options.store,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
    logger: options.logger ?? { error: (msg, err) => console.error(msg, err) },
    guards: [],
    listeners: new Set(),
  };
  return {
    storeStatements: (input, as, attachments, options) => storeStatements(ctx, input, as, attachments, options),
    getAttachments: (sha2s, as) => getAttachments(ctx, sha2s, as),
    queryStatements: (query, as, options) => queryStatements(ctx, query, as, options),
    consistentThrough: () => consistentThrough(ctx),
    getStateDocument: (params, as) => getStateDocument(ctx, params, as),
    putStateDocument: (params, doc, as, pre, version) => putStateDocument(ctx, params, doc, as, pre, version),
    postStateDocument: (params, doc, as, pre) => postStateDocument(ctx, params, doc, as, pre),
    deleteStateDocument: (params, as, pre) => deleteStateDocument(ctx, params, as, pre),
    deleteStateDocuments: (scope, as) => deleteStateDocuments(ctx, scope, as),
    listStateIds: (scope, since, as) => listStateIds(ctx, scope, since, as),
    getProfileDocument: (params, as) => getProfileDocument(ctx, params, as),
    listProfileIds: (scope, since, as) => listProfileIds(ctx, scope, since, as),
    putProfileDocument: (params, doc, as, pre) => putProfileDocument(ctx, params, doc, as, pre),
    postProfileDocument: (params, doc, as, pre) => postProfileDocument(ctx, params, doc, as, pre),
    deleteProfileDocument: (params, as, pre) => deleteProfileDocument(ctx, params, as, pre),
    getActivity: (activityId, as) => getActivity(ctx, activityId, as),
    getPerson: (agent, as) => getPerson(ctx, agent, as),
    credentials: {
      create: (input) => createCredential(ctx, input),
      authenticate: (header) => authenticate(ctx, header),
      revoke: (key) => revokeCredential(ctx, key),
      list: () => listCredentials(ctx),
    },
    onStatementsStored(listener) {
      // Wrapped so the same function subscribed twice gets two independent subscriptions.
      const entry: StatementsListener = (statements, by) => listener(statements, by);
      ctx.listeners.add(entry);
      return () => void ctx.listeners.delete(entry);
    },
    addGuard(guard) {
      ctx.guards.push(guard);
    },
  };
}
