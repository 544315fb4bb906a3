// Public entry of the authoring area, for scripts and tests that build without spawning.
export { buildCourse, packageFormats, type BuildOptions, type PackageFormat } from "./commands/build.js";
export { validateCourse, type ValidateOptions } from "./commands/validate.js";
export { runCli, helpText, type CliIo } from "./cli.js";
export { AppError, BuildError, CourseInvalidError, CourseSourceError, UsageError } from "./errors.js";
export type { Course, CourseModule, Quiz, Question, Choice, LangString, MoveOn } from "./domain/course.js";
