// What both LRS store implementations share apart from their SQL: the parameter order of
// the state document statements (the same in each dialect's sql.ts) and the wrapping of
// backend failures in StoreError.
import { StoreError } from "../errors.js";
import type { StateDocumentKey, StateScopeKey } from "../domain/state-document.js";

/** Parameters of the statements that name one state document: activity, agent, registration, stateId. */
export function stateDocumentParams(key: StateDocumentKey) {
  return [key.activityId, key.agentIfi, key.registration, key.stateId];
}

/** Parameters of the statements over a scope of state documents; the registration only when the scope has one. */
export function stateScopeParams(scope: StateScopeKey) {
  return scope.registration === undefined ? [scope.activityId, scope.agentIfi] : [scope.activityId, scope.agentIfi, scope.registration];
}

/** Runs one store call; a failure that is not already a StoreError becomes one naming the backend and the call. */
export function storeGuard(backend: string) {
  return async function guard<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(`${backend}: ${action} failed`, { cause: error });
    }
  };
}
