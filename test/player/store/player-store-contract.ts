// The PlayerStore contract beyond SCORM and audit: accounts, packages, registrations, cmi5
// sessions, progress, xAPI launches, API keys and certificates. Every backend runs it; the
// "at once" tests start their calls together, which on PostgreSQL means several pooled
// connections racing, as two nodes would.
import { expect } from "chai";
import type { AuSession, Certificate, ImportedPackage, PlayerStore } from "../../../player/store/player-store.js";

export type OpenTestStore = () => Promise<{ store: PlayerStore; close: () => Promise<void> }>;

const at = (minute: number) => `2026-03-01T09:${String(minute).padStart(2, "0")}:00.000Z`;
const courseId = "https://obuka.test/courses/c1";

function cmi5Package(packageId: string, checksum: string, title: string, minute: number): ImportedPackage {
  const course = { id: courseId, title: { sr: title }, description: { sr: "" }, children: [] };
  return {
    packageId, format: "cmi5", courseId, checksum, importedAt: at(minute),
    content: { format: "cmi5", identifier: courseId, title: course.title, course },
    videos: [
      { activityId: "https://obuka.test/videos/v1", mediaPath: "media/v1.webm", durationSeconds: 61.5, completionThreshold: 0.5 },
      { activityId: "https://obuka.test/videos/v2", mediaPath: "media/v2.webm", durationSeconds: undefined, completionThreshold: undefined },
    ],
  };
}

function auSession(sessionId: string, registration: string, minute: number): AuSession & { fetchTokenHash: string } {
  return {
    sessionId, registration, userId: "u1", courseId, auId: "au-1", activityId: "urn:obuka:cmi5:au:1", masteryScore: 0.8, launchedAt: at(minute),
    fetchedAt: undefined, credentialKey: undefined, terminatedAt: undefined, abandonedAt: undefined, lastStatementAt: undefined,
    launchMode: "Normal", initializedAt: undefined, cmi5Statements: [], preferencesReadAt: undefined, fetchTokenHash: `fetch-${sessionId}`,
  };
}

function certificate(code: string, statementId: string): Certificate {
  return {
    code, userId: "u1", courseId, courseTitle: "Kurs", programme: "PRIDE", points: 7.5, earnedAt: at(5), validUntil: "2033-03-01T09:05:00.000Z",
    statementId, issuedAt: at(6),
  };
}

