// Composition root of the `obuka` CLI: parses argv, runs a command, maps errors to exit
// codes in one table. Only main() calls process.exit.
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildCourse, packageFormats } from "./commands/build.js";
import { newCourse } from "./commands/new.js";
import { startPreview } from "./commands/preview.js";
import { formatProgress } from "./commands/progress.js";
import { validateCourse } from "./commands/validate.js";
import { AppError, UsageError } from "./errors.js";

export interface CliIo {
  cwd: string;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** True when stderr is a terminal: builds then show their progress there. */
  stderrIsTTY?: boolean;
  /** Resolves when the user stops a long-running command (preview); Ctrl-C in main(). */
  untilStopped?: () => Promise<void>;
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
  obuka build <courseDir> --format <format|all> --out <dir> [--lang <lang|all>]
      Builds one zip per format and language into <dir>. Formats: ${packageFormats.join(", ")}, all.
      Languages: the course's own (e.g. sr-Latn, en), sr-Cyrl (transliterated from sr-Latn), a list
      such as sr-Latn,sr-Cyrl, or all;
      without --lang, the course's default language.
  obuka validate <courseDir>
      Checks course.yaml, pages, quizzes, media, captions and image alt texts; lists every problem.
  obuka new <courseDir> [--id <IRI>]
      Writes a small course to start from (a module with a page, a quiz and a caption file).
  obuka preview <courseDir> [--lang <lang>] [--port <n>]
      Serves the course on http://127.0.0.1 with a local LMS stand-in that shows the statements.
  obuka lrs credentials create --name <name> --scopes <a,b> [--json] | list | revoke <key>
      Manages LRS credentials (see obuka lrs --help).
  obuka verify-credential <file.jwt> [--jwks <url|file>] [--status-list <url|file>] [--offline]
      Checks an Open Badges 3.0 certificate offline; exit code 0 only when it is valid.
  obuka revoke-certificate <code> --reason <text> [--data-dir <dir>] | obuka rotate-issuer-key
      Revokes a certificate; starts signing certificates with a new issuer key.
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
        const onProgress = io.stderrIsTTY ? (p: Parameters<typeof formatProgress>[0]) => io.stderr(formatProgress(p, displayPath(io.cwd, p.zipFile))) : undefined;
        const zips = await buildCourse({ cwd: io.cwd, courseDir, format: values.format, outDir: values.out, lang: typeof values.lang === "string" ? values.lang : undefined, onProgress });
        for (const zip of zips) io.stdout(`wrote ${displayPath(io.cwd, zip)}`);
        return 0;
      }
      case "validate": {
        const { positionals } = parse(rest, {});
        const courseDir = single(positionals, "validate needs one <courseDir>");
        const { course, languages } = await validateCourse({ cwd: io.cwd, courseDir });
        io.stdout(`${courseDir}: valid (${course.modules.length} module${course.modules.length === 1 ? "" : "s"}; languages: ${languages.join(", ")})`);
        return 0;
      }
      case "new": {
        const { values, positionals } = parse(rest, { id: { type: "string" } });
        const courseDir = single(positionals, "new needs one <courseDir>");
        const written = await newCourse({ cwd: io.cwd, courseDir, id: typeof values.id === "string" ? values.id : undefined });
        for (const file of written) io.stdout(`created ${path.posix.join(courseDir.split(path.sep).join("/"), file)}`);
        io.stdout(`next: npx obuka validate ${courseDir}`);
        return 0;
      }
      case "preview": {
        const { values, positionals } = parse(rest, { lang: { type: "string" }, port: { type: "string" } });
        const courseDir = single(positionals, "preview needs one <courseDir>");
        const port = values.port === undefined ? 8090 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${String(values.port)}"`);
        const preview = await startPreview({ cwd: io.cwd, courseDir, lang: typeof values.lang === "string" ? values.lang : undefined, port });
        io.stdout(`preview of ${courseDir} (${preview.lang}): ${preview.url}  (Ctrl-C stops it)`);
        await (io.untilStopped ?? (() => Promise.resolve()))();
        await preview.close();
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
    stderrIsTTY: process.stderr.isTTY === true,
    untilStopped: () => new Promise((resolve) => process.once("SIGINT", () => resolve())),
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
