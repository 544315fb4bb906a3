// The LRS command line, reached as `obuka lrs …` through the umbrella shim
// (authoring/bin/obuka.js). Parses argv, opens the LRS (the PostgreSQL database of
// DATABASE_URL, else the SQLite file under OBUKA_DATA_DIR, default ./data), runs one
// command and maps errors to exit codes in one table. It never calls process.exit: the shim does.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createLrs, type Lrs } from "./create-lrs.js";
import { LrsError } from "./errors.js";
import { createCredentialCommand, listCredentialsCommand, revokeCredentialCommand } from "./cli/credentials.js";
import { LrsUsageError } from "./cli/errors.js";
import { openLrsStore, parseDatabaseUrl } from "./store/open-lrs-store.js";

export interface LrsCliIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

export const LRS_DB_FILE = "lrs.sqlite";

export const lrsHelpText = `obuka lrs — manage the xAPI Learning Record Store

Usage:
  obuka lrs credentials create --name <name> --scopes <scope,scope> [--json]
      Creates a credential and prints its key and secret (the secret only this once).
      Scopes: statements/write, statements/read, statements/read/mine, state, define,
      profile, all/read, all.
  obuka lrs credentials list [--json]
      Lists credentials (key, status, created, name, scopes); never secrets.
  obuka lrs credentials revoke <key>
      Revokes a credential; requests made with it then get 401.

The LRS file is $OBUKA_DATA_DIR/${LRS_DB_FILE} (OBUKA_DATA_DIR defaults to ./data);
with DATABASE_URL=postgres://… set, the LRS in that PostgreSQL database instead.`;

/** Error → exit code: the one place that decides. */
function exitCodeOf(error: unknown): number | undefined {
  if (error instanceof LrsUsageError) return 2;
  if (error instanceof LrsError && error.code === "VALIDATION_FAILED") return 2;
  if (error instanceof LrsError && error.code === "NOT_FOUND") return 1;
  return undefined;
}
const internalErrorExit = 70;

/** Runs one `obuka lrs …` command line (argv without "lrs"); resolves with the exit code, never throws. */
export async function runLrsCli(argv: readonly string[], io: LrsCliIo): Promise<number> {
  try {
    const [group, command, ...rest] = argv;
    if (group === undefined || ["--help", "-h", "help"].includes(group) || (group === "credentials" && (command === undefined || command === "--help"))) {
      io.stdout(lrsHelpText);
      return group === undefined || (group === "credentials" && command === undefined) ? 2 : 0;
    }
    if (group !== "credentials") throw new LrsUsageError(`unknown command "lrs ${group}"; run obuka lrs --help`);
    switch (command) {
      case "create": {
        const { values } = parse(rest, { name: { type: "string" }, scopes: { type: "string" }, json: { type: "boolean" } }, false);
        const options = { name: stringOption(values["name"]), scopes: stringOption(values["scopes"]), json: values["json"] === true };
        return await withLrs(io, (lrs) => createCredentialCommand(lrs, options, io));
      }
      case "list": {
        const { values } = parse(rest, { json: { type: "boolean" } }, false);
        return await withLrs(io, (lrs) => listCredentialsCommand(lrs, values["json"] === true, io));
      }
      case "revoke": {
        const { positionals } = parse(rest, {}, true);
        if (positionals.length !== 1) throw new LrsUsageError("revoke needs exactly one <key>");
        return await withLrs(io, (lrs) => revokeCredentialCommand(lrs, positionals[0], io));
      }
      default:
        throw new LrsUsageError(`unknown command "lrs credentials ${command}"; run obuka lrs --help`);
    }
  } catch (error) {
    const code = exitCodeOf(error);
    if (code !== undefined) {
      io.stderr(`obuka lrs: ${(error as Error).message}`);
      return code;
    }
    io.stderr(`obuka lrs: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return internalErrorExit;
  }
}

/** Where the LRS file lives for this invocation. */
export function lrsDatabasePath(io: Pick<LrsCliIo, "cwd" | "env">): string {
  return path.resolve(io.cwd, io.env["OBUKA_DATA_DIR"] || "data", LRS_DB_FILE);
}

async function withLrs(io: LrsCliIo, work: (lrs: Lrs) => Promise<void>): Promise<number> {
  const databaseUrl = parseDatabaseUrl(io.env["DATABASE_URL"]);
  const file = lrsDatabasePath(io);
  if (databaseUrl === undefined) await mkdir(path.dirname(file), { recursive: true });
  const store = await openLrsStore({ databaseUrl, sqliteFile: file });
  try {
    await work(createLrs({ store, logger: { error: (msg) => io.stderr(`obuka lrs: ${msg}`) } }));
    return 0;
  } finally {
    await store.close();
  }
}

type OptionSpec = Record<string, { type: "string" | "boolean" }>;

function parse(args: readonly string[], options: OptionSpec, allowPositionals: boolean): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    throw new LrsUsageError(error instanceof Error ? error.message : String(error));
  }
}

function stringOption(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
