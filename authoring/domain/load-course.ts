// Loads a course through an injected file reader: parses course.yaml, then every file it
// refers to, and collects all problems before failing once.
import { CourseInvalidError, CourseSourceError } from "../errors.js";
import type { Content, Course, LangString, SourceContent, SourceOrigin, SourceRef } from "./course.js";
import { courseLanguages, deriveLanguages } from "./course-languages.js";
import { findMarkdownImages, resolveImagePath } from "./markdown-images.js";
import { parseCourseYaml } from "./parse-course.js";
import { parseQuizYaml } from "./parse-quiz.js";

/** The course folder as the core sees it; `store/` implements it on the filesystem. */
export interface SourceFiles {
  /** How a path inside the course folder is shown to the trainer (e.g. relative to the working directory). */
  displayName(relativePath: string): string;
  /** The file's text, or undefined when it does not exist. */
  readText(relativePath: string): Promise<string | undefined>;
  exists(relativePath: string): Promise<boolean>;
}

export const courseFileName = "course.yaml";

export interface LoadedCourse {
  /** With sr-Cyrl derived from sr-Latn in every text, and the author's escapes removed. */
  course: Course;
  /** Media files to ship, relative to the course folder, sorted (derived caption tracks included). */
  mediaFiles: string[];
  /** Files made by the build, shipped instead of reading the course folder (Cyrillic captions). */
  generatedFiles: ReadonlyMap<string, string>;
  /** The languages a build can target, the default language first. */
  languages: readonly string[];
}

/** Throws CourseInvalidError listing every problem, or returns the loaded course. */
export async function loadCourse(files: SourceFiles): Promise<LoadedCourse> {
  const courseFile = files.displayName(courseFileName);
  const text = await files.readText(courseFileName);
  if (text === undefined) throw new CourseInvalidError([new CourseSourceError(courseFile, 1, 1, "(file)", "not found: a course folder needs a course.yaml")]);
  const { course: source, source: yaml, contentItems, defaultLanguage } = parseCourseYaml(courseFile, text);
  const problems: CourseSourceError[] = [...yaml.problems];

  const media = new Set<string>();
  const captionTexts = new Map<string, string>();
  const missing = (ref: SourceRef, what: string) => problem(ref.origin, `${what} not found: ${files.displayName(ref.path)}`);
  const problem = (origin: SourceOrigin, detail: string) => problems.push(new CourseSourceError(origin.file, origin.line, origin.column, origin.field, detail));

  const readMarkdown = async (refs: Readonly<Record<string, SourceRef>>, what: string): Promise<LangString> => {
    const result: Record<string, string> = {};
    for (const [lang, ref] of Object.entries(refs)) {
      const markdown = await files.readText(ref.path);
      if (markdown === undefined) missing(ref, what);
      else if (markdown.trim() === "") problem(ref.origin, `${what} is empty: ${files.displayName(ref.path)}`);
      else {
        result[lang] = markdown;
        await checkImages(ref.path, markdown);
      }
    }
    return result;
  };

  // Markdown images need alt text (WCAG 1.1.1) and a file that exists, relative to the page.
  const checkImages = async (page: string, markdown: string) => {
    for (const image of findMarkdownImages(markdown)) {
      const at = { file: files.displayName(page), line: image.line, column: image.column, field: "image" };
      if (image.alt.trim() === "") problem(at, `![](${image.target}) needs alt text: describe the image in the brackets, e.g. ![Trener i roditelji u krugu](${image.target})`);
      if (image.target === undefined || /^[a-z][a-z0-9+.-]*:/i.test(image.target) || image.target.startsWith("#")) continue;
      const resolved = resolveImagePath(page, image.target);
      if (resolved === undefined) problem(at, `image ${image.target} must be a relative path inside the course folder`);
      else if (!(await files.exists(resolved))) problem(at, `image not found: ${files.displayName(resolved)}`);
      // Shipped in every package at the same path; the page renderer points the <img> there.
      else media.add(resolved);
    }
  };

  const loadContent = async (item: SourceContent): Promise<Content> => {
    switch (item.kind) {
      case "page":
        return { kind: "page", markdown: await readMarkdown(item.files, "page"), files: paths(item.files) };
      case "video": {
        if (await files.exists(item.src.path)) media.add(item.src.path);
        else missing(item.src, "video");
        const captions: Record<string, string> = {};
        for (const [lang, ref] of Object.entries(item.captions)) {
          const vtt = await files.readText(ref.path);
          if (vtt === undefined) missing(ref, `caption track (${lang})`);
          else if (!/^\uFEFF?WEBVTT(\s|$)/.test(vtt)) problem(ref.origin, `caption track ${files.displayName(ref.path)} is not WebVTT (it must start with "WEBVTT")`);
          else {
            captions[lang] = ref.path;
            captionTexts.set(ref.path, vtt);
            media.add(ref.path);
          }
        }
        const transcript = item.transcript ? await readMarkdown(item.transcript, "transcript") : undefined;
        return {
          kind: "video", src: item.src.path, captions, title: item.title, transcript,
          ...(item.transcript ? { transcriptFiles: paths(item.transcript) } : {}),
          ...(item.completionThreshold === undefined ? {} : { completionThreshold: item.completionThreshold }),
        };
      }
      case "quiz": {
        const quizText = await files.readText(item.src.path);
        if (quizText === undefined) {
          missing(item.src, "quiz");
          return { kind: "quiz", quiz: { title: undefined, questions: [] } };
        }
        const parsed = parseQuizYaml(files.displayName(item.src.path), quizText, defaultLanguage);
        problems.push(...parsed.source.problems);
        return { kind: "quiz", quiz: parsed.quiz ?? { title: undefined, questions: [] } };
      }
    }
  };

  if (!source) {
    // course.yaml has problems, but the files it does name can still be checked in the same pass.
    for (const item of contentItems) await loadContent(item);
    throw new CourseInvalidError(sortProblems(problems));
  }
  const modules = [];
  for (const module of source.modules) {
    const content: Content[] = [];
    for (const item of module.content) content.push(await loadContent(item));
    modules.push({ ...module, content });
  }
  if (problems.length) throw new CourseInvalidError(sortProblems(problems));
  const derived = deriveLanguages({ ...source, modules }, captionTexts, { keepLatin: source.keepLatin ?? [] });
  for (const file of derived.generatedFiles.keys()) media.add(file);
  return { course: derived.course, mediaFiles: [...media].sort(), generatedFiles: derived.generatedFiles, languages: courseLanguages(derived.course) };
}

/** By file, then line, then column: the order a trainer fixes them in. */
function sortProblems(problems: CourseSourceError[]): CourseSourceError[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

function paths(refs: Readonly<Record<string, SourceRef>>): LangString {
  return Object.fromEntries(Object.entries(refs).map(([lang, ref]) => [lang, ref.path]));
}
