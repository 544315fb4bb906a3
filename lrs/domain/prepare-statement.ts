// Fills what the LRS owns (xAPI-Data.md 2.4): id, authority and version before the
// write, stored and a missing timestamp inside it, so `stored` follows commit order.
import type { Credential } from "./credential.js";
import { defaultStatementVersion, type XapiVersion } from "./xapi-version.js";
import type { Statement, StoredStatement } from "./xapi-types.js";

export type PreparedStatement = Statement & { id: string; authority: Statement["authority"] & object; version: string };

/** `version` is the request's negotiated xAPI version; it decides the default statement version. */
export function prepareStatement(statement: Statement, by: Credential, newId: () => string, version: XapiVersion = "1.0.3"): PreparedStatement {
  return {
    ...statement,
    id: statement.id ?? newId(),
    // The LRS vouches for statements with the credential that sent them, whatever the client claimed.
    authority: by.authority,
    version: statement.version ?? defaultStatementVersion(version),
  };
}

export function stampStatement(statement: PreparedStatement, stored: string): StoredStatement {
  return { ...statement, stored, timestamp: statement.timestamp ?? stored };
}
