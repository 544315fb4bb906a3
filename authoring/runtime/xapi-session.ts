// One xAPI (TinCan) launch behind the Tracker interface: the statements cmi5 would send,
// without the cmi5 context (initialized, experienced pages, answered, completed,
// passed/failed with the score, terminated, the Video Profile), and resume kept in the
// State API. Statements go in order, retried; what is left goes with keepalive on page hide.
import type { AuConfig, QuizConfig, VideoConfig } from "./au-config.js";
import { isoDuration } from "./duration.js";
import { answeredStatement, type Context, type SessionBase, type Stamp, type Statement, type VideoMoment, videoStatement, verbs } from "./statements.js";
import type { TincanLaunch } from "./tincan-launch.js";
import { decodeResume, encodeResume, type Judgement, type ResumeState, type Tracker, type VideoVerb } from "./tracker.js";
import { type Delay, XapiClient } from "./xapi-client.js";

export interface XapiDeps {
  fetch: typeof fetch;
  now: () => number;
  uuid: () => string;
  onError: (error: unknown) => void;
  delay?: Delay;
}

/** The State API document that holds where the learner was. */
export const resumeStateId = "https://obuka.rs/xapi/state/resume";
export const pageActivityType = "http://activitystrea.ms/schema/1.0/page";
const moduleActivityType = "http://adlnet.gov/expapi/activities/module";

type ModuleVerb = "initialized" | "completed" | "passed" | "failed" | "terminated";

export class XapiSession implements Tracker {
  readonly recordsSatisfaction = true;
  private queue: Promise<unknown> = Promise.resolve();
  private stateQueue: Promise<unknown> = Promise.resolve();
  /** Sent but not yet accepted: what page hide sends again with keepalive. */
  private readonly pending = new Map<string, Statement>();
  private readonly experienced = new Set<number>();
  private completedSent = false;
  private failedSent = false;
  private terminated = false;
  /** Page hide sends its last batch once. */
  private unloadSent = false;
  private lastState: ResumeState | undefined;
  private readonly startedAt: number;
  private readonly base: SessionBase;

  private constructor(
    private readonly client: XapiClient,
    private readonly launch: TincanLaunch,
    private readonly config: AuConfig,
    private readonly deps: XapiDeps,
    readonly resume: ResumeState | undefined,
    private passedSent: boolean,
  ) {
    this.startedAt = deps.now();
    // Questions and videos: the module is their parent (statements.ts), the course groups them.
    this.base = { actor: launch.actor, registration: launch.registration, activityId: config.publisherId, contextTemplate: { contextActivities: { grouping: this.grouping().map((id) => ({ objectType: "Activity", id })) }, language: config.lang }, lang: config.lang };
  }

  static async start(launch: TincanLaunch, config: AuConfig, deps: XapiDeps): Promise<XapiSession> {
    const client = new XapiClient(launch.endpoint, launch.auth, deps.fetch, deps.delay);
    const [saved, passed] = await Promise.all([
      client.getState(config.publisherId, launch.actor, launch.registration, resumeStateId).catch(() => undefined),
      client.hasStatement(launch.actor, verbs.passed.id, config.publisherId, launch.registration),
    ]);
    const resume = saved === undefined ? undefined : decodeResume(JSON.stringify(saved));
    const session = new XapiSession(client, launch, config, deps, resume, passed);
    session.sendModule("initialized");
    return session;
  }

  get alreadyPassed(): boolean {
    return this.passedSent;
  }

  masteryScore(fallback: number | undefined): number | undefined {
    return fallback;
  }

  complete(): void {
    if (this.completedSent) return;
    this.completedSent = true;
    this.sendModule("completed", { completion: true, duration: this.elapsed() });
  }

  /** As under cmi5: never Failed after Passed, never the same verb twice in a session. */
  judge(score: { scaled: number; raw: number; max: number }, masteryScore: number | undefined): Judgement {
    const verb = masteryScore === undefined || score.scaled >= masteryScore ? "passed" : "failed";
    if (this.passedSent || (verb === "failed" && this.failedSent) || this.terminated) return { verb, sent: false };
    if (verb === "passed") this.passedSent = true;
    else this.failedSent = true;
    this.sendModule(verb, { success: verb === "passed", score: { scaled: score.scaled, raw: score.raw, min: 0, max: score.max }, duration: this.elapsed() });
    return { verb, sent: true };
  }

  answered(question: QuizConfig["questions"][number], selected: readonly string[], correct: boolean): void {
    this.send((stamp) => answeredStatement(this.base, stamp, question, selected, correct));
  }

