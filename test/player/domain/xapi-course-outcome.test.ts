import { expect } from "chai";
import type { XapiPackage } from "../../../player/domain/content-package.js";
import { xapiCourseActivityId, xapiCourseOutcome, xapiCourseStatement } from "../../../player/domain/xapi-course-outcome.js";
import { summarizeXapiActivities } from "../../../player/domain/xapi-progress.js";

const course = "https://obuka.rs/courses/c";
const pkg: XapiPackage = {
  format: "xapi",
  identifier: course,
  title: { "sr-Latn": "Obuka" },
  activities: [
    { id: course, type: "http://adlnet.gov/expapi/activities/course", name: {}, description: {}, launch: "au/01/index.html" },
    { id: `${course}/m1`, type: undefined, name: {}, description: {}, launch: "au/01/index.html" },
    { id: `${course}/m2`, type: undefined, name: {}, description: {}, launch: "au/02/index.html" },
    { id: `${course}/m2/q`, type: undefined, name: {}, description: {}, launch: undefined },
  ],
};
const verb = (v: string) => `http://adlnet.gov/expapi/verbs/${v}`;

describe("xAPI course outcome (the package's rule, judged by the LMS)", () => {
  const cases: [string, [string, string][], string[]][] = [
    ["nothing yet", [], []],
    ["one module of two completed", [["completed", "m1"]], []],
    ["every module completed", [["completed", "m1"], ["completed", "m2"]], ["completed"]],
    ["every module completed and passed", [["completed", "m1"], ["completed", "m2"], ["passed", "m1"], ["passed", "m2"]], ["completed", "passed"]],
    ["a module failed, then passed", [["completed", "m1"], ["completed", "m2"], ["passed", "m1"], ["failed", "m2"], ["passed", "m2"]], ["completed", "passed"]],
    ["a module only failed", [["passed", "m1"], ["failed", "m2"]], []],
    ["the course activity itself completed", [["completed", ""]], ["completed"]],
    ["a non-launchable activity does not count as a module", [["completed", "m1"], ["completed", "m2/q"]], []],
  ];
  for (const [name, outcomes, expected] of cases) {
    it(`${name}: ${expected.join(" and ") || "nothing to record"}`, () => {
      const activities = summarizeXapiActivities(pkg, outcomes.map(([v, id]) => ({ verb: verb(v), objectId: id ? `${course}/${id}` : course })));
      expect(xapiCourseOutcome(pkg, activities)).to.deep.equal(expected);
    });
  }

  it("writes the LMS's statement about its own course id, with the registration and, on passed, the score", () => {
    const actor = { objectType: "Agent" as const, name: "L", account: { homePage: "https://obuka.test", name: "u1" } };
    const statement = xapiCourseStatement({ actor, course: { id: course, title: "Obuka" }, registration: "r1", verb: "passed", scaled: 0.9, id: "s1", timestamp: "2026-01-01T00:00:00.000Z" });
    expect(xapiCourseActivityId(course)).to.match(/^urn:obuka:xapi:course:[0-9a-f]{32}$/).and.not.equal(xapiCourseActivityId(`${course}/m1`));
    expect(statement).to.deep.include({ verb: { id: verb("passed"), display: { "en-US": "passed" } }, result: { success: true, completion: true, score: { scaled: 0.9 } } });
    expect((statement.object as { id: string }).id).to.equal(xapiCourseActivityId(course));
    expect((statement.context as { registration: string }).registration).to.equal("r1");
  });
});
