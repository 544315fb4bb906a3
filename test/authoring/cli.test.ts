// The bin shim spawned for real, and runCli in-process for the error-to-exit-code table.
import path from "node:path";
import { expect } from "chai";
import { runCli } from "../../authoring/index.js";
import { projectRoot, run } from "../support/tools.js";
import { validCourse, validQuiz, writeFixtureCourse } from "./support/fixtures.js";

const bin = path.join(projectRoot, "authoring/bin/obuka.js");

async function capture(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { cwd, stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("authoring: the obuka CLI", () => {
  it("`node authoring/bin/obuka.js --help` lists the commands", async () => {
    const { stdout } = await run(process.execPath, [bin, "--help"], { cwd: projectRoot });
    expect(stdout).to.contain("obuka build <courseDir> --format cmi5 --out <dir>");
    expect(stdout).to.contain("obuka validate <courseDir>");
    expect(stdout).to.contain("--lang");
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
    expect((await capture(["build", "courses/fixture", "--format", "scorm12", "--out", "dist"], cwd)).code).to.equal(2);
    expect((await capture(["validate", "courses/nowhere"], cwd)).code).to.equal(2);
    const ok = await capture(["validate", "courses/fixture"], cwd);
    expect(ok).to.include({ code: 0, stdout: "courses/fixture: valid (1 module)" });
  });

  it("builds from the command line into --out and prints the zip it wrote", async () => {
    const cwd = await writeFixtureCourse({ "course.yaml": validCourse, "pages/a.md": "## A", "quizzes/q.yaml": validQuiz });
    const result = await capture(["build", "courses/fixture", "--format", "cmi5", "--out", "dist"], cwd);
    expect(result).to.include({ code: 0, stdout: `wrote ${path.join("dist", "fixture-cmi5.zip")}` });
  });
});
