import { expect } from "chai";
import { ACTIVITY, createTestLrs, learner, statement, uuid, VERBS, voiding, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";

describe("xAPI statements over HTTP", () => {
  let t: TestLrs;
  let server: TestServer;

  beforeEach(async () => {
    t = await createTestLrs();
    const { header } = await t.credential(["all"]);
    server = await startServer(t.lrs, header);
  });
  afterEach(async () => {
    await server.close();
    await t.cleanup();
  });

  async function ids(query: Record<string, unknown> = {}): Promise<string[]> {
    const res = await server.request("GET", `/statements${qs(query)}`);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { statements: { id: string }[] };
    return body.statements.map((s) => s.id);
  }

  it("answers /about without credentials", async () => {
    const res = await server.request("GET", "/about", { auth: "", version: null });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ version: ["1.0.3", "2.0.0"] });
  });

  it("stores a statement with POST and returns it by id with what the LRS filled in", async () => {
    const post = await server.request("POST", "/statements", { json: statement() });
    expect(post.status).to.equal(200);
    expect(post.headers.get("X-Experience-API-Version")).to.equal("1.0.3");
    const [id] = (await post.json()) as string[];
    expect(id).to.match(/^[0-9a-f-]{36}$/);

    const get = await server.request("GET", `/statements${qs({ statementId: id })}`);
    expect(get.status).to.equal(200);
    expect(get.headers.get("X-Experience-API-Consistent-Through")).to.match(/^2024-01-01T/);
    const stored = (await get.json()) as Record<string, unknown>;
    expect(stored).to.deep.include({ id, version: "1.0.0", actor: { mbox: "mailto:ana@example.org", name: "Ana" } });
    expect(stored["stored"]).to.equal(stored["timestamp"]);
    expect(stored["authority"]).to.have.property("account");
  });

  it("stores a batch, returns ids in order, and answers HEAD without a body", async () => {
    const res = await server.request("POST", "/statements", { json: [statement({ id: uuid(1) }), statement()] });
    expect(res.status).to.equal(200);
    const returned = (await res.json()) as string[];
    expect(returned[0]).to.equal(uuid(1));
    expect(returned).to.have.lengthOf(2);
    const head = await server.request("HEAD", `/statements${qs({ statementId: uuid(1) })}`);
    expect(head.status).to.equal(200);
    expect(await head.text()).to.equal("");
  });

  it("stores with PUT ?statementId= and answers 204", async () => {
    const res = await server.request("PUT", `/statements${qs({ statementId: uuid(5) })}`, { json: statement() });
    expect(res.status).to.equal(204);
    expect(await ids()).to.deep.equal([uuid(5)]);
    const mismatch = await server.request("PUT", `/statements${qs({ statementId: uuid(6) })}`, { json: statement({ id: uuid(7) }) });
    expect(mismatch.status).to.equal(400);
  });

  const bad: [string, unknown, string][] = [
    ["bad mbox", statement({ actor: { mbox: "ana@example.org" } }), "actor.mbox: must be a mailto: IRI"],
    ["verb id not an IRI", statement({ verb: { id: "done" } }), "verb.id: must be an absolute IRI"],
    ["scaled out of range", statement({ result: { score: { scaled: -2 } } }), "result.score.scaled"],
    ["unknown property", statement({ extra: 1 }), "extra: is not allowed here"],
    ["bad item in a batch", [statement(), statement({ timestamp: "yesterday" })], "[1].timestamp: must be an ISO 8601 timestamp"],
  ];
  for (const [name, body, message] of bad) {
    it(`answers 400 naming the field for ${name}`, async () => {
      const res = await server.request("POST", "/statements", { json: body });
      expect(res.status).to.equal(400);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).to.equal("VALIDATION_FAILED");
      expect(error.message).to.include(message);
    });
  }

  it("answers 400, not 500, for malformed JSON and for a non-JSON content type", async () => {
    const malformed = await server.request("POST", "/statements", { body: "{ not json", contentType: "application/json" });
    expect(malformed.status).to.equal(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).to.include("body");
    const text = await server.request("POST", "/statements", { body: "{}", contentType: "text/plain" });
    expect(text.status).to.equal(400);
    expect(server.logged).to.deep.equal([]);
  });

  it("answers 413 for a body over the limit", async () => {
    const res = await server.request("POST", "/statements", { body: `"${"x".repeat(11 * 1024 * 1024)}"`, contentType: "application/json" });
    expect(res.status).to.equal(413);
  });

  it("treats an equal resend as success and a different one as a 409 conflict", async () => {
    const original = statement({ id: uuid(1), timestamp: "2024-01-01T10:00:00Z" });
    expect((await server.request("POST", "/statements", { json: original })).status).to.equal(200);
    const resend = await server.request("POST", "/statements", { json: { ...original, timestamp: "2024-01-01T12:00:00+02:00" } });
    expect(resend.status).to.equal(200);
    expect(await resend.json()).to.deep.equal([uuid(1)]);
    const conflict = await server.request("POST", "/statements", { json: { ...original, verb: { id: VERBS.attempted } } });
    expect(conflict.status).to.equal(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).to.equal("CONFLICT");
    expect(await ids()).to.deep.equal([uuid(1)]);
  });

  it("stores nothing from a batch when one statement fails, whether by validation or by conflict", async () => {
    const invalid = await server.request("POST", "/statements", { json: [statement({ id: uuid(1) }), statement({ actor: {} })] });
    expect(invalid.status).to.equal(400);
    await server.request("POST", "/statements", { json: statement({ id: uuid(9) }) });
    const conflicting = await server.request("POST", "/statements", { json: [statement({ id: uuid(2) }), statement({ id: uuid(9), verb: { id: VERBS.attempted } })] });
    expect(conflicting.status).to.equal(409);
    expect(await ids()).to.deep.equal([uuid(9)]);
  });

  it("rejects a batch that repeats an id", async () => {
    const res = await server.request("POST", "/statements", { json: [statement({ id: uuid(1) }), statement({ id: uuid(1) })] });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).to.include("[1].id");
  });

  it("voids a statement: hidden from queries and statementId, found by voidedStatementId", async () => {
    await server.request("POST", "/statements", { json: [statement({ id: uuid(1) }), statement({ id: uuid(2) })] });
    const res = await server.request("POST", "/statements", { json: voiding(uuid(1), { id: uuid(3) }) });
    expect(res.status).to.equal(200);
    expect(await ids()).to.deep.equal([uuid(3), uuid(2)]);
    expect((await server.request("GET", `/statements${qs({ statementId: uuid(1) })}`)).status).to.equal(404);
    const voided = await server.request("GET", `/statements${qs({ voidedStatementId: uuid(1) })}`);
    expect(voided.status).to.equal(200);
    expect(((await voided.json()) as { id: string }).id).to.equal(uuid(1));
    expect((await server.request("GET", `/statements${qs({ voidedStatementId: uuid(2) })}`)).status).to.equal(404);
  });

  it("refuses to void a voiding statement", async () => {
    await server.request("POST", "/statements", { json: [statement({ id: uuid(1) }), voiding(uuid(1), { id: uuid(2) })] });
    const res = await server.request("POST", "/statements", { json: voiding(uuid(2)) });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).to.include("object.id: a voiding statement cannot be voided");
  });

  it("voids statements of the same batch, whether the voiding statement comes before or after its target", async () => {
    const res = await server.request("POST", "/statements", {
      json: [voiding(uuid(1), { id: uuid(3) }), statement({ id: uuid(1) }), statement({ id: uuid(2) }), voiding(uuid(2), { id: uuid(4) }), statement({ id: uuid(5) })],
    });
    expect(res.status).to.equal(200);
    expect((await ids()).sort()).to.deep.equal([uuid(3), uuid(4), uuid(5)]);
    for (const id of [uuid(1), uuid(2)]) expect((await server.request("GET", `/statements${qs({ voidedStatementId: id })}`)).status).to.equal(200);
  });

  it("voids a statement that arrives after its voiding statement", async () => {
    await server.request("POST", "/statements", { json: voiding(uuid(1), { id: uuid(2) }) });
    await server.request("POST", "/statements", { json: statement({ id: uuid(1) }) });
    expect(await ids()).to.deep.equal([uuid(2)]);
  });

  it("filters by agent, verb, activity and registration, and pages with more", async () => {
    const registration = uuid(50);
    await server.request("POST", "/statements", {
      json: [
        statement({ id: uuid(1), actor: learner("ana") }),
        statement({ id: uuid(2), actor: learner("bo"), verb: { id: VERBS.attempted } }),
        statement({ id: uuid(3), actor: learner("ana"), context: { registration } }),
        statement({ id: uuid(4), actor: learner("ana"), object: { id: "https://example.org/other" } }),
      ],
    });
    expect(await ids({ agent: learner("ana"), activity: ACTIVITY, ascending: "true" })).to.deep.equal([uuid(1), uuid(3)]);
    expect(await ids({ verb: VERBS.attempted })).to.deep.equal([uuid(2)]);
    expect(await ids({ registration })).to.deep.equal([uuid(3)]);

    const page1 = (await (await server.request("GET", `/statements${qs({ limit: "3", ascending: "true" })}`)).json()) as { statements: { id: string }[]; more: string };
    expect(page1.statements.map((s) => s.id)).to.deep.equal([uuid(1), uuid(2), uuid(3)]);
    expect(page1.more).to.match(/^\/xapi\/statements\?more=/);
    const page2 = (await (await server.request("GET", page1.more.slice("/xapi".length))).json()) as { statements: { id: string }[]; more: string };
    expect(page2.statements.map((s) => s.id)).to.deep.equal([uuid(4)]);
    expect(page2.more).to.equal("");
  });

  it("sends a page as JSON with its exact byte length, non-Latin text intact, and HEAD without a body", async () => {
    const named = (id: string, name: string) => statement({ id, actor: { mbox: "mailto:ana@example.org", name } });
    await server.request("POST", "/statements", { json: [named(uuid(1), "Ana Čolić"), named(uuid(2), "Ана Чолић")] });
    const res = await server.request("GET", `/statements${qs({ ascending: "true" })}`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("Content-Type")).to.equal("application/json; charset=utf-8");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("Content-Length"))).to.equal(bytes.length);
    const page = JSON.parse(bytes.toString("utf8")) as { statements: { id: string; actor: { name: string } }[]; more: string };
    expect(page.statements.map((s) => [s.id, s.actor.name])).to.deep.equal([
      [uuid(1), "Ana Čolić"],
      [uuid(2), "Ана Чолић"],
    ]);
    expect(page.more).to.equal("");
    // The page and the statement by id carry the same statement, as stored.
    const single = await (await server.request("GET", `/statements${qs({ statementId: uuid(2) })}`)).json();
    expect(page.statements[1]).to.deep.equal(single);

    const head = await server.request("HEAD", `/statements${qs({ ascending: "true" })}`);
    expect(head.status).to.equal(200);
    expect(head.headers.get("Content-Length")).to.equal(String(bytes.length));
    expect(await head.text()).to.equal("");
  });

  it("answers 400 for bad query parameters, naming them", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ agent: "{not json" }, "agent: must be JSON"],
      [{ agent: { name: "no ifi" } }, "agent: must have one of"],
      [{ limit: "-1" }, "limit"],
      [{ since: "monday" }, "since"],
      [{ colour: "red" }, "colour: is not a parameter"],
      [{ statementId: uuid(1), verb: VERBS.completed }, "verb: cannot be combined with statementId"],
      [{ more: "garbage" }, "more: is not a token"],
    ];
    for (const [query, message] of cases) {
      const res = await server.request("GET", `/statements${qs(query)}`);
      expect(res.status, JSON.stringify(query)).to.equal(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).to.include(message);
    }
  });

  it("returns only identifiers with format=ids", async () => {
    await server.request("POST", "/statements", { json: statement({ id: uuid(1) }) });
    const res = await server.request("GET", `/statements${qs({ statementId: uuid(1), format: "ids" })}`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body["actor"]).to.deep.equal({ mbox: "mailto:ana@example.org" });
    expect(body["verb"]).to.deep.equal({ id: VERBS.completed });
    expect(body["object"]).to.deep.equal({ id: ACTIVITY });
  });

  it("answers 404 for resources it does not serve and 405 for other methods", async () => {
    expect((await server.request("GET", "/no-such-resource")).status).to.equal(404);
    expect((await server.request("DELETE", "/statements")).status).to.equal(405);
  });
});
