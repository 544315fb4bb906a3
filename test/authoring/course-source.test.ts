// Course sources built from object literals in temp dirs: every problem at file:line:col, all at once.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { stringify } from "yaml";
import { CourseInvalidError, validateCourse } from "../../authoring/index.js";
import { lineOf, validCourse, validQuiz, writeFixtureCourse } from "./support/fixtures.js";

async function problemsOf(cwd: string): Promise<CourseInvalidError["problems"]> {
  try {
    await validateCourse({ cwd, courseDir: "courses/fixture" });
  } catch (error) {
    expect(error).to.be.instanceOf(CourseInvalidError);
    return (error as CourseInvalidError).problems;
  }
  throw new Error("expected the course to be invalid");
}

describe("authoring: course sources", () => {
  it("accepts a valid fixture course", async () => {
    const cwd = await writeFixtureCourse({ "course.yaml": validCourse, "pages/a.md": "## A\n\nTekst.", "quizzes/q.yaml": validQuiz });
    const { course } = await validateCourse({ cwd, courseDir: "courses/fixture" });
    expect(course.modules[0]!.masteryScore).to.equal(0.5);
    expect(course.defaultLanguage).to.equal("sr-Latn");
  });

  it("reads authors and accreditation (licensing body, programme, points, validity), and names negative points at file:line:col", async () => {
    const accreditation = { licensingBody: "Republički zavod za socijalnu zaštitu", programme: "P-123", points: 8, validityYears: 3 };
    const good = await writeFixtureCourse({ "course.yaml": { ...validCourse, authors: ["Ana Anić"], accreditation }, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const { course } = await validateCourse({ cwd: good, courseDir: "courses/fixture" });
    expect(course.authors).to.deep.equal(["Ana Anić"]);
    expect(course.accreditation, "a module quiz with a masteryScore is a knowledge check").to.deep.equal({ ...accreditation, knowledgeCheck: true, example: false });
    const bad = await writeFixtureCourse({ "course.yaml": { ...validCourse, accreditation: { ...accreditation, points: -1 } }, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const text = await readFile(path.join(bad, "courses/fixture/course.yaml"), "utf8");
    expect((await problemsOf(bad)).map((p) => p.message)).to.deep.equal([`courses/fixture/course.yaml:${lineOf(text, "points:")}:11 accreditation.points: must be a number of credit points, 0 or more`]);
  });

  it("keeps a declared knowledgeCheck, and names a knowledgeCheck: true that no quiz backs at file:line:col", async () => {
    const accreditation = { licensingBody: "RZSZ", programme: "P-7", points: 5, validityYears: 7 };
    const declaredFalse = await writeFixtureCourse({ "course.yaml": { ...validCourse, accreditation: { ...accreditation, knowledgeCheck: false } }, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    expect((await validateCourse({ cwd: declaredFalse, courseDir: "courses/fixture" })).course.accreditation?.knowledgeCheck).to.equal(false);

    const pagesOnly = { ...validCourse, accreditation: { ...accreditation, knowledgeCheck: true }, modules: [{ ...validCourse.modules[0]!, masteryScore: undefined, moveOn: "Completed", content: [{ page: "pages/a.md" }] }] };
    const unbacked = await writeFixtureCourse({ "course.yaml": pagesOnly, "pages/a.md": "## A" });
    const text = await readFile(path.join(unbacked, "courses/fixture/course.yaml"), "utf8");
    expect((await problemsOf(unbacked)).map((p) => p.message)).to.deep.equal([
      `courses/fixture/course.yaml:${lineOf(text, "knowledgeCheck:")}:19 accreditation.knowledgeCheck: is true, but no module has a quiz with a masteryScore`,
    ]);
    const { knowledgeCheck: _declared, ...withoutFlag } = pagesOnly.accreditation;
    const derived = await writeFixtureCourse({ "course.yaml": { ...pagesOnly, accreditation: withoutFlag }, "pages/a.md": "## A" });
    expect((await validateCourse({ cwd: derived, courseDir: "courses/fixture" })).course.accreditation?.knowledgeCheck).to.equal(false);
  });

  it("names file:line:col and the field for a masteryScore that is not between 0 and 1", async () => {
    const course = { ...validCourse, modules: [{ ...validCourse.modules[0]!, masteryScore: 1.5 }] };
    const cwd = await writeFixtureCourse({ "course.yaml": course, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const text = await readFile(path.join(cwd, "courses/fixture/course.yaml"), "utf8");
    const problems = await problemsOf(cwd);
    expect(problems.map((p) => p.message)).to.deep.equal([`courses/fixture/course.yaml:${lineOf(text, "masteryScore")}:19 modules[0].masteryScore: must be a number between 0 and 1`]);
    expect(problems[0]).to.include({ file: "courses/fixture/course.yaml", line: lineOf(text, "masteryScore"), field: "modules[0].masteryScore" });
  });

  it("reports several problems at once, across course.yaml and the quiz, each at its own line", async () => {
    const course = {
      id: "not an iri",
      title: { en: "No Serbian title" },
      description: { "sr-Latn": "Opis" },
      modules: [
        {
          id: "https://example.org/m/1",
          title: { "sr-Latn": "M" },
          description: { "sr-Latn": "D" },
          moveOn: "Sometimes",
          content: [
            { page: "pages/missing.md" },
            { video: { src: "media/v.webm", title: { "sr-Latn": "Video" } } },
            { quiz: "quizzes/q.yaml" },
          ],
        },
      ],
    };
    const quiz = {
      questions: [
        { id: "q1", type: "single", prompt: { "sr-Latn": "?" }, choices: [{ id: "a", text: { "sr-Latn": "A" }, correct: true }, { id: "b", text: { "sr-Latn": "B" }, correct: true }] },
        { id: "q1", type: "essay", prompt: { "sr-Latn": "?" }, choices: [] },
      ],
    };
    const cwd = await writeFixtureCourse({ "course.yaml": course, "quizzes/q.yaml": quiz, "media/v.webm": Buffer.from([0x1a, 0x45, 0xdf, 0xa3]) });
    const text = await readFile(path.join(cwd, "courses/fixture/course.yaml"), "utf8");
    const quizText = stringify(quiz);
    const problems = await problemsOf(cwd);
    const lines = problems.map((p) => `${p.file}:${p.line} ${p.field}`);
    expect(lines).to.include.members([
      `courses/fixture/course.yaml:${lineOf(text, "id: not an iri")} id`,
      // A problem with a whole mapping points at its first line.
      `courses/fixture/course.yaml:${lineOf(text, "en: No Serbian title")} title`,
      `courses/fixture/course.yaml:${lineOf(text, "moveOn:")} modules[0].moveOn`,
      `courses/fixture/course.yaml:${lineOf(text, "src: media/v.webm")} modules[0].content[1].video.captions`,
    ]);
    expect(problems.find((p) => p.field === "modules[0].content[1].video.captions")!.detail).to.match(/is required.*WebVTT/);
    expect(problems.find((p) => p.field === "title")!.detail).to.equal("must have a text in the default language sr-Latn");
    expect(problems.length).to.be.greaterThanOrEqual(4);
  });

  it("reports missing files, missing caption tracks and quiz problems once the YAML itself is valid", async () => {
    const course = {
      ...validCourse,
      modules: [
        {
          ...validCourse.modules[0]!,
          content: [
            { page: "pages/missing.md" },
            { video: { src: "media/v.webm", title: { "sr-Latn": "Video" }, captions: { "sr-Latn": "media/v.sr-Latn.vtt" } } },
            { quiz: "quizzes/q.yaml" },
          ],
        },
      ],
    };
    const quiz = {
      questions: [
        { id: "q1", type: "single", prompt: { "sr-Latn": "?" }, choices: [{ id: "a", text: { "sr-Latn": "A" }, correct: true }, { id: "b", text: { "sr-Latn": "B" }, correct: true }] },
        { id: "q1", type: "true-false", prompt: { "sr-Latn": "?" }, choices: [{ id: "t", text: { "sr-Latn": "Tačno" }, correct: true }, { id: "f", text: { "sr-Latn": "Netačno" } }] },
        { id: "q3", type: "essay", prompt: { "sr-Latn": "?" }, choices: [{ id: "a", text: { "sr-Latn": "A" } }] },
      ],
    };
    const cwd = await writeFixtureCourse({ "course.yaml": course, "quizzes/q.yaml": quiz });
    const text = await readFile(path.join(cwd, "courses/fixture/course.yaml"), "utf8");
    const quizText = stringify(quiz);
    const messages = (await problemsOf(cwd)).map((p) => p.message);
    expect(messages).to.include(`courses/fixture/course.yaml:${lineOf(text, "pages/missing.md")}:${text.split("\n")[lineOf(text, "pages/missing.md") - 1]!.indexOf("pages/") + 1} modules[0].content[0].page: page not found: courses/fixture/pages/missing.md`);
    expect(messages.some((m) => m.startsWith(`courses/fixture/course.yaml:${lineOf(text, "src: media/v.webm")}:`) && m.includes("video not found"))).to.equal(true);
    expect(messages.some((m) => m.startsWith(`courses/fixture/course.yaml:${lineOf(text, "media/v.sr-Latn.vtt")}:`) && m.includes("caption track (sr-Latn) not found"))).to.equal(true);
    expect(messages.some((m) => m.startsWith(`courses/fixture/quizzes/q.yaml:${lineOf(quizText, "choices:") + 1}:`) && m.includes("exactly one correct choice (found 2)"))).to.equal(true);
    expect(messages.some((m) => m.startsWith("courses/fixture/quizzes/q.yaml:") && m.includes('repeats the question id "q1"'))).to.equal(true);
    expect(messages.some((m) => m.startsWith(`courses/fixture/quizzes/q.yaml:${lineOf(quizText, "type: essay")}:`) && m.includes("must be one of single, multiple, true-false"))).to.equal(true);
  });

  it("points at the YAML syntax error itself", async () => {
    const cwd = await writeFixtureCourse({ "course.yaml": "id: https://example.org/c\ntitle: { sr-Latn: \"unterminated\n" });
    const [problem] = await problemsOf(cwd);
    expect(problem!.file).to.equal("courses/fixture/course.yaml");
    expect(problem!.field).to.equal("yaml");
    expect(problem!.line).to.be.greaterThanOrEqual(2);
  });

  it("refuses file references that leave the course folder", async () => {
    const course = { ...validCourse, modules: [{ ...validCourse.modules[0]!, content: [{ page: "../../etc/passwd.md" }, { quiz: "quizzes/q.yaml" }] }] };
    const cwd = await writeFixtureCourse({ "course.yaml": course, "quizzes/q.yaml": validQuiz });
    const messages = (await problemsOf(cwd)).map((p) => p.message);
    expect(messages.some((m) => m.includes("modules[0].content[0].page: must be a relative path inside the course folder"))).to.equal(true);
  });
});

describe("authoring: obuka validate reports every problem at once", () => {
  it("checks referenced files, caption tracks and image alt texts even when course.yaml has other problems, sorted by file and line", async () => {
    const course = {
      ...validCourse,
      id: "not an iri",
      modules: [
        {
          ...validCourse.modules[0]!,
          moveOn: "Whenever",
          content: [
            { page: "pages/a.md" },
            { page: "pages/missing.md" },
            { video: { src: "media/v.webm", title: { "sr-Latn": "Video" }, captions: { "sr-Latn": "media/v.sr-Latn.vtt" } } },
            { quiz: "quizzes/q.yaml" },
          ],
        },
      ],
    };
    const page = "## A\n\n![](../media/foto.png)\n\n`![](code.png)` and ![Opis](../media/nema.png)\n\n```\n![](in-fence.png)\n```\n";
    const cwd = await writeFixtureCourse({ "course.yaml": course, "pages/a.md": page, "media/foto.png": Buffer.from([0x89]), "quizzes/q.yaml": { questions: [{ id: "q1", type: "essay" }] } });
    const text = await readFile(path.join(cwd, "courses/fixture/course.yaml"), "utf8");
    const problems = await problemsOf(cwd);
    const lines = problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.field}`);
    expect(lines).to.deep.equal([...lines].sort((a, b) => {
      const [fa, la, ca] = a.split(":");
      const [fb, lb, cb] = b.split(":");
      return fa! < fb! ? -1 : fa! > fb! ? 1 : Number(la) - Number(lb) || parseInt(ca!, 10) - parseInt(cb!, 10);
    }));
    const messages = problems.map((p) => p.message);
    expect(messages).to.include(`courses/fixture/course.yaml:${lineOf(text, "id: not an iri")}:5 id: must be an absolute IRI such as https://obuka.rs/courses/...`);
    expect(messages.some((m) => m.includes("modules[0].moveOn: must be one of"))).to.equal(true);
    expect(messages.some((m) => m.includes("modules[0].content[1].page: page not found: courses/fixture/pages/missing.md"))).to.equal(true);
    expect(messages.some((m) => m.includes("video not found: courses/fixture/media/v.webm"))).to.equal(true);
    expect(messages.some((m) => m.includes("caption track (sr-Latn) not found: courses/fixture/media/v.sr-Latn.vtt"))).to.equal(true);
    expect(messages).to.include("courses/fixture/pages/a.md:3:1 image: ![](../media/foto.png) needs alt text: describe the image in the brackets, e.g. ![Trener i roditelji u krugu](../media/foto.png)");
    expect(messages).to.include("courses/fixture/pages/a.md:5:21 image: image not found: courses/fixture/media/nema.png");
    expect(messages.filter((m) => m.startsWith("courses/fixture/pages/a.md"))).to.have.length(2);
    expect(messages.some((m) => m.startsWith("courses/fixture/quizzes/q.yaml:") && m.includes("type: must be one of"))).to.equal(true);
  });

  it("accepts keepLatin as a list of words and rejects other shapes", async () => {
    const cwd = await writeFixtureCourse({ "course.yaml": { ...validCourse, keepLatin: "PRIDE" }, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const problems = await problemsOf(cwd);
    expect(problems.map((p) => `${p.field}: ${p.detail}`)).to.deep.equal(["keepLatin: must be a list"]);
  });
});
