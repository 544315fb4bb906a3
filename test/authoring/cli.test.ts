// The bin shim spawned for real, and runCli in-process for the error-to-exit-code table.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { runCli } from "../../authoring/index.js";
import { projectRoot, run } from "../support/tools.js";
import { validCourse, validQuiz, writeFixtureCourse } from "./support/fixtures.js";

const bin = path.join(projectRoot, "authoring/bin/obuka.js");

async function capture(argv: string[], cwd: string, stderrIsTTY = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { cwd, stdout: (l) => out.push(l), stderr: (l) => err.push(l), stderrIsTTY });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("authoring: the obuka CLI", () => {
  it("`node authoring/bin/obuka.js --help` lists the commands", async () => {
    const { stdout } = await run(process.execPath, [bin, "--help"], { cwd: projectRoot });
    expect(stdout).to.contain("obuka build <courseDir> --format <format|all> --out <dir> [--lang <lang|all>]");
    expect(stdout).to.contain("obuka validate <courseDir>");
    expect(stdout).to.contain("obuka new <courseDir>");
    expect(stdout).to.contain("obuka preview <courseDir>");
  });

  it("exits 1 with file:line:col messages and no stack trace for a malformed course (spawned)", async () => {
    const course = { ...validCourse, modules: [{ ...validCourse.modules[0]!, masteryScore: "high", moveOn: "Whenever" }] };
    const cwd = await writeFixtureCourse({ "course.yaml": course, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const failure = await run(process.execPath, [bin, "validate", "courses/fixture"], { cwd }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).to.equal(1);
    const lines = failure!.stderr.trim().split("\n");
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^courses\/fixture\/course\.yaml:\d+:\d+ modules\[0\]\.masteryScore: must be a number between 0 and 1$/);
    expect(lines[1]).to.match(/^courses\/fixture\/course\.yaml:\d+:\d+ modules\[0\]\.moveOn: must be one of Passed, Completed, CompletedAndPassed, CompletedOrPassed, NotApplicable$/);
    expect(failure!.stderr).not.to.match(/\bat .+:\d+:\d+\)/);
  });

  it("maps usage errors to exit 2 and a successful validate to 0", async () => {
    const cwd = await writeFixtureCourse({ "course.yaml": validCourse, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    expect((await capture(["frobnicate"], cwd)).code).to.equal(2);
    expect((await capture(["build", "courses/fixture", "--out", "dist"], cwd)).stderr).to.contain("--format");
    expect((await capture(["build", "courses/fixture", "--format", "scorm3", "--out", "dist"], cwd)).code).to.equal(2);
    expect((await capture(["build", "courses/fixture", "--format", "cmi5", "--lang", "de", "--out", "dist"], cwd)).stderr).to.equal("obuka: the course has no de version (it has: sr-Latn, sr-Cyrl, en, all)");
    expect((await capture(["validate", "courses/nowhere"], cwd)).code).to.equal(2);
    const ok = await capture(["validate", "courses/fixture"], cwd);
    expect(ok).to.include({ code: 0, stdout: "courses/fixture: valid (1 module; languages: sr-Latn, sr-Cyrl, en)" });
  });

  it("builds from the command line into --out and prints the zip it wrote", async () => {
    const cwd = await writeFixtureCourse({ "course.yaml": validCourse, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const result = await capture(["build", "courses/fixture", "--format", "cmi5", "--out", "dist"], cwd);
    expect(result).to.include({ code: 0, stdout: `wrote ${path.join("dist", "fixture-cmi5.zip")}` });
  });

  it("shows build progress (package, language, files, bytes) on stderr when it is a terminal", async () => {
    const cwd = await writeFixtureCourse({ "course.yaml": validCourse, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const result = await capture(["build", "courses/fixture", "--format", "cmi5", "--lang", "all", "--out", "dist"], cwd, true);
    expect(result.code).to.equal(0);
    const lines = result.stderr.split("\n");
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/^\[1\/3\] cmi5 sr-Latn: 4 files, \d+(\.\d)? kB → dist\/fixture-sr-Latn-cmi5\.zip$/);
    expect(lines[1]).to.match(/^\[2\/3\] cmi5 sr-Cyrl: /);
    expect(lines[2]).to.match(/^\[3\/3\] cmi5 en: /);
  });

  it("stays quiet on stderr when it is not a terminal (in process and spawned)", async () => {
    const cwd = await writeFixtureCourse({ "course.yaml": validCourse, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const result = await capture(["build", "courses/fixture", "--format", "cmi5", "--lang", "all", "--out", "dist"], cwd, false);
    expect(result).to.include({ code: 0, stderr: "" });
    expect(result.stdout.split("\n")).to.have.length(3);
    const spawned = await run(process.execPath, [bin, "build", "courses/fixture", "--format", "cmi5", "--out", "dist2"], { cwd });
    expect(spawned.stderr).to.equal("");
    expect(spawned.stdout).to.equal(`wrote ${path.join("dist2", "fixture-cmi5.zip")}\n`);
  });

  it("`obuka new` scaffolds a course with schema lines that validates and builds, and refuses a folder that is not empty", async () => {
    const cwd = await mkdtemp(path.join(os.tmpdir(), "obuka-new-"));
    const created = await capture(["new", "moj-kurs"], cwd);
    expect(created.code).to.equal(0);
    expect(created.stdout).to.contain("created moj-kurs/course.yaml").and.to.contain("created moj-kurs/media/snimak.sr-Latn.vtt").and.to.contain("created moj-kurs/media/README.md");
    const courseYaml = await readFile(path.join(cwd, "moj-kurs/course.yaml"), "utf8");
    const schemaRef = /^# yaml-language-server: \$schema=(\S+)$/m.exec(courseYaml)?.[1];
    expect(path.resolve(cwd, "moj-kurs", schemaRef!)).to.equal(path.join(projectRoot, "authoring/schema/course.schema.json"));
    expect(courseYaml).to.contain("id: https://example.org/courses/moj-kurs");
    expect(await readFile(path.join(cwd, "moj-kurs/quizzes/provera.yaml"), "utf8")).to.match(/^# yaml-language-server: \$schema=\S+quiz\.schema\.json$/m);
    expect(await capture(["validate", "moj-kurs"], cwd)).to.include({ code: 0, stdout: "moj-kurs: valid (1 module; languages: sr-Latn, sr-Cyrl, en)" });
    const built = await capture(["build", "moj-kurs", "--format", "cmi5", "--lang", "all", "--out", "dist"], cwd);
    expect(built.code, built.stderr).to.equal(0);
    expect(built.stdout.split("\n")).to.have.length(3);
    const again = await capture(["new", "moj-kurs"], cwd);
    expect(again).to.include({ code: 2, stderr: "obuka: moj-kurs is not empty; obuka new writes into a new or empty folder" });
  });
});
