// The composition root of the LRS core: wires the operations to a store and to the
// injected clock, id generator and logger.
import { randomUUID } from "node:crypto";
import type { Credential, Scope } from "./domain/credential.js";
import type { StateParams, StateScope, StoredDocument } from "./domain/state-document.js";
import type { StatementQuery, StatementResult } from "./domain/statement-query.js";
import type { Agent } from "./domain/xapi-types.js";
import type { LrsGuard, LrsLogger, OpsContext, StatementsListener } from "./ops/context.js";
import { authenticate, createCredential, listCredentials, revokeCredential } from "./ops/credentials.js";
import { queryStatements } from "./ops/query-statements.js";
import {
  deleteStateDocument,
  deleteStateDocuments,
  getStateDocument,
  listStateIds,
  postStateDocument,
  putStateDocument,
  type DocumentInput,
} from "./ops/state-documents.js";
import { storeStatements } from "./ops/store-statements.js";
import type { LrsStore } from "./store/store.js";

export interface Lrs {
  /**
   * Validates (throws ValidationError naming the path), fills id/authority/version and
   * stored/timestamp, commits, then awaits listeners. Returns ids in order. Input is a
   * statement object or an array of them.
   */
  storeStatements(input: unknown, as: Credential): Promise<string[]>;
  queryStatements(query: StatementQuery, as: Credential): Promise<StatementResult>;

  getStateDocument(params: StateParams, as: Credential): Promise<StoredDocument | undefined>;
  putStateDocument(params: StateParams, doc: DocumentInput, as: Credential): Promise<void>;
  /** Merges a JSON object into the stored JSON object (or stores it when there is none). */
  postStateDocument(params: StateParams, doc: DocumentInput, as: Credential): Promise<void>;
  deleteStateDocument(params: StateParams, as: Credential): Promise<void>;
  /** Without `registration`, every registration's documents (and those of none) go. */
  deleteStateDocuments(scope: StateScope, as: Credential): Promise<void>;
  /** stateIds in the scope; `since` (ISO 8601) keeps those updated after it. */
  listStateIds(scope: StateScope, since: string | undefined, as: Credential): Promise<string[]>;

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
    storeStatements: (input, as) => storeStatements(ctx, input, as),
    queryStatements: (query, as) => queryStatements(ctx, query, as),
    getStateDocument: (params, as) => getStateDocument(ctx, params, as),
    putStateDocument: (params, doc, as) => putStateDocument(ctx, params, doc, as),
    postStateDocument: (params, doc, as) => postStateDocument(ctx, params, doc, as),
    deleteStateDocument: (params, as) => deleteStateDocument(ctx, params, as),
    deleteStateDocuments: (scope, as) => deleteStateDocuments(ctx, scope, as),
    listStateIds: (scope, since, as) => listStateIds(ctx, scope, since, as),
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
