import { type Role, hashPassword } from "../domain/accounts.js";
import type { PlayerStore } from "../store/player-store.js";

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
}

/** One account per kind of user, so a newcomer can walk every path. */
export const demoAccounts: readonly DemoAccount[] = [
  { username: "polaznik", displayName: "Milica Jovanović", role: "learner" },
  { username: "trener", displayName: "Jelena Petrović", role: "trainer" },
  { username: "verifikator", displayName: "Verifikator komore (primer)", role: "verifier" },
  { username: "admin", displayName: "Administrator", role: "admin" },
];

/** Creates the demo accounts that do not exist yet; returns the usernames created. */
export async function ensureDemoAccounts(store: PlayerStore, password: string, newId: () => string): Promise<string[]> {
  const created: string[] = [];
  for (const account of demoAccounts) {
    if (await store.findUserByUsername(account.username)) continue;
    await store.createUser({ id: newId(), ...account, passwordHash: await hashPassword(password) });
    created.push(account.username);
  }
  return created;
}
