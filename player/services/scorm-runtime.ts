// The LMS side of the SCORM run-time, one entry for the HTTP edge and the services: each job
// lives in its own module, composed here around one session order, so a session's commits,
// navigation requests and the LMS ending it at the next launch run one after another.
import type { User } from "../domain/accounts.js";
import { NotFoundError } from "../errors.js";
import type { PlayerStore } from "../store/player-store.js";
import { type ScormLaunch, ScormLauncher } from "./scorm-launcher.js";
import { type NavigationResult, navigateFromSession } from "./scorm-navigation-requests.js";
import { type ScormProgress, scormProgressOf } from "./scorm-progress.js";
import { ScormSequencing } from "./scorm-sequencing-service.js";
import { ScormSessionOrder } from "./scorm-session-order.js";
import { type CommitEvent, ScormSessionRecorder, type ScormSessionRecorderDeps } from "./scorm-session-recorder.js";

export type { ScormLaunch, TocEntry } from "./scorm-launcher.js";
export type { NavigationResult } from "./scorm-navigation-requests.js";
export type { ScoProgress, ScormProgress } from "./scorm-progress.js";
export type { CommitEvent } from "./scorm-session-recorder.js";

/** What the run-time is built from; it makes its sequencing and its session order itself. */
export type ScormRuntimeDeps = Omit<ScormSessionRecorderDeps, "sequencing" | "sessionOrder">;

/**
 * Prepares SCO sessions (scorm-launcher.ts), stores what SCOs commit and mirrors sessions into
 * the LRS (scorm-session-recorder.ts), answers navigation requests (scorm-navigation-requests.ts)
 * and reports progress (scorm-progress.ts), with sequencing from scorm-sequencing-service.ts.
 */
export class ScormRuntime {
  private readonly sessionOrder = new ScormSessionOrder();
  private readonly sequencing: ScormSequencing;
  private readonly recorder: ScormSessionRecorder;
  private readonly launcher: ScormLauncher;

  constructor(private readonly deps: ScormRuntimeDeps) {
    this.sequencing = new ScormSequencing({ store: deps.store });
    this.recorder = new ScormSessionRecorder({ ...deps, sequencing: this.sequencing, sessionOrder: this.sessionOrder });
    this.launcher = new ScormLauncher({ ...deps, sequencing: this.sequencing, recorder: this.recorder });
  }

  launch(user: User, packageId: string, requestedSco: string | undefined, from: string | undefined, requestedMode?: "browse"): Promise<ScormLaunch> {
    return this.launcher.launch(user, packageId, requestedSco, from, requestedMode);
  }

  /** The launch page path of a SCO for a learner's browser; refuses now what the page would refuse. */
  entryPath(packageId: string, scoId: string | undefined, mode?: "browse"): Promise<string> {
    return this.launcher.entryPath(packageId, scoId, mode);
  }

  /** Throws what the launch page would answer to a browse launch of this SCO: only a SCO the learner has not started. */
  checkBrowse(userId: string, packageId: string, scoId: string): Promise<void> {
    return this.launcher.checkBrowse(userId, packageId, scoId);
  }

  /** A learner's progress in a package, per SCO and rolled up to the course. */
  progressOf(userId: string, packageId: string): Promise<ScormProgress> {
    return scormProgressOf({ store: this.deps.store, sequencing: this.sequencing }, userId, packageId);
  }

  /** A navigation request from the launch page, after storing the SCO's last data. */
  navigate(user: User, sessionId: string, requestText: string, cmi: Record<string, unknown> | undefined, scoTerminated: boolean): Promise<NavigationResult> {
    const { store } = this.deps;
    return navigateFromSession({ store, sequencing: this.sequencing, recorder: this.recorder, sessionOrder: this.sessionOrder }, user, sessionId, requestText, cmi, scoTerminated);
  }

  /** Stores a commit of the learner's own session and records what it adds in the LRS. */
  commit(user: User, sessionId: string, event: CommitEvent, cmi: Record<string, unknown> | undefined): Promise<{ ignored: boolean }> {
    return this.sessionOrder.run(sessionId, () => this.recorder.commit(user, sessionId, event, cmi));
  }

  /** The CMI data last committed in the attempt of the learner's own session. */
  async readCmi(user: User, sessionId: string): Promise<{ attemptId: string; attemptNumber: number; cmi: Record<string, unknown> }> {
    const session = await this.deps.store.findScormSession(sessionId);
    // Someone else's session is answered as if it did not exist.
    if (!session || session.userId !== user.id) throw new NotFoundError("SCORM session");
    return { attemptId: session.attemptId, attemptNumber: session.attempt.attemptNumber, cmi: session.attempt.cmi };
  }
}
