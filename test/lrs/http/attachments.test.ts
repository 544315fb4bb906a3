import { expect } from "chai";
import { createTestLrs, statement, uuid, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";
import { attachmentFor, BOUNDARY, MULTIPART, multipartBody, readMultipart, sha256 } from "../support/multipart.js";

describe("xAPI attachments over HTTP (multipart/mixed)", () => {
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

  async function post(json: unknown, parts: Parameters<typeof multipartBody>[1], firstContentType?: string): Promise<Response> {
    return server.request("POST", "/statements", { body: multipartBody(json, parts, firstContentType), contentType: MULTIPART });
  }

  async function errorMessage(res: Response): Promise<string> {
    return ((await res.json()) as { error: { message: string } }).error.message;
  }

  async function count(): Promise<number> {
    const res = await server.request("GET", "/statements");
    return ((await res.json()) as { statements: unknown[] }).statements.length;
  }

  it("stores a statement with an attachment part and returns both with attachments=true", async () => {
    const essay = "Moj esej o socijalnoj zaštiti — ćčžšđ";
    const res = await post(statement({ id: uuid(1), attachments: [attachmentFor(essay)] }), [{ content: essay }]);
    expect(res.status, await res.clone().text()).to.equal(200);

    const get = await server.request("GET", `/statements${qs({ statementId: uuid(1), attachments: "true" })}`);
    expect(get.status).to.equal(200);
    const contentType = get.headers.get("Content-Type") ?? "";
    expect(contentType).to.match(/^multipart\/mixed; boundary=/);
    const parts = readMultipart(Buffer.from(await get.arrayBuffer()), contentType);
    expect(parts).to.have.lengthOf(2);
    expect(parts[0]?.headers["content-type"]).to.match(/^application\/json/);
    const stored = JSON.parse(parts[0]?.body.toString("utf8") ?? "") as { id: string; attachments: { sha2: string }[] };
    expect(stored.id).to.equal(uuid(1));
    expect(parts[1]?.headers).to.deep.include({ "x-experience-api-hash": sha256(essay), "content-transfer-encoding": "binary", "content-type": "text/plain" });
    expect(parts[1]?.body.toString("utf8")).to.equal(essay);
  });

  it("answers a query with attachments=true as multipart, one part per distinct hash", async () => {
    const shared = "shared certificate scan";
    await post(
      [statement({ id: uuid(1), attachments: [attachmentFor(shared)] }), statement({ id: uuid(2), attachments: [attachmentFor(shared)] })],
      [{ content: shared }],
    );
    const get = await server.request("GET", `/statements${qs({ attachments: "true" })}`);
    const parts = readMultipart(Buffer.from(await get.arrayBuffer()), get.headers.get("Content-Type") ?? "");
    expect(parts).to.have.lengthOf(2);
    const result = JSON.parse(parts[0]?.body.toString("utf8") ?? "") as { statements: { id: string }[] };
    expect(result.statements.map((s) => s.id)).to.deep.equal([uuid(2), uuid(1)]);
    expect(parts[1]?.body.toString("utf8")).to.equal(shared);

    const plain = await server.request("GET", "/statements");
    expect(plain.headers.get("Content-Type")).to.match(/^application\/json/);
  });

  it("accepts fileUrl-only attachments as plain JSON, and rejects JSON attachments that have neither part nor fileUrl", async () => {
    const byUrl = attachmentFor("remote", { fileUrl: "https://example.org/files/remote.txt" });
    expect((await server.request("POST", "/statements", { json: statement({ attachments: [byUrl] }) })).status).to.equal(200);
    const missing = await server.request("POST", "/statements", { json: statement({ attachments: [attachmentFor("local")] }) });
    expect(missing.status).to.equal(400);
    expect(await errorMessage(missing)).to.include(`attachments[0].sha2: no attachment part with hash ${sha256("local")}`);
    expect(await count()).to.equal(1);
  });

  it("stores with PUT multipart and answers 204", async () => {
    const res = await server.request("PUT", `/statements${qs({ statementId: uuid(3) })}`, {
      body: multipartBody(statement({ attachments: [attachmentFor("put essay")] }), [{ content: "put essay" }]),
      contentType: MULTIPART,
    });
    expect(res.status).to.equal(204);
    const get = await server.request("GET", `/statements${qs({ statementId: uuid(3), attachments: "true" })}`);
    const parts = readMultipart(Buffer.from(await get.arrayBuffer()), get.headers.get("Content-Type") ?? "");
    expect(parts[1]?.body.toString("utf8")).to.equal("put essay");
  });

  const rejected: [string, () => Buffer, string, string?][] = [
    ["a declared attachment without its part", () => multipartBody(statement({ attachments: [attachmentFor("a"), attachmentFor("b")] }), [{ content: "a" }]), `attachments[1].sha2: no attachment part with hash ${sha256("b")}`],
    ["an extra part no attachment declares", () => multipartBody(statement({ attachments: [attachmentFor("a")] }), [{ content: "a" }, { content: "stray" }]), `part ${sha256("stray")} matches no attachment`],
    ["a part whose content does not match its hash", () => multipartBody(statement({ attachments: [attachmentFor("a")] }), [{ content: "tampered", hash: sha256("a") }]), `does not hash to ${sha256("a")}`],
    ["a part without X-Experience-API-Hash", () => Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement())}\r\n--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${BOUNDARY}--`), "part 2 X-Experience-API-Hash: is required"],
    ["a part encoded other than binary", () => multipartBody(statement({ attachments: [attachmentFor("a")] }), [{ content: "a", encoding: "base64" }]), 'part 2 Content-Transfer-Encoding: must be "binary"'],
    ["a first part that is not JSON", () => multipartBody(statement(), [], "text/plain"), "part 1 Content-Type"],
    ["a body without the boundary", () => Buffer.from(JSON.stringify(statement())), "does not contain the multipart boundary"],
    ["an unclosed part", () => Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n{}`), "is not closed by a boundary"],
    ["a signature attachment that is not application/octet-stream", () => multipartBody(statement({ attachments: [attachmentFor("sig", { usageType: "http://adlnet.gov/expapi/attachments/signature" })] }), [{ content: "sig" }]), "attachments[0].contentType: a signature attachment must be application/octet-stream"],
    ["multipart without a boundary parameter", () => multipartBody(statement(), []), "boundary parameter", "multipart/mixed"],
  ];
  for (const [name, body, message, contentType] of rejected) {
    it(`answers 400 naming the problem for ${name}, storing nothing`, async () => {
      const res = await server.request("POST", "/statements", { body: body(), contentType: contentType ?? MULTIPART });
      expect(res.status).to.equal(400);
      expect(await errorMessage(res)).to.include(message);
      expect(await count()).to.equal(0);
      expect(server.logged).to.deep.equal([]);
    });
  }

  it("keeps the body limit for multipart requests (413)", async () => {
    const big = "x".repeat(11 * 1024 * 1024);
    const res = await post(statement({ attachments: [attachmentFor(big)] }), [{ content: big }]);
    expect(res.status).to.equal(413);
  });
});
