// A three-module course from object literals: a quiz module with a captioned video
// (CompletedAndPassed), a reading module (Completed) and a quiz-only module (Passed).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../../support/tools.js";
import { writeFixtureCourse } from "./fixtures.js";

export const courseId = "https://example.org/courses/multi";
export const moduleIds = [`${courseId}/modules/1`, `${courseId}/modules/2`, `${courseId}/modules/3`] as const;

const vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nDobro došli.\n";

export const multiModuleCourse = {
  id: courseId,
  title: { "sr-Latn": "Višemodulni kurs", en: "Multi-module course" },
  description: { "sr-Latn": "Tri modula", en: "Three modules" },
  modules: [
    {
      id: moduleIds[0],
      title: { "sr-Latn": "Modul 1: čitanje, video i provera", en: "Module 1" },
      description: { "sr-Latn": "Prvi modul" },
      masteryScore: 0.5,
      moveOn: "CompletedAndPassed",
      content: [
        { page: "pages/1a.md" },
        { video: { src: "media/klip.webm", title: { "sr-Latn": "Snimak" }, captions: { "sr-Latn": "media/klip.sr-Latn.vtt" } } },
        { page: "pages/1b.md" },
        { quiz: "quizzes/q1.yaml" },
      ],
    },
    {
      id: moduleIds[1],
      title: { "sr-Latn": "Modul 2: samo čitanje & <beleške>" },
      description: { "sr-Latn": "Drugi modul" },
      moveOn: "Completed",
      content: [{ page: "pages/2a.md" }],
    },
    {
      id: moduleIds[2],
      title: { "sr-Latn": "Modul 3: završni test" },
      description: { "sr-Latn": "Treći modul" },
      masteryScore: 0.75,
      moveOn: "Passed",
      content: [{ quiz: "quizzes/q3.yaml" }],
    },
  ],
};

/** Two questions with weights 1 and 3, so 0.25 fails and 1 passes mastery 0.5. */
export const quizOne = {
  questions: [
    {
      id: "q1",
      type: "single",
      weight: 1,
      prompt: { "sr-Latn": "Koliko susreta ima PRIDE?" },
      choices: [
        { id: "a", text: { "sr-Latn": "Jedan" }, correct: false },
        { id: "b", text: { "sr-Latn": "Devet" }, correct: true },
      ],
    },
    {
      id: "q2",
      type: "multiple",
      weight: 3,
      prompt: { "sr-Latn": "Šta je deo pripreme?" },
      choices: [
        { id: "a", text: { "sr-Latn": "Grupni rad" }, correct: true },
        { id: "b", text: { "sr-Latn": "Razgovor u porodici" }, correct: true },
        { id: "c", text: { "sr-Latn": "Ispit iz prava" }, correct: false },
      ],
    },
  ],
};

const quizThree = {
  questions: [{ id: "z1", type: "true-false", prompt: { "sr-Latn": "Hranitelj radi u timu." }, choices: [{ id: "t", text: { "sr-Latn": "Tačno" }, correct: true }, { id: "f", text: { "sr-Latn": "Netačno" } }] }],
};

/** The course folder under `<root>/courses/fixture`; the video is the example course's real one, so Chromium can play it. */
export async function writeMultiModuleCourse(): Promise<string> {
  const video = await readFile(path.join(projectRoot, "courses/pride-foster-care/media/uvod.webm"));
  return writeFixtureCourse({
    "course.yaml": multiModuleCourse,
    "pages/1a.md": "## Uvod\n\nPrva strana.",
    "pages/1b.md": "## Posle snimka\n\nTreća strana.",
    "pages/2a.md": "## Beleške\n\nSamo čitanje.",
    "quizzes/q1.yaml": quizOne,
    "quizzes/q3.yaml": quizThree,
    "media/klip.webm": video,
    "media/klip.sr-Latn.vtt": vtt,
  });
}
