import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import yauzl from "yauzl";

/** Writes a course folder from object literals: YAML files from objects, other files from strings. */
export async function writeFixtureCourse(files: Record<string, unknown>): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "obuka-fixture-"));
  const dir = path.join(root, "courses", "fixture");
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof content === "string" || Buffer.isBuffer(content) ? content : stringify(content));
  }
  return root;
}

/** 1-based line of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in text`);
  return index + 1;
}

export const validCourse = {
  id: "https://example.org/courses/fixture",
  title: { "sr-Latn": "Probni kurs", en: "Fixture course" },
  description: { "sr-Latn": "Opis", en: "Description" },
  modules: [
    {
      id: "https://example.org/courses/fixture/modules/1",
      title: { "sr-Latn": "Modul 1" },
      description: { "sr-Latn": "Opis modula" },
      masteryScore: 0.5,
      moveOn: "CompletedAndPassed",
      content: [{ page: "pages/a.md" }, { quiz: "quizzes/q.yaml" }],
    },
  ],
};

export const validQuiz = {
  questions: [
    {
      id: "q1",
      type: "single",
      prompt: { "sr-Latn": "Pitanje?" },
      choices: [
        { id: "a", text: { "sr-Latn": "Da" }, correct: true },
        { id: "b", text: { "sr-Latn": "Ne" }, correct: false },
      ],
    },
  ],
};

export interface ZipEntryInfo {
  name: string;
  compressionMethod: number;
  size: number;
}

/** The entries of a zip as its central directory lists them. */
export function listZip(file: string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("no zip"));
      const entries: ZipEntryInfo[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.push({ name: entry.fileName, compressionMethod: entry.compressionMethod, size: entry.uncompressedSize });
        zip.readEntry();
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}
