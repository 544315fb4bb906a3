// Public entry of the LRS. The player (and any portal) imports only from here.

export { createLrs } from "./create-lrs.js";
export type { Lrs, CreateLrsOptions } from "./create-lrs.js";
export type { LrsGuard, LrsLogger, StatementsListener } from "./ops/context.js";
export type { DocumentInput } from "./ops/state-documents.js";

export { createLrsRouter } from "./http/router.js";
export type { LrsRouterOptions } from "./http/router.js";
export type { CorsOptions } from "./http/cors.js";
export type { StoreOptions } from "./ops/store-statements.js";
export type { QueryOptions } from "./ops/query-statements.js";
export type { Preconditions } from "./domain/preconditions.js";
export type { ProfileParams, ProfileScope } from "./domain/profile-document.js";
export type { Person } from "./domain/person.js";
export { SUPPORTED_VERSIONS } from "./domain/xapi-version.js";
export type { XapiVersion } from "./domain/xapi-version.js";

export { SCOPES, defaultAuthority } from "./domain/credential.js";
export type { Credential, Scope } from "./domain/credential.js";
export type { StateParams, StateScope, StoredDocument } from "./domain/state-document.js";
export type { StatementQuery, StatementResult, StatementFormat } from "./domain/statement-query.js";
export type { AttachmentPart } from "./domain/attachments.js";
export { SIGNATURE_USAGE_TYPE } from "./domain/attachments.js";
export type {
  Statement,
  Agent,
  Group,
  Actor,
  Verb,
  Activity,
  ActivityDefinition,
  StatementObject,
  StatementRef,
  SubStatement,
  Result,
  Score,
  Context,
  ContextActivities,
  LanguageMap,
  Extensions,
  Account,
  Attachment,
} from "./domain/xapi-types.js";
export { VOIDED_VERB } from "./domain/xapi-types.js";

export type { LrsStore } from "./store/store.js";
export { openSqliteLrsStore, createSqliteLrsStore } from "./store/sqlite/sqlite-lrs-store.js";
export type { SqliteLrsStore } from "./store/sqlite/sqlite-lrs-store.js";
export { SqliteDatabase } from "./store/sqlite/database.js";
export type { SqliteOpenOptions } from "./store/sqlite/database.js";
export type { SqliteTx, SqlValue } from "./store/sqlite/database.js";
export { openPgLrsStore } from "./store/postgres/pg-lrs-store.js";
export { PgDatabase, sqlStateOf } from "./store/postgres/database.js";
export type { PgTx, PgValue, PgDatabaseOptions } from "./store/postgres/database.js";
export type { PgLrsStore, PgLrsStoreOptions } from "./store/postgres/pg-lrs-store.js";
export { openLrsStore, parseDatabaseUrl, describeLrsStore } from "./store/open-lrs-store.js";
export type { ClosableLrsStore, LrsStoreLocation } from "./store/open-lrs-store.js";

export {
  LrsError,
  ValidationError,
  UnauthorizedError,
  ForbiddenError,
  ConflictError,
  NotFoundError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  PreconditionFailedError,
  StoreError,
  ERROR_STATUS,
} from "./errors.js";
export type { LrsErrorCode } from "./errors.js";
