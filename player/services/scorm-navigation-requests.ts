// Navigation requests from the launch page: the SCO's adl.nav.request when it terminated, or the
// learner's Continue, Previous or table of contents entry, and where they lead.
import type { User } from "../domain/accounts.js";
import { navigationFrom } from "../domain/scorm-navigation.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { PlayerStore } from "../store/player-store.js";
import { findScormPackage } from "./scorm-package-lookup.js";
import { type ScormSequencing, parseNavigationRequest } from "./scorm-sequencing-service.js";
import type { ScormSessionOrder } from "./scorm-session-order.js";
import type { ScormSessionRecorder } from "./scorm-session-recorder.js";

/** Where a navigation request from a launch page leads: another launch, or a message for the learner. */
export type NavigationResult = { outcome: "deliver"; packageId: string; scoId: string; from: string } | { outcome: "end" | "wait" | "suspended" | "invalid" | "none" };

export interface ScormNavigationDeps {
  store: PlayerStore;
  sequencing: ScormSequencing;
  recorder: ScormSessionRecorder;
  sessionOrder: ScormSessionOrder;
}

/**
 * Stores the SCO's last data, ends its attempt by the sequencing rules (exit actions, post
 * conditions) and says where the learner goes next. `scoTerminated`: the SCO itself ended,
 * rather than the page leaving it.
 */
export function navigateFromSession(
  deps: ScormNavigationDeps, user: User, sessionId: string, requestText: string, cmi: Record<string, unknown> | undefined, scoTerminated: boolean,
): Promise<NavigationResult> {
  const { store, sequencing, recorder, sessionOrder } = deps;
  const request = parseNavigationRequest(requestText);
  if (request === "invalid") throw new ValidationError("request", "must be continue, previous, exit, exitAll, abandon, abandonAll, suspendAll, _none_ or {target=<id>}choice");
  return sessionOrder.run(sessionId, async () => {
    const session = await store.findScormSession(sessionId);
    if (!session || session.userId !== user.id) throw new NotFoundError("SCORM session");
    if (cmi !== undefined) {
      // suspendAll suspends the attempt whatever cmi.exit says.
      await recorder.commit(user, sessionId, scoTerminated ? "terminate" : "unload", request?.kind === "suspendAll" ? { ...cmi, exit: "suspend" } : cmi);
    }
    if (request === undefined) return { outcome: "none" };
    const { packageId, scoId } = session.attempt;
    const content = await findScormPackage(store, packageId);
    const learner = await sequencing.learnerTree(user.id, packageId, content);
    if (content.format === "scorm12") {
      // No sequencing in SCORM 1.2: move in document order, or anywhere.
      const options = navigationFrom(learner.tree, scoId, "scorm12");
      const target = request.kind === "continue" ? options.next : request.kind === "previous" ? options.previous : request.kind === "choice" && options.choosable.has(request.target) ? request.target : undefined;
      return target ? { outcome: "deliver", packageId, scoId: target, from: scoId } : { outcome: request.kind === "choice" ? "invalid" : "wait" };
    }
    const outcome = sequencing.navigate(learner, scoId, request);
    return outcome.kind === "deliver" ? { outcome: "deliver", packageId, scoId: outcome.activityId, from: scoId } : { outcome: outcome.kind };
  });
}
