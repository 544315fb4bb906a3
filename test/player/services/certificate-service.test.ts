import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import type { User } from "../../../player/domain/accounts.js";
import type { EarnedCredit } from "../../../player/domain/credits.js";
import { verifyOpenBadgeJwt } from "../../../player/domain/open-badge-verification.js";
import { ValidationError } from "../../../player/errors.js";
import { CertificateService, type CertificateHolding } from "../../../player/services/certificate-service.js";
import { IssuerKeys } from "../../../player/services/issuer-keys.js";
import { SqlitePlayerStore } from "../../../player/store/sqlite/sqlite-player-store.js";
import { run } from "../../support/tools.js";
import { pdfText, requirePdftotext } from "../../support/pdf-text.js";

const ana: User = { id: "u-ana", username: "ana", displayName: "Ana Petrović Đukić", role: "learner" };
const admin: User = { id: "u-admin", username: "admin", displayName: "Admin", role: "admin" };
const verifier: User = { id: "u-ver", username: "ver", displayName: "Vera", role: "verifier" };
const urls = { origin: "https://obuka.example" };

/** The fields of EarnedCredit the certificate side reads (the credits engine adds more). */
function credit(statementId: string, programme = "PRIDE: priprema hranitelja (program br. RZSZ-2026-001)", points = 15): EarnedCredit {
  return {
    course: "https://obuka.example/courses/pride", programme, points, earnedAt: "2026-03-01T10:00:00.000Z", validUntil: "2033-03-01T10:00:00.000Z",
    statementId, evidence: [statementId], explanation: "cmi5 course satisfied", programmeNumber: "RZSZ-2026-001", category: undefined,
  } as unknown as EarnedCredit;
}

