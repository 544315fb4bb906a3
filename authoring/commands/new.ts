// `obuka new <dir>`: scaffolds a small course that validates and builds: one module with a
// page, a quiz and a caption file ready for the trainer's recorded training.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.js";

export interface NewCourseOptions {
  cwd: string;
  courseDir: string;
  /** The course IRI; a placeholder under https://example.org/courses/ when omitted. */
  id?: string | undefined;
}

export const schemaDir = fileURLToPath(new URL("../schema/", import.meta.url));

/** Writes the scaffold and returns the files written, relative to the course folder. */
export async function newCourse(options: NewCourseOptions): Promise<string[]> {
  const dir = path.resolve(options.cwd, options.courseDir);
  const existing = await readdir(dir).catch((error: { code?: string }) => {
    if (error.code === "ENOENT") return [];
    throw new UsageError(`cannot use ${options.courseDir}: ${error.code === "ENOTDIR" ? "it is a file" : String(error)}`);
  });
  if (existing.length > 0) throw new UsageError(`${options.courseDir} is not empty; obuka new writes into a new or empty folder`);
  const slug = path.basename(dir).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "kurs";
  const id = options.id ?? `https://example.org/courses/${slug}`;
  if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(id)) throw new UsageError(`--id must be an absolute IRI such as https://obuka.rs/courses/${slug}`);
  // Editors resolve the schema relative to the YAML file itself.
  const schemaLine = (from: string, name: string) => `# yaml-language-server: $schema=${schemaReference(from, name)}`;
  const files = scaffold(id, schemaLine(dir, "course.schema.json"), schemaLine(path.join(dir, "quizzes"), "quiz.schema.json"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, ...name.split("/"));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content, { flag: "wx" });
  }
  return Object.keys(files).sort();
}

/** The schema as the editor finds it from the course folder: relative when it can be. */
function schemaReference(fromDir: string, schemaFile: string): string {
  const relative = path.relative(fromDir, path.join(schemaDir, schemaFile)).split(path.sep).join("/");
  return path.isAbsolute(relative) ? `file://${relative}` : relative;
}

function scaffold(id: string, courseSchema: string, quizSchema: string): Record<string, string> {
  return {
    "course.yaml": `${courseSchema}
# Kurs za obuka: proverite ga sa \`npx obuka validate <folder>\`, napravite pakete sa
# \`npx obuka build <folder> --format all --lang all --out dist\`. Format: docs/course-format.md.
id: ${id}
defaultLanguage: sr-Latn
title:
  sr-Latn: "Naziv kursa"
  en: "Course title"
description:
  sr-Latn: "Kratak opis: kome je kurs namenjen i šta polaznik nauči."
  en: "A short description: who the course is for and what the learner learns."
authors:
  - "Ime i prezime autora"
# Reči koje ćirilična verzija ostavlja latinicom (imena programa, engleski izrazi).
keepLatin: []
modules:
  - id: ${id}/modules/1
    title:
      sr-Latn: "Modul 1: Uvod"
      en: "Module 1: Introduction"
    description:
      sr-Latn: "Šta polaznik nauči u ovom modulu."
      en: "What the learner learns in this module."
    masteryScore: 0.8
    moveOn: CompletedAndPassed
    content:
      - page: pages/01-uvod.md
      # Snimak obuke: stavite video u media/ i otkomentarišite (uputstvo: media/README.md).
      # - video:
      #     src: media/snimak.webm
      #     title: { sr-Latn: "Snimak obuke", en: "Recorded training" }
      #     captions: { sr-Latn: media/snimak.sr-Latn.vtt }
      - quiz: quizzes/provera.yaml
`,
    "pages/01-uvod.md": `## Uvod

Ovde pišete tekst stranice u Markdown-u: naslovi sa \`##\`, **podebljano**, *kurziv*, liste.

- Svaka slika mora imati opis (alt tekst): \`![Opis slike](../media/slika.png)\`.
- Reč koja ostaje latinicom i u ćiriličnoj verziji piše se ovako: {=PRIDE=}.
`,
    "quizzes/provera.yaml": `${quizSchema}
title: { sr-Latn: "Provera znanja", en: "Knowledge check" }
questions:
  - id: q1
    type: single
    weight: 1
    prompt:
      sr-Latn: "Koliko tačnih odgovora ima pitanje tipa single?"
      en: "How many correct answers does a single-choice question have?"
    choices:
      - id: a
        text: { sr-Latn: "Tačno jedan", en: "Exactly one" }
        correct: true
        feedback: { sr-Latn: "Tačno.", en: "Correct." }
      - id: b
        text: { sr-Latn: "Dva ili više", en: "Two or more" }
        correct: false
        feedback: { sr-Latn: "Ne: to je pitanje tipa multiple.", en: "No: that is a multiple-choice question." }
  # Ostale vrste pitanja: multiple, true-false, matching (povezivanje), fill-in (upisivanje).
  - id: q2
    type: matching
    weight: 2
    prompt:
      sr-Latn: "Povežite vrstu pitanja sa načinom odgovaranja."
      en: "Match each question type with how it is answered."
    pairs:
      - id: jedan
        source: { sr-Latn: "single", en: "single" }
        target: { sr-Latn: "bira se jedan odgovor", en: "one answer is chosen" }
      - id: upis
        source: { sr-Latn: "fill-in", en: "fill-in" }
        target: { sr-Latn: "odgovor se upisuje", en: "the answer is typed" }
    feedback:
      correct: { sr-Latn: "Tačno.", en: "Correct." }
      incorrect: { sr-Latn: "Pogledajte docs/course-format.md.", en: "See docs/course-format.md." }
  - id: q3
    type: fill-in
    prompt:
      sr-Latn: "Dopunite: svaka slika mora imati ___ tekst."
      en: "Complete: every image needs ___ text."
    answers:
      - { sr-Latn: "alt", en: "alt" }
      - { sr-Latn: "alternativni", en: "alternative" }
`,
    "media/snimak.sr-Latn.vtt": `WEBVTT

00:00:00.000 --> 00:00:04.000
Ovde ide prvi titl snimka.
`,
    "media/README.md": `# Snimak obuke (recorded training)

1. Sačuvajte snimak kao \`media/snimak.webm\` (WebM, VP9/Opus) ili \`.mp4\` (H.264/AAC).
2. Napišite titlove u \`media/snimak.sr-Latn.vtt\` (WebVTT: vreme \`00:00:01.000 --> 00:00:04.000\`,
   pa tekst). Titlovi su obavezni; ćirilični titlovi nastaju sami.
3. Otkomentarišite stavku \`video\` u \`course.yaml\` i pokrenite \`npx obuka validate\`.

English: save the video as media/snimak.webm, write its WebVTT captions in
media/snimak.sr-Latn.vtt (required; the Cyrillic track is generated), then uncomment the
video item in course.yaml and run \`npx obuka validate\`.
`,
  };
}
