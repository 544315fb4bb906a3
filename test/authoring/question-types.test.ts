// Every question type (single, multiple, true-false, matching, fill-in) with per-question
// weights and feedback: parsed with file:line:col errors, rendered into the page, scored by
// the runtime, reported as SCORM and xAPI interactions, and answered in Chromium inside a
// SCORM 2004 LMS stand-in.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import express from "express";
import { type Browser, type Frame } from "playwright-core";
import { buildCourse, CourseInvalidError, validateCourse } from "../../authoring/index.js";
import type { AuConfig } from "../../authoring/runtime/au-config.js";
import { describeInteraction } from "../../authoring/runtime/interaction.js";
import { scoreQuiz } from "../../authoring/runtime/quiz-scoring.js";
import { answeredStatement } from "../../authoring/runtime/statements.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { launchChromium, requireChromium } from "../support/browser.js";
import { axeViolations } from "./support/axe.js";
import { lineOf } from "./support/fixtures.js";
import { moduleId, writeAllTypesCourse } from "./support/question-types-course.js";
import { harnessHtml } from "./support/scorm-harness.js";

async function builtConfig(lang: string): Promise<AuConfig> {
  const cwd = await writeAllTypesCourse();
  const [zip] = await buildCourse({ cwd, courseDir: "courses/fixture", format: "cmi5", outDir: "dist", lang });
  const dir = path.join(cwd, "unpacked");
  await extractZip(zip!, dir);
  const page = await readFile(path.join(dir, "au/01/index.html"), "utf8");
  return JSON.parse(/<script type="application\/json" id="obuka-au">(.*?)<\/script>/s.exec(page)![1]!) as AuConfig;
}

async function problemsOf(quiz: unknown): Promise<{ messages: string[]; text: string }> {
  const cwd = await writeAllTypesCourse(quiz);
  const text = await readFile(path.join(cwd, "courses/fixture/quizzes/provera.yaml"), "utf8");
  try {
    await validateCourse({ cwd, courseDir: "courses/fixture" });
  } catch (error) {
    expect(error).to.be.instanceOf(CourseInvalidError);
    return { messages: (error as CourseInvalidError).problems.map((p) => p.message), text };
  }
  throw new Error("expected the quiz to be invalid");
}

const rightAnswers = new Map<string, string[]>([
  ["single1", ["a"]],
  ["multi1", ["a", "b"]],
  ["tf1", ["t"]],
  ["match1", ["csr.t-csr", "dz.t-dz", "sk.t-sk"]],
  ["fill1", ["  Socijalni. "]],
]);