export function describePlayerStore(name: string, open: OpenTestStore): void {
  describe(`${name}: PlayerStore contract`, () => {
    let store: PlayerStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await open());
      await store.createUser({ id: "u1", username: "ana", displayName: "Ana Anić", role: "learner", passwordHash: "h1" });
    });
    afterEach(() => close());

    it("finds users by name and id, and refuses a second account with the same username", async () => {
      expect(await store.findUserByUsername("ana")).to.deep.equal({ id: "u1", username: "ana", displayName: "Ana Anić", role: "learner", passwordHash: "h1" });
      expect(await store.findUserById("u1")).to.deep.equal({ id: "u1", username: "ana", displayName: "Ana Anić", role: "learner" });
      expect(await store.findUserByUsername("nobody")).to.equal(undefined);
      const second = await store.createUser({ id: "u2", username: "ana", displayName: "Other", role: "admin", passwordHash: "h2" }).then(() => "created", () => "refused");
      expect(second).to.equal("refused");
    });

    it("finds a web session only before it expires, and not after it is deleted", async () => {
      await store.createWebSession({ tokenHash: "t1", userId: "u1", expiresAt: at(30) });
      expect(await store.findWebSession("t1", at(10))).to.deep.equal({ userId: "u1" });
      expect(await store.findWebSession("t1", at(30))).to.equal(undefined);
      await store.deleteWebSession("t1");
      expect(await store.findWebSession("t1", at(10))).to.equal(undefined);
    });

    it("keeps every package version and lists the newest of each course, with its recorded trainings", async () => {
      await store.savePackage(cmi5Package("p1", "sum-1", "Prvi", 1));
      await store.savePackage(cmi5Package("p2", "sum-2", "Drugi", 2));
      expect((await store.listPackages()).map((p) => p.packageId)).to.deep.equal(["p2"]);
      expect((await store.findCourse(courseId))?.structure.title).to.deep.equal({ sr: "Drugi" });
      expect((await store.listCourses()).map((c) => c.packageId)).to.deep.equal(["p2"]);
      expect((await store.findPackageByChecksum("sum-1"))?.packageId).to.equal("p1");
      expect((await store.findCourseByChecksum("sum-2"))?.packageId).to.equal("p2");
      const found = await store.findPackage("p1");
      expect(found?.content).to.deep.equal(cmi5Package("p1", "sum-1", "Prvi", 1).content);
      expect(await store.listCourseVideos(courseId), "lengths and thresholds as imported").to.deep.equal([
        { activityId: "https://obuka.test/videos/v1", mediaPath: "media/v1.webm", durationSeconds: 61.5, completionThreshold: 0.5 },
        { activityId: "https://obuka.test/videos/v2", mediaPath: "media/v2.webm", durationSeconds: undefined, completionThreshold: undefined },
      ]);
      const again = await store.savePackage(cmi5Package("p3", "sum-1", "Prvi", 3)).then(() => "saved", () => "refused");
      expect(again, "the same bytes twice").to.equal("refused");
    });

    it("creates one registration per learner and course however many ask at once", async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => store.findOrCreateRegistration("u1", courseId, `reg-${i}`, at(i))));
      expect(answers.filter((a) => a.created)).to.have.length(1);
      const registration = answers.find((a) => a.created)!.registration;
      expect(new Set(answers.map((a) => a.registration))).to.deep.equal(new Set([registration]));
      expect(await store.findRegistration("u1", courseId)).to.equal(registration);
      expect((await store.findRegistrationById(registration))).to.include({ registration, userId: "u1", courseId });
      expect((await store.listRegistrationsOfUser("u1")).map((r) => r.registration)).to.deep.equal([registration]);
    });

    it("hands a fetch URL's session out once, however many nodes claim it at once", async () => {
      await store.findOrCreateRegistration("u1", courseId, "reg-1", at(0));
      await store.createAuSession(auSession("s1", "reg-1", 1));
      const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => store.claimFetch("fetch-s1", `cred-${i}`, at(2))));
      const won = claims.filter((c): c is AuSession => typeof c === "object");
      expect(won).to.have.length(1);
      expect(claims.filter((c) => c === "already-used")).to.have.length(5);
      expect(won[0]).to.include({ sessionId: "s1", fetchedAt: at(2) });
      expect((await store.findAuSessionByCredential(won[0]!.credentialKey!))?.sessionId).to.equal("s1");
      expect(await store.claimFetch("no-such-token", "cred-x", at(3))).to.equal(undefined);
      expect((await store.findAuSessionByFetch("fetch-s1"))?.sessionId).to.equal("s1");
    });

    it("keeps a cmi5 session's first events, its statements, and ends it once", async () => {
      await store.findOrCreateRegistration("u1", courseId, "reg-1", at(0));
      await store.createAuSession(auSession("s1", "reg-1", 1));
      await store.createAuSession(auSession("s2", "reg-1", 2));
      await store.notePreferencesRead("s1", at(3));
      await store.notePreferencesRead("s1", at(4));
      await store.recordCmi5Statements("s1", [{ verb: "initialized", id: "id-1" }], at(3));
      await store.recordCmi5Statements("s1", [{ verb: "initialized", id: "id-1" }, { verb: "completed", id: "id-2" }], at(5));
      await store.noteAuStatement("s1", at(6));
      expect(await store.findAuSession("s1")).to.deep.include({
        preferencesReadAt: at(3), initializedAt: at(3), lastStatementAt: at(6), masteryScore: 0.8, launchMode: "Normal",
        cmi5Statements: [{ verb: "initialized", id: "id-1" }, { verb: "completed", id: "id-2" }],
      });
      await store.markAuSessionTerminated("s1", at(7));
      await store.markAuSessionTerminated("s1", at(8));
      expect((await store.findAuSession("s1"))?.terminatedAt).to.equal(at(7));
      expect(await store.markAuSessionAbandoned("s1", at(9)), "a terminated session").to.equal(false);
      expect((await store.listOpenAuSessions("reg-1")).map((s) => s.sessionId)).to.deep.equal(["s2"]);
      expect(await store.markAuSessionAbandoned("s2", at(9))).to.equal(true);
      expect(await store.markAuSessionAbandoned("s2", at(10))).to.equal(false);
      expect(await store.listOpenAuSessions("reg-1")).to.deep.equal([]);
      expect((await store.listAuSessions("reg-1")).map((s) => [s.sessionId, s.abandonedAt])).to.deep.equal([["s1", undefined], ["s2", at(9)]]);
    });

    it("records progress, and one Satisfied and one waiver however many record them at once", async () => {
      await store.findOrCreateRegistration("u1", courseId, "reg-1", at(0));
      await store.saveAuProgress("reg-1", "au-1", { completed: true, passed: false, failed: true, waived: false });
      await store.saveAuProgress("reg-1", "au-1", { completed: true, passed: true, failed: false, waived: false });
      expect(await store.listAuProgress("reg-1")).to.deep.equal(new Map([["au-1", { completed: true, passed: true, failed: false, waived: false }]]));

      const satisfied = await Promise.all(Array.from({ length: 6 }, (_, i) => store.markSatisfied("reg-1", courseId, at(i + 1))));
      expect(satisfied.filter(Boolean)).to.have.length(1);
      expect(await store.isSatisfied("reg-1", courseId)).to.equal(true);
      expect(await store.isSatisfied("reg-1", "other")).to.equal(false);
      expect([...(await store.listSatisfied("reg-1")).keys()]).to.deep.equal([courseId]);

      const waived = await Promise.all(
        Array.from({ length: 6 }, (_, i) => store.saveWaiver("reg-1", { auId: "au-2", reason: "Tested Out", sessionId: `w-${i}`, waivedAt: at(i + 1) })),
      );
      expect(waived.filter(Boolean)).to.have.length(1);
      const waivers = await store.listWaivers("reg-1");
      expect(waivers).to.have.length(1);
      expect(waivers[0]).to.include({ auId: "au-2", reason: "Tested Out" });
    });

    it("keeps xAPI launches in order and ends each once", async () => {
      await store.findOrCreateRegistration("u1", courseId, "reg-1", at(0));
      await store.savePackage(cmi5Package("p1", "sum-1", "Prvi", 0));
      const launch = (launchId: string, minute: number) => ({
        launchId, registration: "reg-1", userId: "u1", packageId: "p1", activityId: courseId, credentialKey: `key-${launchId}`, launchedAt: at(minute), expiresAt: at(minute + 30), endedAt: undefined,
      });
      await store.createXapiLaunch(launch("l2", 2));
      await store.createXapiLaunch(launch("l1", 1));
      await store.endXapiLaunch("l1", at(5));
      await store.endXapiLaunch("l1", at(6));
      expect((await store.listXapiLaunches("reg-1")).map((l) => [l.launchId, l.endedAt])).to.deep.equal([["l1", at(5)], ["l2", undefined]]);
      expect((await store.listOpenXapiLaunches("reg-1")).map((l) => l.launchId)).to.deep.equal(["l2"]);
      expect(await store.findXapiLaunchByCredential("key-l2")).to.deep.equal(launch("l2", 2));
    });

    it("keeps API keys and revokes only those that exist", async () => {
      await store.createApiKey({ keyId: "k2", secretHash: "s2", name: "Portal B", createdAt: at(2), revokedAt: undefined });
      await store.createApiKey({ keyId: "k1", secretHash: "s1", name: "Portal A", createdAt: at(1), revokedAt: undefined });
      expect(await store.revokeApiKey("k1", at(3))).to.equal(true);
      expect(await store.revokeApiKey("nope", at(3))).to.equal(false);
      expect(await store.findApiKey("k1")).to.deep.equal({ keyId: "k1", secretHash: "s1", name: "Portal A", createdAt: at(1), revokedAt: at(3) });
      expect((await store.listApiKeys()).map((k) => k.keyId)).to.deep.equal(["k1", "k2"]);
    });

    it("issues one certificate per evidence statement however many save it at once", async () => {
      const saved = await Promise.all(Array.from({ length: 5 }, (_, i) => store.saveCertificate(certificate(`CODE-${i}`, "stmt-1"))));
      expect(new Set(saved.map((c) => c.code)).size).to.equal(1);
      expect((await store.listCertificates("u1")).map((c) => c.code)).to.deep.equal([saved[0]!.code]);
      expect(await store.findCertificate(saved[0]!.code)).to.deep.equal({ ...certificate(saved[0]!.code, "stmt-1"), holderName: "Ana Anić" });
      expect(await store.findCertificate("CODE-X")).to.equal(undefined);
    });
  });
}
