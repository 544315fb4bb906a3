// One SCORM attempt (1.2 or 2004) behind the Tracker interface: status, score against the
// mastery score, session time, location and suspend data for resume, each quiz answer as
// an interaction, commits retried when the LMS drops them.
import type { AuConfig, QuizConfig, VideoConfig } from "./au-config.js";
import { isoDuration } from "./duration.js";
import { describeInteraction } from "./interaction.js";
import type { ScormPort } from "./scorm-api.js";
import { cmiTime, cmiTimespan, scorm2004Timestamp } from "./scorm-time.js";
import type { VideoMoment } from "./statements.js";
import { decodeResume, encodeResume, type Judgement, type ResumeState, type Tracker, type VideoVerb } from "./tracker.js";

export interface ScormDeps {
  now: () => number;
  /** Runs `fn` after `ms`; a commit the LMS refused is retried this way. */
  schedule: (fn: () => void, ms: number) => void;
  onError: (error: unknown) => void;
}

/** Element names and limits per version (RTE 1.2 section 3.4, RTE 2004 section 4.2). */
const elements = {
  "1.2": {
    entry: "cmi.core.entry",
    mode: "cmi.core.lesson_mode",
    location: "cmi.core.lesson_location",
    suspendData: "cmi.suspend_data",
    suspendLimit: 4096,
    exit: "cmi.core.exit",
    normalExit: "",
    sessionTime: "cmi.core.session_time",
    response: "student_response",
    wrong: "wrong",
  },
  "2004": {
    entry: "cmi.entry",
    mode: "cmi.mode",
    location: "cmi.location",
    suspendData: "cmi.suspend_data",
    suspendLimit: 64000,
    exit: "cmi.exit",
    normalExit: "normal",
    sessionTime: "cmi.session_time",
    response: "learner_response",
    wrong: "incorrect",
  },
} as const;

/** Commit retries: the LMS may be slow or drop a commit; later changes commit again anyway. */
const retryDelaysMs = [1000, 2000, 4000, 8000, 16000];

export class ScormSession implements Tracker {
  readonly recordsSatisfaction: boolean;
  readonly resume: ResumeState | undefined;
  private completed: boolean;
  private success: "passed" | "failed" | undefined;
  private readonly lmsMastery: number | undefined;
  private readonly names;
  private readonly startedAt: number;
  private interactionCount: number;
  private terminated = false;
  private retry = 0;
  private retryPending = false;

  constructor(
    private readonly port: ScormPort,
    private readonly config: AuConfig,
    private readonly deps: ScormDeps,
  ) {
    this.names = elements[port.version];
    if (!port.initialize()) throw new Error(`the LMS refused to initialize (${port.lastError()})`);
    this.startedAt = deps.now();
    const v12 = port.version === "1.2";
    const mode = port.get(this.names.mode);
    this.recordsSatisfaction = mode !== "browse" && mode !== "review";
    const status = v12 ? port.get("cmi.core.lesson_status") : "";
    const success = v12 ? status : port.get("cmi.success_status");
    this.success = success === "passed" || success === "failed" ? success : undefined;
    this.completed = v12 ? status === "completed" || status === "passed" : port.get("cmi.completion_status") === "completed";
    // 1.2 gives a 0–100 mastery score from the manifest, 2004 the objective's minNormalizedMeasure.
    const mastery = Number.parseFloat(port.get(v12 ? "cmi.student_data.mastery_score" : "cmi.scaled_passing_score"));
    this.lmsMastery = Number.isFinite(mastery) ? (v12 ? mastery / 100 : mastery) : undefined;
    this.interactionCount = Number.parseInt(port.get("cmi.interactions._count"), 10) || 0;
    const saved = decodeResume(port.get(this.names.suspendData));
    const location = Number.parseInt(port.get(this.names.location), 10);
    this.resume = saved ? { ...saved, page: Number.isInteger(location) && location >= 0 ? location : saved.page } : undefined;
    const untouched = v12 ? status === "not attempted" || status === "" : ["unknown", "not attempted", ""].includes(port.get("cmi.completion_status"));
    if (this.recordsSatisfaction && untouched) {
      this.set(v12 ? "cmi.core.lesson_status" : "cmi.completion_status", "incomplete");
      this.commit();
    }
  }

  get alreadyPassed(): boolean {
    return this.success === "passed";
  }

  masteryScore(fallback: number | undefined): number | undefined {
    return this.lmsMastery ?? fallback;
  }

  complete(): void {
    if (this.completed || !this.recordsSatisfaction || this.terminated) return;
    this.completed = true;
    this.writeStatus();
    this.commit();
  }

