// What every operation needs: the store and the injected effects.
import type { Credential } from "../domain/credential.js";
import type { StateParams } from "../domain/state-document.js";
import type { Statement } from "../domain/xapi-types.js";
import type { LrsStore } from "../store/store.js";

export interface LrsLogger {
  error(msg: string, err?: unknown): void;
}

/** Rules the embedding LMS adds (e.g. cmi5 session rules); may throw ForbiddenError or ValidationError. */
export interface LrsGuard {
  checkStatements?(statements: Statement[], by: Credential): void | Promise<void>;
  checkStateWrite?(params: StateParams, by: Credential): void | Promise<void>;
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
