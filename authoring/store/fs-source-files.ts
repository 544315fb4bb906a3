// SourceFiles on the filesystem: a course folder, names shown relative to the working directory.
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { SourceFiles } from "../domain/load-course.js";

export class FsSourceFiles implements SourceFiles {
  constructor(
    readonly courseDir: string,
    private readonly cwd: string,
  ) {}

  resolve(relativePath: string): string {
    return path.join(this.courseDir, ...relativePath.split("/"));
  }

  displayName(relativePath: string): string {
    const shown = path.relative(this.cwd, this.resolve(relativePath));
    return (shown.startsWith("..") ? this.resolve(relativePath) : shown).split(path.sep).join("/");
  }

  async readText(relativePath: string): Promise<string | undefined> {
    try {
      return await readFile(this.resolve(relativePath), "utf8");
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(relativePath: string): Promise<boolean> {
    try {
      return (await stat(this.resolve(relativePath))).isFile();
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  readBytes(relativePath: string): Promise<Buffer> {
    return readFile(this.resolve(relativePath));
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}
