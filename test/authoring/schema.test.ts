// The JSON Schemas shipped for editors (authoring/schema/) accept the example course and the
// `obuka new` scaffold, reject what validate rejects, and the sources point editors at them.
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { parse } from "yaml";
import { runCli } from "../../authoring/index.js";
import { projectRoot } from "../support/tools.js";
import { allTypesQuiz } from "./support/question-types-course.js";
import { validateAgainstSchema } from "./support/json-schema-subset.js";

const courseSchema = JSON.parse(await readFile(path.join(projectRoot, "authoring/schema/course.schema.json"), "utf8")) as Record<string, unknown>;
const quizSchema = JSON.parse(await readFile(path.join(projectRoot, "authoring/schema/quiz.schema.json"), "utf8")) as Record<string, unknown>;
const schemaLine = /^# yaml-language-server: \$schema=(\S+)$/m;

async function yamlFile(file: string): Promise<{ value: unknown; schemaRef: string | undefined }> {
  const text = await readFile(file, "utf8");
  return { value: parse(text), schemaRef: schemaLine.exec(text)?.[1] };
}

async function quizFiles(courseDir: string): Promise<string[]> {
  const names = await readdir(path.join(courseDir, "quizzes")).catch(() => [] as string[]);
  return names.filter((n) => /\.ya?ml$/.test(n)).map((n) => path.join(courseDir, "quizzes", n));
}

describe("authoring: JSON Schemas for course.yaml and quiz YAML", () => {
  it("the example course and its quizzes satisfy the schemas and name them on their schema line", async () => {
    const courseDir = path.join(projectRoot, "courses/pride-foster-care");
    const course = await yamlFile(path.join(courseDir, "course.yaml"));
    expect(validateAgainstSchema(courseSchema, course.value)).to.deep.equal([]);
    expect(path.resolve(courseDir, course.schemaRef ?? "")).to.equal(path.join(projectRoot, "authoring/schema/course.schema.json"));
    const quizzes = await quizFiles(courseDir);
    expect(quizzes.length).to.be.greaterThan(0);
    for (const quiz of quizzes) expect(validateAgainstSchema(quizSchema, (await yamlFile(quiz)).value), quiz).to.deep.equal([]);
  });

  it("the `obuka new` scaffold satisfies the schemas", async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), "obuka-schema-"));
    expect(await runCli(["new", "kurs"], { cwd, stdout: () => {}, stderr: () => {} })).to.equal(0);
    const course = await yamlFile(path.join(cwd, "kurs/course.yaml"));
    expect(validateAgainstSchema(courseSchema, course.value)).to.deep.equal([]);
    const [quiz] = await quizFiles(path.join(cwd, "kurs"));
    const parsedQuiz = await yamlFile(quiz!);
    expect(validateAgainstSchema(quizSchema, parsedQuiz.value)).to.deep.equal([]);
    expect(path.resolve(path.dirname(quiz!), parsedQuiz.schemaRef!)).to.equal(path.join(projectRoot, "authoring/schema/quiz.schema.json"));
  });

  const rejected: [string, unknown, string][] = [
    ["an unknown key", { id: "https://x.org/c", title: { "sr-Latn": "T" }, description: { "sr-Latn": "D" }, modules: [], titel: "typo" }, "unknown property titel"],
    ["a relative id", { id: "kurs", title: { "sr-Latn": "T" }, description: { "sr-Latn": "D" }, modules: [] }, "$.id: does not match"],
    ["a masteryScore above 1", { id: "https://x.org/c", title: { "sr-Latn": "T" }, description: { "sr-Latn": "D" }, modules: [{ id: "https://x.org/c/m", title: { "sr-Latn": "M" }, description: { "sr-Latn": "D" }, masteryScore: 1.5, content: [{ page: "a.md" }] }] }, "masteryScore: above 1"],
    ["a video without captions", { id: "https://x.org/c", title: { "sr-Latn": "T" }, description: { "sr-Latn": "D" }, modules: [{ id: "https://x.org/c/m", title: { "sr-Latn": "M" }, description: { "sr-Latn": "D" }, content: [{ video: { src: "v.webm", title: { "sr-Latn": "V" } } }] }] }, "must match exactly one alternative"],
    ["a video completionThreshold above 1", { id: "https://x.org/c", title: { "sr-Latn": "T" }, description: { "sr-Latn": "D" }, modules: [{ id: "https://x.org/c/m", title: { "sr-Latn": "M" }, description: { "sr-Latn": "D" }, content: [{ video: { src: "v.webm", title: { "sr-Latn": "V" }, captions: { "sr-Latn": "v.vtt" }, completionThreshold: 1.2 } }] }] }, "must match exactly one alternative"],
    ["a path leaving the folder", { id: "https://x.org/c", title: { "sr-Latn": "T" }, description: { "sr-Latn": "D" }, modules: [{ id: "https://x.org/c/m", title: { "sr-Latn": "M" }, description: { "sr-Latn": "D" }, content: [{ page: "../a.md" }] }] }, "must match exactly one alternative"],
    ["a language key that is no tag", { id: "https://x.org/c", title: { "srpski latinica": "T" }, description: { "sr-Latn": "D" }, modules: [] }, "$.title{srpski latinica}: does not match"],
  ];
  it("accepts a video completionThreshold between 0 and 1 (the rejection above is then the range, not the key)", () => {
    const withThreshold = { id: "https://x.org/c", title: { "sr-Latn": "T" }, description: { "sr-Latn": "D" }, modules: [{ id: "https://x.org/c/m", title: { "sr-Latn": "M" }, description: { "sr-Latn": "D" }, content: [{ video: { src: "v.webm", title: { "sr-Latn": "V" }, captions: { "sr-Latn": "v.vtt" }, completionThreshold: 0.8 } }] }] };
    expect(validateAgainstSchema(courseSchema, withThreshold)).to.deep.equal([]);
  });

  for (const [why, value, error] of rejected) {
    it(`rejects ${why}`, () => {
      expect(validateAgainstSchema(courseSchema, value).join("\n")).to.contain(error);
    });
  }

  it("rejects a quiz question type the CLI does not know", () => {
    const quiz = { questions: [{ id: "q1", type: "essay", prompt: { "sr-Latn": "?" }, choices: [{ id: "a", text: { "sr-Latn": "A" } }, { id: "b", text: { "sr-Latn": "B" } }] }] };
    expect(validateAgainstSchema(quizSchema, quiz).join("\n")).to.contain("$.questions[0]: must match exactly one alternative");
  });

  it("accepts every question type with weights and feedback, and rejects choices on a matching question", () => {
    expect(validateAgainstSchema(quizSchema, allTypesQuiz)).to.deep.equal([]);
    const matchingWithChoices = { questions: [{ ...allTypesQuiz.questions[3], choices: [] }] };
    expect(validateAgainstSchema(quizSchema, matchingWithChoices).join("\n")).to.contain("$.questions[0]: must match exactly one alternative");
  });
});
