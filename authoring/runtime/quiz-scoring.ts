// Scores a submitted quiz: a question counts when exactly its correct choices were chosen.
import type { QuizConfig } from "./au-config.js";

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
    const selected = [...(answers.get(question.id) ?? [])].sort();
    const expected = question.choices.filter((c) => c.correct).map((c) => c.id).sort();
    const correct = selected.length === expected.length && selected.every((id, i) => id === expected[i]);
    max += question.weight;
    if (correct) raw += question.weight;
    return { questionId: question.id, selected, correct };
  });
  const scaled = max === 0 ? 0 : Math.round((raw / max) * 10000) / 10000;
  return { questions, raw, max, scaled };
}
