// Loads a course through an injected file reader: parses course.yaml, then every file it
// refers to, and collects all problems before failing once.
import { CourseInvalidError, CourseSourceError } from "../errors.js";
import type { Content, Course, LangString, SourceContent, SourceOrigin, SourceRef } from "./course.js";
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
  course: Course;
  /** Media files to ship, relative to the course folder, sorted. */
  mediaFiles: string[];
}

/** Throws CourseInvalidError listing every problem, or returns the loaded course. */
export async function loadCourse(files: SourceFiles): Promise<LoadedCourse> {
  const courseFile = files.displayName(courseFileName);
  const text = await files.readText(courseFileName);
  if (text === undefined) throw new CourseInvalidError([new CourseSourceError(courseFile, 1, 1, "(file)", "not found: a course folder needs a course.yaml")]);
  const { course: source, source: yaml } = parseCourseYaml(courseFile, text);
  const problems: CourseSourceError[] = [...yaml.problems];
  if (!source) throw new CourseInvalidError(problems);

  const media = new Set<string>();
  const missing = (ref: SourceRef, what: string) => problem(ref.origin, `${what} not found: ${files.displayName(ref.path)}`);
  const problem = (origin: SourceOrigin, detail: string) => problems.push(new CourseSourceError(origin.file, origin.line, origin.column, origin.field, detail));

  const readMarkdown = async (refs: Readonly<Record<string, SourceRef>>, what: string): Promise<LangString> => {
    const result: Record<string, string> = {};
    for (const [lang, ref] of Object.entries(refs)) {
      const markdown = await files.readText(ref.path);
      if (markdown === undefined) missing(ref, what);
      else if (markdown.trim() === "") problem(ref.origin, `${what} is empty: ${files.displayName(ref.path)}`);
      else result[lang] = markdown;
    }
    return result;
  };

  const loadContent = async (item: SourceContent): Promise<Content> => {
    switch (item.kind) {
      case "page":
        return { kind: "page", markdown: await readMarkdown(item.files, "page") };
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
            media.add(ref.path);
          }
        }
        const transcript = item.transcript ? await readMarkdown(item.transcript, "transcript") : undefined;
        return { kind: "video", src: item.src.path, captions, title: item.title, transcript };
      }
      case "quiz": {
        const quizText = await files.readText(item.src.path);
        if (quizText === undefined) {
          missing(item.src, "quiz");
          return { kind: "quiz", quiz: { title: undefined, questions: [] } };
        }
        const parsed = parseQuizYaml(files.displayName(item.src.path), quizText, source.defaultLanguage);
        problems.push(...parsed.source.problems);
        return { kind: "quiz", quiz: parsed.quiz ?? { title: undefined, questions: [] } };
      }
    }
  };

  const modules = [];
  for (const module of source.modules) {
    const content: Content[] = [];
    for (const item of module.content) content.push(await loadContent(item));
    modules.push({ ...module, content });
  }
  if (problems.length) throw new CourseInvalidError(problems);
  return { course: { ...source, modules }, mediaFiles: [...media].sort() };
}
