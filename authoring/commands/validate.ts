// `obuka validate`: loads the course and reports every problem at once (sorted by file and line).
import type { Course } from "../domain/course.js";
import { loadCourseDir } from "./load.js";

export interface ValidateOptions {
  cwd: string;
  courseDir: string;
}

/** Checks a course source; throws CourseInvalidError listing every problem, else returns the course. */
export async function validateCourse(options: ValidateOptions): Promise<{ course: Course; mediaFiles: string[]; languages: readonly string[] }> {
  const { loaded } = await loadCourseDir(options.cwd, options.courseDir);
  return { course: loaded.course, mediaFiles: loaded.mediaFiles, languages: loaded.languages };
}
