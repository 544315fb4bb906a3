// The SCORM run-time part of the PlayerStore contract: every backend runs these same tests
// (a PostgreSQL store would call describeScormStore with its own factory).
import { expect } from "chai";
import type { CmiSummary } from "../../../player/domain/scorm-cmi.js";
import type { ImportedPackage, PlayerStore, ScormAttempt } from "../../../player/store/player-store.js";

export function describeScormStore(name: string, makeStore: () => Promise<{ store: PlayerStore; close(): Promise<void> }>): void {
  describe(`${name}: SCORM attempts and sessions`, () => {
    let store: PlayerStore;
    let close: () => Promise<void>;
    const packageId = "11111111-1111-4111-8111-111111111111";
    const at = (minute: number) => `2026-01-01T10:${String(minute).padStart(2, "0")}:00.000Z`;
    const attempt = (attemptId: string, scoId: string, attemptNumber: number, minute: number): ScormAttempt => ({
      attemptId, userId: "u1", packageId, scoId, attemptNumber, cmi: {}, summary: undefined, createdAt: at(minute), updatedAt: at(minute),
    });
    const summary = (over: Partial<CmiSummary>): CmiSummary => ({
      completionStatus: "incomplete", successStatus: "unknown", scoreScaled: undefined, scoreRaw: undefined, location: "", suspendData: "", exit: "", sessionSeconds: 0, ...over,
    });
    const session = (sessionId: string, attemptId: string, minute: number) => ({
      sessionId, attemptId, userId: "u1", startedAt: at(minute), initializedAt: undefined, terminatedAt: undefined, sessionSeconds: 0, recordedVerbs: [],
    });

    beforeEach(async () => {
      ({ store, close } = await makeStore());
      for (const [id, username] of [["u1", "ana"], ["u2", "bojan"]] as const) await store.createUser({ id, username, displayName: username, role: "learner", passwordHash: "x" });
      const pkg: ImportedPackage = {
        packageId, format: "scorm12", courseId: "m", checksum: "c", importedAt: at(0),
        content: { format: "scorm12", edition: "1.2", identifier: "m", title: { und: "M" }, metadata: { schema: undefined, schemaVersion: undefined, location: undefined }, defaultOrganization: "o", organizations: [], resources: [] },
      };
      await store.savePackage(pkg);
    });
    afterEach(() => close());

    it("finds the latest attempt per learner and SCO, and none for another learner", async () => {
      await store.createScormAttempt(attempt("a1", "sco-1", 1, 1));
      await store.createScormAttempt(attempt("a2", "sco-1", 2, 2));
      await store.createScormAttempt(attempt("b1", "sco-2", 1, 3));
      expect((await store.findLatestScormAttempt("u1", packageId, "sco-1"))!.attemptId).to.equal("a2");
      expect(await store.findLatestScormAttempt("u2", packageId, "sco-1")).to.equal(undefined);
      expect((await store.listScormAttempts("u1", packageId)).map((a) => a.attemptId)).to.deep.equal(["a1", "a2", "b1"]);
      expect(await store.listScormAttempts("u2", packageId)).to.deep.equal([]);
    });

    it("reports a second attempt with the same number as not created, and keeps the first (two launches at once)", async () => {
      expect(await store.createScormAttempt(attempt("a1", "sco-1", 1, 1))).to.equal(true);
      expect(await store.createScormAttempt(attempt("a9", "sco-1", 1, 2))).to.equal(false);
      expect((await store.listScormAttempts("u1", packageId)).map((a) => [a.attemptId, a.createdAt])).to.deep.equal([["a1", at(1)]]);
      // The same number on another SCO, or for another learner, is an attempt of its own.
      expect(await store.createScormAttempt(attempt("b1", "sco-2", 1, 3))).to.equal(true);
      expect(await store.createScormAttempt({ ...attempt("c1", "sco-1", 1, 4), userId: "u2" })).to.equal(true);
    });

    it("creates one attempt when two launches insert the same number at the same moment", async () => {
      const created = await Promise.all([store.createScormAttempt(attempt("a1", "sco-1", 1, 1)), store.createScormAttempt(attempt("a2", "sco-1", 1, 1))]);
      expect(created.filter(Boolean)).to.have.length(1);
      expect(await store.listScormAttempts("u1", packageId)).to.have.length(1);
    });

    it("keeps each commit's CMI data and summary on the attempt, and each session's time; total time is their sum", async () => {
      await store.createScormAttempt(attempt("a1", "sco-1", 1, 1));
      await store.createScormSession(session("s1", "a1", 1));
      await store.saveScormCommit("s1", { cmi: { core: { lesson_location: "2" } }, summary: summary({ location: "2", suspendData: "x", exit: "suspend", sessionSeconds: 30, scoreScaled: 0.5, scoreRaw: 50 }), at: at(2) });
      await store.createScormSession(session("s2", "a1", 3));
      await store.saveScormCommit("s2", { cmi: { core: { lesson_location: "4" } }, summary: summary({ location: "4", sessionSeconds: 12.5, completionStatus: "completed", successStatus: "passed" }), at: at(4) });
      expect(await store.totalScormSeconds("a1")).to.equal(42.5);
      const found = await store.findScormSession("s2");
      expect(found).to.deep.include({ sessionId: "s2", attemptId: "a1", userId: "u1", sessionSeconds: 12.5 });
      expect(found!.attempt.cmi).to.deep.equal({ core: { lesson_location: "4" } });
      expect(found!.attempt.summary).to.deep.equal({ completionStatus: "completed", successStatus: "passed", scoreScaled: undefined, scoreRaw: undefined, location: "4", suspendData: "", exit: "" });
      expect(found!.attempt.updatedAt).to.equal(at(4));
      expect((await store.listScormSessions("a1")).map((s) => [s.sessionId, s.sessionSeconds])).to.deep.equal([["s1", 30], ["s2", 12.5]]);
    });

    it("notes session events once: the first initializedAt and terminatedAt stay", async () => {
      await store.createScormAttempt(attempt("a1", "sco-1", 1, 1));
      await store.createScormSession(session("s1", "a1", 1));
      await store.noteScormSession("s1", { initializedAt: at(2), recordedVerbs: ["initialized"] });
      await store.noteScormSession("s1", { initializedAt: at(3), terminatedAt: at(4), recordedVerbs: ["initialized", "terminated"] });
      await store.noteScormSession("s1", { terminatedAt: at(5), recordedVerbs: ["initialized", "terminated"] });
      expect(await store.findScormSession("s1")).to.deep.include({ initializedAt: at(2), terminatedAt: at(4), recordedVerbs: ["initialized", "terminated"] });
      expect(await store.findScormSession("nope")).to.equal(undefined);
    });
  });
}
