// One cmi5 AU session: fetch the token (8.2), read LMS.LaunchData (10), send the cmi5
// defined statements in order (9.3), and keep the verb rules that belong to the AU.
import type { AuConfig, QuizConfig, VideoConfig } from "./au-config.js";
import { isoDuration } from "./duration.js";
import type { LaunchParams } from "./launch-params.js";
import { answeredStatement, type Context, cmi5Statement, type SessionBase, type Stamp, type Statement, type VideoMoment, videoStatement, verbs } from "./statements.js";
import type { Judgement, ResumeState, Tracker, VideoVerb } from "./tracker.js";
import { type Delay, XapiClient } from "./xapi-client.js";

export interface SessionDeps {
  fetch: typeof fetch;
  now: () => number;
  uuid: () => string;
  /** Told about every statement the LRS refused; the session goes on. */
  onError: (error: unknown) => void;
  /** Waits between retries of a statement; setTimeout when omitted. */
  delay?: Delay;
}

export interface LaunchData {
  contextTemplate: Context;
  launchMode: "Normal" | "Browse" | "Review";
  moveOn: string;
  masteryScore: number | undefined;
  returnURL: string | undefined;
}

export interface LearnerPreferences {
  languagePreference: string | undefined;
  audioPreference: "on" | "off" | undefined;
}

export type { Judgement };

export class Cmi5Session implements Tracker {
  /** cmi5 resumes nothing itself: each launch is a new session of the registration. */
  readonly resume: ResumeState | undefined = undefined;
  private queue: Promise<boolean> = Promise.resolve(true);
  /** Built but not yet accepted by the LRS: what page hide sends again, before Terminated. */
  private readonly unsent = new Map<string, Statement>();
  private completedSent: boolean;
  private passedSent: boolean;
  /**
   * A failing quiz result, held back: cmi5 allows one of Passed/Failed per session
   * (9.3.0.0-3), and a learner who fails may try again and pass in the same session.
   * It is sent before Terminated if no pass came (the latest failing attempt).
   */
  private pendingFailure: Statement | undefined;
  private terminated = false;
  /** Page hide sends its last batch once. */
  private unloadSent = false;
  private readonly startedAt: number;

  private constructor(
    private readonly client: XapiClient,
    private readonly base: SessionBase,
    readonly launchData: LaunchData,
    readonly preferences: LearnerPreferences,
    private readonly deps: SessionDeps,
    prior: { completed: boolean; passed: boolean },
  ) {
    this.completedSent = prior.completed;
    this.passedSent = prior.passed;
    this.startedAt = deps.now();
  }

  /** Connects and sends Initialized (9.3.2); resolves once the LRS accepted it. */
  static async start(params: LaunchParams, config: AuConfig, deps: SessionDeps): Promise<Cmi5Session> {
    const fetched = await deps.fetch(params.fetchUrl, { method: "POST" });
    const body = (await fetched.json().catch(() => undefined)) as { "auth-token"?: string; "error-text"?: string } | undefined;
    const token = body?.["auth-token"];
    if (!fetched.ok || !token) throw new Error(`the LMS gave no auth token: ${body?.["error-text"] ?? fetched.status}`);
    const client = new XapiClient(params.endpoint, `Basic ${token}`, deps.fetch, deps.delay);
    const launchData = parseLaunchData(await client.getState(params.activityId, params.actor, params.registration, "LMS.LaunchData"));
    // 11.0.0.0-3: read the learner preferences on startup; a missing document is normal.
    const preferences = parsePreferences(await client.getAgentProfile(params.actor, "cmi5LearnerPreferences"));
    const [completed, passed] = await Promise.all([
      client.hasStatement(params.actor, verbs.completed.id, params.activityId, params.registration),
      client.hasStatement(params.actor, verbs.passed.id, params.activityId, params.registration),
    ]);
    const base: SessionBase = { actor: params.actor, registration: params.registration, activityId: params.activityId, contextTemplate: launchData.contextTemplate, lang: config.lang };
    const session = new Cmi5Session(client, base, launchData, preferences, deps, { completed, passed });
    const accepted = await session.send((stamp) => cmi5Statement(base, stamp, "initialized"));
    if (!accepted) throw new Error("the LRS did not accept Initialized");
    return session;
  }

  /** Normal mode records satisfaction; Browse and Review only Initialized and Terminated (10.2.2). */
  get recordsSatisfaction(): boolean {
    return this.launchData.launchMode === "Normal";
  }

  get alreadyPassed(): boolean {
    return this.passedSent;
  }

  /** masteryScore of the launch data wins over the one compiled in (10.2.4.0-2). */
  masteryScore(fallback: number | undefined): number | undefined {
    return this.launchData.masteryScore ?? fallback;
  }

  /** Completed, once per registration (9.3.3.0-2). */
  complete(): Promise<boolean> {
    if (this.completedSent || !this.recordsSatisfaction) return this.queue;
    this.completedSent = true;
    return this.send((stamp) => cmi5Statement(this.base, stamp, "completed", { completion: true, duration: this.elapsed() }));
  }

