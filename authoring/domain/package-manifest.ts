// What the SCORM and xAPI manifests share: the package's files by role, XML ids, titles.
import { escapeXml } from "./cmi5-xml.js";
import { type Course, pickLang } from "./course.js";

/** The files of a package, relative to the zip root, as the manifests list them. */
export interface PackageFiles {
  /** Module i's launch page. */
  pages: readonly string[];
  /** Everything the pages share: runtime, style, media, captions. */
  shared: readonly string[];
}

/** An xsd:ID (NCName) from free text: SCORM identifiers may not hold ':' or '/'. */
export function xmlId(prefix: string, text: string): string {
  const slug = text.replace(/[?#].*$/, "").replace(/\/+$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `${prefix}-${slug || "course"}`;
}

/** A plain title in the build language: SCORM titles carry one language only. */
export function titleIn(course: Course, text: Course["title"], lang: string): string {
  return escapeXml(pickLang(text, lang, course.defaultLanguage).text.trim());
}

/** `0.8` → `80`: SCORM 1.2 masteryscore is a 0–100 decimal; rounded so 0.07 gives 7, not 7.000000000000001. */
export function percent(score: number): string {
  return String(Math.round(score * 10000) / 100);
}

export function itemId(index: number): string {
  return `ITEM-${String(index + 1).padStart(2, "0")}`;
}

export function resourceId(index: number): string {
  return `RES-${String(index + 1).padStart(2, "0")}`;
}

export const sharedResourceId = "RES-SHARED";

export function fileLines(files: readonly string[], indent: string): string[] {
  return files.map((file) => `${indent}<file href="${escapeXml(file)}"/>`);
}
