// The player's command line, reached as `obuka import …` through the umbrella shim
// (authoring/bin/obuka.js). Imports a package into the player's store the way
// POST /api/packages does, without a running server. Maps errors to exit codes in one
// place and never calls process.exit: the shim does.
import { randomUUID } from "node:crypto";
import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { CommandUsageError, revokeCertificateCommand, rotateIssuerKeyCommand, verifyCredentialCommand } from "./certificate-commands.js";
import { packageLimitsFromEnv } from "./config.js";
import { PlayerError } from "./errors.js";
import { formatLabelOf } from "./http/package-summary.js";
import type { ExtractLimits } from "./packages/extract-zip.js";
import { PackageLibrary } from "./services/package-library.js";
import { parseDatabaseUrl } from "../lrs/index.js";
import { openPlayerStore } from "./store/open-player-store.js";

export interface PlayerCliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

export const importHelpText = `obuka import — import a package into the player

Usage:
  obuka import <package.zip> [--data-dir <dir>]
      Imports a SCORM 1.2, SCORM 2004 (2nd, 3rd, 4th ed.), xAPI (tincan.xml) or cmi5 zip,
      or a cmi5.xml course structure with fully qualified URLs. A package that breaks a
      rule is refused with the reason, and nothing is stored.

The data folder is --data-dir, else $OBUKA_DATA_DIR, else ./data (the one npm start uses).
With $DATABASE_URL (postgres://…) the package is recorded in PostgreSQL, as the server does;
its files go to $OBUKA_CONTENT_DIR when set (the directory every node shares).`;

class UsageError extends Error {}

/** Error → exit code: the one place that decides. */
function exitCodeOf(error: unknown): number | undefined {
  if (error instanceof UsageError || error instanceof CommandUsageError) return 2;
  if (error instanceof PlayerError && (error.code === "invalid_package" || error.code === "validation_failed" || error.code === "not_found")) return 1;
  return undefined;
}
const internalErrorExit = 70;

/** Runs one `obuka import …` command line (argv starts with "import"); resolves with the exit code, never throws. */
export async function runPlayerCli(argv: readonly string[], io: PlayerCliIo): Promise<number> {
  let packageName: string | undefined;
  const commandName = argv[0] === "verify-credential" || argv[0] === "revoke-certificate" || argv[0] === "rotate-issuer-key" ? argv[0] : "import";
  try {
    const [command, ...rest] = argv;
    if (command === "verify-credential") return await verifyCredentialCommand(rest, io);
    if (command === "revoke-certificate") return await revokeCertificateCommand(rest, io);
    if (command === "rotate-issuer-key") return await rotateIssuerKeyCommand(rest, io);
    if (command !== "import") throw new UsageError(`unknown command "${command ?? ""}"; run obuka import --help`);
    let parsed: ReturnType<typeof parseImportArgs>;
    try {
      parsed = parseImportArgs(rest);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (parsed.values.help) {
      io.stdout(importHelpText);
      return 0;
    }
    if (parsed.positionals.length !== 1) throw new UsageError("import needs exactly one <package.zip>; run obuka import --help");
    const file = path.resolve(io.cwd, parsed.positionals[0]!);
    await access(file).catch(() => {
      throw new UsageError(`${parsed.positionals[0]}: no such file`);
    });
    packageName = parsed.positionals[0];
    const dataDir = path.resolve(io.cwd, parsed.values["data-dir"] ?? (io.env["OBUKA_DATA_DIR"] || "data"));
    let databaseUrl: string | undefined;
    try {
      databaseUrl = parseDatabaseUrl(io.env["DATABASE_URL"]);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const contentDir = io.env["OBUKA_CONTENT_DIR"] ? path.resolve(io.cwd, io.env["OBUKA_CONTENT_DIR"]) : path.join(dataDir, "packages");
    let limits: Partial<ExtractLimits>;
    try {
      limits = packageLimitsFromEnv(io.env);
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    return await importInto({ dataDir, databaseUrl, contentDir, limits }, file, io);
  } catch (error) {
    const code = exitCodeOf(error);
    if (code !== undefined) {
      const where = error instanceof PlayerError && packageName !== undefined ? `${packageName}: ` : "";
      io.stderr(`obuka ${commandName}: ${where}${(error as Error).message}`);
      return code;
    }
    io.stderr(`obuka ${commandName}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return internalErrorExit;
  }
}

function parseImportArgs(args: string[]) {
  return parseArgs({ args, options: { "data-dir": { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
}

/** The same layout as the standalone server: player.sqlite (or PostgreSQL) and packages/ in the data folder (or the shared content dir). */
async function importInto(where: { dataDir: string; databaseUrl: string | undefined; contentDir: string; limits: Partial<ExtractLimits> }, file: string, io: PlayerCliIo): Promise<number> {
  await mkdir(where.dataDir, { recursive: true });
  const store = await openPlayerStore({ databaseUrl: where.databaseUrl, sqliteFile: path.join(where.dataDir, "player.sqlite") });
  try {
    const library = new PackageLibrary({ store, packagesRoot: where.contentDir, newId: randomUUID, clock: () => new Date(), limits: where.limits });
    const { package: imported, created } = await library.importPackage(file);
    io.stdout(`${created ? "imported" : "already imported"}: ${path.basename(file)} → ${imported.courseId} (${formatLabelOf(imported)}), package ${imported.packageId}`);
    return 0;
  } finally {
    await store.close();
  }
}
