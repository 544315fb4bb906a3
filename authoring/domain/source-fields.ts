// Field readers shared by course.yaml and quiz YAML: IRIs, language maps, file references.
import type { LangString, SourceRef } from "./course.js";
import type { Located, YamlSource } from "./yaml-source.js";

export const iriPattern = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
export const languageTagPattern = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;
/** Ids used in HTML form names and interaction responses. */
export const localIdPattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function readIri(source: YamlSource, at: Located): string | undefined {
  return source.string(at, { pattern: iriPattern, describe: "an absolute IRI such as https://obuka.rs/courses/..." });
}

/** A text per language; must hold the course's default language. */
export function readLangString(source: YamlSource, at: Located, defaultLanguage: string, required = true): LangString | undefined {
  if (at.node === undefined) {
    if (required) source.report(at, `is required (a map of language to text, e.g. { ${defaultLanguage}: "..." })`);
    return undefined;
  }
  if (!source.isMap(at)) {
    source.report(at, `must be a map of language to text, e.g. { ${defaultLanguage}: "..." }`);
    return undefined;
  }
  const result: Record<string, string> = {};
  for (const { key, located } of source.keys(at)) {
    if (!languageTagPattern.test(key)) {
      source.report({ ...located, node: undefined }, "is not a language tag (BCP 47, e.g. sr-Latn, en)");
      continue;
    }
    const text = source.string(located);
    if (text !== undefined) result[key] = text;
  }
  if (result[defaultLanguage] === undefined && !source.keys(at).some((k) => k.key === defaultLanguage)) {
    source.report(at, `must have a text in the default language ${defaultLanguage}`);
  }
  return result;
}

/** A path relative to the course folder that cannot leave it. */
export function readFileRef(source: YamlSource, at: Located, extensions?: readonly string[]): SourceRef | undefined {
  const value = source.string(at);
  if (value === undefined) return undefined;
  const segments = value.split("/");
  if (value.startsWith("/") || value.includes("\\") || /^[a-z][a-z0-9+.-]*:/i.test(value) || segments.some((s) => s === ".." || s === "" || s === ".")) {
    source.report(at, "must be a relative path inside the course folder, with / separators (no .., no absolute paths)");
    return undefined;
  }
  if (extensions && !extensions.some((ext) => value.toLowerCase().endsWith(ext))) {
    source.report(at, `must be a ${extensions.join(" or ")} file`);
    return undefined;
  }
  return { path: value, origin: source.origin(at) };
}

/** Either one path, or a map of language to path. */
export function readFileRefs(source: YamlSource, at: Located, defaultLanguage: string, extensions: readonly string[]): Record<string, SourceRef> | undefined {
  if (source.isMap(at)) {
    const result: Record<string, SourceRef> = {};
    for (const { key, located } of source.keys(at)) {
      if (!languageTagPattern.test(key)) {
        source.report({ ...located, node: undefined }, "is not a language tag (BCP 47, e.g. sr-Latn, en)");
        continue;
      }
      const ref = readFileRef(source, located, extensions);
      if (ref) result[key] = ref;
    }
    if (!source.keys(at).some((k) => k.key === defaultLanguage)) source.report(at, `must have a file in the default language ${defaultLanguage}`);
    return result;
  }
  const ref = readFileRef(source, at, extensions);
  return ref ? { [defaultLanguage]: ref } : undefined;
}
