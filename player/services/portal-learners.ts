import type { User } from "../domain/accounts.js";
import { ValidationError } from "../errors.js";
import type { PlayerStore } from "../store/player-store.js";

/** The learner a host portal says is signed in (`identify(req)` of createPlayer). */
export interface PortalLearner {
  /** The portal's stable id of the person: letters, digits and `. _ @ -` (it becomes the player username). */
  id: string;
  name: string;
  email?: string | undefined;
}

/** A password hash no password matches: these learners sign in at the portal only. */
const noPassword = "portal-managed";
const usernamePattern = /^[A-Za-z0-9._@-]{1,200}$/;

/**
 * Maps a portal's learner to a player account, creating a learner account the first time.
 * The same username space as the portal API's enrolment, so a learner enrolled over the API
 * and then identified by the portal is one person. A portal id never becomes a staff account.
 */
export class PortalLearners {
  constructor(private readonly deps: { store: PlayerStore; newId: () => string }) {}

  async userFor(learner: unknown): Promise<User> {
    const { id, name } = parsePortalLearner(learner);
    const existing = await this.findLearner(id);
    if (existing) return existing;
    const user: User = { id: this.deps.newId(), username: id, displayName: name, role: "learner" };
    try {
      await this.deps.store.createUser({ ...user, passwordHash: noPassword });
      return user;
    } catch (error) {
      // Two first requests of the same person at once: the other one created the account.
      const created = await this.findLearner(id);
      if (created) return created;
      throw error;
    }
  }

  private async findLearner(id: string): Promise<User | undefined> {
    const found = await this.deps.store.findUserByUsername(id);
    if (!found) return undefined;
    if (found.role !== "learner") throw new ValidationError("identify().id", `"${id}" is a ${found.role} account of the player, which a portal identity cannot take`);
    return { id: found.id, username: found.username, displayName: found.displayName, role: found.role };
  }
}

/** The host's identify() is code we do not control: its answer is checked like any input. */
function parsePortalLearner(value: unknown): PortalLearner {
  if (typeof value !== "object" || value === null) throw new ValidationError("identify()", "must return { id, name, email } or undefined");
  const { id, name, email } = value as Record<string, unknown>;
  if (typeof id !== "string" || !usernamePattern.test(id)) throw new ValidationError("identify().id", "must be 1–200 letters, digits or . _ @ -");
  if (typeof name !== "string" || name.trim() === "") throw new ValidationError("identify().name", "is required");
  if (email !== undefined && typeof email !== "string") throw new ValidationError("identify().email", "must be a string");
  return { id, name: name.trim(), email };
}
