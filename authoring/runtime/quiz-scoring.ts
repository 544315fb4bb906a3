// Scores a submitted quiz: a question counts, with its weight, when it was answered fully
// right: exactly the correct choices, every pair matched, or a typed answer that is accepted.
import type { QuizConfig, QuizQuestionConfig } from "./au-config.js";
import { normalizeTypedAnswer } from "./interaction.js";

export interface QuestionOutcome {
  questionId: string;
  selected: string[];
  correct: boolean;
}

export interface QuizOutcome {
  questions: QuestionOutcome[];
  raw: number;
  max: number;
  /** raw / max, rounded to 4 places; compared with masteryScore. */
  scaled: number;
}

export function scoreQuiz(quiz: QuizConfig, answers: ReadonlyMap<string, readonly string[]>): QuizOutcome {
  let raw = 0;
  let max = 0;
  const questions = quiz.questions.map((question) => {
    const given = [...(answers.get(question.id) ?? [])];
    const selected = question.type === "fill-in" ? given : given.sort();
    const correct = isCorrect(question, selected);
    max += question.weight;
    if (correct) raw += question.weight;
    return { questionId: question.id, selected, correct };
  });
  const scaled = max === 0 ? 0 : Math.round((raw / max) * 10000) / 10000;
  return { questions, raw, max, scaled };
}

function isCorrect(question: QuizQuestionConfig, selected: readonly string[]): boolean {
  switch (question.type) {
    case "matching": {
      const key = Object.entries(question.matching?.key ?? {});
      const chosen = new Map(selected.map((part) => part.split(".") as [string, string]));
      return key.length > 0 && chosen.size === key.length && key.every(([source, target]) => chosen.get(source) === target);
    }
    case "fill-in": {
      const typed = normalizeTypedAnswer(selected[0] ?? "");
      return typed !== "" && (question.answers ?? []).some((answer) => normalizeTypedAnswer(answer) === typed);
    }
    default: {
      const expected = question.choices.filter((c) => c.correct).map((c) => c.id).sort();
      return selected.length === expected.length && selected.every((id, i) => id === expected[i]);
    }
  }
}
