import { expect } from "chai";
import { grantCovers, scormLaunchPath } from "../../../player/domain/launch-links.js";

describe("launch link grants", () => {
  const grant = { userId: "u1", packageId: "p1" };
  const table: [string, Record<string, unknown>, boolean][] = [
    ["/scorm/launch", { package: "p1", sco: "a" }, true],
    ["/scorm/launch", { package: "p2" }, false],
    ["/scorm/launch", {}, false],
    ["/content/p1/sco.html", {}, true],
    ["/content/p2/sco.html", {}, false],
    ["/content/p1", {}, false],
    ["/api/scorm/sessions/s1/commit", {}, true],
    ["/api/scorm/sessions/s1/navigate", {}, true],
    ["/api/scorm/sessions/s1/cmi", {}, true],
    ["/api/scorm/sessions/s1/other", {}, false],
    ["/my-learning", {}, false],
    ["/api/registrations/r1", {}, false],
    ["/xapi-course", { package: "p1" }, false],
  ];
  for (const [path, query, covered] of table) {
    it(`${covered ? "covers" : "does not cover"} ${path} ${JSON.stringify(query)}`, () => {
      expect(grantCovers(grant, path, query)).to.equal(covered);
    });
  }

  it("writes the launch page path of a SCO, with browse when asked", () => {
    expect(scormLaunchPath({ packageId: "p 1", itemId: "sco&2", mode: "browse" })).to.equal("/scorm/launch?package=p+1&sco=sco%262&mode=browse");
    expect(scormLaunchPath({ packageId: "p1", itemId: undefined, mode: undefined })).to.equal("/scorm/launch?package=p1");
  });
});
