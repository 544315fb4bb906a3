// Fills what the LRS owns (xAPI-Data.md 2.4): id, authority and version before the
// write, stored and a missing timestamp inside it, so `stored` follows commit order.
import type { Credential } from "./credential.js";
import type { Statement, StoredStatement } from "./xapi-types.js";

export type PreparedStatement = Statement & { id: string; authority: Statement["authority"] & object; version: string };

export const DEFAULT_STATEMENT_VERSION = "1.0.0";

export function prepareStatement(statement: Statement, by: Credential, newId: () => string): PreparedStatement {
  return {
    ...statement,
    id: statement.id ?? newId(),
    // The LRS vouches for statements with the credential that sent them, whatever the client claimed.
    authority: by.authority,
    version: statement.version ?? DEFAULT_STATEMENT_VERSION,
  };
}

export function stampStatement(statement: PreparedStatement, stored: string): StoredStatement {
  return { ...statement, stored, timestamp: statement.timestamp ?? stored };
}