  judge(score: { scaled: number; raw: number; max: number }, masteryScore: number | undefined): Judgement {
    const verb = masteryScore === undefined || score.scaled >= masteryScore ? "passed" : "failed";
    // As in cmi5: once passed, a later attempt neither fails the module nor changes its score.
    if (!this.recordsSatisfaction || this.terminated || this.success === "passed") return { verb, sent: false };
    this.success = verb;
    if (this.port.version === "1.2") {
      this.set("cmi.core.score.raw", String(Math.round(score.scaled * 10000) / 100));
      this.set("cmi.core.score.min", "0");
      this.set("cmi.core.score.max", "100");
    } else {
      this.set("cmi.score.scaled", String(score.scaled));
      this.set("cmi.score.raw", String(score.raw));
      this.set("cmi.score.min", "0");
      this.set("cmi.score.max", String(score.max));
    }
    this.writeStatus();
    this.commit();
    return { verb, sent: true };
  }

  answered(question: QuizConfig["questions"][number], selected: readonly string[], correct: boolean): void {
    if (!this.recordsSatisfaction || this.terminated) return;
    const v12 = this.port.version === "1.2";
    const n = `cmi.interactions.${this.interactionCount++}`;
    const interaction = describeInteraction(question, selected, v12 ? "scorm12" : "scorm2004");
    // 1.2 ids are CMIIdentifiers (no spaces); 2004 ids are URIs, and the activity id is one.
    this.set(`${n}.id`, v12 ? question.id : question.activityId);
    this.set(`${n}.type`, interaction.type);
    if (!v12) this.set(`${n}.description`, question.prompt.slice(0, 250));
    this.set(`${n}.weighting`, String(question.weight));
    this.set(`${n}.${this.names.response}`, interaction.response);
    interaction.correctPatterns.forEach((pattern, index) => this.set(`${n}.correct_responses.${index}.pattern`, pattern));
    this.set(`${n}.result`, correct ? "correct" : this.names.wrong);
    this.set(v12 ? `${n}.time` : `${n}.timestamp`, v12 ? cmiTime(this.deps.now()) : scorm2004Timestamp(this.deps.now()));
  }

  /** Under SCORM the viewing itself goes into suspend data through save(); nothing to send. */
  video(_video: VideoConfig, _verb: VideoVerb, _moment: VideoMoment, _watchedMs?: number): void {}

  pageShown(_index: number, _total: number): void {}

  save(state: ResumeState): void {
    if (this.terminated) return;
    this.set(this.names.location, String(state.page));
    this.set(this.names.suspendData, encodeResume(state, this.names.suspendLimit));
    this.set(this.names.sessionTime, this.sessionTime());
    this.commit();
  }

  async terminate(): Promise<string | undefined> {
    this.finish();
    return undefined;
  }

  pageHide(): void {
    this.finish();
  }

  private finish(): void {
    if (this.terminated) return;
    // Suspend unless the module is done for good, so a relaunch resumes where the learner was.
    const done = this.completed && (this.config.quiz === undefined || this.success === "passed");
    this.set(this.names.exit, done ? this.names.normalExit : "suspend");
    this.set(this.names.sessionTime, this.sessionTime());
    this.commit();
    this.terminated = true;
    if (!this.port.terminate()) this.deps.onError(new Error(`the LMS refused to finish (${this.port.lastError()})`));
  }

  private sessionTime(): string {
    const ms = this.deps.now() - this.startedAt;
    return this.port.version === "1.2" ? cmiTimespan(ms) : isoDuration(ms);
  }

  /** 1.2 has one lesson_status; 2004 keeps completion and success apart (RTE 2004 4.2.4, 4.2.22). */
  private writeStatus(): void {
    if (this.port.version === "2004") {
      this.set("cmi.completion_status", this.completed ? "completed" : "incomplete");
      if (this.success) this.set("cmi.success_status", this.success);
      return;
    }
    const moveOn = this.config.moveOn;
    const needsCompletion = moveOn === "Completed" || moveOn === "CompletedAndPassed";
    const needsPass = this.config.quiz !== undefined && (moveOn === "Passed" || moveOn === "CompletedAndPassed");
    let status: string;
    if (this.success === "failed") status = "failed";
    else if (this.success === "passed") status = this.completed || !needsCompletion ? "passed" : "incomplete";
    else status = this.completed && !needsPass ? "completed" : "incomplete";
    this.set("cmi.core.lesson_status", status);
  }

  private set(element: string, value: string): void {
    if (!this.port.set(element, value)) this.deps.onError(new Error(`the LMS refused ${element} (${this.port.lastError()})`));
  }

  private commit(): void {
    if (this.port.commit()) {
      this.retry = 0;
      return;
    }
    if (this.retryPending || this.terminated) return;
    const delay = retryDelaysMs[this.retry];
    if (delay === undefined) {
      this.deps.onError(new Error(`the LMS did not save progress (${this.port.lastError()})`));
      return;
    }
    this.retry++;
    this.retryPending = true;
    this.deps.schedule(() => {
      this.retryPending = false;
      if (!this.terminated) this.commit();
    }, delay);
  }
}