  video(video: VideoConfig, verb: VideoVerb, moment: VideoMoment, watchedMs?: number): void {
    this.send((stamp) => videoStatement(this.base, stamp, video, verb, moment, watchedMs === undefined ? undefined : isoDuration(watchedMs)));
  }

  /** Experienced, once per page and session. */
  pageShown(index: number, total: number): void {
    if (this.experienced.has(index)) return;
    this.experienced.add(index);
    this.send((stamp) => ({
      id: stamp.id,
      timestamp: stamp.timestamp,
      actor: this.launch.actor,
      verb: verbs.experienced,
      object: { objectType: "Activity", id: `${this.config.publisherId}/pages/${index + 1}`, definition: { type: pageActivityType, name: { [this.config.lang]: `${index + 1} / ${total}` } } },
      context: this.context([this.config.publisherId], this.grouping()),
    }));
  }

  save(state: ResumeState): void {
    this.lastState = state;
    if (this.terminated) return;
    const document = JSON.parse(encodeResume(state, Infinity)) as unknown;
    this.stateQueue = this.stateQueue
      .then(() => this.client.putState(this.config.publisherId, this.launch.actor, this.launch.registration, resumeStateId, document))
      .catch((error: unknown) => this.deps.onError(error));
  }

  async terminate(): Promise<string | undefined> {
    if (!this.terminated) {
      this.sendModule("terminated", { duration: this.elapsed() });
      this.terminated = true;
    }
    await Promise.all([this.queue, this.stateQueue]);
    return undefined;
  }

  /** Whatever the LRS has not yet accepted, then Terminated, in one keepalive batch; the state too. */
  pageHide(): void {
    if (this.unloadSent) return;
    this.unloadSent = true;
    if (this.terminated) {
      // Finish was pressed and Terminated is still on its way: send what is left once more.
      if (this.pending.size) this.client.sendOnUnload([...this.pending.values()]);
      return;
    }
    const terminated = this.build("terminated", { duration: this.elapsed() });
    this.terminated = true;
    const state = this.lastState && { activityId: this.config.publisherId, agent: this.launch.actor, registration: this.launch.registration, stateId: resumeStateId, document: JSON.parse(encodeResume(this.lastState, Infinity)) as unknown };
    this.client.sendOnUnload([...this.pending.values(), terminated], state);
  }

  /** Resolves when everything queued so far has settled. */
  async flush(): Promise<void> {
    await Promise.all([this.queue, this.stateQueue]);
  }

  /** The course, and the activity the LMS launched when it is another (tincan.xml's course activity). */
  private grouping(): string[] {
    const ids = [this.config.courseId];
    if (this.launch.activityId && this.launch.activityId !== this.config.publisherId && this.launch.activityId !== this.config.courseId) ids.push(this.launch.activityId);
    return ids;
  }

  private context(parents: string[], grouping: string[]): Context {
    const activity = (id: string) => ({ objectType: "Activity" as const, id });
    const context: Context = { contextActivities: { parent: parents.map(activity), ...(grouping.length ? { grouping: grouping.map(activity) } : {}) }, language: this.config.lang };
    if (this.launch.registration) context.registration = this.launch.registration;
    return context;
  }

  /** A statement about the module itself: the course is its parent; no cmi5 category or session id. */
  private build(verb: ModuleVerb, result: Record<string, unknown> | undefined, stamp: Stamp = this.stamp()): Statement {
    const statement: Statement = {
      id: stamp.id,
      timestamp: stamp.timestamp,
      actor: this.launch.actor,
      verb: verbs[verb],
      object: { objectType: "Activity", id: this.config.publisherId, definition: { type: moduleActivityType } },
      context: this.context([this.config.courseId], this.grouping().slice(1)),
    };
    if (result) statement.result = result;
    return statement;
  }

  private sendModule(verb: ModuleVerb, result?: Record<string, unknown>): void {
    this.send((stamp) => this.build(verb, result, stamp));
  }

  private stamp(): Stamp {
    return { id: this.deps.uuid(), timestamp: new Date(this.deps.now()).toISOString() };
  }

  /** Built now (monotonic timestamps), sent in order after everything before it. */
  private send(build: (stamp: Stamp) => Statement): void {
    if (this.terminated) return;
    const statement = build(this.stamp());
    this.pending.set(statement.id, statement);
    this.queue = this.queue.then(() =>
      this.client.sendStatement(statement).then(
        () => this.pending.delete(statement.id),
        (error: unknown) => {
          this.pending.delete(statement.id);
          this.deps.onError(error);
        },
      ),
    );
  }

  private elapsed(): string {
    return isoDuration(this.deps.now() - this.startedAt);
  }
}
