import { expect } from "chai";
import type { LaunchLinkRecord } from "../../../player/domain/launch-links.js";
import type { PlayerStore } from "../../../player/store/player-store.js";

/** The launch link part of the PlayerStore contract: any backend must pass it. */
export function describeLaunchLinkStore(name: string, open: () => Promise<{ store: PlayerStore; close: () => Promise<void> }>): void {
  describe(`${name}: one-time launch links and grants`, () => {
    let store: PlayerStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await open()));
    afterEach(() => close());

    const link: LaunchLinkRecord = {
      tokenHash: "a".repeat(64), userId: "user-1", registration: "reg-1", packageId: "pkg-1", format: "scorm2004",
      itemId: "sco-2", mode: "browse", createdAt: "2026-01-01T10:00:00.000Z", expiresAt: "2026-01-01T10:10:00.000Z",
    };

    it("gives a link back once, then says it was used; an unknown hash is undefined", async () => {
      await store.createLaunchLink(link);
      await store.createLaunchLink({ ...link, tokenHash: "b".repeat(64), format: "xapi", itemId: undefined, mode: undefined });
      expect(await store.claimLaunchLink(link.tokenHash, "2026-01-01T10:01:00.000Z")).to.deep.equal(link);
      expect(await store.claimLaunchLink(link.tokenHash, "2026-01-01T10:02:00.000Z")).to.equal("already-used");
      expect(await store.claimLaunchLink("c".repeat(64), "2026-01-01T10:02:00.000Z")).to.equal(undefined);
      expect(await store.claimLaunchLink("b".repeat(64), "2026-01-01T10:02:00.000Z")).to.deep.include({ format: "xapi", itemId: undefined, mode: undefined });
    });

    it("lets only one of three simultaneous claims have the link", async () => {
      await store.createLaunchLink(link);
      const claims = await Promise.all([1, 2, 3].map(() => store.claimLaunchLink(link.tokenHash, "2026-01-01T10:01:00.000Z")));
      expect(claims.filter((c) => c === "already-used")).to.have.length(2);
    });

    it("deletes the links, used or not, that expired before a cutoff, and keeps the rest", async () => {
      const hash = (c: string) => c.repeat(64);
      await store.createLaunchLink({ ...link, tokenHash: hash("1"), expiresAt: "2026-01-01T10:10:00.000Z" });
      await store.createLaunchLink({ ...link, tokenHash: hash("2"), expiresAt: "2026-01-01T10:20:00.000Z" });
      await store.claimLaunchLink(hash("2"), "2026-01-01T10:15:00.000Z");
      await store.createLaunchLink({ ...link, tokenHash: hash("3"), expiresAt: "2026-01-01T10:30:00.000Z" });
      await store.createLaunchLink({ ...link, tokenHash: hash("4"), expiresAt: "2026-01-01T10:40:00.000Z" });
      await store.claimLaunchLink(hash("4"), "2026-01-01T10:35:00.000Z");

      expect(await store.deleteLaunchLinksExpiredBefore("2026-01-01T10:30:00.000Z")).to.equal(2);
      expect(await store.claimLaunchLink(hash("1"), "2026-01-01T10:31:00.000Z")).to.equal(undefined);
      expect(await store.claimLaunchLink(hash("2"), "2026-01-01T10:31:00.000Z")).to.equal(undefined);
      // Expiring exactly at the cutoff is not before it.
      expect(await store.claimLaunchLink(hash("3"), "2026-01-01T10:31:00.000Z")).to.deep.include({ tokenHash: hash("3") });
      expect(await store.claimLaunchLink(hash("4"), "2026-01-01T10:31:00.000Z")).to.equal("already-used");
      expect(await store.deleteLaunchLinksExpiredBefore("2026-01-01T10:30:00.000Z")).to.equal(0);
    });

    it("finds a grant until it expires", async () => {
      await store.createLaunchGrant({ tokenHash: "d".repeat(64), userId: "user-1", packageId: "pkg-1", expiresAt: "2026-01-01T18:00:00.000Z" });
      expect(await store.findLaunchGrant("d".repeat(64), "2026-01-01T17:59:59.999Z")).to.deep.equal({ userId: "user-1", packageId: "pkg-1" });
      expect(await store.findLaunchGrant("d".repeat(64), "2026-01-01T18:00:00.000Z")).to.equal(undefined);
      expect(await store.findLaunchGrant("e".repeat(64), "2026-01-01T10:00:00.000Z")).to.equal(undefined);
    });
  });
}
