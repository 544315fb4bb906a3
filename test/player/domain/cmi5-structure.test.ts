import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { listAus, listBlocks, parseCmi5Structure } from "../../../player/domain/cmi5-structure.js";
import { InvalidPackageError } from "../../../player/errors.js";
import { minimalCmi5Xml } from "../../support/raw-zip.js";

const examples = path.resolve(import.meta.dirname, "../../../../shared/standards/cmi5/examples");

describe("parseCmi5Structure", () => {
  it("reads the spec's complex example: blocks, AUs in order, moveOn and masteryScore", () => {
    const course = parseCmi5Structure(readFileSync(path.join(examples, "complex-cmi5.xml"), "utf8"));
    expect(course.id).to.equal("http://courses.example.edu/identifiers/courses/d07e186b");
    expect(course.title["en-US"]).to.equal("Geology");
    const aus = listAus(course.children);
    expect(aus.length).to.be.greaterThan(1);
    expect(listBlocks(course.children).length).to.be.greaterThan(0);
    for (const au of aus) expect(au.url).to.be.a("string").and.not.equal("");
  });

  it("reads the spec's simple example", () => {
    const course = parseCmi5Structure(readFileSync(path.join(examples, "simple-cmi5.xml"), "utf8"));
    expect(listAus(course.children)).to.have.length.greaterThan(0);
  });

  it("keeps moveOn, masteryScore and the default launchMethod", () => {
    const [au] = listAus(parseCmi5Structure(minimalCmi5Xml({ masteryScore: "0.8" })).children);
    expect(au).to.include({ moveOn: "CompletedAndPassed", masteryScore: 0.8, launchMethod: "AnyWindow", url: "index.html" });
  });

  const rejected: [string, string, RegExp][] = [
    ["not XML", "<courseStructure><course", /not well-formed|course element/],
    ["a relative course id (3.0.0.0-1 (d))", minimalCmi5Xml({ courseId: "courses/minimal" }), /fully qualified IRI/],
    ["an AU URL with a launch parameter (8.1.0.0-6 (d))", minimalCmi5Xml({ auUrl: "index.html?fetch=x" }), /launch parameter "fetch"/],
    ["an unknown moveOn", minimalCmi5Xml({ moveOn: "Sometimes" }), /@moveOn must be one of/],
    ["a masteryScore above 1", minimalCmi5Xml({ masteryScore: "1.5" }), /@masteryScore must be a decimal between 0 and 1/],
  ];
  for (const [what, xml, message] of rejected) {
    it(`rejects ${what}`, () => {
      expect(() => parseCmi5Structure(xml)).to.throw(InvalidPackageError, message);
    });
  }
});
