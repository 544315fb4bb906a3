import { expect } from "chai";
import type { Certificate, PlayerStore } from "../../../player/store/player-store.js";

function certificate(code: string, userId: string, statementId: string): Certificate {
  return {
    code, userId, courseId: "https://obuka.test/courses/c1", courseTitle: "Kurs", programme: "P-1", points: 15,
    earnedAt: "2026-03-01T09:00:00.000Z", validUntil: "2033-03-01T09:00:00.000Z", statementId, issuedAt: "2026-03-01T09:01:00.000Z",
  };
}

/** Status list indexes and revocation of certificates: any backend must pass it. */
export function describeCertificateStatusStore(name: string, open: () => Promise<{ store: PlayerStore; close: () => Promise<void> }>): void {
  describe(`${name}: certificate status`, () => {
    let store: PlayerStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
      await store.createUser({ id: "u1", username: "ana", displayName: "Ana Anić", role: "learner", passwordHash: "h1" });
      await store.createUser({ id: "u2", username: "bora", displayName: "Bora Borić", role: "learner", passwordHash: "h2" });
    });
    afterEach(() => close());

    it("gives every certificate its own status index once, however many ask at once", async () => {
      for (const [code, user, statement] of [["C-1", "u1", "s1"], ["C-2", "u1", "s2"], ["C-3", "u2", "s3"]] as const) await store.saveCertificate(certificate(code, user, statement));
      const first = await Promise.all(["C-1", "C-2", "C-3", "C-1", "C-2", "C-3"].map((code) => store.ensureCertificateStatus(code)));
      const indexes = first.slice(0, 3).map((s) => s.statusIndex);
      expect(new Set(indexes).size).to.equal(3);
      expect(first.slice(3).map((s) => s.statusIndex)).to.deep.equal(indexes);
      expect(await store.findCertificateStatus("C-2")).to.deep.equal({ code: "C-2", statusIndex: indexes[1], revokedAt: undefined, revocationReason: undefined });
      expect(await store.findCertificateStatus("C-9")).to.equal(undefined);
      expect((await store.listCertificateStatuses({ userId: "u1" })).map((s) => s.code).sort()).to.deep.equal(["C-1", "C-2"]);
    });

    it("revokes once, keeping the first reason, and lists revoked certificates", async () => {
      await store.saveCertificate(certificate("C-1", "u1", "s1"));
      await store.saveCertificate(certificate("C-2", "u1", "s2"));
      const { statusIndex } = await store.ensureCertificateStatus("C-1");
      await store.ensureCertificateStatus("C-2");
      const revoked = await store.revokeCertificate("C-1", { at: "2026-04-01T00:00:00.000Z", reason: "evidence-voided" });
      expect(revoked).to.deep.equal({ code: "C-1", statusIndex, revokedAt: "2026-04-01T00:00:00.000Z", revocationReason: "evidence-voided" });
      const again = await store.revokeCertificate("C-1", { at: "2026-05-01T00:00:00.000Z", reason: "other" });
      expect(again).to.deep.equal(revoked);
      expect((await store.listCertificateStatuses({ revoked: true })).map((s) => s.code)).to.deep.equal(["C-1"]);
      expect(await store.revokeCertificate("C-9", { at: "2026-05-01T00:00:00.000Z", reason: "x" })).to.equal(undefined);
    });
  });
}
