// Typed errors of the authoring area; cli.ts maps their codes to exit codes in one table.

export abstract class AppError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The command line was wrong (unknown command, missing argument). */
export class UsageError extends AppError {
  readonly code = "USAGE";
}

/** One problem in a course source, located at file:line:column. */
export class CourseSourceError extends AppError {
  readonly code = "COURSE_SOURCE";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** The field path inside the file, e.g. `modules[0].masteryScore`. */
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${column} ${field}: ${detail}`);
  }
}

/** Every problem found in a course at once, so a trainer fixes them in one pass. */
export class CourseInvalidError extends AppError {
  readonly code = "COURSE_INVALID";
  constructor(readonly problems: readonly CourseSourceError[]) {
    super(problems.map((p) => p.message).join("\n"));
  }
}

/** Packaging failed after the sources were valid (bundler, template, disk). */
export class BuildError extends AppError {
  readonly code = "BUILD_FAILED";
}
