// A one-module course with two recorded trainings of the same 20.3 s file: the first names a
// completion threshold of 0.5, the second none (the default, 0.9, applies).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { writeFixtureCourse } from "../authoring/support/fixtures.js";
import { projectRoot } from "./tools.js";

export const thresholdCourseId = "https://example.org/courses/threshold";
export const thresholdModuleId = `${thresholdCourseId}/modules/1`;
/** The video activities the build names: `<module>/videos/<content index + 1>`. */
export const halfVideoId = `${thresholdModuleId}/videos/2`;
export const defaultVideoId = `${thresholdModuleId}/videos/3`;

export function thresholdCourse(halfThreshold: unknown = 0.5) {
  // A fresh object per video: the YAML writer would turn a shared one into an alias.
  const captions = () => ({ "sr-Latn": "media/uvod.sr-Latn.vtt" });
  return {
    id: thresholdCourseId,
    title: { "sr-Latn": "Prag gledanja" },
    description: { "sr-Latn": "Dva snimka" },
    modules: [
      {
        id: thresholdModuleId,
        title: { "sr-Latn": "Snimci" },
        description: { "sr-Latn": "Dva snimka obuke" },
        moveOn: "Completed",
        content: [
          { page: "pages/a.md" },
          { video: { src: "media/uvod.webm", title: { "sr-Latn": "Pola je dovoljno" }, captions: captions(), completionThreshold: halfThreshold } },
          { video: { src: "media/uvod.webm", title: { "sr-Latn": "Podrazumevani prag" }, captions: captions() } },
        ],
      },
    ],
  };
}

/** The course folder under `<root>/courses/fixture`. */
export async function writeThresholdCourse(halfThreshold: unknown = 0.5): Promise<string> {
  return writeFixtureCourse({
    "course.yaml": thresholdCourse(halfThreshold),
    "pages/a.md": "## Uvod\n\nDva snimka.",
    "media/uvod.webm": await readFile(path.join(projectRoot, "courses/pride-foster-care/media/uvod.webm")),
    "media/uvod.sr-Latn.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nDobro došli.\n",
  });
}
