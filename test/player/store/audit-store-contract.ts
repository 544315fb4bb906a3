import { expect } from "chai";
import type { PlayerStore } from "../../../player/store/player-store.js";

/** The audit log part of the PlayerStore contract: any backend must pass it. */
export function describeAuditStore(name: string, open: () => Promise<{ store: PlayerStore; close: () => Promise<void> }>): void {
  describe(`${name}: audit log`, () => {
    let store: PlayerStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await open()));
    afterEach(() => close());

    it("keeps every entry, newest first, filtered by actor and time", async () => {
      await store.recordAudit({ at: "2026-01-01T10:00:00.000Z", actor: "verifier-1", action: "lookup-licence", subject: "L-1 2026", outcome: "2 credits" });
      await store.recordAudit({ at: "2026-01-02T10:00:00.000Z", actor: "public", action: "verify-code", subject: "ABCD-EFGH", outcome: "valid" });
      await store.recordAudit({ at: "2026-01-03T10:00:00.000Z", actor: "verifier-1", action: "export-csv", subject: "2026", outcome: "5 rows" });

      const all = await store.listAudit({ limit: 10 });
      expect(all.map((e) => e.action)).to.deep.equal(["export-csv", "verify-code", "lookup-licence"]);
      expect(all[2]).to.deep.equal({ at: "2026-01-01T10:00:00.000Z", actor: "verifier-1", action: "lookup-licence", subject: "L-1 2026", outcome: "2 credits" });

      expect((await store.listAudit({ actor: "verifier-1", limit: 10 })).map((e) => e.action)).to.deep.equal(["export-csv", "lookup-licence"]);
      expect((await store.listAudit({ since: "2026-01-02T00:00:00.000Z", limit: 10 })).map((e) => e.action)).to.deep.equal(["export-csv", "verify-code"]);
      expect(await store.listAudit({ limit: 1 })).to.have.length(1);
    });
  });
}
