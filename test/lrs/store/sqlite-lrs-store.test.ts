import { openTempStore } from "../support/fixtures.js";
import { describeLrsStore } from "./lrs-store-contract.js";

describeLrsStore("SQLite (temp file)", async () => {
  const temp = await openTempStore();
  return { store: temp.store, cleanup: temp.cleanup };
});
