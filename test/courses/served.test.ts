// What `npm start` does with the courses, through the real entry point: prestart builds a
// cmi5 zip of every folder in courses/ (so every folder must be a course), and
// player/main.ts imports every zip it finds and serves them. Here the zips go to a temp
// folder and the server listens on 127.0.0.1 at a free port (PORT=0), never on 8080.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { parse as parseYaml } from "yaml";
import { buildCourse } from "../../authoring/index.js";
import { HttpClient, testPassword } from "../support/standalone.js";
import { projectRoot } from "../support/tools.js";

const coursesDir = path.join(projectRoot, "courses");
const issue6Courses = ["case-management", "helping-the-helpers", "parents-children-disabilities", "pride-foster-care"].map((name) => `https://obuka.rs/courses/${name}`);

/** Starts player/main.ts as `npm start` does; `listening` resolves with its base URL once it listens. */
function startMain(env: NodeJS.ProcessEnv): { child: ChildProcess; listening: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", "player/main.ts"], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const url = /obuka is running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`player/main.ts exited with ${code} before listening:\n${output}`)));
  });
  return { child, listening, output: () => output };
}

describe("courses: npm start serves every course in courses/", function () {
  let server: ReturnType<typeof startMain> | undefined;

  after(() => {
    // Whatever happened in the test, the server it started does not outlive it.
    if (server && server.child.exitCode === null) server.child.kill("SIGTERM");
  });

  it("every folder of courses/ is a course, as the prestart loop (`courses/*/`) needs", () => {
    const folders = readdirSync(coursesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    for (const folder of folders) expect(existsSync(path.join(coursesDir, folder, "course.yaml")), `courses/${folder}/course.yaml`).to.equal(true);
  });

  it("imports the cmi5 zip of each course at start and lists all of them in the catalog, each with a credit in the policy", async () => {
    const packageJson = JSON.parse(await readFile(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(packageJson.scripts.prestart, "prestart builds every course folder as cmi5 into dist").to.match(/for course in courses\/\*\/;.*build "\$course" --format cmi5 --out dist/);

    const work = await mkdtemp(path.join(os.tmpdir(), "obuka-npm-start-"));
    const dist = path.join(work, "dist");
    const folders = readdirSync(coursesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    for (const folder of folders) await buildCourse({ cwd: projectRoot, courseDir: path.join("courses", folder), format: "cmi5", outDir: dist });

    server = startMain({ PORT: "0", HOST: "127.0.0.1", OBUKA_DATA_DIR: path.join(work, "data"), OBUKA_PACKAGES_DIR: dist, OBUKA_DEMO_PASSWORD: testPassword, OBUKA_CREDIT_POLICY: path.join(coursesDir, "credit-policy.yaml") });
    const baseUrl = await server.listening;
    for (const folder of folders) expect(server.output(), `start-up log for ${folder}`).to.contain(`imported: ${folder}-cmi5.zip`);

    const learner = new HttpClient(baseUrl);
    expect((await learner.logIn("polaznik")).status).to.equal(303);
    const catalog = (await (await learner.request("/api/packages")).json()) as { courseId: string }[];
    expect(catalog.map((c) => c.courseId)).to.include.members(issue6Courses);
    expect(catalog, "one catalog entry per course folder").to.have.length(folders.length);

    const policy = parseYaml(await readFile(path.join(coursesDir, "credit-policy.yaml"), "utf8")) as { courses: { course: string }[] };
    for (const entry of catalog) expect(policy.courses.map((c) => c.course), `${entry.courseId} earns credit under courses/credit-policy.yaml`).to.include(entry.courseId);
  });
});
