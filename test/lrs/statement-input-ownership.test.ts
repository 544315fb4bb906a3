// Validation normalizes statements (single context activities become arrays). A library
// caller's objects must come back untouched; the HTTP edge, which owns a freshly parsed
// body, hands it over (`ownsInput`) so the LRS skips the deep copy.
import { expect } from "chai";
import type { Credential } from "../../lrs/index.js";
import { ACTIVITY, createTestLrs, statement, uuid, type TestLrs } from "./support/fixtures.js";

const PARENT = "https://example.org/courses/social-care";

function withSingleParent(id: string): Record<string, unknown> {
  return statement({ id, context: { registration: uuid(9), contextActivities: { parent: { id: PARENT } }, extensions: { "https://example.org/x": { nested: [1, { deep: true }] } } } });
}

describe("storeStatements input ownership", () => {
  let t: TestLrs;
  let writer: Credential;

  beforeEach(async () => {
    t = await createTestLrs();
    writer = (await t.credential(["all"])).credential;
  });
  afterEach(() => t.cleanup());

  async function storedParent(id: string): Promise<unknown> {
    const result = await t.lrs.queryStatements({ statementId: id }, writer);
    const [stored] = result.statements;
    return stored?.context?.contextActivities?.parent;
  }

  it("leaves a library caller's statement and batch exactly as they were", async () => {
    const single = withSingleParent(uuid(1));
    const batch = [withSingleParent(uuid(2)), withSingleParent(uuid(3))];
    const before = structuredClone({ single, batch });

    await t.lrs.storeStatements(single, writer);
    await t.lrs.storeStatements(batch, writer);

    expect({ single, batch }).to.deep.equal(before);
    // Stored normalized all the same: the copy was normalized, not the caller's object.
    expect(await storedParent(uuid(1))).to.deep.equal([{ id: PARENT }]);
    expect(await storedParent(uuid(3))).to.deep.equal([{ id: PARENT }]);
  });

  it("normalizes an owned input in place instead of copying it, and stores the same statement", async () => {
    const owned = JSON.parse(JSON.stringify(withSingleParent(uuid(4)))) as Record<string, { contextActivities: { parent: unknown } }>;
    await t.lrs.storeStatements(owned, writer, [], { ownsInput: true });
    expect(owned["context"]?.contextActivities.parent).to.deep.equal([{ id: PARENT }]);
    expect(await storedParent(uuid(4))).to.deep.equal([{ id: PARENT }]);
    const { object } = (await t.lrs.queryStatements({ statementId: uuid(4) }, writer)).statements[0] ?? {};
    expect(object).to.deep.include({ id: ACTIVITY });
  });
});
