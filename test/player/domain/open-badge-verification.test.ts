import { expect } from "chai";
import { type JSONWebKeySet, type JWK, SignJWT, exportJWK, generateKeyPair } from "jose";
import { type CertificateStatement, type SigningKey, buildOpenBadgeCredential, signCredentialJwt } from "../../../player/domain/open-badge.js";
import { verifyOpenBadgeJwt } from "../../../player/domain/open-badge-verification.js";
import { encodeStatusList, statusListCredential, statusListEntry } from "../../../player/domain/status-list.js";

const issuer = { id: "https://obuka.example/issuer", name: "Republički zavod za socijalnu zaštitu (primer)" };
const listUrl = "https://obuka.example/credentials/status/1";
const statement: CertificateStatement = {
  code: "OBK-ABCD-EFGH-JKMN-PQRS",
  holderId: "urn:obuka:learner:0123abcd",
  holderName: "Ana Petrović",
  courseId: "https://obuka.example/courses/pride",
  courseTitle: "PRIDE: priprema hranitelja",
  programme: "RZSZ-2026-001",
  points: 15,
  earnedAt: "2026-03-01T10:00:00.000Z",
  validUntil: "2033-03-01T10:00:00.000Z",
  criteria: "cmi5: course satisfied",
};
const during = new Date("2026-06-01T00:00:00Z");

