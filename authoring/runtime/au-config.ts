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
  questions: {
    id: string;
    type: "single" | "multiple" | "true-false";
    activityId: string;
    prompt: string;
    weight: number;
    choices: { id: string; text: string; correct: boolean; feedback: string | undefined }[];
  }[];
}

export interface VideoConfig {
  activityId: string;
  title: string;
  captionLangs: string[];
}
