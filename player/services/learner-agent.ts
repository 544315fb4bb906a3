import type { User } from "../domain/accounts.js";
import type { LearnerAgent } from "../domain/cmi5-launch.js";

/** The xAPI agent of a learner: an account on the LMS (cmi5 9.2 requires an account). */
export function learnerAgent(user: User, accountHomePage: string): LearnerAgent {
  return { objectType: "Agent", name: user.displayName, account: { homePage: accountHomePage, name: user.id } };
}
