import { sameStatement } from "../../../lrs/domain/statement-equality.js";
import type { Statement } from "../../../lrs/index.js";
import { expect } from "chai";
import { ACTIVITY, uuid, VERBS } from "../support/fixtures.js";

const base: Statement = {
  id: uuid(1),
  actor: { objectType: "Group", member: [{ mbox: "mailto:a@x.org" }, { mbox: "mailto:b@x.org" }] },
  verb: { id: VERBS.completed },
  object: { id: ACTIVITY },
  context: { registration: uuid(2) },
  timestamp: "2024-01-01T10:00:00.000Z",
};

describe("sameStatement", () => {
  it("ignores what the LRS sets, key order, id case, member order and timestamp notation", () => {
    const resent: Statement = {
      timestamp: "2024-01-01T12:00:00+02:00",
      object: { id: ACTIVITY },
      verb: { id: VERBS.completed },
      actor: { objectType: "Group", member: [{ mbox: "mailto:b@x.org" }, { mbox: "mailto:a@x.org" }] },
      context: { registration: uuid(2).toUpperCase() },
      id: uuid(1).toUpperCase(),
      stored: "2024-02-01T00:00:00.000Z",
      authority: { mbox: "mailto:lrs@x.org" },
      version: "1.0.0",
    };
    expect(sameStatement(base, resent)).to.equal(true);
  });

  it("ignores a timestamp the LRS filled in", () => {
    const { timestamp: _t, ...withoutTimestamp } = base;
    expect(sameStatement(base, withoutTimestamp)).to.equal(true);
  });

  it("sees a different result or verb", () => {
    expect(sameStatement(base, { ...base, result: { success: true } })).to.equal(false);
    expect(sameStatement(base, { ...base, verb: { id: VERBS.attempted } })).to.equal(false);
  });
});
