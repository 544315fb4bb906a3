// A one-module course whose quiz holds every question type, with weights and feedback:
// single (1), multiple (2), true-false (1), matching (3), fill-in (2); mastery 0.8.
import { writeFixtureCourse } from "./fixtures.js";

export const moduleId = "https://example.org/courses/fixture/modules/1";

export const allTypesQuiz = {
  title: { "sr-Latn": "Provera", en: "Check" },
  questions: [
    {
      id: "single1",
      type: "single",
      weight: 1,
      prompt: { "sr-Latn": "Ko vodi slučaj?", en: "Who manages the case?" },
      choices: [
        { id: "a", text: { "sr-Latn": "Voditelj slučaja", en: "The case manager" }, correct: true, feedback: { "sr-Latn": "Da, voditelj slučaja.", en: "Yes." } },
        { id: "b", text: { "sr-Latn": "Sud", en: "The court" }, feedback: { "sr-Latn": "Ne, sud odlučuje o drugome.", en: "No." } },
      ],
    },
    {
      id: "multi1",
      type: "multiple",
      weight: 2,
      prompt: { "sr-Latn": "Šta ulazi u procenu?", en: "What goes into the assessment?" },
      choices: [
        { id: "a", text: { "sr-Latn": "Potrebe deteta" }, correct: true },
        { id: "b", text: { "sr-Latn": "Snage porodice" }, correct: true },
        { id: "c", text: { "sr-Latn": "Boja kuće" } },
      ],
    },
    {
      id: "tf1",
      type: "true-false",
      weight: 1,
      prompt: { "sr-Latn": "Hranitelj radi u timu." },
      choices: [
        { id: "t", text: { "sr-Latn": "Tačno" }, correct: true },
        { id: "f", text: { "sr-Latn": "Netačno" } },
      ],
      feedback: { correct: { "sr-Latn": "Tim čine hranitelj, dete i stručnjaci." }, incorrect: { "sr-Latn": "Hranitelj nije sam: radi u timu." } },
    },
    {
      id: "match1",
      type: "matching",
      weight: 3,
      prompt: { "sr-Latn": "Povežite ustanovu i njen posao.", en: "Match each service with its job." },
      pairs: [
        { id: "csr", source: { "sr-Latn": "Centar za socijalni rad" }, target: { "sr-Latn": "vodi slučaj" } },
        { id: "dz", source: { "sr-Latn": "Dom zdravlja" }, target: { "sr-Latn": "leči dete" } },
        { id: "sk", source: { "sr-Latn": "Škola" }, target: { "sr-Latn": "obrazuje dete" } },
      ],
      feedback: { correct: { "sr-Latn": "Svaka ustanova ima svoj deo posla." }, incorrect: { "sr-Latn": "Pogledajte ponovo ko šta radi." } },
    },
    {
      id: "fill1",
      type: "fill-in",
      weight: 2,
      prompt: { "sr-Latn": "Dopunite: centar za ___ rad.", en: "Complete: centre for ___ work." },
      // A plain string is an answer in the default language.
      answers: [{ "sr-Latn": "socijalni", en: "social" }, "socijalnu"],
      feedback: { correct: { "sr-Latn": "Tačno: centar za socijalni rad." }, incorrect: { "sr-Latn": "Traži se reč socijalni." } },
    },
  ],
};

export const allTypesCourse = {
  id: "https://example.org/courses/fixture",
  title: { "sr-Latn": "Sve vrste pitanja", en: "Every question type" },
  description: { "sr-Latn": "Opis" },
  modules: [
    {
      id: moduleId,
      title: { "sr-Latn": "Modul sa proverom" },
      description: { "sr-Latn": "Opis modula" },
      masteryScore: 0.8,
      moveOn: "CompletedAndPassed",
      content: [{ quiz: "quizzes/provera.yaml" }],
    },
  ],
};

export function writeAllTypesCourse(quiz: unknown = allTypesQuiz): Promise<string> {
  return writeFixtureCourse({ "course.yaml": allTypesCourse, "quizzes/provera.yaml": quiz });
}
