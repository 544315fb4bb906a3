// course.yaml → CourseSource, or every problem found, each at file:line:col.
import { type Accreditation, launchMethods, moveOnValues, type ModuleOf, type SourceContent, type CourseSource } from "./course.js";
import { languageTagPattern, readFileRef, readFileRefs, readIri, readLangString } from "./source-fields.js";
import type { Located } from "./yaml-source.js";
import { YamlSource } from "./yaml-source.js";

const courseKeys = ["id", "defaultLanguage", "title", "description", "authors", "accreditation", "keepLatin", "modules"] as const;
const moduleKeys = ["id", "title", "description", "masteryScore", "moveOn", "launchMethod", "content"] as const;
const videoKeys = ["src", "captions", "title", "transcript", "completionThreshold"] as const;
const videoExtensions = [".webm", ".mp4"] as const;

export interface ParsedCourseYaml {
  course: CourseSource | undefined;
  source: YamlSource;
  /** Every content item that parsed, even when the course did not: their files are checked anyway. */
  contentItems: SourceContent[];
  defaultLanguage: string;
}

/** Parses course.yaml; `problems` is empty exactly when `course` is usable. */
export function parseCourseYaml(file: string, text: string): ParsedCourseYaml {
  const source = new YamlSource(file, text);
  const root = source.root;
  const contentItems: SourceContent[] = [];
  if (source.problems.length) return { course: undefined, source, contentItems, defaultLanguage: "sr-Latn" };
  if (!source.isMap(root)) {
    source.report(root, "course.yaml must be a mapping with id, title, description and modules");
    return { course: undefined, source, contentItems, defaultLanguage: "sr-Latn" };
  }
  source.rejectUnknownKeys(root, courseKeys);
  const defaultLanguage = source.string(source.child(root, "defaultLanguage"), { required: false, pattern: languageTagPattern, describe: "a language tag such as sr-Latn" }) ?? "sr-Latn";
  const id = readIri(source, source.child(root, "id"));
  const title = readLangString(source, source.child(root, "title"), defaultLanguage);
  const description = readLangString(source, source.child(root, "description"), defaultLanguage);
  const authors = source.items(source.child(root, "authors"), false).flatMap((item) => source.string(item) ?? []);
  const accreditationAt = source.child(root, "accreditation");
  const declared = readAccreditation(source, accreditationAt);
  const keepLatin = source.items(source.child(root, "keepLatin"), false).flatMap((item) => source.string(item) ?? []);
  const modulesAt = source.child(root, "modules");
  const moduleItems = source.items(modulesAt);
  if (moduleItems.length === 0 && modulesAt.node !== undefined) source.report(modulesAt, "must list at least one module");
  const modules = moduleItems.map((at) => readModule(source, at, defaultLanguage, contentItems));

  const accreditation = declared && settleKnowledgeCheck(source, accreditationAt, declared, modules);

  const seen = new Map<string, string>();
  for (const [index, module] of modules.entries()) {
    if (!module) continue;
    const at = source.child(moduleItems[index]!, "id");
    if (module.id === id) source.report(at, "must differ from the course id (cmi5 13.1.4.0-1: ids are unique in the course structure)");
    const previous = seen.get(module.id);
    if (previous) source.report(at, `repeats the id of ${previous} (cmi5 13.1.4.0-1: AU ids must be unique)`);
    seen.set(module.id, `modules[${index}]`);
  }

  if (source.problems.length || id === undefined || title === undefined || description === undefined || modules.some((m) => m === undefined)) {
    return { course: undefined, source, contentItems, defaultLanguage };
  }
  return {
    course: { id, defaultLanguage, title, description, authors, accreditation, ...(keepLatin.length ? { keepLatin } : {}), modules: modules as ModuleOf<SourceContent>[] },
    source,
    contentItems,
    defaultLanguage,
  };
}

type DeclaredAccreditation = Omit<Accreditation, "knowledgeCheck"> & { knowledgeCheck: boolean | undefined };

function readAccreditation(source: YamlSource, at: Located): DeclaredAccreditation | undefined {
  if (at.node === undefined) return undefined;
  source.rejectUnknownKeys(at, ["licensingBody", "programme", "points", "validityYears", "knowledgeCheck", "example"]);
  const licensingBody = source.string(source.child(at, "licensingBody"));
  const programme = source.string(source.child(at, "programme"));
  const points = source.number(source.child(at, "points"), { min: 0, describe: "a number of credit points, 0 or more" });
  const validityYears = source.number(source.child(at, "validityYears"), { min: 0, describe: "a number of years, 0 or more" });
  const knowledgeCheck = source.boolean(source.child(at, "knowledgeCheck"));
  const example = source.boolean(source.child(at, "example")) ?? false;
  if (licensingBody === undefined || programme === undefined || points === undefined || validityYears === undefined) return undefined;
  return { licensingBody, programme, points, validityYears, knowledgeCheck, example };
}

/**
 * A knowledge check is a module quiz with a mastery score: a declared `knowledgeCheck: true`
 * without one would earn points the course cannot justify, so it is an error; left out, it
 * is read off the modules.
 */
