import { expect } from "chai";
import { CompactSign, generateKeyPair, importPKCS8 } from "jose";
import { SIGNATURE_USAGE_TYPE } from "../../../lrs/index.js";
import { createTestLrs, statement, uuid, type TestLrs } from "../support/fixtures.js";
import { qs, startServer, type TestServer } from "../support/http.js";
import { MULTIPART, multipartBody, sha256 } from "../support/multipart.js";
import { TEST_SIGNER_CERT_PEM, TEST_SIGNER_KEY_PEM } from "../support/signing-fixture.js";

type Alg = "RS256" | "RS384" | "RS512";

/** The x5c value of a PEM certificate: its DER in standard base64. */
function x5cOf(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, "");
}

async function sign(payload: unknown, key: CryptoKey, alg: string, x5c?: string[]): Promise<string> {
  const header = x5c === undefined ? { alg } : { alg, x5c };
  return new CompactSign(new TextEncoder().encode(typeof payload === "string" ? payload : JSON.stringify(payload))).setProtectedHeader(header).sign(key);
}

/** The statement with its signature attachment added, and the multipart body carrying the JWS. */
function signedBody(unsigned: Record<string, unknown>, jws: string): Buffer {
  const signature = {
    usageType: SIGNATURE_USAGE_TYPE,
    display: { en: "Signature", "sr-Latn": "Potpis" },
    contentType: "application/octet-stream",
    length: Buffer.byteLength(jws),
    sha2: sha256(jws),
  };
  return multipartBody({ ...unsigned, attachments: [signature] }, [{ content: jws, contentType: "application/octet-stream" }]);
}

describe("xAPI signed statements (Data 2.6)", () => {
  let t: TestLrs;
  let server: TestServer;
  const keys = new Map<Alg, CryptoKey>();

  before(async () => {
    for (const alg of ["RS256", "RS384", "RS512"] as const) keys.set(alg, (await generateKeyPair(alg)).privateKey);
  });
  beforeEach(async () => {
    t = await createTestLrs();
    const { header } = await t.credential(["all"]);
    server = await startServer(t.lrs, header);
  });
  afterEach(async () => {
    await server.close();
    await t.cleanup();
  });

  async function post(body: Buffer): Promise<Response> {
    return server.request("POST", "/statements", { body, contentType: MULTIPART });
  }

  async function rejection(res: Response): Promise<string> {
    expect(res.status).to.equal(400);
    return ((await res.json()) as { error: { message: string } }).error.message;
  }

  for (const alg of ["RS256", "RS384", "RS512"] as const) {
    it(`stores a statement signed with ${alg} and keeps the signature attachment`, async () => {
      const unsigned = statement({ id: uuid(1) });
      const res = await post(signedBody(unsigned, await sign(unsigned, keys.get(alg)!, alg)));
      expect(res.status, await res.clone().text()).to.equal(200);
      const get = await server.request("GET", `/statements${qs({ statementId: uuid(1) })}`);
      const stored = (await get.json()) as { attachments: { usageType: string }[] };
      expect(stored.attachments.map((a) => a.usageType)).to.deep.equal([SIGNATURE_USAGE_TYPE]);
    });
  }

  it("accepts a signed payload without id, authority, stored or version, which the LRS fills in", async () => {
    const unsigned = statement();
    const res = await post(signedBody({ ...unsigned, id: uuid(2) }, await sign(unsigned, keys.get("RS256")!, "RS256")));
    expect(res.status).to.equal(200);
  });

  it("rejects a signature whose payload differs from the statement", async () => {
    const signed = statement({ id: uuid(1), result: { success: true } });
    const sent = statement({ id: uuid(1), result: { success: false } });
    expect(await rejection(await post(signedBody(sent, await sign(signed, keys.get("RS256")!, "RS256"))))).to.include(
      "attachments[0]: the signed payload does not match the statement",
    );
  });

  it("rejects a signed id that differs from the statement's id", async () => {
    const res = await post(signedBody(statement({ id: uuid(1) }), await sign(statement({ id: uuid(9) }), keys.get("RS256")!, "RS256")));
    expect(await rejection(res)).to.include("does not match");
  });

  it("rejects a payload that is not a JSON serialization of a statement", async () => {
    const broken = JSON.stringify(statement({ id: uuid(1) })).replace('"', "'");
    expect(await rejection(await post(signedBody(statement({ id: uuid(1) }), await sign(broken, keys.get("RS256")!, "RS256"))))).to.include(
      "attachments[0]: the signature is not a JWS with a JSON payload",
    );
  });

  it("rejects algorithms other than RS256, RS384 and RS512", async () => {
    const unsigned = statement({ id: uuid(1) });
    const hmac = new Uint8Array(32).fill(7);
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(unsigned))).setProtectedHeader({ alg: "HS256" }).sign(hmac);
    expect(await rejection(await post(signedBody(unsigned, jws)))).to.include('must be RS256, RS384 or RS512, not "HS256"');
  });

  it("rejects a signature that is not a compact JWS", async () => {
    expect(await rejection(await post(signedBody(statement(), "not a jws")))).to.include("not a JWS in compact serialization");
  });

  it("verifies with the first x5c certificate: its own key passes, another key fails", async () => {
    const certKey = await importPKCS8(TEST_SIGNER_KEY_PEM, "RS256");
    const x5c = [x5cOf(TEST_SIGNER_CERT_PEM)];
    const good = statement({ id: uuid(1) });
    expect((await post(signedBody(good, await sign(good, certKey, "RS256", x5c)))).status).to.equal(200);
    const forged = statement({ id: uuid(2) });
    expect(await rejection(await post(signedBody(forged, await sign(forged, keys.get("RS256")!, "RS256", x5c))))).to.include(
      "does not verify with its x5c certificate",
    );
  });

  it("requires the signature as a part: a fileUrl-only signature cannot be checked", async () => {
    const unsigned = statement();
    const jws = await sign(unsigned, keys.get("RS256")!, "RS256");
    const attachment = { usageType: SIGNATURE_USAGE_TYPE, display: { en: "Signature" }, contentType: "application/octet-stream", length: jws.length, sha2: sha256(jws), fileUrl: "https://example.org/sig" };
    const res = await server.request("POST", "/statements", { json: { ...unsigned, attachments: [attachment] } });
    expect(await rejection(res)).to.include("a signature must be sent as an attachment part");
  });
});
