// What the page asks of the learning system, whatever the standard: one interface that the
// cmi5, xAPI, SCORM 1.2 and SCORM 2004 sessions implement, and the resume state they keep.
import type { QuizConfig, VideoConfig } from "./au-config.js";
import type { VideoMoment } from "./statements.js";

export type Judgement = { verb: "passed" | "failed"; sent: boolean };

export type VideoVerb = "initialized" | "played" | "paused" | "seeked" | "completed";

/** Where the learner is and what they did; restored on relaunch (SCORM suspend_data, xAPI state). */
export interface ResumeState {
  /** The page shown (0-based). */
  page: number;
  /** Pages seen at least once. */
  seen: number[];
  /**
   * Per video on the page, in order: played segments ("0[.]5.2[,]…"), whether it was watched to
   * the end, and where the learner stopped (seconds; absent at the start or after the end).
   */
  videos: { segments: string; ended: boolean; time?: number }[];
  /** The last submitted quiz answers by question id, if any. */
  answers: Record<string, string[]> | undefined;
}

export interface Tracker {
  /** False in browse or review mode: nothing is judged or completed. */
  readonly recordsSatisfaction: boolean;
  /** Passed in an earlier session: a new result is not recorded. */
  readonly alreadyPassed: boolean;
  /** The state saved by the last session, or undefined on a first launch. */
  readonly resume: ResumeState | undefined;
  /** The LMS's mastery score when it gives one, else the one compiled into the page. */
  masteryScore(fallback: number | undefined): number | undefined;
  complete(): void;
  judge(score: { scaled: number; raw: number; max: number }, masteryScore: number | undefined): Judgement;
  answered(question: QuizConfig["questions"][number], selected: readonly string[], correct: boolean): void;
  video(video: VideoConfig, verb: VideoVerb, moment: VideoMoment, watchedMs?: number): void;
  /** The page shown changed (xAPI: experienced). */
  pageShown(index: number, total: number): void;
  /** Progress changed; kept so a relaunch resumes here. */
  save(state: ResumeState): void;
  /** The learner finished: the last report; resolves with where to go next, if anywhere. */
  terminate(): Promise<string | undefined>;
  /** The page is going away: a last report that must survive the unload. */
  pageHide(): void;
}

/** Compact JSON: SCORM 1.2 keeps at most 4096 characters of suspend_data. */
export function encodeResume(state: ResumeState, limit: number): string {
  const position = (v: ResumeState["videos"][number]) => (v.time === undefined ? [] : [v.time]);
  const full = { v: 1, p: state.page, s: state.seen, w: state.videos.map((v) => [v.segments, v.ended ? 1 : 0, ...position(v)]), ...(state.answers ? { a: state.answers } : {}) };
  const text = JSON.stringify(full);
  if (text.length <= limit) return text;
  // Too long: keep whether each video was watched, drop the segments, then the answers.
  const lean = { ...full, w: state.videos.map((v) => ["", v.ended ? 1 : 0, ...position(v)]) };
  const leanText = JSON.stringify(lean);
  if (leanText.length <= limit) return leanText;
  const { a: _answers, ...least } = lean as typeof lean & { a?: unknown };
  return JSON.stringify(least);
}

/** The state from suspend data; undefined for anything this runtime did not write. */
export function decodeResume(text: string | undefined): ResumeState | undefined {
  if (!text) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== "object" || data === null || (data as { v?: unknown }).v !== 1) return undefined;
  const d = data as { p?: unknown; s?: unknown; w?: unknown; a?: unknown };
  const isIndex = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0;
  const videos = Array.isArray(d.w)
    ? d.w.map((v) => {
        if (!Array.isArray(v)) return { segments: "", ended: false };
        const time: unknown = v[2];
        return { segments: typeof v[0] === "string" ? v[0] : "", ended: v[1] === 1, ...(typeof time === "number" && Number.isFinite(time) && time > 0 ? { time } : {}) };
      })
    : [];
  let answers: Record<string, string[]> | undefined;
  if (typeof d.a === "object" && d.a !== null) {
    answers = {};
    for (const [id, chosen] of Object.entries(d.a)) if (Array.isArray(chosen)) answers[id] = chosen.filter((c): c is string => typeof c === "string");
  }
  return { page: isIndex(d.p) ? d.p : 0, seen: Array.isArray(d.s) ? d.s.filter(isIndex) : [], videos, answers };
}