describe("CertificateService", () => {
  let dir: string;
  let store: SqlitePlayerStore;
  let keys: IssuerKeys;
  let service: CertificateService;
  let now: Date;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "obuka-certificates-"));
    store = await SqlitePlayerStore.open(path.join(dir, "player.sqlite"));
    for (const user of [ana, admin, verifier]) await store.createUser({ ...user, passwordHash: "x" });
    now = new Date("2026-06-01T12:00:00.000Z");
    keys = await IssuerKeys.open(path.join(dir, "keys", "issuer-keys.json"), () => now);
    service = new CertificateService({ store, keys, issuerName: "Centar za obuku (primer)", clock: () => now });
  });
  afterEach(() => store.close());

  async function holding(code: string): Promise<CertificateHolding> {
    return (await store.findCertificate(code))!;
  }

  it("issues one certificate per evidence statement, however often credits are recomputed", async () => {
    const first = await service.issueFor(ana, [credit("stmt-1")]);
    const second = await service.issueFor(ana, [credit("stmt-1")]);
    expect(second.get("stmt-1")!.code).to.equal(first.get("stmt-1")!.code);
    expect(first.get("stmt-1")!.code).to.match(/^OBK-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await store.listCertificates(ana.id)).to.have.length(1);
    const lookup = await service.find(first.get("stmt-1")!.code);
    expect(lookup.status).to.equal("valid");
  });

  it("revokes a certificate as evidence-voided when its credit is gone, and the status list says so", async () => {
    const code = (await service.issueFor(ana, [credit("stmt-1")])).get("stmt-1")!.code;
    const jwt = await service.credentialJwt(await holding(code), urls);
    const replacement = await service.issueFor(ana, [credit("stmt-2")]);
    const lookup = await service.find(code);
    expect(lookup).to.include({ status: "revoked", revocationReason: "evidence-voided" });
    expect((await service.find(replacement.get("stmt-2")!.code)).status).to.equal("valid");
    const audit = await store.listAudit({ limit: 10 });
    expect(audit[0]).to.include({ actor: "system", action: "revoke-certificate", subject: code });

    // An offline verifier with the published keys and the status list sees it revoked.
    const verdict = await verifyOpenBadgeJwt(jwt, service.jwks(), { now, statusListJwt: await service.statusListJwt(urls) });
    expect(verdict.status).to.equal("revoked");
    const other = await service.credentialJwt(await holding(replacement.get("stmt-2")!.code), urls);
    expect((await verifyOpenBadgeJwt(other, service.jwks(), { now, statusListJwt: await service.statusListJwt(urls) })).status).to.equal("valid");
  });

  it("lets an administrator revoke with a reason, once, and refuses a missing reason or a bad code", async () => {
    const code = (await service.issueFor(ana, [credit("stmt-1")])).get("stmt-1")!.code;
    const status = await service.revoke(admin.id, code.toLowerCase(), "  issued in error ");
    expect(status).to.include({ revocationReason: "issued in error", revokedAt: now.toISOString() });
    await service.revoke(admin.id, code, "second reason");
    expect((await service.find(code))).to.include({ status: "revoked", revocationReason: "issued in error" });
    expect((await store.listAudit({ actor: admin.id, limit: 10 })).map((e) => e.outcome)).to.deep.equal(["already revoked", "revoked: issued in error"]);
    await service.revoke(admin.id, code, " ").then(() => expect.fail("accepted an empty reason"), (error: unknown) => expect(error).to.be.instanceOf(ValidationError).with.property("field", "reason"));
    await service.revoke(admin.id, "nonsense", "x").then(() => expect.fail("accepted a bad code"), (error: unknown) => expect(error).to.be.instanceOf(ValidationError).with.property("field", "code"));
    // A revoked certificate is not reissued when its credit is recomputed, and comes back marked revoked.
    const again = await service.issueFor(ana, [credit("stmt-1")]);
    expect(again.get("stmt-1")).to.deep.include({ code, status: { code, statusIndex: status.statusIndex, revokedAt: now.toISOString(), revocationReason: "issued in error" } });
    expect((await service.find(code)).status).to.equal("revoked");
  });

  it("audits every lookup, and shows the evidence only to those who may see it", async () => {
    const code = (await service.issueFor(ana, [credit("stmt-1")])).get("stmt-1")!.code;
    const anonymous = await service.lookup(code, { kind: "public" });
    expect(anonymous).to.include({ status: "valid", evidence: undefined });
    const checked = await service.lookup(code, { kind: "user", user: verifier, seesEvidence: true });
    expect(checked).to.deep.include({ evidence: ["stmt-1"] });
    await service.lookup("OBK-0000-0000-0000-0000", { kind: "public" });
    const audit = await store.listAudit({ limit: 10 });
    expect(audit.map((e) => [e.actor, e.action, e.subject, e.outcome])).to.deep.equal([
      ["public", "verify-code", "OBK-0000-0000-0000-0000", "unknown"],
      [verifier.id, "verify-code", code, "valid"],
      ["public", "verify-code", code, "valid"],
    ]);
  });

  it("reports an expired certificate as expired", async () => {
    const code = (await service.issueFor(ana, [credit("stmt-1")])).get("stmt-1")!.code;
    now = new Date("2033-03-01T10:00:00.000Z");
    expect((await service.find(code)).status).to.equal("expired");
  });

  it("verifies a pasted credential against its own keys and status list, with the revocation reason", async () => {
    const code = (await service.issueFor(ana, [credit("stmt-1")])).get("stmt-1")!.code;
    const jwt = await service.credentialJwt(await holding(code), urls);
    expect((await service.verifyCredential(jwt, { kind: "public" }, urls)).status).to.equal("valid");
    await service.revoke(admin.id, code, "issued in error");
    const verdict = await service.verifyCredential(jwt, { kind: "public" }, urls);
    expect(verdict).to.include({ status: "revoked", reason: "issued in error" });
    expect((await store.listAudit({ actor: "public", limit: 1 }))[0]).to.include({ action: "verify-credential", outcome: "revoked" });
  });

  describe("issuer keys", () => {
    it("keeps the key pair in the data directory, readable by the owner only, and reuses it", async () => {
      const file = path.join(dir, "keys", "issuer-keys.json");
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
      const reopened = await IssuerKeys.open(file);
      expect(reopened.jwks()).to.deep.equal(keys.jwks());
      expect(JSON.stringify(keys.jwks())).to.not.contain("\"d\"");
    });

    it("keeps old keys in the JWKS after rotation, so earlier credentials still verify", async () => {
      const code = (await service.issueFor(ana, [credit("stmt-1")])).get("stmt-1")!.code;
      const before = await service.credentialJwt(await holding(code), urls);
      const oldKid = keys.jwks().keys[0]!.kid;
      const newKid = await keys.rotate();
      expect(keys.jwks().keys.map((k) => k.kid)).to.deep.equal([oldKid, newKid]);
      const after = await service.credentialJwt(await holding(code), urls);
      expect(JSON.parse(Buffer.from(after.split(".")[0]!, "base64url").toString()).kid).to.equal(newKid);
      for (const jwt of [before, after]) expect((await verifyOpenBadgeJwt(jwt, service.jwks(), { now })).status).to.equal("valid");
    });

    it("gives nodes that start together on one new key file the same key", async () => {
      const file = path.join(dir, "shared", "issuer-keys.json");
      const opened = await Promise.all([1, 2, 3, 4].map(() => IssuerKeys.open(file)));
      const kids = new Set(opened.map((k) => JSON.stringify(k.jwks())));
      expect(kids.size).to.equal(1);
      expect(JSON.parse(await readFile(file, "utf8")).keys).to.have.length(1);
    });

    it("refuses a key file that is not one", async () => {
      const file = path.join(dir, "broken.json");
      await writeFile(file, "{\"keys\": [{\"kid\": 1}]}");
      await IssuerKeys.open(file).then(() => expect.fail("opened"), (error: Error) => expect(error.message).to.contain("broken.json"));
      expect(await readFile(file, "utf8")).to.contain("kid");
    });
  });

  describe("certificate PDF", () => {
    requirePdftotext();

    it("prints holder, programme, points, dates and code in Serbian Latin, Cyrillic and English, with a QR code", async () => {
      const code = (await service.issueFor(ana, [credit("stmt-1")])).get("stmt-1")!.code;
      const certificate = await holding(code);
      const latin = await pdfText(await service.pdf(certificate, "sr-Latn", urls, false));
      expect(latin).to.contain("Ana Petrović Đukić");
      expect(latin).to.contain("PRIDE: priprema hranitelja (program br. RZSZ-2026-001)");
      expect(latin).to.match(/Bodovi:\s+15/);
      expect(latin).to.contain(code);
      expect(latin).to.contain("1. 3. 2026.");
      expect(latin).to.contain("Sertifikat o stečenim bodovima");
      expect(latin).to.contain(`https://obuka.example/verify?code=${code}`);

      const cyrillic = await pdfText(await service.pdf(certificate, "sr-Cyrl", urls, false));
      expect(cyrillic).to.contain("Ана Петровић Ђукић");
      expect(cyrillic).to.contain("ПРИДЕ: припрема хранитеља (програм бр. РЗСЗ-2026-001)");
      expect(cyrillic).to.contain("Сертификат о стеченим бодовима");
      expect(cyrillic).to.contain("1. 3. 2026.");
      expect(cyrillic).to.match(/Бодови:\s+15/);
      expect(cyrillic).to.contain(code);

      const english = await pdfText(await service.pdf(certificate, "en", urls, false));
      expect(english).to.contain("Certificate of credit points");
      expect(english).to.contain("Ana Petrović Đukić");
      expect(english).to.match(/Points:\s+15/);
      expect(english).to.contain("1 March 2026");

      const file = path.join(dir, "certificate.pdf");
      await writeFile(file, await service.pdf(certificate, "sr-Latn", urls, false));
      const { stdout } = await run("pdfimages", ["-list", file]);
      expect(stdout.split("\n").filter((line) => /^\s+1\s+\d+\s+image/.test(line))).to.have.length(1);
    });

    it("marks a revoked certificate as revoked", async () => {
      const code = (await service.issueFor(ana, [credit("stmt-1")])).get("stmt-1")!.code;
      expect(await pdfText(await service.pdf(await holding(code), "sr-Latn", urls, true))).to.contain("OPOZVAN");
    });
  });
});
