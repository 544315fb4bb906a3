import type { Course } from "../domain/course.js";
import { loadCourseDir } from "./load.js";

export interface ValidateOptions {
  cwd: string;
  courseDir: string;
}

/** Checks a course source; throws CourseInvalidError listing every problem, else returns the course. */
export async function validateCourse(options: ValidateOptions): Promise<{ course: Course; mediaFiles: string[] }> {
  const { loaded } = await loadCourseDir(options.cwd, options.courseDir);
  return loaded;
}
