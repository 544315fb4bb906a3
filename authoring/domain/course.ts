// The course model: what a trainer wrote, once parsed (references) and once loaded (contents).

/** Text per language tag (BCP 47), e.g. { "sr-Latn": "Uvod", en: "Introduction" }. */
export type LangString = Readonly<Record<string, string>>;

export const moveOnValues = ["Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"] as const;
export type MoveOn = (typeof moveOnValues)[number];

export const launchMethods = ["AnyWindow", "OwnWindow"] as const;
export type LaunchMethod = (typeof launchMethods)[number];

/** Where a value came from, for errors found after parsing (a missing file). */
export interface SourceOrigin {
  file: string;
  line: number;
  column: number;
  field: string;
}

/** A file the course refers to, relative to the course folder, with POSIX separators. */
export interface SourceRef {
  path: string;
  origin: SourceOrigin;
}

export interface Accreditation {
  licensingBody: string;
  programme: string;
  points: number;
  validityYears: number;
  /**
   * Whether the accredited programme ends with a knowledge check: licensing rules weigh the
   * two differently (in Serbia 15 points with a check, 5 without). Declared by the trainer,
   * or else true when some module has a quiz with a mastery score.
   */
  knowledgeCheck: boolean;
  /** True when the accreditation is illustrative, not granted. */
  example: boolean;
}

export interface CourseOf<C> {
  id: string;
  defaultLanguage: string;
  title: LangString;
  description: LangString;
  authors: readonly string[];
  accreditation: Accreditation | undefined;
  /** Words and phrases the Serbian Cyrillic version keeps in Latin (names, English terms). */
  keepLatin?: readonly string[];
  modules: readonly ModuleOf<C>[];
}

export interface ModuleOf<C> {
  id: string;
  title: LangString;
  description: LangString;
  masteryScore: number | undefined;
  moveOn: MoveOn;
  launchMethod: LaunchMethod;
  content: readonly C[];
}

/** Content items as written: references to files. */
export type SourceContent =
  | { kind: "page"; files: Readonly<Record<string, SourceRef>> }
  /** `completionThreshold`: the share of the video a learner must play for it to count as watched (0–1). */
  | { kind: "video"; src: SourceRef; captions: Readonly<Record<string, SourceRef>>; title: LangString; transcript: Readonly<Record<string, SourceRef>> | undefined; completionThreshold?: number }
  | { kind: "quiz"; src: SourceRef };

/** Content items once loaded: Markdown text, quiz, media paths. */
export type Content =
  /** `files`: the Markdown file per language, so images resolve relative to the page that names them. */
  | { kind: "page"; markdown: LangString; files: LangString }
  | { kind: "video"; src: string; captions: LangString; title: LangString; transcript: LangString | undefined; transcriptFiles?: LangString; completionThreshold?: number }
  | { kind: "quiz"; quiz: Quiz };

export type CourseSource = CourseOf<SourceContent>;
export type Course = CourseOf<Content>;
export type CourseModule = ModuleOf<Content>;

export const questionTypes = ["single", "multiple", "true-false", "matching", "fill-in"] as const;
export type QuestionType = (typeof questionTypes)[number];
export type ChoiceQuestionType = Extract<QuestionType, "single" | "multiple" | "true-false">;

export interface Choice {
  id: string;
  text: LangString;
  correct: boolean;
  feedback: LangString | undefined;
}

/** One item to match and its right counterpart; the learner picks the target for each source. */
export interface MatchPair {
  id: string;
  source: LangString;
  target: LangString;
}

/** Shown after the answer, whatever was chosen: what was right, and why. */
export interface QuestionFeedback {
  correct: LangString | undefined;
  incorrect: LangString | undefined;
}

interface QuestionBase {
  id: string;
  prompt: LangString;
  weight: number;
  feedback: QuestionFeedback | undefined;
}

/** `choices` is empty for matching and fill-in, so code that lists the choices needs no narrowing. */
export type Question =
  | (QuestionBase & { type: ChoiceQuestionType; choices: readonly Choice[] })
  | (QuestionBase & { type: "matching"; choices: readonly Choice[]; pairs: readonly MatchPair[] })
  /** `answers`: every accepted answer; compared ignoring case and spacing. */
  | (QuestionBase & { type: "fill-in"; choices: readonly Choice[]; answers: readonly LangString[] });

export interface Quiz {
  title: LangString | undefined;
  questions: readonly Question[];
}

/** The text in the wanted language, else the fallback language, else any. */
export function pickLang(text: LangString, lang: string, fallback: string): { lang: string; text: string } {
  for (const candidate of [lang, fallback, ...Object.keys(text)]) {
    const value = text[candidate];
    if (value !== undefined) return { lang: candidate, text: value };
  }
  return { lang: fallback, text: "" };
}
