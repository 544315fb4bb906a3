import { expect } from "chai";
import type { PlayerStore } from "../../../player/store/player-store.js";

/** The SCORM 2004 global objectives part of the PlayerStore contract: any backend must pass it. */
export function describeScormGlobalObjectivesStore(name: string, open: () => Promise<{ store: PlayerStore; close: () => Promise<void> }>): void {
  describe(`${name}: SCORM global objectives`, () => {
    let store: PlayerStore;
    let close: () => Promise<void>;
    beforeEach(async () => ({ store, close } = await open()));
    afterEach(() => close());

    const user = (id: string) => ({ id, username: `user-${id}`, displayName: `User ${id}`, role: "learner" as const, passwordHash: "x" });

    it("keeps each learner's objectives per scope, and an unknown value never erases a known one", async () => {
      await store.createUser(user("u1"));
      await store.createUser(user("u2"));
      await store.saveScormGlobalObjectives("u1", "system", [{ objectiveId: "g-b", satisfied: false, measure: 0.25 }, { objectiveId: "g-a", satisfied: true, measure: undefined }], "2026-03-01T09:00:00.000Z");
      await store.saveScormGlobalObjectives("u1", "package:p1", [{ objectiveId: "g-a", satisfied: false, measure: undefined }], "2026-03-01T09:01:00.000Z");
      expect(await store.listScormGlobalObjectives("u1", "system")).to.deep.equal([
        { objectiveId: "g-a", satisfied: true, measure: undefined },
        { objectiveId: "g-b", satisfied: false, measure: 0.25 },
      ]);
      await store.saveScormGlobalObjectives("u1", "system", [{ objectiveId: "g-b", satisfied: true, measure: undefined }, { objectiveId: "g-a", satisfied: undefined, measure: -0.5 }], "2026-03-01T09:02:00.000Z");
      expect(await store.listScormGlobalObjectives("u1", "system")).to.deep.equal([
        { objectiveId: "g-a", satisfied: true, measure: -0.5 },
        { objectiveId: "g-b", satisfied: true, measure: 0.25 },
      ]);
      expect(await store.listScormGlobalObjectives("u1", "package:p1")).to.deep.equal([{ objectiveId: "g-a", satisfied: false, measure: undefined }]);
      expect(await store.listScormGlobalObjectives("u2", "system")).to.deep.equal([]);
    });
  });
}
