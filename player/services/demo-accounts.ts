import { type Role, hashPassword } from "../domain/accounts.js";
import type { PlayerStore } from "../store/player-store.js";

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** A demo licence (number and start of its periods), so a verifier has someone to look up. */
  licence?: { number: string; start: string };
}

/** One account per kind of user, so a newcomer can walk every path. */
export const demoAccounts: readonly DemoAccount[] = [
  { username: "polaznik", displayName: "Milica Jovanović", role: "learner", licence: { number: "RS-SZ-000123", start: "2026-01-01" } },
  { username: "trener", displayName: "Jelena Petrović", role: "trainer" },
  { username: "verifikator", displayName: "Verifikator komore (primer)", role: "verifier" },
  { username: "admin", displayName: "Administrator", role: "admin" },
];

/** Creates the demo accounts that do not exist yet; returns the usernames created. */
export async function ensureDemoAccounts(store: PlayerStore, password: string, newId: () => string): Promise<string[]> {
  const created: string[] = [];
  for (const account of demoAccounts) {
    if (await store.findUserByUsername(account.username)) continue;
    try {
      const id = newId();
      await store.createUser({ id, username: account.username, displayName: account.displayName, role: account.role, passwordHash: await hashPassword(password) });
      if (account.licence) await store.saveLicence(id, { ...account.licence, leave: [] });
      created.push(account.username);
    } catch (error) {
      // Nodes starting together on one database: another one created it first.
      if (!(await store.findUserByUsername(account.username))) throw error;
    }
  }
  return created;
}
