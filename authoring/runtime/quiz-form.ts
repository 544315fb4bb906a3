// The quiz form: collects answers, scores them, shows the result and per-answer feedback.
import type { AuConfig, QuizConfig } from "./au-config.js";
import { type QuizOutcome, scoreQuiz } from "./quiz-scoring.js";
import type { Tracker } from "./tracker.js";

export interface QuizHandle {
  /** The last submitted answers, for the resume state. */
  answers: () => Record<string, string[]> | undefined;
  /** Answers of an earlier session: checked again; shown as passed when the LMS says so. */
  restore: (answers: Readonly<Record<string, readonly string[]>>, passed: boolean) => void;
}

export function wireQuiz(
  form: HTMLFormElement,
  result: HTMLElement,
  config: AuConfig,
  quiz: QuizConfig,
  session: Promise<Tracker | undefined>,
  onSubmitted: () => void = () => undefined,
): QuizHandle {
  const strings = config.strings;
  let locked = false;
  let submitted: Record<string, string[]> | undefined;
  const lock = () => {
    locked = true;
    form.querySelectorAll<HTMLInputElement | HTMLButtonElement>("input, button").forEach((el) => (el.disabled = true));
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (locked) return;
    const answers = new Map<string, string[]>();
    for (const question of quiz.questions) {
      const inputs = [...form.querySelectorAll<HTMLInputElement>("input")].filter((input) => input.name === question.id && input.checked);
      answers.set(question.id, inputs.map((input) => input.value));
    }
    if (quiz.questions.some((q) => (answers.get(q.id)?.length ?? 0) === 0)) {
      showMessage(result, strings.unanswered);
      return;
    }
    const outcome = scoreQuiz(quiz, answers);
    submitted = Object.fromEntries(answers);
    void session.then((s) => {
      const masteryScore = s ? s.masteryScore(config.masteryScore) : config.masteryScore;
      const alreadyPassed = s?.alreadyPassed ?? false;
      if (s) for (const q of outcome.questions) s.answered(quiz.questions.find((x) => x.id === q.questionId)!, q.selected, q.correct);
      const judgement = s ? s.judge(outcome, masteryScore) : { verb: masteryScore === undefined || outcome.scaled >= masteryScore ? "passed" : "failed" };
      const passed = judgement.verb === "passed";
      if (passed) lock();
      showOutcome(result, config, quiz, outcome, passed, alreadyPassed);
      onSubmitted();
    });
  });
  return {
    answers: () => submitted,
    restore: (answers, passed) => {
      submitted = Object.fromEntries(Object.entries(answers).map(([id, chosen]) => [id, [...chosen]]));
      for (const input of form.querySelectorAll<HTMLInputElement>("input")) input.checked = submitted[input.name]?.includes(input.value) ?? false;
      if (!passed) return;
      lock();
      showOutcome(result, config, quiz, scoreQuiz(quiz, new Map(Object.entries(submitted))), true, false);
    },
  };
}

function showMessage(result: HTMLElement, text: string): void {
  result.replaceChildren(paragraph(text));
  result.hidden = false;
}

function showOutcome(result: HTMLElement, config: AuConfig, quiz: QuizConfig, outcome: QuizOutcome, passed: boolean, alreadyPassed: boolean): void {
  const s = config.strings;
  const percent = Math.round(outcome.scaled * 100);
  const summary = paragraph(`${s.score}: ${percent}% (${outcome.raw}/${outcome.max}) — ${passed ? s.passed : s.failed}`);
  summary.className = passed ? "result passed" : "result failed";
  result.dataset.outcome = passed ? "passed" : "failed";
  const list = document.createElement("ol");
  for (const q of outcome.questions) {
    const question = quiz.questions.find((x) => x.id === q.questionId)!;
    const item = document.createElement("li");
    item.dataset.question = q.questionId;
    item.dataset.correct = String(q.correct);
    const head = document.createElement("p");
    const verdict = document.createElement("strong");
    verdict.textContent = q.correct ? s.correct : s.incorrect;
    head.append(verdict, ` ${question.prompt}`);
    item.append(head);
    for (const choiceId of q.selected) {
      const choice = question.choices.find((c) => c.id === choiceId);
      if (choice?.feedback) {
        const feedback = paragraph(`${choice.text}: ${choice.feedback}`);
        feedback.className = "feedback";
        item.append(feedback);
      }
    }
    list.append(item);
  }
  result.replaceChildren(summary, list);
  if (alreadyPassed) result.append(paragraph(s.alreadyPassed));
  result.hidden = false;
  result.focus();
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}
