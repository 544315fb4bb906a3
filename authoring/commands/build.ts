// `obuka build`: course folder → package zip(s) in the output folder.
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { languageTagPattern } from "../domain/source-fields.js";
import { packageFileName } from "../domain/package-layout.js";
import { BuildError, UsageError } from "../errors.js";
import { bundleRuntime } from "../package/bundle-runtime.js";
import { cmi5PackageEntries } from "../package/cmi5-package.js";
import { createAuRenderer } from "../package/render-au.js";
import { writeZip } from "../package/write-zip.js";
import { loadCourseDir } from "./load.js";

/** Formats the CLI can build; SCORM 1.2, SCORM 2004 and xAPI (tincan.xml) join here. */
export const packageFormats = ["cmi5"] as const;
export type PackageFormat = (typeof packageFormats)[number];

export interface BuildOptions {
  cwd: string;
  courseDir: string;
  format: string;
  outDir: string;
  /** Language of the pages; the course's defaultLanguage when omitted. */
  lang?: string | undefined;
}

const templatesDir = fileURLToPath(new URL("../templates/", import.meta.url));

/** Builds the course and returns the absolute paths of the zips written. */
export async function buildCourse(options: BuildOptions): Promise<string[]> {
  if (!(packageFormats as readonly string[]).includes(options.format)) {
    throw new UsageError(`unknown format "${options.format}" (known: ${packageFormats.join(", ")})`);
  }
  if (options.lang !== undefined && !languageTagPattern.test(options.lang)) throw new UsageError(`--lang must be a language tag such as sr-Latn, not "${options.lang}"`);
  const { loaded, files } = await loadCourseDir(options.cwd, options.courseDir);
  const lang = options.lang ?? loaded.course.defaultLanguage;

  const [template, style, runtimeScript] = await Promise.all([
    readFile(path.join(templatesDir, "au.hbs"), "utf8"),
    readFile(path.join(templatesDir, "obuka.css")),
    bundleRuntime(),
  ]);
  const media = new Map<string, Buffer>();
  for (const file of loaded.mediaFiles) media.set(file, await files.readBytes(file));

  let entries;
  try {
    entries = cmi5PackageEntries(loaded, { renderAu: createAuRenderer(template), runtimeScript, runtimeStyle: style, media }, lang);
  } catch (error) {
    throw new BuildError(`could not render the pages: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const outDir = path.resolve(options.cwd, options.outDir);
  const zipFile = path.join(outDir, packageFileName(loaded.course.id, options.format, options.lang));
  try {
    await mkdir(outDir, { recursive: true });
    await writeZip(zipFile, entries);
  } catch (error) {
    throw new BuildError(`could not write ${path.relative(options.cwd, zipFile) || zipFile}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return [zipFile];
}
