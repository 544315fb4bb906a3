// Shared by the commands: resolve the course folder against cwd and load it.
import { stat } from "node:fs/promises";
import path from "node:path";
import { loadCourse, type LoadedCourse } from "../domain/load-course.js";
import { UsageError } from "../errors.js";
import { FsSourceFiles } from "../store/fs-source-files.js";

export async function loadCourseDir(cwd: string, courseDir: string): Promise<{ loaded: LoadedCourse; files: FsSourceFiles }> {
  const dir = path.resolve(cwd, courseDir);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new UsageError(`not a course folder: ${courseDir}`);
  const files = new FsSourceFiles(dir, cwd);
  return { loaded: await loadCourse(files), files };
}
