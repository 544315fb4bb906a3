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

export interface AuConfig {
  lang: string;
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
