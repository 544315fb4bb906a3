// The quiz form: collects answers, scores them, shows the result and per-answer feedback.
import type { AuConfig, QuizConfig, QuizQuestionConfig } from "./au-config.js";
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
    form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>("input, select, button").forEach((el) => (el.disabled = true));
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (locked) return;
    const answers = new Map<string, string[]>();
    for (const question of quiz.questions) answers.set(question.id, collectAnswer(form, question));
    const unanswered = (q: QuizQuestionConfig) => (answers.get(q.id)?.length ?? 0) < (q.type === "matching" ? (q.matching?.sources.length ?? 1) : 1);
    if (quiz.questions.some(unanswered)) {
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
      for (const question of quiz.questions) restoreAnswer(form, question, submitted[question.id] ?? []);
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
    const said = q.correct ? question.feedback?.correct : question.feedback?.incorrect;
    if (said) {
      const feedback = paragraph(said);
      feedback.className = "feedback";
      item.append(feedback);
    }
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

/** The fields of one question, found by its name. */
function fields<T extends HTMLInputElement | HTMLSelectElement>(form: HTMLFormElement, selector: string, question: QuizQuestionConfig): T[] {
  return [...form.querySelectorAll<T>(selector)].filter((field) => field.name === question.id);
}

/** Choice ids, `source.target` pairs (matching), or the typed text (fill-in); [] when unanswered. */
function collectAnswer(form: HTMLFormElement, question: QuizQuestionConfig): string[] {
  switch (question.type) {
    case "matching":
      return fields<HTMLSelectElement>(form, "select", question).filter((s) => s.value !== "").map((s) => `${s.dataset.source ?? ""}.${s.value}`);
    case "fill-in": {
      const typed = fields<HTMLInputElement>(form, 'input[type="text"]', question)[0]?.value.trim() ?? "";
      return typed === "" ? [] : [typed];
    }
    default:
      return fields<HTMLInputElement>(form, "input", question).filter((input) => input.checked).map((input) => input.value);
  }
}

function restoreAnswer(form: HTMLFormElement, question: QuizQuestionConfig, answer: readonly string[]): void {
  switch (question.type) {
    case "matching": {
      const chosen = new Map(answer.map((part) => part.split(".") as [string, string]));
      for (const select of fields<HTMLSelectElement>(form, "select", question)) select.value = chosen.get(select.dataset.source ?? "") ?? "";
      return;
    }
    case "fill-in":
      for (const input of fields<HTMLInputElement>(form, 'input[type="text"]', question)) input.value = answer[0] ?? "";
      return;
    default:
      for (const input of fields<HTMLInputElement>(form, "input", question)) input.checked = answer.includes(input.value);
  }
}
