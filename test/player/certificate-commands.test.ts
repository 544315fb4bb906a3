import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { exportJWK, generateKeyPair } from "jose";
import { runPlayerCli } from "../../player/cli.js";
import type { EarnedCredit } from "../../player/domain/credits.js";
import { CertificateService } from "../../player/services/certificate-service.js";
import { IssuerKeys } from "../../player/services/issuer-keys.js";
import { SqlitePlayerStore } from "../../player/store/sqlite/sqlite-player-store.js";
import { projectRoot, run } from "../support/tools.js";

const urls = { origin: "https://obuka.example" };

describe("obuka verify-credential and revoke-certificate", () => {
  let dir: string;
  let code: string;
  const out: string[] = [];
  const err: string[] = [];
  const io = () => ({ cwd: dir, env: {}, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), fetch: (() => Promise.reject(new Error("no network in this test"))) as typeof fetch });

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "obuka-credential-cli-"));
    const store = await SqlitePlayerStore.open(path.join(dir, "player.sqlite"));
    try {
      await store.createUser({ id: "u1", username: "ana", displayName: "Ana Anić", role: "learner", passwordHash: "x" });
      const service = new CertificateService({ store, keys: await IssuerKeys.open(path.join(dir, "issuer-keys.json")), issuerName: "Centar (test)", clock: () => new Date() });
      const credit = { course: "https://obuka.example/c", programme: "Program T-1", points: 5, earnedAt: "2026-01-10T00:00:00.000Z", validUntil: "2099-01-10T00:00:00.000Z", statementId: "s1", evidence: ["s1"] } as unknown as EarnedCredit;
      const certificate = (await service.issueFor({ id: "u1", username: "ana", displayName: "Ana Anić", role: "learner" }, [credit])).get("s1")!;
      code = certificate.code;
      await writeFile(path.join(dir, "credential.jwt"), `${await service.credentialJwt((await store.findCertificate(code))!, urls)}\n`);
      await writeFile(path.join(dir, "jwks.json"), JSON.stringify(service.jwks()));
      await writeFile(path.join(dir, "status.jwt"), await service.statusListJwt(urls));
      const stranger = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
      await writeFile(path.join(dir, "other-jwks.json"), JSON.stringify({ keys: [{ ...(await exportJWK(stranger.publicKey)), kid: "other" }] }));
    } finally {
      await store.close();
    }
  });
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
  });

  it("prints valid and exits 0 for a genuine credential checked against the issuer's keys and status list", async () => {
    expect(await runPlayerCli(["verify-credential", "credential.jwt", "--jwks", "jwks.json", "--status-list", "status.jwt"], io())).to.equal(0);
    expect(out).to.include("valid: signature, dates and status check out");
    expect(out.join("\n")).to.contain("holder:      Ana Anić").and.contain("points:      5");
  });

  it("exits 1 for a wrong key and for a tampered credential, saying which", async () => {
    expect(await runPlayerCli(["verify-credential", "credential.jwt", "--jwks", "other-jwks.json", "--offline"], io())).to.equal(1);
    expect(out.some((l) => l.startsWith("wrong-key:"))).to.equal(true);
    const [h, p, s] = (await import("node:fs/promises").then((fs) => fs.readFile(path.join(dir, "credential.jwt"), "utf8"))).trim().split(".") as [string, string, string];
    const forged = Buffer.from(Buffer.from(p, "base64url").toString("utf8").replace('"creditsEarned":5', '"creditsEarned":50')).toString("base64url");
    await writeFile(path.join(dir, "forged.jwt"), `${h}.${forged}.${s}`);
    out.length = 0;
    expect(await runPlayerCli(["verify-credential", "forged.jwt", "--jwks", "jwks.json", "--offline"], io())).to.equal(1);
    expect(out.some((l) => l.startsWith("tampered:"))).to.equal(true);
  });

  it("never says valid when the status list named in the credential cannot be fetched", async () => {
    expect(await runPlayerCli(["verify-credential", "credential.jwt", "--jwks", "jwks.json"], io())).to.equal(1);
    expect(out.some((l) => l.startsWith("status-unverifiable:"))).to.equal(true);
  });

  it("revokes a certificate from the command line; the new status list then reports it revoked", async () => {
    expect(await runPlayerCli(["revoke-certificate", code, "--reason", "issued in error", "--data-dir", dir], io())).to.equal(0);
    expect(out[0]).to.match(new RegExp(`^revoked: ${code} \\(issued in error\\)`));
    const store = await SqlitePlayerStore.open(path.join(dir, "player.sqlite"));
    try {
      const service = new CertificateService({ store, keys: await IssuerKeys.open(path.join(dir, "issuer-keys.json")), issuerName: "Centar (test)", clock: () => new Date() });
      await writeFile(path.join(dir, "status-now.jwt"), await service.statusListJwt(urls));
      expect((await store.listAudit({ actor: "cli", limit: 1 }))[0]).to.include({ action: "revoke-certificate", subject: code });
    } finally {
      await store.close();
    }
    out.length = 0;
    expect(await runPlayerCli(["verify-credential", "credential.jwt", "--jwks", "jwks.json", "--status-list", "status-now.jwt"], io())).to.equal(1);
    expect(out.some((l) => l.startsWith("revoked:"))).to.equal(true);
    expect(await runPlayerCli(["revoke-certificate", "OBK-0000-0000-0000-0000", "--reason", "x", "--data-dir", dir], io())).to.equal(1);
    expect(err.join("\n")).to.contain("obuka revoke-certificate: certificate OBK-0000-0000-0000-0000 not found");
  });

  it("rotates the issuer key, keeping the old one in the JWKS so issued credentials still verify", async () => {
    const before = JSON.parse(await import("node:fs/promises").then((fs) => fs.readFile(path.join(dir, "issuer-keys.json"), "utf8"))) as { keys: unknown[] };
    expect(await runPlayerCli(["rotate-issuer-key", "--data-dir", dir], io())).to.equal(0);
    expect(out[0]).to.match(/^new signing key: \S+; the JWKS lists 2 keys/);
    const keys = await IssuerKeys.open(path.join(dir, "issuer-keys.json"));
    expect(keys.jwks().keys).to.have.length(before.keys.length + 1);
    await writeFile(path.join(dir, "jwks-rotated.json"), JSON.stringify(keys.jwks()));
    out.length = 0;
    expect(await runPlayerCli(["verify-credential", "credential.jwt", "--jwks", "jwks-rotated.json", "--offline"], io())).to.equal(0);
  });

  it("answers usage mistakes with exit code 2", async () => {
    expect(await runPlayerCli(["verify-credential"], io())).to.equal(2);
    expect(await runPlayerCli(["verify-credential", "missing.jwt", "--jwks", "jwks.json"], io())).to.equal(2);
    expect(await runPlayerCli(["revoke-certificate", code, "--data-dir", dir], io())).to.equal(2);
    expect(err.join("\n")).to.contain("missing.jwt: no such file");
  });

  it("is reached through the obuka command, with a non-zero exit code when not valid", async () => {
    const shim = path.join(projectRoot, "authoring/bin/obuka.js");
    const ok = await run("node", [shim, "verify-credential", "credential.jwt", "--jwks", "jwks.json", "--status-list", "status.jwt"], { cwd: dir });
    expect(ok.stdout).to.contain("valid:");
    const failed = await run("node", [shim, "verify-credential", "credential.jwt", "--jwks", "other-jwks.json", "--offline"], { cwd: dir }).then(() => undefined, (error: { code?: number; stdout?: string }) => error);
    expect(failed?.code).to.equal(1);
    expect(failed?.stdout).to.contain("wrong-key:");
  });
});
