import { expect } from "chai";
import { ConflictError, PreconditionFailedError } from "../../../lrs/index.js";
import { checkPreconditions, type ConcurrencyRule, type DocumentWrite, type Preconditions } from "../../../lrs/domain/preconditions.js";

const ETAG = '"abc"';
type Outcome = "ok" | 412 | 409;

function outcome(current: string | undefined, pre: Preconditions, write: DocumentWrite, rule: ConcurrencyRule): Outcome {
  try {
    checkPreconditions(current, pre, write, rule);
    return "ok";
  } catch (error) {
    if (error instanceof PreconditionFailedError) return 412;
    if (error instanceof ConflictError) return 409;
    throw error;
  }
}

describe("checkPreconditions", () => {
  const table: [string, string | undefined, Preconditions, DocumentWrite, ConcurrencyRule, Outcome][] = [
    ["PUT creating a profile without headers", undefined, {}, "put", "profile", "ok"],
    ["PUT over a profile without headers", ETAG, {}, "put", "profile", 409],
    ["PUT over state without headers", ETAG, {}, "put", "state", "ok"],
    ["POST over a profile without headers", ETAG, {}, "post", "profile", "ok"],
    ["DELETE of a profile without headers", ETAG, {}, "delete", "profile", "ok"],
    ["If-Match with the current ETag", ETAG, { ifMatch: ETAG }, "put", "profile", "ok"],
    ["If-Match with the ETag unquoted", ETAG, { ifMatch: "abc" }, "put", "profile", "ok"],
    ["If-Match listing the current ETag among others", ETAG, { ifMatch: '"x", "abc"' }, "delete", "profile", "ok"],
    ["If-Match with a weak tag of the same value", ETAG, { ifMatch: 'W/"abc"' }, "put", "profile", 412],
    ["If-Match with a stale ETag", ETAG, { ifMatch: '"old"' }, "post", "state", 412],
    ["If-Match: * over an existing document", ETAG, { ifMatch: "*" }, "put", "profile", "ok"],
    ["If-Match: * with no document", undefined, { ifMatch: "*" }, "put", "profile", 412],
    ["If-Match with no document", undefined, { ifMatch: ETAG }, "delete", "state", 412],
    ["If-None-Match: * with no document", undefined, { ifNoneMatch: "*" }, "put", "profile", "ok"],
    ["If-None-Match: * over an existing document", ETAG, { ifNoneMatch: "*" }, "put", "state", 412],
    ["If-None-Match with another ETag", ETAG, { ifNoneMatch: '"other"' }, "put", "profile", "ok"],
    ["If-None-Match with the current ETag", ETAG, { ifNoneMatch: ETAG }, "post", "profile", 412],
  ];
  for (const [name, current, pre, write, rule, expected] of table) {
    it(`${expected === "ok" ? "allows" : `answers ${expected} to`} ${name}`, () => {
      expect(outcome(current, pre, write, rule)).to.equal(expected);
    });
  }
});
