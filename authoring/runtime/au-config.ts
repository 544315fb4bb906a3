// The JSON the build embeds in every AU page (script#obuka-au); the runtime's only input besides the URL.

export interface UiStrings {
  connecting: string;
  ready: string;
  standalone: string;
  error: string;
  finishing: string;
  finished: string;
  passed: string;
  failed: string;
  score: string;
  correct: string;
  incorrect: string;
  alreadyPassed: string;
  browseMode: string;
  unanswered: string;
}

/** The package format the page was built for: where the runtime reports to. */
export type Standard = "cmi5" | "xapi" | "scorm12" | "scorm2004";

export interface AuConfig {
  standard: Standard;
  lang: string;
  /** The course's IRI: the parent activity of xAPI statements. */
  courseId: string;
  /** The AU's publisher id from cmi5.xml; parent of question and video activities. */
  publisherId: string;
  moveOn: string;
  masteryScore: number | undefined;
  strings: UiStrings;
  quiz: QuizConfig | undefined;
  videos: VideoConfig[];
}

export interface QuizConfig {
  questions: QuizQuestionConfig[];
}

export type QuizQuestionType = "single" | "multiple" | "true-false" | "matching" | "fill-in";

export interface QuizQuestionConfig {
  id: string;
  type: QuizQuestionType;
  activityId: string;
  prompt: string;
  weight: number;
  /** The choices of single, multiple and true-false questions; empty for the others. */
  choices: { id: string; text: string; correct: boolean; feedback: string | undefined }[];
  /** Matching: the sources in order, the targets in the order shown, and each source's right target. */
  matching?: { sources: { id: string; text: string }[]; targets: { id: string; text: string }[]; key: Record<string, string> };
  /** Fill-in: every accepted answer (the page language's, then the default language's). */
  answers?: string[];
  /** Shown after the answer, by whether it was right. */
  feedback?: { correct: string | undefined; incorrect: string | undefined };
}

export interface VideoConfig {
  activityId: string;
  title: string;
  captionLangs: string[];
  /** The share of the video that counts as watched (course.yaml `completionThreshold`); the LMS reads it from here at import. */
  completionThreshold: number;
}

/** When the course names none; the player applies the same default to packages without one. */
export const defaultVideoCompletionThreshold = 0.9;
