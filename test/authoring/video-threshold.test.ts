// A recorded training's completion threshold: validated in course.yaml at file:line:col and
// carried by every package in the page's video config, where the LMS reads it at import.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { CourseInvalidError, buildCourse, validateCourse } from "../../authoring/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { defaultVideoId, halfVideoId, writeThresholdCourse } from "../support/threshold-course.js";
import { lineOf } from "./support/fixtures.js";

async function problemsOf(cwd: string): Promise<string[]> {
  const error = await validateCourse({ cwd, courseDir: "courses/fixture" }).then(() => undefined, (e: unknown) => e);
  expect(error).to.be.instanceOf(CourseInvalidError);
  return (error as CourseInvalidError).problems.map((p) => p.message);
}

describe("authoring: a recorded training's completion threshold", function () {
  this.timeout(60_000);

  for (const bad of [1.5, -0.1, "most"]) {
    it(`names file:line:col and the field for completionThreshold ${JSON.stringify(bad)}`, async () => {
      const cwd = await writeThresholdCourse(bad);
      const text = await readFile(path.join(cwd, "courses/fixture/course.yaml"), "utf8");
      const line = lineOf(text, "completionThreshold:");
      const column = text.split("\n")[line - 1]!.indexOf("completionThreshold:") + "completionThreshold: ".length + 1;
      expect(await problemsOf(cwd)).to.deep.equal([
        `courses/fixture/course.yaml:${line}:${column} modules[0].content[1].video.completionThreshold: must be a share of the video between 0 and 1`,
      ]);
    });
  }

  for (const format of ["cmi5", "xapi", "scorm2004"] as const) {
    it(`${format}: writes each video's threshold into the page's obuka-au config, 0.9 where the course names none`, async () => {
      const cwd = await writeThresholdCourse();
      const [zip] = await buildCourse({ cwd, courseDir: "courses/fixture", format, outDir: "dist" });
      const unpacked = path.join(cwd, "unpacked");
      await extractZip(zip!, unpacked);
      const html = await readFile(path.join(unpacked, "au/01/index.html"), "utf8");
      const config = JSON.parse(/<script type="application\/json" id="obuka-au">([\s\S]*?)<\/script>/.exec(html)![1]!) as { videos: { activityId: string; completionThreshold: number }[] };
      expect(config.videos.map((v) => [v.activityId, v.completionThreshold])).to.deep.equal([[halfVideoId, 0.5], [defaultVideoId, 0.9]]);
    });
  }
});