function settleKnowledgeCheck(
  source: YamlSource,
  at: Located,
  declared: DeclaredAccreditation,
  modules: readonly (ModuleOf<SourceContent> | undefined)[],
): Accreditation {
  const hasCheck = modules.some((m) => m !== undefined && m.masteryScore !== undefined && m.content.some((item) => item.kind === "quiz"));
  if (declared.knowledgeCheck === true && !hasCheck && modules.every((m) => m !== undefined)) {
    source.report(source.child(at, "knowledgeCheck"), "is true, but no module has a quiz with a masteryScore");
  }
  return { ...declared, knowledgeCheck: declared.knowledgeCheck ?? hasCheck };
}

function readModule(source: YamlSource, at: Located, defaultLanguage: string, found: SourceContent[]): ModuleOf<SourceContent> | undefined {
  if (!source.isMap(at)) {
    source.report(at, "must be a mapping with id, title, description and content");
    return undefined;
  }
  source.rejectUnknownKeys(at, moduleKeys);
  const id = readIri(source, source.child(at, "id"));
  const title = readLangString(source, source.child(at, "title"), defaultLanguage);
  const description = readLangString(source, source.child(at, "description"), defaultLanguage);
  const masteryScore = source.number(source.child(at, "masteryScore"), { required: false, min: 0, max: 1, describe: "a number between 0 and 1" });
  const moveOn = source.oneOf(source.child(at, "moveOn"), moveOnValues, "CompletedAndPassed");
  const launchMethod = source.oneOf(source.child(at, "launchMethod"), launchMethods, "AnyWindow");
  const contentAt = source.child(at, "content");
  const items = source.items(contentAt);
  if (items.length === 0 && contentAt.node !== undefined) source.report(contentAt, "must list at least one page, video or quiz");
  const content = items.map((item) => readContent(source, item, defaultLanguage));
  found.push(...content.filter((c): c is SourceContent => c !== undefined));
  const quizzes = content.filter((c) => c?.kind === "quiz").length;
  if (quizzes > 1) source.report(contentAt, "may hold at most one quiz per module (one passed/failed per AU in cmi5)");
  if (moveOn !== undefined && (moveOn === "Passed" || moveOn === "CompletedAndPassed" || moveOn === "CompletedOrPassed") && quizzes === 0 && items.length > 0) {
    source.report(source.child(at, "moveOn"), `${moveOn} needs a quiz in the module's content to pass`);
  }
  if (masteryScore !== undefined && quizzes === 0 && items.length > 0) source.report(source.child(at, "masteryScore"), "is set but the module has no quiz");
  if (id === undefined || title === undefined || description === undefined || moveOn === undefined || launchMethod === undefined || content.some((c) => c === undefined)) return undefined;
  return { id, title, description, masteryScore, moveOn, launchMethod, content: content as SourceContent[] };
}

function readContent(source: YamlSource, at: Located, defaultLanguage: string): SourceContent | undefined {
  const kinds = source.keys(at).map((k) => k.key);
  if (!source.isMap(at) || kinds.length !== 1) {
    source.report(at, "must be exactly one of { page: ... }, { video: ... } or { quiz: ... }");
    return undefined;
  }
  const kind = kinds[0]!;
  const value = source.child(at, kind);
  switch (kind) {
    case "page": {
      const files = readFileRefs(source, value, defaultLanguage, [".md"]);
      return files ? { kind: "page", files } : undefined;
    }
    case "quiz": {
      const src = readFileRef(source, source.isMap(value) ? source.child(value, "src") : value, [".yaml", ".yml"]);
      return src ? { kind: "quiz", src } : undefined;
    }
    case "video": {
      if (!source.isMap(value)) {
        source.report(value, "must be a mapping with src, captions and title");
        return undefined;
      }
      source.rejectUnknownKeys(value, videoKeys);
      const src = readFileRef(source, source.child(value, "src"), videoExtensions);
      const captionsAt = source.child(value, "captions");
      let captions: Record<string, ReturnType<typeof readFileRef> & object> | undefined;
      if (!source.isMap(captionsAt)) {
        source.report(captionsAt, `${captionsAt.node === undefined ? "is required" : "must be a map"}: a WebVTT caption track per language, e.g. { ${defaultLanguage}: media/video.${defaultLanguage}.vtt } (recorded trainings must be captioned)`);
      } else {
        captions = readFileRefs(source, captionsAt, defaultLanguage, [".vtt"]);
      }
      const title = readLangString(source, source.child(value, "title"), defaultLanguage);
      const transcriptAt = source.child(value, "transcript");
      const transcript = transcriptAt.node === undefined ? undefined : readFileRefs(source, transcriptAt, defaultLanguage, [".md"]);
      const thresholdAt = source.child(value, "completionThreshold");
      const completionThreshold = source.number(thresholdAt, { required: false, min: 0, max: 1, describe: "a share of the video between 0 and 1" });
      if (!src || !captions || !title || (transcriptAt.node !== undefined && !transcript) || (thresholdAt.node !== undefined && completionThreshold === undefined)) return undefined;
      return { kind: "video", src, captions, title, transcript, ...(completionThreshold === undefined ? {} : { completionThreshold }) };
    }
    default:
      source.report({ ...value, node: undefined }, "unknown content kind (expected page, video or quiz)");
      return undefined;
  }
}
