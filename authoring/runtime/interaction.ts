// A quiz answer as an interaction, the same for every standard: its type, the learner's
// response and the correct pattern(s), in SCORM 1.2 form ("a,b", "s.t") or in the form SCORM
// 2004 and xAPI share ("a[,]b", "s[.]t", "{case_matters=false}text"). Pure.
import type { QuizQuestionConfig } from "./au-config.js";

export type InteractionType = "choice" | "matching" | "fill-in";
export type PatternStyle = "scorm12" | "scorm2004";

export interface Interaction {
  type: InteractionType;
  response: string;
  /** Alternatives: any one of them is a right answer (SCORM 2004 allows up to 5 for fill-in). */
  correctPatterns: string[];
}

/** SCORM 2004 RTE 4.2.9.1: at most 250 characters per fill-in string; SCORM 1.2 CMIFeedback 255. */
const fillInLimit = 250;

/** `selected` is what the quiz form collected: choice ids, `source.target` pairs, or the typed text. */
export function describeInteraction(question: QuizQuestionConfig, selected: readonly string[], style: PatternStyle): Interaction {
  const list = style === "scorm12" ? "," : "[,]";
  const pair = (part: string) => (style === "scorm12" ? part : part.replace(".", "[.]"));
  switch (question.type) {
    case "matching": {
      const key = question.matching?.key ?? {};
      return {
        type: "matching",
        response: selected.map(pair).join(list),
        correctPatterns: [Object.entries(key).map(([source, target]) => pair(`${source}.${target}`)).join(list)],
      };
    }
    case "fill-in": {
      const caseFree = style === "scorm12" ? "" : "{case_matters=false}";
      const answers = (question.answers ?? []).slice(0, style === "scorm12" ? 1 : 5);
      return { type: "fill-in", response: (selected[0] ?? "").slice(0, fillInLimit), correctPatterns: answers.map((a) => `${caseFree}${a.slice(0, fillInLimit)}`) };
    }
    default:
      return { type: "choice", response: selected.join(list), correctPatterns: [question.choices.filter((c) => c.correct).map((c) => c.id).join(list)] };
  }
}

/** How typed answers are compared: case, surrounding spaces and end punctuation do not count. */
export function normalizeTypedAnswer(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ").replace(/[.!?,;:]+$/u, "").trim().toLowerCase();
}
