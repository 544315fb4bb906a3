// What every operation needs: the store and the injected effects.
import type { Credential } from "../domain/credential.js";
import type { ProfileParams } from "../domain/profile-document.js";
import type { StateParams, StateScope } from "../domain/state-document.js";
import type { Statement } from "../domain/xapi-types.js";
import type { LrsStore } from "../store/store.js";

export interface LrsLogger {
  error(msg: string, err?: unknown): void;
}

/** Rules the embedding LMS adds (e.g. cmi5 session rules); may throw ForbiddenError or ValidationError. */
export interface LrsGuard {
  /** `received`: the same statements as the client sent them, before the LRS filled in id, authority and version. */
  checkStatements?(statements: Statement[], by: Credential, received: readonly Statement[]): void | Promise<void>;
  checkStateWrite?(params: StateParams, by: Credential): void | Promise<void>;
  /** A statement query (GET /statements); e.g. a launch credential past its end is refused. */
  checkStatementsRead?(by: Credential): void | Promise<void>;
  /** A GET of one state document, or of the stateIds in a scope (a launch credential reads only its learner's state). */
  checkStateRead?(scope: StateScope, by: Credential): void | Promise<void>;
  /** A DELETE of every state document in a scope (no stateId). */
  checkStateScopeDelete?(scope: StateScope, by: Credential): void | Promise<void>;
  /** A GET of one activity or agent profile document (cmi5 11.0.0.0-3 tracks the learner preferences read). */
  checkProfileRead?(params: ProfileParams, by: Credential): void | Promise<void>;
  /** PUT or POST (with the body) or DELETE of an activity or agent profile document. */
  checkProfileWrite?(params: ProfileParams, write: { method: "put" | "post" | "delete"; body?: Buffer }, by: Credential): void | Promise<void>;
}

export type StatementsListener = (statements: Statement[], by: Credential) => Promise<void> | void;

export interface OpsContext {
  store: LrsStore;
  clock: () => Date;
  newId: () => string;
  logger: LrsLogger;
  guards: LrsGuard[];
  listeners: Set<StatementsListener>;
}
