// tincan.xml, the xAPI package descriptor (Rustici's TinCan packaging): the course activity
// and one module activity per module, each with the page that launches it.
import { escapeXml } from "./cmi5-xml.js";
import type { Course, LangString } from "./course.js";

export const tincanNamespace = "http://projecttincan.com/tincan.xsd";
export const activityTypes = {
  course: "http://adlnet.gov/expapi/activities/course",
  module: "http://adlnet.gov/expapi/activities/module",
} as const;

function langElements(element: "name" | "description", text: LangString, indent: string): string[] {
  return Object.entries(text).map(([lang, value]) => `${indent}<${element} lang="${escapeXml(lang)}">${escapeXml(value.trim())}</${element}>`);
}

/** `pages[i]` launches module i; the course launches the first module (LMSs start at the course). */
export function buildTincanXml(course: Course, pages: readonly string[], lang: string): string {
  const activity = (id: string, type: string, title: LangString, description: LangString, launch: string | undefined) => [
    `    <activity id="${escapeXml(id)}" type="${type}">`,
    ...langElements("name", title, "      "),
    ...langElements("description", description, "      "),
    ...(launch === undefined ? [] : [`      <launch lang="${escapeXml(lang)}">${escapeXml(launch)}</launch>`]),
    `    </activity>`,
  ];
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<tincan xmlns="${tincanNamespace}">`,
    `  <activities>`,
    ...activity(course.id, activityTypes.course, course.title, course.description, pages[0]),
    ...course.modules.flatMap((module, index) => activity(module.id, activityTypes.module, module.title, module.description, pages[index])),
    `  </activities>`,
    `</tincan>`,
    ``,
  ].join("\n");
}
