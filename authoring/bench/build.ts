// `npm run bench:build`: builds every course in courses/ × 4 formats × 2 scripts (sr-Latn,
// sr-Cyrl) and times it beside `zip -r` of the same output trees, measured in the same run
// on the same machine. Not a test: it prints a ratio against the 1.5× target, asserts nothing.
// The build is timed in process (the library call `obuka build` makes, warm: the runtime
// bundle and transliterated words are reused across rounds); the cold CLI is printed beside it.
//   BENCH_ROUNDS  rounds of both measurements, interleaved; the median counts (default 5).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { buildCourse } from "../commands/build.js";

const run = promisify(execFile);
const ROUNDS = Math.max(1, Number(process.env["BENCH_ROUNDS"] ?? 5));
const TARGET_RATIO = 1.5;
const SCRIPTS = ["sr-Latn", "sr-Cyrl"] as const;
const projectRoot = path.resolve(import.meta.dirname, "../..");
/**
 * The same work our zips do: text deflated, media stored (authoring/package/write-zip.ts).
 * Level 8, not 9: Info-ZIP's -9 overrides -n and would deflate the videos too.
 */
const zipArgs = ["-r", "-q", "-X", "-8", "-n", ".webm:.mp4:.m4a:.mp3:.ogg:.opus:.png:.jpg:.jpeg:.gif:.webp:.woff:.woff2:.zip"];

async function courseDirs(): Promise<string[]> {
  const names = (await readdir(path.join(projectRoot, "courses"), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const withCourse = await Promise.all(names.map((n) => stat(path.join(projectRoot, "courses", n, "course.yaml")).then(() => n, () => undefined)));
  return withCourse.filter((n): n is string => n !== undefined).map((n) => `courses/${n}`);
}

/** Every course × every format × both scripts, in process, as `obuka build` does it. */
async function buildAll(courses: readonly string[], outDir: string): Promise<string[]> {
  const zips: string[] = [];
  for (const courseDir of courses) zips.push(...(await buildCourse({ cwd: projectRoot, courseDir, format: "all", outDir, lang: SCRIPTS.join(",") })));
  return zips;
}

/** `zip -r` of each unpacked package tree, one process per tree as a trainer would run it. */
async function zipTrees(trees: readonly string[], outDir: string): Promise<string[]> {
  const zips: string[] = [];
  for (const [index, tree] of trees.entries()) {
    const zip = path.join(outDir, `${index}.zip`);
    await run("zip", [...zipArgs, zip, "."], { cwd: tree });
    zips.push(zip);
  }
  return zips;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function totalBytes(files: readonly string[]): Promise<number> {
  return (await Promise.all(files.map((f) => stat(f).then((s) => s.size)))).reduce((a, b) => a + b, 0);
}

async function main(): Promise<void> {
  await run("zip", ["-v"]).catch(() => {
    throw new Error("zip is not installed (apt-get install -y zip): the bench compares with zip -r");
  });
  const courses = await courseDirs();
  const work = await mkdtemp(path.join(os.tmpdir(), "obuka-bench-build-"));
  try {
    // The output trees: what the build zips, unpacked once, so zip -r packs the very same files.
    const reference = await buildAll(courses, path.join(work, "reference"));
    const trees: string[] = [];
    for (const zip of reference) {
      const tree = path.join(work, "trees", path.basename(zip, ".zip"));
      await mkdir(tree, { recursive: true });
      await run("unzip", ["-q", zip, "-d", tree]);
      trees.push(tree);
    }
    const files = Number((await run("sh", ["-c", `find "${path.join(work, "trees")}" -type f | wc -l`])).stdout.trim());
    const treeBytes = Number((await run("du", ["-sb", path.join(work, "trees")])).stdout.split(/\s/)[0]);

    const buildMs: number[] = [];
    const zipMs: number[] = [];
    let buildBytes = 0;
    let zipBytes = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const buildOut = path.join(work, `build-${round}`);
      const zipOut = path.join(work, `zip-${round}`);
      await mkdir(zipOut, { recursive: true });
      // Interleaved, so load from other processes on the machine falls on both alike.
      const built = await timed(() => buildAll(courses, buildOut));
      const zipped = await timed(() => zipTrees(trees, zipOut));
      buildMs.push(built.ms);
      zipMs.push(zipped.ms);
      buildBytes = await totalBytes(built.value);
      zipBytes = await totalBytes(zipped.value);
      await rm(buildOut, { recursive: true, force: true });
      await rm(zipOut, { recursive: true, force: true });
    }

    // Once, for the whole picture: the CLI as a trainer runs it, one process per course,
    // Node and tsx start-up included (the ratio above is the build itself, in process).
    const cli = await timed(async () => {
      for (const courseDir of courses) {
        await run(process.execPath, [path.join(projectRoot, "authoring/bin/obuka.js"), "build", courseDir, "--format", "all", "--lang", SCRIPTS.join(","), "--out", path.join(work, "cli")], { cwd: projectRoot });
      }
    });

    const build = median(buildMs);
    const zip = median(zipMs);
    const ratio = build / zip;
    const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
    console.log(`obuka build benchmark: ${courses.length} courses × 4 formats × ${SCRIPTS.length} scripts = ${reference.length} packages (${files} files, ${mb(treeBytes)} unpacked)`);
    console.log(`rounds: ${ROUNDS} (median), node ${process.version}, ${os.cpus().length} CPUs`);
    console.log(`  obuka build (load, validate, transliterate, render, bundle, zip): ${build.toFixed(0)} ms → ${mb(buildBytes)}`);
    console.log(`  zip -r of the same trees (-8, media stored):                    ${zip.toFixed(0)} ms → ${mb(zipBytes)}`);
    console.log(`  ratio build / zip -r: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×): ${ratio <= TARGET_RATIO ? "within target" : "OVER target"}`);
    console.log(`  for reference, npx obuka build per course (${courses.length} processes, cold start included, 1 run): ${cli.ms.toFixed(0)} ms`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
