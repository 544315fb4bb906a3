// `obuka build`: course folder → package zip(s) in the output folder.
import { mkdir, readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { selectLanguages } from "../domain/course-languages.js";
import { languageTagPattern } from "../domain/source-fields.js";
import { packageFileName } from "../domain/package-layout.js";
import { BuildError, UsageError } from "../errors.js";
import { bundleRuntime } from "../package/bundle-runtime.js";
import { isPackageFormat, packageEntries, packageFormats, type PackageFormat } from "../package/package-entries.js";
import { createAuRenderer } from "../package/render-au.js";
import { writeZip } from "../package/write-zip.js";
import { loadCourseDir } from "./load.js";
import type { ProgressListener } from "./progress.js";

export { packageFormats, type PackageFormat };

/** `--format all` or one format → the formats to build, in a fixed order. */
export function resolveFormats(format: string): PackageFormat[] {
  if (format === "all") return [...packageFormats];
  if (isPackageFormat(format)) return [format];
  throw new UsageError(`unknown format "${format}" (known: ${packageFormats.join(", ")}, all)`);
}

export interface BuildOptions {
  cwd: string;
  courseDir: string;
  format: string;
  outDir: string;
  /** One language of the course, or `all` (one zip per language); the course's defaultLanguage when omitted. */
  lang?: string | undefined;
  /** Told after each zip is written (the CLI shows it on a terminal). */
  onProgress?: ProgressListener | undefined;
}

const templatesDir = fileURLToPath(new URL("../templates/", import.meta.url));

/** Builds the course and returns the absolute paths of the zips written. */
export async function buildCourse(options: BuildOptions): Promise<string[]> {
  const formats = resolveFormats(options.format);
  if (options.lang !== undefined && options.lang !== "all" && !options.lang.split(",").every((tag) => languageTagPattern.test(tag.trim()))) throw new UsageError(`--lang must be a language tag such as sr-Latn, a list such as sr-Latn,sr-Cyrl, or all, not "${options.lang}"`);
  const { loaded, files } = await loadCourseDir(options.cwd, options.courseDir);
  const languages = selectLanguages(loaded.course, options.lang ?? loaded.course.defaultLanguage);
  if (!Array.isArray(languages)) throw new UsageError(`the course has no ${languages.unknown} version (it has: ${languages.known.join(", ")}, all)`);

  const [template, style, runtimeScript] = await Promise.all([
    readFile(path.join(templatesDir, "au.hbs"), "utf8"),
    readFile(path.join(templatesDir, "obuka.css")),
    bundleRuntime(),
  ]);
  const media = new Map<string, Buffer>();
  for (const file of loaded.mediaFiles) {
    const generated = loaded.generatedFiles.get(file);
    media.set(file, generated === undefined ? await files.readBytes(file) : Buffer.from(generated, "utf8"));
  }

  const assets = { renderAu: createAuRenderer(template), runtimeScript, runtimeStyle: style, media };
  const outDir = path.resolve(options.cwd, options.outDir);
  await mkdir(outDir, { recursive: true }).catch((error: unknown) => {
    throw new BuildError(`could not create ${options.outDir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  const packages = languages.flatMap((lang) => formats.map((format) => ({ lang, format })));
  // Rendering is synchronous; zlib deflates on libuv's threads, so a few zips written at
  // once keep every core busy. Results and progress still come in the fixed order.
  const writing = packages.map(({ lang, format }) => {
    let entries;
    try {
      entries = packageEntries(format, loaded, assets, lang);
    } catch (error) {
      throw new BuildError(`could not render the pages: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    // Without --lang the zip keeps its plain name; with it, every zip names its language.
    const zipFile = path.join(outDir, packageFileName(loaded.course.id, format, options.lang === undefined ? undefined : lang));
    return { lang, format, entries, zipFile };
  });
  const limit = Math.max(1, Math.min(4, availableParallelism()));
  const done: Promise<void>[] = [];
  for (const [index, job] of writing.entries()) {
    if (index >= limit) await done[index - limit]!.then(() => undefined, () => undefined);
    const writingZip = writeZip(job.zipFile, job.entries).catch((error: unknown) => {
      throw new BuildError(`could not write ${path.relative(options.cwd, job.zipFile) || job.zipFile}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    // Handled here so a second failure, after the first is thrown below, is not an unhandled rejection.
    writingZip.catch(() => undefined);
    done.push(writingZip);
  }
  const written: string[] = [];
  const total = writing.length;
  for (const [index, job] of writing.entries()) {
    await done[index];
    written.push(job.zipFile);
    options.onProgress?.({ format: job.format, lang: job.lang, index: index + 1, total, files: job.entries.length, bytes: job.entries.reduce((sum, e) => sum + e.data.length, 0), zipFile: job.zipFile });
  }
  return written;
}
