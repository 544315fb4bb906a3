// A learner walking one module of a course built by `obuka build`, in the browser: every
// page, the whole video, the quiz answered from the course source's right answers.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { parse as parseYaml } from "yaml";

export interface QuizQuestion {
  id: string;
  type: string;
  choices: { id: string; correct?: boolean }[];
}

/** The right answers of every module, in order, read from the course source the trainer wrote. */
export async function correctAnswersPerModule(courseDir: string): Promise<QuizQuestion[][]> {
  const course = parseYaml(await readFile(path.join(courseDir, "course.yaml"), "utf8")) as { modules: { content: Record<string, unknown>[] }[] };
  return Promise.all(
    course.modules.map(async (module) => {
      const quizItem = module.content.find((item) => "quiz" in item);
      if (!quizItem) return [];
      const quizFile = typeof quizItem.quiz === "string" ? quizItem.quiz : (quizItem.quiz as { src: string }).src;
      return (parseYaml(await readFile(path.join(courseDir, quizFile), "utf8")) as { questions: QuizQuestion[] }).questions;
    }),
  );
}

/** Pages forward to the quiz, playing any video to its end on the way, and submits the right answers. */
export async function takeModule(page: Page | Frame, questions: QuizQuestion[]): Promise<void> {
  await page.locator('[data-testid="status"][data-state="ready"]').waitFor({ timeout: 45_000 }); // a bound, not a speed check: the launch handshake is slow on a loaded CI machine
  for (let step = 0; step < 50; step++) {
    const video = page.locator('video[data-testid="training-video"]');
    if (await video.isVisible()) {
      await video.evaluate(async (element: HTMLVideoElement) => {
        element.muted = true;
        element.playbackRate = 16;
        await element.play();
        await new Promise<void>((resolve) => (element.ended ? resolve() : element.addEventListener("ended", () => resolve(), { once: true })));
      });
    }
    const quiz = page.locator('form[data-testid="quiz"]');
    if (await quiz.isVisible()) {
      for (const question of questions) {
        for (const choice of question.choices.filter((c) => c.correct)) await quiz.locator(`input[name="${question.id}"][value="${choice.id}"]`).check();
      }
      await quiz.locator('button[type="submit"]').click();
      await page.locator('[data-testid="quiz-result"]').waitFor();
      return;
    }
    await page.locator('button[data-testid="next"]').click();
  }
  throw new Error("never reached the quiz");
}
