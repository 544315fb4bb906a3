// LaunchLinkService purges old launch links when it issues a new one, on a real SQLite file
// and on PostgreSQL: links past expiry and the day they are kept after it go (used or not),
// newer ones stay and still open.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type LaunchLinkTarget, launchLinkKeptAfterExpiryMs, launchLinkLifetimeMs } from "../../../player/domain/launch-links.js";
import { LaunchLinkService, type LinkOpening } from "../../../player/services/launch-links.js";
import type { XapiLauncher } from "../../../player/services/xapi-launcher.js";
import type { PlayerStore } from "../../../player/store/player-store.js";
import { SqlitePlayerStore } from "../../../player/store/sqlite/sqlite-player-store.js";
import { requirePostgres } from "../../support/postgres.js";
import { openTestPostgresPlayerStore } from "../support/postgres-player-store.js";

const origin = "https://obuka.example";
const target: LaunchLinkTarget = { userId: "u-ana", registration: "reg-1", packageId: "pkg-1", format: "scorm12", itemId: "sco-a", mode: undefined };
/** SCORM links never reach the xAPI launcher; any use of it fails the test. */
const noXapi = new Proxy({}, { get: () => { throw new Error("the xAPI launcher was used for a SCORM link"); } }) as XapiLauncher;

function describePurge(name: string, open: () => Promise<{ store: PlayerStore; close: () => Promise<void> }>): void {
  describe(`LaunchLinkService on ${name}: purging old links when issuing`, () => {
    let store: PlayerStore;
    let close: () => Promise<void>;
    let now: Date;
    let service: LaunchLinkService;
    const tokenOf = (url: string) => url.slice(`${origin}/launch/`.length);
    const issue = async () => tokenOf((await service.issue(target, origin)).url);
    const openLink = (token: string): Promise<LinkOpening> => service.open(token, origin, undefined);
    const advance = (ms: number) => { now = new Date(now.getTime() + ms); };

    beforeEach(async () => {
      ({ store, close } = await open());
      now = new Date("2026-06-01T12:00:00.000Z");
      service = new LaunchLinkService({ store, xapiLauncher: noXapi, clock: () => now });
    });
    afterEach(() => close());

    it("deletes links a day past expiry, used or not, and keeps newer ones working", async () => {
      const unused = await issue();
      const used = await issue();
      expect(await openLink(used)).to.include({ outcome: "opened" });
      advance(launchLinkLifetimeMs + launchLinkKeptAfterExpiryMs + 1000);
      const fresh = await issue();

      // Gone from the table: the store no longer knows either hash.
      expect(await openLink(unused)).to.deep.equal({ outcome: "refused", reason: "unknown" });
      expect(await openLink(used)).to.deep.equal({ outcome: "refused", reason: "unknown" });

      advance(1000);
      await issue();
      const opening = await openLink(fresh);
      expect(opening).to.deep.include({ outcome: "opened", location: `${origin}/scorm/launch?package=pkg-1&sco=sco-a` });
    });

    it("keeps a link that expired less than a day ago, so opening it still says it expired", async () => {
      const expired = await issue();
      const used = await issue();
      expect(await openLink(used)).to.include({ outcome: "opened" });
      advance(launchLinkLifetimeMs + launchLinkKeptAfterExpiryMs - 1000);
      await issue();
      expect(await openLink(expired)).to.deep.equal({ outcome: "refused", reason: "expired" });
      expect(await openLink(used)).to.deep.equal({ outcome: "refused", reason: "used" });
    });
  });
}

describePurge("SQLite", async () => {
  const store = await SqlitePlayerStore.open(path.join(await mkdtemp(path.join(os.tmpdir(), "obuka-launch-links-")), "player.sqlite"));
  return { store, close: () => store.close() };
});

describe("LaunchLinkService on PostgreSQL", function () {
  before(async function () {
    await requirePostgres(this);
  });
  describePurge("PostgreSQL", openTestPostgresPlayerStore);
});
