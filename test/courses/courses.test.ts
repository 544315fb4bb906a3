// Every course in courses/ is real content that `npm start` serves and the benchmarks
// build: each must validate and carry what issue 6 asks of a course (accreditation that
// agrees with the credit policy, a captioned recorded training whose captions and transcript
// say what the voice says, a quiz with a mastery score in every module, bilingual quiz
// feedback). The packages built from them are checked in packages.test.ts.
import { existsSync, readdirSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { parse as parseYaml } from "yaml";
import { validateCourse, type Course, type CourseModule } from "../../authoring/index.js";
import { parseCreditPolicy } from "../../player/domain/credit-policy.js";
import { validateAgainstSchema } from "../authoring/support/json-schema-subset.js";
import { projectRoot } from "../support/tools.js";

const coursesDir = path.join(projectRoot, "courses");
const policyFile = path.join(coursesDir, "credit-policy.yaml");
const languages = ["sr-Latn", "en"] as const;
/** "A few hundred KB at most" per recorded training (issue 6). */
const maxVideoBytes = 300_000;

/** Course folders: directories of courses/ that hold a course.yaml. */
const courseFolders = readdirSync(coursesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(coursesDir, entry.name, "course.yaml")))
  .map((entry) => entry.name)
  .sort();

type Video = Extract<CourseModule["content"][number], { kind: "video" }>;
type QuizItem = Extract<CourseModule["content"][number], { kind: "quiz" }>;

const videosOf = (course: Course): Video[] => course.modules.flatMap((m) => m.content.filter((c): c is Video => c.kind === "video"));

/** The WebVTT cue timings ("00:00:00.300 --> 00:00:02.863") of a caption file, in order. */
function cueTimings(vtt: string): string[] {
  return vtt.split("\n").filter((line) => line.includes("-->")).map((line) => line.trim());
}

/** The text of each cue (the lines after its timing, up to the blank line), in order. */
function cueTexts(vtt: string): string[] {
  return vtt.split(/\n\s*\n/).filter((block) => block.includes("-->")).map((block) => block.split("\n").slice(block.split("\n").findIndex((l) => l.includes("-->")) + 1).join(" ").trim());
}

/** Seconds from "hh:mm:ss.ttt". */
function seconds(stamp: string): number {
  const [h, m, s] = stamp.split(":").map(Number);
  return h! * 3600 + m! * 60 + s!;
}

/** What the voice says, line by line (sr=) with its translation (en=), from a media/*.narration file. */
function narrationLines(text: string): { sr: string[]; en: string[] } {
  const lines = text.split("\n");
  const pick = (key: string) => lines.filter((l) => l.startsWith(`${key}=`)).map((l) => l.slice(key.length + 1).trim());
  return { sr: pick("sr"), en: pick("en") };
}

/** Duration in seconds of a WebM file, read from its Segment Info (Duration 0x4489 × TimecodeScale 0x2AD7B1). */
function webmSeconds(bytes: Buffer): number {
  const head = bytes.subarray(0, 8192);
  const at = head.indexOf(Buffer.from([0x44, 0x89]));
  if (at < 0) throw new Error("no Duration element in the WebM header");
  const size = head[at + 2]! & 0x0f;
  const ticks = size === 8 ? head.readDoubleBE(at + 3) : head.readFloatBE(at + 3);
  const scaleAt = head.indexOf(Buffer.from([0x2a, 0xd7, 0xb1]));
  const scaleSize = scaleAt < 0 ? 0 : head[scaleAt + 3]! & 0x0f;
  const scale = scaleAt < 0 ? 1_000_000 : head.readUIntBE(scaleAt + 4, scaleSize);
  return (ticks * scale) / 1e9;
}

