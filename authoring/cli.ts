// Composition root of the `obuka` CLI: parses argv, runs a command, maps errors to exit
// codes in one table. Only main() calls process.exit.
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildCourse, packageFormats } from "./commands/build.js";
import { validateCourse } from "./commands/validate.js";
import { AppError, UsageError } from "./errors.js";

export interface CliIo {
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

/** Error code → exit code: the one place that decides. */
const exitCodes: Record<string, number> = {
  COURSE_SOURCE: 1,
  COURSE_INVALID: 1,
  BUILD_FAILED: 1,
  USAGE: 2,
};
const internalErrorExit = 70;

export const helpText = `obuka — course authoring for the obuka learning platform

Usage:
  obuka build <courseDir> --format cmi5 --out <dir> [--lang sr-Latn]
      Builds a package zip (formats: ${packageFormats.join(", ")}) into <dir>.
  obuka validate <courseDir>
      Checks course.yaml, pages, quizzes, media and captions; lists every problem.
  obuka --help
      Shows this help.

A course is a folder with course.yaml, Markdown pages, quiz YAML and media.
Problems are printed as file:line:column field: message.`;

/** Runs one command line; resolves with the exit code, never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout(helpText);
      return command === undefined ? exitCodes.USAGE! : 0;
    }
    switch (command) {
      case "build": {
        const { values, positionals } = parse(rest, { format: { type: "string" }, out: { type: "string" }, lang: { type: "string" } });
        const courseDir = single(positionals, "build needs one <courseDir>");
        if (typeof values.format !== "string") throw new UsageError("build needs --format (cmi5)");
        if (typeof values.out !== "string") throw new UsageError("build needs --out <dir>");
        const zips = await buildCourse({ cwd: io.cwd, courseDir, format: values.format, outDir: values.out, lang: typeof values.lang === "string" ? values.lang : undefined });
        for (const zip of zips) io.stdout(`wrote ${displayPath(io.cwd, zip)}`);
        return 0;
      }
      case "validate": {
        const { positionals } = parse(rest, {});
        const courseDir = single(positionals, "validate needs one <courseDir>");
        const { course } = await validateCourse({ cwd: io.cwd, courseDir });
        io.stdout(`${courseDir}: valid (${course.modules.length} module${course.modules.length === 1 ? "" : "s"})`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"; run obuka --help`);
    }
  } catch (error) {
    if (error instanceof AppError && exitCodes[error.code] !== undefined) {
      io.stderr(error instanceof UsageError ? `obuka: ${error.message}` : error.message);
      return exitCodes[error.code]!;
    }
    io.stderr(`obuka: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return internalErrorExit;
  }
}

type OptionSpec = Record<string, { type: "string" }>;

function parse(args: readonly string[], options: OptionSpec): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function single(positionals: string[], message: string): string {
  if (positionals.length !== 1) throw new UsageError(message);
  return positionals[0]!;
}

async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
}

/** True when this process was started as the CLI (the bin shim or this file), not imported by a test. */
function isEntryPoint(): boolean {
  const started = process.argv[1];
  if (!started) return false;
  const real = (file: string) => {
    try {
      return realpathSync(file);
    } catch {
      return file;
    }
  };
  const self = fileURLToPath(import.meta.url);
  return [self, path.join(path.dirname(self), "bin", "obuka.js")].map(real).includes(real(started));
}

if (isEntryPoint()) await main();

function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith("..") ? relative : file;
}
