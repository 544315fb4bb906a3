// Public entry of the LRS. The player (and any portal) imports only from here.
// The contract below is what the player codes against; lrs/ fills it in.

export { SqliteDatabase } from "./store/sqlite/database.js";
export type { SqliteTx, SqlValue } from "./store/sqlite/database.js";