async function newKey(kid: string): Promise<{ signing: SigningKey; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  return { signing: { kid, privateKey }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" } };
}

/** Flips one bit of the decoded bytes of a JWT part. */
function flipCharacter(token: string, partIndex: number): string {
  const parts = token.split(".");
  const bytes = Buffer.from(parts[partIndex]!, "base64url");
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  parts[partIndex] = bytes.toString("base64url");
  return parts.join(".");
}

describe("verifyOpenBadgeJwt", () => {
  let issuerKey: Awaited<ReturnType<typeof newKey>>;
  let olderKey: Awaited<ReturnType<typeof newKey>>;
  let strangerKey: Awaited<ReturnType<typeof newKey>>;
  let jwks: JSONWebKeySet;
  let jwt: string;
  const credential = buildOpenBadgeCredential(statement, issuer, statusListEntry(listUrl, 7));
  const listJwt = (revoked: number[], key: SigningKey) =>
    signCredentialJwt(statusListCredential({ listUrl, issuer, validFrom: "2026-01-01T00:00:00.000Z", encodedList: encodeStatusList(revoked) }), key);

  before(async () => {
    issuerKey = await newKey("issuer-2026");
    olderKey = await newKey("issuer-2025");
    strangerKey = await newKey("stranger");
    jwks = { keys: [olderKey.publicJwk, issuerKey.publicJwk] };
    jwt = await signCredentialJwt(credential, issuerKey.signing);
  });

  it("accepts a credential signed by the issuer, with the claims OB 3.0 maps from it", async () => {
    const verdict = await verifyOpenBadgeJwt(jwt, jwks, { now: during, statusListJwt: await listJwt([3], issuerKey.signing) });
    expect(verdict.status).to.equal("valid");
    expect(verdict.revocationChecked).to.equal(true);
    expect(verdict.credential?.credentialSubject.identifier[0]?.identityHash).to.equal("Ana Petrović");
    const [header, payload] = jwt.split(".").slice(0, 2).map((p) => JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Record<string, unknown>);
    expect(header).to.deep.equal({ alg: "EdDSA", kid: "issuer-2026", typ: "JWT" });
    expect(payload).to.include({ iss: issuer.id, jti: "urn:obuka:certificate:OBK-ABCD-EFGH-JKMN-PQRS", sub: statement.holderId, nbf: Date.parse(statement.earnedAt) / 1000, exp: Date.parse(statement.validUntil) / 1000 });
    expect(payload!.type).to.deep.equal(["VerifiableCredential", "OpenBadgeCredential"]);
  });

  it("says revocation was not checked when no status list is given", async () => {
    const verdict = await verifyOpenBadgeJwt(jwt, jwks, { now: during });
    expect(verdict.status).to.equal("valid");
    expect(verdict.revocationChecked).to.equal(false);
  });

  it("keeps accepting credentials signed with an older key still listed after rotation", async () => {
    const old = await signCredentialJwt(credential, olderKey.signing);
    expect((await verifyOpenBadgeJwt(old, jwks, { now: during })).status).to.equal("valid");
  });

  it("reports a flipped byte in the signature or in the signed content as tampered", async () => {
    const badSignature = await verifyOpenBadgeJwt(flipCharacter(jwt, 2), jwks, { now: during });
    expect(badSignature.status).to.equal("tampered");
    expect(badSignature.credential).to.equal(undefined);
    // One byte of the payload JSON changed ("Ana" → "Anb"), re-encoded but not re-signed.
    const [h, p, s] = jwt.split(".") as [string, string, string];
    const bytes = Buffer.from(p, "base64url");
    const at = bytes.indexOf("Ana Petrovi");
    expect(at).to.be.greaterThan(0);
    bytes[at + 2] = "b".charCodeAt(0);
    expect((await verifyOpenBadgeJwt(`${h}.${bytes.toString("base64url")}.${s}`, jwks, { now: during })).status).to.equal("tampered");
    // A changed claim: the classic forgery of more points.
    const forged = { ...JSON.parse(Buffer.from(p, "base64url").toString("utf8")), credentialSubject: { ...credential.credentialSubject, creditsEarned: 150 } };
    expect((await verifyOpenBadgeJwt(`${h}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${s}`, jwks, { now: during })).status).to.equal("tampered");
  });

  it("reports a payload re-signed with another key as wrong key, or as tampered when it claims the issuer's kid", async () => {
    const foreign = await signCredentialJwt(credential, strangerKey.signing);
    expect((await verifyOpenBadgeJwt(foreign, jwks, { now: during })).status).to.equal("wrong-key");
    const impostor = await signCredentialJwt(credential, { kid: "issuer-2026", privateKey: strangerKey.signing.privateKey });
    expect((await verifyOpenBadgeJwt(impostor, jwks, { now: during })).status).to.equal("tampered");
    const mislabelled = await signCredentialJwt(credential, { kid: "issuer-2026", privateKey: olderKey.signing.privateKey });
    const verdict = await verifyOpenBadgeJwt(mislabelled, jwks, { now: during });
    expect(verdict.status).to.equal("wrong-key");
    expect(verdict.detail).to.contain("issuer-2025");
    expect((await verifyOpenBadgeJwt(jwt, { keys: [strangerKey.publicJwk] }, { now: during })).status).to.equal("wrong-key");
  });

  it("reports expired and not yet valid credentials", async () => {
    expect((await verifyOpenBadgeJwt(jwt, jwks, { now: new Date("2033-03-01T10:00:00.000Z") })).status).to.equal("expired");
    expect((await verifyOpenBadgeJwt(jwt, jwks, { now: new Date("2026-02-28T00:00:00Z") })).status).to.equal("not-yet-valid");
  });

  it("reports a revoked credential with the reason, even after it expired", async () => {
    const list = await listJwt([7], issuerKey.signing);
    const reason = (index: number) => (index === 7 ? "evidence-voided" : undefined);
    const verdict = await verifyOpenBadgeJwt(jwt, jwks, { now: during, statusListJwt: list, revocationReason: reason });
    expect(verdict).to.include({ status: "revoked", reason: "evidence-voided", revocationChecked: true });
    expect((await verifyOpenBadgeJwt(jwt, jwks, { now: new Date("2040-01-01T00:00:00Z"), statusListJwt: list })).status).to.equal("revoked");
  });

  it("does not trust a status list that is not the issuer's", async () => {
    const forgedList = await listJwt([], strangerKey.signing);
    expect((await verifyOpenBadgeJwt(jwt, jwks, { now: during, statusListJwt: forgedList })).status).to.equal("status-unverifiable");
    const otherUrl = await signCredentialJwt(statusListCredential({ listUrl: `${listUrl}x`, issuer, validFrom: "2026-01-01T00:00:00.000Z", encodedList: encodeStatusList([]) }), issuerKey.signing);
    expect((await verifyOpenBadgeJwt(jwt, jwks, { now: during, statusListJwt: otherUrl })).status).to.equal("status-unverifiable");
    expect((await verifyOpenBadgeJwt(jwt, jwks, { now: during, statusListJwt: "garbage" })).status).to.equal("status-unverifiable");
  });

  it("reports what is not a credential as malformed", async () => {
    for (const input of ["", "abc", "a.b.c", `${jwt}.extra`]) {
      expect((await verifyOpenBadgeJwt(input, jwks, { now: during })).status, input).to.equal("malformed");
    }
    const hmac = await new SignJWT({ ...credential }).setProtectedHeader({ alg: "HS256", kid: "issuer-2026" }).sign(new Uint8Array(32));
    expect((await verifyOpenBadgeJwt(hmac, jwks, { now: during })).status).to.equal("malformed");
    const noContext = await signCredentialJwt({ ...credential, "@context": ["https://www.w3.org/ns/credentials/v2"] } as typeof credential, issuerKey.signing);
    expect((await verifyOpenBadgeJwt(noContext, jwks, { now: during })).status).to.equal("malformed");
    const claimsDisagree = await new SignJWT({ ...credential, iss: "https://evil.example" }).setProtectedHeader({ alg: "EdDSA", kid: "issuer-2026", typ: "JWT" }).sign(issuerKey.signing.privateKey);
    expect((await verifyOpenBadgeJwt(claimsDisagree, jwks, { now: during })).detail).to.contain("iss");
  });
});
