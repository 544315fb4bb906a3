// A course in sr-Latn and en with a page (link, code, image, escapes), a captioned video and a quiz.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../../support/tools.js";
import { validCourse, validQuiz } from "./fixtures.js";

/** An 8-second captioned-training stand-in (VP9/Opus), copied from the example course. */
export const video = await readFile(path.join(projectRoot, "test/authoring/support/tiny.webm"));

/** A course with a page, a captioned video and a quiz, in sr-Latn and en. */
export function languageFixture(): Record<string, unknown> {
  return {
    "course.yaml": {
      ...validCourse,
      keepLatin: ["Child Welfare League of America"],
      modules: [
        {
          ...validCourse.modules[0]!,
          title: { "sr-Latn": "Modul 1: Hraniteljstvo i injekcija", en: "Module 1: Foster care" },
          content: [
            { page: { "sr-Latn": "pages/a.md", en: "pages/a.en.md" } },
            { video: { src: "media/v.webm", title: { "sr-Latn": "Snimak obuke", en: "Recorded training" }, captions: { "sr-Latn": "media/v.sr-Latn.vtt", en: "media/v.en.vtt" } } },
            { quiz: "quizzes/q.yaml" },
          ],
        },
      ],
    },
    "pages/a.md": "## Šta je {=PRIDE=}\n\nProgram razvio Child Welfare League of America; vidi [sajt](https://example.org/pride-info) i `kod`.\n\n![Hranitelji u krugu](../media/krug.png)\n",
    "pages/a.en.md": "## What PRIDE is\n\nA programme.\n",
    "media/krug.png": Buffer.from("89504e470d0a1a0a", "hex"),
    "media/v.webm": video,
    "media/v.sr-Latn.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nDobro došli u {=PRIDE=} obuku, ljubav.\n",
    "media/v.en.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWelcome to PRIDE training.\n",
    "quizzes/q.yaml": { ...validQuiz, questions: [{ ...validQuiz.questions[0]!, prompt: { "sr-Latn": "Da li je nadživeti jedna reč?", en: "Is it one word?" } }] },
  };
}

