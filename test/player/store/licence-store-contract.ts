import { expect } from "chai";
import type { PlayerStore } from "../../../player/store/player-store.js";

/** The licence part of the PlayerStore contract: any backend must pass it. */
export function describeLicenceStore(name: string, open: () => Promise<{ store: PlayerStore; close: () => Promise<void> }>): void {
  describe(`${name}: licences`, () => {
    let store: PlayerStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await open()));
    afterEach(() => close());

    const user = (id: string) => ({ id, username: `user-${id}`, displayName: `User ${id}`, role: "learner" as const, passwordHash: "x" });

    it("saves a licence with its leave, finds the user by number, lists licensed users by number, and clears it", async () => {
      await store.createUser(user("u1"));
      await store.createUser(user("u2"));
      await store.createUser(user("u3"));
      expect(await store.findLicence("u1")).to.equal(undefined);
      await store.saveLicence("u1", { number: "RS-0002", start: "2020-03-15", leave: [{ from: "2021-01-01", to: "2021-06-30" }, { from: "2020-05-01", to: "2020-05-31" }] });
      await store.saveLicence("u2", { number: "RS-0001", start: undefined, leave: [] });

      expect(await store.findLicence("u1")).to.deep.equal({ number: "RS-0002", start: "2020-03-15", leave: [{ from: "2020-05-01", to: "2020-05-31" }, { from: "2021-01-01", to: "2021-06-30" }] });
      expect(await store.findUserByLicenceNumber("RS-0001")).to.deep.equal({ id: "u2", username: "user-u2", displayName: "User u2", role: "learner" });
      expect(await store.findUserByLicenceNumber("RS-9999")).to.equal(undefined);
      expect((await store.listLicensedUsers()).map((u) => [u.id, u.licence.number, u.licence.leave.length])).to.deep.equal([["u2", "RS-0001", 0], ["u1", "RS-0002", 2]]);

      await store.saveLicence("u1", { number: "RS-0002", start: "2020-03-15", leave: [] });
      expect((await store.findLicence("u1"))!.leave).to.deep.equal([]);
      await store.saveLicence("u1", undefined);
      expect(await store.findLicence("u1")).to.equal(undefined);
      expect((await store.listLicensedUsers()).map((u) => u.id)).to.deep.equal(["u2"]);
    });

    it("refuses a licence number another user holds", async () => {
      await store.createUser(user("u1"));
      await store.createUser(user("u2"));
      await store.saveLicence("u1", { number: "RS-1", start: undefined, leave: [] });
      let failed = false;
      await store.saveLicence("u2", { number: "RS-1", start: undefined, leave: [] }).catch(() => (failed = true));
      expect(failed).to.equal(true);
      expect((await store.findUserByLicenceNumber("RS-1"))!.id).to.equal("u1");
    });
  });
}
