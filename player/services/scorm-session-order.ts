/**
 * Runs work on one SCORM session after the work queued before it: a session's commits, and the
 * LMS ending it at the next launch, each read what the one before recorded, so a late
 * Terminate from a closing tab and the relaunch cannot both record `terminated`.
 */
export class ScormSessionOrder {
  private readonly queues = new Map<string, Promise<unknown>>();

  run<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(sessionId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(work);
    this.queues.set(sessionId, run);
    void run.finally(() => {
      if (this.queues.get(sessionId) === run) this.queues.delete(sessionId);
    }).catch(() => undefined);
    return run;
  }
}