  /**
   * Passed at once; a failing result waits for Terminated, so that a retry that passes in the
   * same session can still be recorded (one of Passed/Failed per session, 9.3.0.0-3; Failed never
   * after Passed in the registration, 9.3.0.0-8). `sent` says whether the result will be recorded.
   */
  judge(score: { scaled: number; raw: number; max: number }, masteryScore: number | undefined): Judgement {
    const verb = masteryScore === undefined || score.scaled >= masteryScore ? "passed" : "failed";
    if (!this.recordsSatisfaction || this.passedSent || this.terminated) return { verb, sent: false };
    const result = { success: verb === "passed", score: { scaled: score.scaled, raw: score.raw, min: 0, max: score.max }, duration: this.elapsed() };
    if (verb === "failed") {
      this.pendingFailure = cmi5Statement(this.base, this.stamp(), "failed", result, masteryScore);
      return { verb, sent: true };
    }
    this.passedSent = true;
    this.pendingFailure = undefined;
    void this.send((stamp) => cmi5Statement(this.base, stamp, "passed", result, masteryScore));
    return { verb, sent: true };
  }

  answered(question: QuizConfig["questions"][number], selected: readonly string[], correct: boolean): void {
    void this.send((stamp) => answeredStatement(this.base, stamp, question, selected, correct));
  }

  video(video: VideoConfig, verb: VideoVerb, moment: VideoMoment, watchedMs?: number): void {
    void this.send((stamp) => videoStatement(this.base, stamp, video, verb, moment, watchedMs === undefined ? undefined : isoDuration(watchedMs)));
  }

  /** Terminated, last of all (9.3.8.0-2): waits for everything queued before it. */
  async terminate(): Promise<string | undefined> {
    if (!this.terminated) {
      this.sendPendingFailure();
      this.terminated = true;
      const accepted = await this.send((stamp) => cmi5Statement(this.base, stamp, "terminated", { duration: this.elapsed() }), true);
      if (!accepted) {
        this.terminated = false;
        throw new Error("the LRS did not accept Terminated");
      }
    }
    return this.launchData.returnURL;
  }

  pageShown(_index: number, _total: number): void {}

  save(_state: ResumeState): void {}

  /**
   * The page is going away without Finish: what the LRS has not accepted, then Terminated,
   * in one keepalive batch that outlives the page (9.3.8: Terminated last). A slow or failing
   * LRS therefore loses nothing; unsent statements keep their ids, so a late repeat is the same
   * statement. Without it the LMS would record the session as Abandoned (9.3.6).
   */
  pageHide(): void {
    if (this.unloadSent) return;
    this.unloadSent = true;
    if (this.terminated) {
      // Finish was pressed and Terminated is still on its way: send what is left once more.
      if (this.unsent.size) this.client.sendOnUnload([...this.unsent.values()]);
      return;
    }
    const failure = this.pendingFailure;
    this.pendingFailure = undefined;
    this.terminated = true;
    const terminated = cmi5Statement(this.base, this.stamp(), "terminated", { duration: this.elapsed() });
    this.client.sendOnUnload([...this.unsent.values(), ...(failure ? [failure] : []), terminated]);
  }

  /** The held-back Failed goes out with its own id and timestamp from the attempt, before Terminated. */
  private sendPendingFailure(): void {
    const failure = this.pendingFailure;
    if (!failure) return;
    this.pendingFailure = undefined;
    void this.send(() => failure);
  }

  /** Resolves when everything queued so far has settled. */
  flush(): Promise<boolean> {
    return this.queue;
  }

  private elapsed(): string {
    return isoDuration(this.deps.now() - this.startedAt);
  }

  private stamp(): Stamp {
    return { id: this.deps.uuid(), timestamp: new Date(this.deps.now()).toISOString() };
  }

  /** Built now, in call order (monotonic timestamps), and sent in that order after everything before it. */
  private send(build: (stamp: Stamp) => Statement, afterTermination = false): Promise<boolean> {
    if (this.terminated && !afterTermination) return this.queue;
    const statement = build(this.stamp());
    this.unsent.set(statement.id, statement);
    const next = this.queue.then(() =>
      this.client.sendStatement(statement).then(
        () => {
          this.unsent.delete(statement.id);
          return true;
        },
        (error: unknown) => {
          // Refused for good (or after every retry): not sent again on page hide.
          this.unsent.delete(statement.id);
          this.deps.onError(error);
          return false;
        },
      ),
    );
    this.queue = next;
    return next;
  }
}

function parseLaunchData(value: unknown): LaunchData {
  if (typeof value !== "object" || value === null) throw new Error("LMS.LaunchData is missing (cmi5 10.1)");
  const data = value as Record<string, unknown>;
  const template = data.contextTemplate;
  if (typeof template !== "object" || template === null) throw new Error("LMS.LaunchData has no contextTemplate (cmi5 10.2.1)");
  const launchMode = data.launchMode === "Browse" || data.launchMode === "Review" ? data.launchMode : "Normal";
  return {
    contextTemplate: template as Context,
    launchMode,
    moveOn: typeof data.moveOn === "string" ? data.moveOn : "NotApplicable",
    masteryScore: typeof data.masteryScore === "number" ? data.masteryScore : undefined,
    returnURL: typeof data.returnURL === "string" && data.returnURL ? data.returnURL : undefined,
  };
}

function parsePreferences(value: unknown): LearnerPreferences {
  const data = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const audio = data.audioPreference;
  return {
    languagePreference: typeof data.languagePreference === "string" ? data.languagePreference : undefined,
    audioPreference: audio === "on" || audio === "off" ? audio : undefined,
  };
}