describe("courses: the example courses of issue 6", function () {
  it("finds the four courses of issue 6 in courses/", () => {
    expect(courseFolders).to.include.members(["case-management", "helping-the-helpers", "parents-children-disabilities", "pride-foster-care"]);
  });

  for (const folder of courseFolders) {
    describe(`courses/${folder}`, function () {
      const courseDir = path.join("courses", folder);
      let course: Course;

      before(async () => {
        ({ course } = await validateCourse({ cwd: projectRoot, courseDir }));
      });

      it("validates, with titles and descriptions of the course and every module in sr-Latn and en", () => {
        for (const [what, text] of [["course title", course.title], ["course description", course.description], ...course.modules.flatMap((m, i) => [[`modules[${i}].title`, m.title], [`modules[${i}].description`, m.description]] as const)] as const) {
          for (const lang of languages) expect(text[lang], `${what} (${lang})`).to.be.a("string").and.not.equal("");
        }
      });

      it("satisfies the editor JSON Schemas (course.yaml and every quiz), as the schema line in each file says", async () => {
        const schemaLine = /^# yaml-language-server: \$schema=(\S+)$/m;
        const check = async (file: string, schema: string) => {
          const text = await readFile(file, "utf8");
          expect(path.resolve(path.dirname(file), schemaLine.exec(text)?.[1] ?? ""), `${file}: schema line`).to.equal(path.join(projectRoot, "authoring/schema", schema));
          const json = JSON.parse(await readFile(path.join(projectRoot, "authoring/schema", schema), "utf8")) as Record<string, unknown>;
          expect(validateAgainstSchema(json, parseYaml(text)), file).to.deep.equal([]);
        };
        await check(path.join(coursesDir, folder, "course.yaml"), "course.schema.json");
        for (const name of await readdir(path.join(coursesDir, folder, "quizzes"))) await check(path.join(coursesDir, folder, "quizzes", name), "quiz.schema.json");
      });

      it("has accreditation data: licensing body, programme, points and validity", () => {
        const accreditation = course.accreditation;
        expect(accreditation, "accreditation in course.yaml").to.not.equal(undefined);
        expect(accreditation!.licensingBody).to.not.equal("");
        expect(accreditation!.programme).to.not.equal("");
        expect(accreditation!.points).to.be.greaterThan(0);
        expect(accreditation!.validityYears).to.be.greaterThan(0);
      });

      it("is in the credit policy npm start reads, with the same licensing body, programme, points and validity as course.yaml", async () => {
        const policy = parseCreditPolicy(parseYaml(await readFile(policyFile, "utf8")));
        const entries = policy.courses.filter((entry) => entry.course === course.id);
        expect(entries, `${course.id} in courses/credit-policy.yaml`).to.have.length(1);
        const accreditation = course.accreditation!;
        expect(policy.licensingBody, "licensingBody").to.equal(accreditation.licensingBody);
        expect(entries[0], "policy entry").to.include({ programme: accreditation.programme, points: accreditation.points, validityYears: accreditation.validityYears });
      });

      it("has a recorded training: a small WebM with sr-Latn and en captions (same cue timings) and a transcript", async () => {
        const videos = videosOf(course);
        expect(videos, "videos in the course").to.not.be.empty;
        for (const video of videos) {
          expect(video.src).to.match(/\.webm$/);
          expect((await stat(path.join(coursesDir, folder, video.src))).size, `${video.src} size`).to.be.within(1_000, maxVideoBytes);
          expect(Object.keys(video.captions), `${video.src} caption languages`).to.include.members([...languages]);
          const [sr, en] = await Promise.all(languages.map((lang) => readFile(path.join(coursesDir, folder, video.captions[lang]!), "utf8")));
          expect(cueTimings(sr!), `${video.src}: sr-Latn cues`).to.not.be.empty;
          expect(cueTimings(en!), `${video.src}: en cues match sr-Latn`).to.deep.equal(cueTimings(sr!));
          expect(video.transcript?.["sr-Latn"], `${video.src} transcript`).to.be.a("string").and.not.equal("");
          for (const lang of languages) expect(video.title[lang], `${video.src} title (${lang})`).to.be.a("string");
        }
      });

      it("says in its captions and transcripts exactly what the narration says, and the video lasts as long as the captions", async () => {
        for (const video of videosOf(course)) {
          const narrationFile = path.join(coursesDir, folder, video.src.replace(/\.webm$/, ".narration"));
          const narration = narrationLines(await readFile(narrationFile, "utf8"));
          expect(narration.sr, `${narrationFile}: sr= lines`).to.not.be.empty;
          expect(narration.en, `${narrationFile}: one en= per sr=`).to.have.length(narration.sr.length);
          const [sr, en] = await Promise.all(languages.map((lang) => readFile(path.join(coursesDir, folder, video.captions[lang]!), "utf8")));
          expect(cueTexts(sr!), `${video.captions["sr-Latn"]} cues = narration sr=`).to.deep.equal(narration.sr);
          expect(cueTexts(en!), `${video.captions.en} cues = narration en=`).to.deep.equal(narration.en);
          for (const [lang, lines] of [["sr-Latn", narration.sr], ["en", narration.en]] as const) {
            const transcript = video.transcript?.[lang];
            expect(transcript, `${video.src} transcript (${lang})`).to.be.a("string");
            for (const line of lines) expect(transcript!.replace(/\s+/g, " "), `${video.src} transcript (${lang}) says "${line}"`).to.contain(line);
          }
          const lastCueEnd = seconds(cueTimings(sr!).at(-1)!.split("-->")[1]!.trim().split(" ")[0]!);
          const duration = webmSeconds(await readFile(path.join(coursesDir, folder, video.src)));
          expect(duration, `${video.src} duration (s) against its last cue`).to.be.within(lastCueEnd, lastCueEnd + 3);
        }
      });

      it("has in every module one quiz and a masteryScore, with feedback in sr-Latn and en for every answer", () => {
        for (const [index, module] of course.modules.entries()) {
          const quizzes = module.content.filter((c): c is QuizItem => c.kind === "quiz");
          expect(quizzes, `modules[${index}] quiz`).to.have.length(1);
          expect(module.masteryScore, `modules[${index}].masteryScore`).to.be.within(0.5, 1);
          const questions = quizzes[0]!.quiz.questions;
          expect(questions.length, `modules[${index}] questions`).to.be.at.least(3);
          for (const question of questions) {
            for (const lang of languages) expect(question.prompt[lang], `${question.id} prompt (${lang})`).to.be.a("string");
            for (const choice of question.choices) {
              for (const lang of languages) {
                expect(choice.text[lang], `${question.id}/${choice.id} text (${lang})`).to.be.a("string");
                expect(choice.feedback?.[lang], `${question.id}/${choice.id} feedback (${lang})`).to.be.a("string").and.not.equal("");
              }
            }
          }
        }
      });
    });
  }
});