describe("authoring: every question type, with weights and feedback", () => {
  it("parses single, multiple, true-false, matching and fill-in questions with their weights and feedback", async () => {
    const { course } = await validateCourse({ cwd: await writeAllTypesCourse(), courseDir: "courses/fixture" });
    const quiz = course.modules[0]!.content[0]!;
    if (quiz.kind !== "quiz") throw new Error("expected the quiz");
    expect(quiz.quiz.questions.map((q) => [q.id, q.type, q.weight])).to.deep.equal([
      ["single1", "single", 1],
      ["multi1", "multiple", 2],
      ["tf1", "true-false", 1],
      ["match1", "matching", 3],
      ["fill1", "fill-in", 2],
    ]);
    const match = quiz.quiz.questions[3]!;
    expect(match.type === "matching" && match.pairs.map((p) => p.id)).to.deep.equal(["csr", "dz", "sk"]);
    expect(match.feedback?.incorrect?.["sr-Latn"]).to.equal("Pogledajte ponovo ko šta radi.");
    expect(match.feedback?.incorrect?.["sr-Cyrl"], "feedback is transliterated too").to.equal("Погледајте поново ко шта ради.");
  });

  it("reports a matching question with one pair, a fill-in without answers, a stray key and malformed feedback at file:line:col", async () => {
    const quiz = {
      questions: [
        { id: "m", type: "matching", prompt: { "sr-Latn": "?" }, pairs: [{ id: "a", source: { "sr-Latn": "A" }, target: { "sr-Latn": "B" } }] },
        { id: "f", type: "fill-in", prompt: { "sr-Latn": "?" }, answers: [] },
        { id: "g", type: "fill-in", prompt: { "sr-Latn": "?" }, answers: [{ "sr-Latn": "da" }], choices: [] },
        { id: "h", type: "single", prompt: { "sr-Latn": "?" }, choices: [{ id: "a", text: { "sr-Latn": "A" }, correct: true }, { id: "b", text: { "sr-Latn": "B" } }], feedback: "bravo" },
      ],
    };
    const { messages, text } = await problemsOf(quiz);
    const file = "courses/fixture/quizzes/provera.yaml";
    const col = (needle: string) => text.split("\n")[lineOf(text, needle) - 1]!.indexOf(needle.split(":")[0]!) + 1;
    expect(messages).to.deep.equal([
      // A block list is located where it starts: its first "- ".
      `${file}:${lineOf(text, "pairs:") + 1}:${col("pairs:") + 2} questions[0].pairs: a matching question lists at least 2 pairs`,
      `${file}:${lineOf(text, "answers: []")}:${col("answers: []") + "answers: ".length} questions[1].answers: must list at least one accepted answer`,
      `${file}:${lineOf(text, "choices: []")}:${col("choices: []")} questions[2].choices: unknown field (expected one of: id, type, prompt, answers, weight, feedback)`,
      `${file}:${lineOf(text, "feedback: bravo")}:${col("feedback: bravo") + "feedback: ".length} questions[3].feedback: must be a mapping with correct and/or incorrect, each a map of language to text`,
    ]);
  });

  it("renders matching as labelled lists with the targets sorted by text, fill-in as a labelled text field, and compiles the key", async () => {
    const config = await builtConfig("sr-Latn");
    const match = config.quiz!.questions.find((q) => q.id === "match1")!;
    expect(match.matching!.sources.map((s) => s.text)).to.deep.equal(["Centar za socijalni rad", "Dom zdravlja", "Škola"]);
    expect(match.matching!.targets.map((t) => t.text)).to.deep.equal(["leči dete", "obrazuje dete", "vodi slučaj"]);
    expect(match.matching!.key).to.deep.equal({ csr: "t-csr", dz: "t-dz", sk: "t-sk" });
    expect(config.quiz!.questions.find((q) => q.id === "fill1")!.answers).to.deep.equal(["socijalni", "socijalnu"]);
    expect(config.quiz!.questions.map((q) => q.weight)).to.deep.equal([1, 2, 1, 3, 2]);
  });

  it("accepts the Cyrillic and the Latin spelling of a fill-in answer in the sr-Cyrl package", async () => {
    const config = await builtConfig("sr-Cyrl");
    const fill = config.quiz!.questions.find((q) => q.id === "fill1")!;
    expect(fill.answers).to.deep.equal(["социјални", "socijalni", "социјалну", "socijalnu"]);
    expect(scoreQuiz(config.quiz!, new Map([["fill1", ["СОЦИЈАЛНИ"]]])).questions.find((q) => q.questionId === "fill1")!.correct).to.equal(true);
    expect(scoreQuiz(config.quiz!, new Map([["fill1", ["socijalni"]]])).questions.find((q) => q.questionId === "fill1")!.correct).to.equal(true);
  });

  it("scores by weight: a question counts only when fully right (every pair matched, an accepted typed answer)", async () => {
    const quiz = (await builtConfig("sr-Latn")).quiz!;
    const right = scoreQuiz(quiz, rightAnswers);
    expect(right).to.include({ raw: 9, max: 9, scaled: 1 });
    const oneSwap = new Map(rightAnswers).set("match1", ["csr.t-dz", "dz.t-csr", "sk.t-sk"]).set("fill1", ["socijalno"]);
    const partly = scoreQuiz(quiz, oneSwap);
    expect(partly.questions.map((q) => q.correct)).to.deep.equal([true, true, true, false, false]);
    expect(partly).to.include({ raw: 4, max: 9, scaled: 0.4444 });
  });

  it("reports matching and fill-in as SCORM 1.2, SCORM 2004 and xAPI interactions in each standard's pattern form", async () => {
    const quiz = (await builtConfig("sr-Latn")).quiz!;
    const match = quiz.questions.find((q) => q.id === "match1")!;
    const fill = quiz.questions.find((q) => q.id === "fill1")!;
    const multi = quiz.questions.find((q) => q.id === "multi1")!;
    const selected = rightAnswers.get("match1")!;
    expect(describeInteraction(match, selected, "scorm12")).to.deep.equal({ type: "matching", response: "csr.t-csr,dz.t-dz,sk.t-sk", correctPatterns: ["csr.t-csr,dz.t-dz,sk.t-sk"] });
    expect(describeInteraction(match, selected, "scorm2004")).to.deep.equal({ type: "matching", response: "csr[.]t-csr[,]dz[.]t-dz[,]sk[.]t-sk", correctPatterns: ["csr[.]t-csr[,]dz[.]t-dz[,]sk[.]t-sk"] });
    expect(describeInteraction(fill, ["Socijalni"], "scorm12")).to.deep.equal({ type: "fill-in", response: "Socijalni", correctPatterns: ["socijalni"] });
    expect(describeInteraction(fill, ["Socijalni"], "scorm2004")).to.deep.equal({ type: "fill-in", response: "Socijalni", correctPatterns: ["{case_matters=false}socijalni", "{case_matters=false}socijalnu"] });
    expect(describeInteraction(multi, ["a", "b"], "scorm12")).to.deep.equal({ type: "choice", response: "a,b", correctPatterns: ["a,b"] });

    const base = { actor: { mbox: "mailto:ana@example.org" }, registration: undefined, activityId: moduleId, contextTemplate: {}, lang: "sr-Latn" };
    const statement = answeredStatement(base, { id: "00000000-0000-4000-8000-000000000001", timestamp: "2026-01-01T00:00:00.000Z" }, match, selected, true) as unknown as { object: { definition: Record<string, unknown> }; result: unknown };
    expect(statement.object.definition).to.deep.include({
      interactionType: "matching",
      correctResponsesPattern: ["csr[.]t-csr[,]dz[.]t-dz[,]sk[.]t-sk"],
      source: [
        { id: "csr", description: { "sr-Latn": "Centar za socijalni rad" } },
        { id: "dz", description: { "sr-Latn": "Dom zdravlja" } },
        { id: "sk", description: { "sr-Latn": "Škola" } },
      ],
    });
    expect(statement.object.definition).to.not.have.property("choices");
    expect(statement.result).to.deep.equal({ response: "csr[.]t-csr[,]dz[.]t-dz[,]sk[.]t-sk", success: true });
    const typed = answeredStatement(base, { id: "00000000-0000-4000-8000-000000000002", timestamp: "2026-01-01T00:00:00.000Z" }, fill, ["socijalni"], true) as unknown as { object: { definition: Record<string, unknown> } };
    expect(typed.object.definition).to.include({ interactionType: "fill-in" });
    expect(typed.object.definition.correctResponsesPattern).to.deep.equal(["{case_matters=false}socijalni", "{case_matters=false}socijalnu"]);
  });
});

