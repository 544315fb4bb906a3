// The cmi5 course structure (cmi5 section 13, CourseStructure.xsd), one AU per module.
import type { Course, LangString } from "./course.js";

export const cmi5Namespace = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

function langstrings(text: LangString, indent: string): string {
  return Object.entries(text)
    .map(([lang, value]) => `${indent}<langstring lang="${escapeXml(lang)}">${escapeXml(value.trim())}</langstring>`)
    .join("\n");
}

/** cmi5.xml for the course; `auUrls[i]` is module i's page, relative to the zip root (14.1.0.0-3). */
export function buildCmi5Xml(course: Course, auUrls: readonly string[]): string {
  const aus = course.modules.map((module, index) => {
    const mastery = module.masteryScore === undefined ? "" : ` masteryScore="${module.masteryScore}"`;
    return [
      `  <au id="${escapeXml(module.id)}" moveOn="${module.moveOn}"${mastery} launchMethod="${module.launchMethod}">`,
      `    <title>`,
      langstrings(module.title, "      "),
      `    </title>`,
      `    <description>`,
      langstrings(module.description, "      "),
      `    </description>`,
      `    <url>${escapeXml(auUrls[index]!)}</url>`,
      `  </au>`,
    ].join("\n");
  });
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<courseStructure xmlns="${cmi5Namespace}">`,
    `  <course id="${escapeXml(course.id)}">`,
    `    <title>`,
    langstrings(course.title, "      "),
    `    </title>`,
    `    <description>`,
    langstrings(course.description, "      "),
    `    </description>`,
    `  </course>`,
    ...aus,
    `</courseStructure>`,
    ``,
  ].join("\n");
}
