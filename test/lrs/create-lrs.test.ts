import { ConflictError, ForbiddenError, ValidationError, type Credential, type Statement } from "../../lrs/index.js";
import { expect } from "chai";
import { ACTIVITY, createTestLrs, statement, uuid, type TestLrs } from "./support/fixtures.js";

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("createLrs", () => {
  let t: TestLrs;
  let writer: Credential;

  beforeEach(async () => {
    t = await createTestLrs();
    writer = (await t.credential(["all"])).credential;
  });
  afterEach(() => t.cleanup());

  describe("credentials", () => {
    it("creates a credential with the default authority and a secret only the caller sees", async () => {
      const { key, secret, credential } = await t.lrs.credentials.create({ name: "lms", scopes: ["all"] });
      expect(secret).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(credential.authority).to.deep.equal({ objectType: "Agent", account: { homePage: "urn:obuka:lrs", name: key } });
      expect(JSON.stringify(await t.lrs.credentials.list())).to.not.include(secret);
      const header = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
      expect(await t.lrs.credentials.authenticate(header)).to.deep.equal(credential);
    });

    it("rejects unknown scopes and an invalid authority, naming the field", async () => {
      const badScope = await rejection(t.lrs.credentials.create({ name: "x", scopes: ["everything" as never] }));
      expect((badScope as ValidationError).message).to.equal("scopes[0]: is not an xAPI scope");
      const badAuthority = await rejection(t.lrs.credentials.create({ name: "x", scopes: ["all"], authority: { mbox: "lms" } }));
      expect((badAuthority as ValidationError).message).to.equal("authority.mbox: must be a mailto: IRI");
    });
  });

  describe("storeStatements", () => {
    it("sets authority to the writer's, whatever the statement claimed", async () => {
      const [id] = await t.lrs.storeStatements(statement({ authority: { mbox: "mailto:fake@example.org" } }), writer);
      const { statements } = await t.lrs.queryStatements({ statementId: id ?? "" }, writer);
      expect(statements[0]?.authority).to.deep.equal(writer.authority);
    });

    it("hands newly stored statements to listeners once, after the commit", async () => {
      const seen: { ids: (string | undefined)[]; by: string; visible: number }[] = [];
      const unsubscribe = t.lrs.onStatementsStored(async (statements, by) => {
        const visible = (await t.lrs.queryStatements({}, writer)).statements.length;
        seen.push({ ids: statements.map((s) => s.id), by: by.key, visible });
      });
      await t.lrs.storeStatements([statement({ id: uuid(1) }), statement({ id: uuid(2) })], writer);
      await t.lrs.storeStatements(statement({ id: uuid(1) }), writer); // idempotent resend: nothing new
      unsubscribe();
      await t.lrs.storeStatements(statement({ id: uuid(3) }), writer);
      expect(seen).to.deep.equal([{ ids: [uuid(1), uuid(2)], by: writer.key, visible: 2 }]);
    });

    it("logs a failing listener without undoing the commit", async () => {
      t.lrs.onStatementsStored(() => {
        throw new Error("listener broke");
      });
      const ids = await t.lrs.storeStatements(statement({ id: uuid(1) }), writer);
      expect(ids).to.deep.equal([uuid(1)]);
      expect((await t.lrs.queryStatements({ statementId: uuid(1) }, writer)).statements).to.have.lengthOf(1);
      expect(t.errors).to.have.lengthOf(1);
    });

    it("runs guards before the commit; a throwing guard stores nothing", async () => {
      const checked: Statement[][] = [];
      t.lrs.addGuard({
        checkStatements: (statements) => {
          checked.push(statements);
          if (statements.some((s) => s.verb.id.endsWith("/attempted"))) throw new ForbiddenError("no attempts");
        },
      });
      const error = await rejection(
        t.lrs.storeStatements([statement({ id: uuid(1) }), statement({ id: uuid(2), verb: { id: "http://adlnet.gov/expapi/verbs/attempted" } })], writer),
      );
      expect(error).to.be.instanceOf(ForbiddenError);
      expect((await t.lrs.queryStatements({}, writer)).statements).to.deep.equal([]);
      expect(checked[0]?.[0]?.id).to.equal(uuid(1));
    });

    it("returns ConflictError for a changed statement under a stored id", async () => {
      await t.lrs.storeStatements(statement({ id: uuid(1) }), writer);
      const error = await rejection(t.lrs.storeStatements(statement({ id: uuid(1), result: { success: true } }), writer));
      expect(error).to.be.instanceOf(ConflictError);
    });
  });

  describe("state", () => {
    it("passes state writes through guards", async () => {
      t.lrs.addGuard({
        checkStateWrite: (params) => {
          if (params.stateId === "LMS.LaunchData") throw new ForbiddenError("read only");
        },
      });
      const params = { activityId: ACTIVITY, agent: { mbox: "mailto:ana@example.org" }, stateId: "LMS.LaunchData" };
      const error = await rejection(t.lrs.putStateDocument(params, { contentType: "application/json", body: Buffer.from("{}") }, writer));
      expect(error).to.be.instanceOf(ForbiddenError);
      expect(await t.lrs.getStateDocument(params, writer)).to.equal(undefined);
    });

    it("passes state reads, single and listed, through guards", async () => {
      const reader = (await t.credential(["state"])).credential;
      const seen: string[] = [];
      t.lrs.addGuard({
        checkStateRead: (scope, by) => {
          seen.push(scope.activityId);
          if (by.key === reader.key) throw new ForbiddenError("not yours");
        },
      });
      const params = { activityId: ACTIVITY, agent: { mbox: "mailto:ana@example.org" }, stateId: "resume" };
      await t.lrs.putStateDocument(params, { contentType: "application/json", body: Buffer.from("{}") }, writer);
      expect(await t.lrs.getStateDocument(params, writer)).to.not.equal(undefined);
      expect(await rejection(t.lrs.getStateDocument(params, reader))).to.be.instanceOf(ForbiddenError);
      expect(await rejection(t.lrs.listStateIds({ activityId: ACTIVITY, agent: params.agent }, undefined, reader))).to.be.instanceOf(ForbiddenError);
      expect(seen).to.deep.equal([ACTIVITY, ACTIVITY, ACTIVITY]);
    });
  });

  describe("queryStatements", () => {
    it("passes statement queries through guards", async () => {
      const reader = (await t.credential(["statements/read"])).credential;
      t.lrs.addGuard({
        checkStatementsRead: (by) => {
          if (by.key === reader.key) throw new ForbiddenError("expired");
        },
      });
      expect((await t.lrs.queryStatements({}, writer)).statements).to.be.an("array");
      expect(await rejection(t.lrs.queryStatements({}, reader))).to.be.instanceOf(ForbiddenError);
    });
  });
});