describe("authoring: every question type answered in Chromium (SCORM 2004 stand-in)", function () {
  let browser: Browser;
  let server: Server;
  let baseUrl: string;
  let dir: string;

  before(async function () {
    requireChromium(this);
    const cwd = await writeAllTypesCourse();
    dir = await mkdtemp(path.join(os.tmpdir(), "obuka-question-types-"));
    const [zip] = await buildCourse({ cwd, courseDir: "courses/fixture", format: "scorm2004", outDir: path.join(dir, "dist") });
    await extractZip(zip!, path.join(dir, "scorm2004"));
    const app = express();
    app.use("/scorm2004", express.static(path.join(dir, "scorm2004")));
    app.get("/harness.html", (_req, res) => res.type("html").send(harnessHtml));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("is answered with the keyboard only (matching lists by typing, fill-in by typing, Enter submits) and has zero axe violations before and after", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/scorm2004/au/01/index.html`);
    await page.locator('[data-testid="status"][data-state="standalone"]').waitFor();
    expect(await axeViolations(page), "the quiz").to.deep.equal([]);
    const focus = async (label: string) => {
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim());
        if (focused === label) return;
      }
      throw new Error(`Tab never reached ${label}`);
    };
    await focus("Voditelj slučaja");
    await page.keyboard.press("Space");
    await focus("Potrebe deteta");
    await page.keyboard.press("Space");
    await focus("Snage porodice");
    await page.keyboard.press("Space");
    await focus("Tačno");
    await page.keyboard.press("Space");
    // A closed <select> takes type-ahead: the first letters pick the option.
    for (const [label, typed] of [["Centar za socijalni rad", "vodi"], ["Dom zdravlja", "leči"], ["Škola", "obra"]] as const) {
      await focus(label);
      await page.keyboard.type(typed);
    }
    await focus("Vaš odgovor");
    await page.keyboard.type("socijalni");
    await page.keyboard.press("Enter");
    const result = page.locator('[data-testid="quiz-result"]');
    await result.locator("p").first().waitFor();
    expect(await result.getAttribute("data-outcome")).to.equal("passed");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "focus moves to the result").to.equal("quiz-result");
    expect(await axeViolations(page), "the quiz with its result and feedback").to.deep.equal([]);
    await page.close();
  });

  it("fails with per-question feedback on a wrong match and typed answer, then passes, recording each interaction", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const cmi = { "cmi.completion_status": "unknown", "cmi.success_status": "unknown", "cmi.entry": "ab-initio", "cmi.interactions._count": "0" };
    await page.goto(`${baseUrl}/harness.html?${new URLSearchParams({ version: "2004", sco: "/scorm2004/au/01/index.html", cmi: JSON.stringify(cmi) }).toString()}`);
    await page.waitForFunction(() => (window as unknown as { calls: string[][] }).calls.length > 0);
    const frame: Frame = page.frames().find((f) => f.name() === "sco")!;
    await frame.locator('[data-testid="status"][data-state="ready"]').waitFor();
    const quiz = frame.locator('form[data-testid="quiz"]');
    const result = frame.locator('[data-testid="quiz-result"]');

    // Unanswered matching rows block the submit.
    await quiz.locator('input[name="single1"][value="a"]').check();
    await quiz.locator('button[type="submit"]').click();
    expect(await result.innerText()).to.equal("Odgovorite na sva pitanja pre predaje.");

    await quiz.locator('input[name="multi1"][value="a"]').check();
    await quiz.locator('input[name="multi1"][value="b"]').check();
    await quiz.locator('input[name="tf1"][value="t"]').check();
    await quiz.getByLabel("Centar za socijalni rad").selectOption({ label: "leči dete" });
    await quiz.getByLabel("Dom zdravlja").selectOption({ label: "vodi slučaj" });
    await quiz.getByLabel("Škola").selectOption({ label: "obrazuje dete" });
    await quiz.getByLabel("Vaš odgovor").fill("socijalno");
    await quiz.locator('button[type="submit"]').click();
    await frame.locator('[data-testid="quiz-result"][data-outcome="failed"]').waitFor();
    expect(await result.locator("p.result").innerText()).to.equal("Rezultat: 44% (4/9) — nije položeno");
    expect(await result.locator('li[data-question="match1"]').innerText()).to.contain("Netačno.").and.contain("Pogledajte ponovo ko šta radi.");
    expect(await result.locator('li[data-question="fill1"]').innerText()).to.contain("Traži se reč socijalni.");
    expect(await result.locator('li[data-question="tf1"]').innerText()).to.contain("Tim čine hranitelj, dete i stručnjaci.");
    expect(await result.locator('li[data-question="single1"]').innerText(), "choice feedback stays").to.contain("Da, voditelj slučaja.");

    await quiz.getByLabel("Centar za socijalni rad").selectOption({ label: "vodi slučaj" });
    await quiz.getByLabel("Dom zdravlja").selectOption({ label: "leči dete" });
    await quiz.getByLabel("Vaš odgovor").fill(" Socijalni ");
    await quiz.locator('button[type="submit"]').click();
    await frame.locator('[data-testid="quiz-result"][data-outcome="passed"]').waitFor();
    expect(await quiz.getByLabel("Škola").isDisabled(), "a passed quiz is locked").to.equal(true);

    const values = await page.evaluate(() => (window as unknown as { cmi: Record<string, string> }).cmi);
    expect(values).to.include({ "cmi.success_status": "passed", "cmi.score.scaled": "1", "cmi.score.raw": "9", "cmi.score.max": "9" });
    // Two submissions of five questions: interactions 5–9 are the second.
    expect(values).to.include({
      "cmi.interactions.3.type": "matching",
      "cmi.interactions.3.learner_response": "csr[.]t-dz[,]dz[.]t-csr[,]sk[.]t-sk",
      "cmi.interactions.3.result": "incorrect",
      "cmi.interactions.3.weighting": "3",
      "cmi.interactions.4.type": "fill-in",
      "cmi.interactions.4.learner_response": "socijalno",
      "cmi.interactions.4.correct_responses.0.pattern": "{case_matters=false}socijalni",
      "cmi.interactions.4.correct_responses.1.pattern": "{case_matters=false}socijalnu",
      "cmi.interactions.9.learner_response": "Socijalni",
      "cmi.interactions.9.result": "correct",
    });
    expect(values["cmi.interactions.9.id"]).to.equal(`${moduleId}/questions/fill1`);
    expect(values).to.not.have.property("cmi.interactions.10.id");
    const suspend = JSON.parse(values["cmi.suspend_data"]!) as { a: Record<string, string[]> };
    expect(suspend.a).to.deep.equal({ single1: ["a"], multi1: ["a", "b"], tf1: ["t"], match1: ["csr.t-csr", "dz.t-dz", "sk.t-sk"], fill1: ["Socijalni"] });
    expect(errors).to.deep.equal([]);
    await page.close();
  });
});

