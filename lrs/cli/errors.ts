// Errors of the LRS command line; lrs/cli.ts maps them (and the core's) to exit codes.

/** The command line was wrong: unknown command, missing or bad option. The message names the option. */
export class LrsUsageError extends Error {
  readonly code = "USAGE";
  override readonly name = "LrsUsageError";
}
