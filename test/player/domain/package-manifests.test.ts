import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { type ScormPackage, listScormItems } from "../../../player/domain/content-package.js";
import { checkReferencedFiles, findManifest, parseManifest, parseStandaloneCmi5 } from "../../../player/domain/package-contents.js";
import { parseScormManifest, scaledPassingScoreOf } from "../../../player/domain/scorm-manifest.js";
import { parseTincanXml } from "../../../player/domain/tincan-structure.js";
import { InvalidPackageError } from "../../../player/errors.js";
import { hasXmllint, requireTool, standardsDir, validateXml } from "../../support/tools.js";
import { cmi5Xml, scorm12Manifest, scorm2004Manifest, tincanXml } from "../support/package-fixtures.js";

function errorOf(work: () => unknown): InvalidPackageError {
  try {
    work();
  } catch (error) {
    expect(error).to.be.instanceOf(InvalidPackageError);
    return error as InvalidPackageError;
  }
  throw new Error("expected an InvalidPackageError");
}

const itemById = (pkg: ScormPackage, id: string) => pkg.organizations.flatMap((o) => listScormItems(o.items)).find((i) => i.identifier === id)!;

describe("package manifests", () => {
  describe("the hand-written fixtures are valid by the official XSDs", () => {
    const cases: [string, string, string, string | undefined][] = [
      ["SCORM 1.2", scorm12Manifest, "scorm12/scorm12-manifest-driver.xsd", undefined],
      ["SCORM 2004 4th ed.", scorm2004Manifest("2004 4th Edition"), "scorm2004-4ed/scorm2004-manifest-driver.xsd", "scorm2004-4ed/catalog.xml"],
      ["SCORM 2004 3rd ed.", scorm2004Manifest("2004 3rd Edition"), "scorm2004-4ed/scorm2004-manifest-driver.xsd", "scorm2004-4ed/catalog.xml"],
      ["cmi5", cmi5Xml, "cmi5/CourseStructure.xsd", undefined],
    ];
    for (const [what, xml, xsd, catalog] of cases) {
      it(`${what} passes xmllint`, async function () {
        requireTool(this, "xmllint", await hasXmllint());
        const dir = await mkdtemp(path.join(os.tmpdir(), "obuka-manifest-"));
        const file = path.join(dir, "manifest.xml");
        await writeFile(file, xml);
        await validateXml(file, path.join(standardsDir, xsd), catalog && path.join(standardsDir, catalog));
      });
    }
  });

  describe("SCORM 1.2", () => {
    const pkg = parseScormManifest(scorm12Manifest);

    it("detects SCORM 1.2 from schemaversion and namespaces, and takes the default organization's title", () => {
      expect(pkg).to.include({ format: "scorm12", edition: "1.2", identifier: "com.example.odd-scorm12", defaultOrganization: "org-full" });
      expect(pkg.title).to.deep.equal({ und: "Hraniteljstvo: puna obuka" });
      expect(pkg.metadata).to.deep.equal({ schema: "ADL SCORM", schemaVersion: "1.2", location: "meta/course.xml" });
      expect(pkg.organizations.map((o) => o.identifier)).to.deep.equal(["org-short", "org-full"]);
    });

    it("keeps nested items in order and applies the xml:base chain and item parameters to launches", () => {
      const full = pkg.organizations[1]!;
      expect(listScormItems(full.items).map((i) => i.identifier)).to.deep.equal(["part-1", "part-1-a", "lesson-1", "lesson-2"]);
      expect(full.items[0]!.children[0]!.children[0]!.launch).to.equal("content/sco/modul%201/uvod/index.html?strana=2");
      expect(itemById(pkg, "lesson-2").launch).to.equal("content/sco/quiz.html");
      expect(pkg.resources.find((r) => r.identifier === "res-intro")).to.deep.include({
        scormType: "sco",
        files: ["content/sco/modul%201/uvod/index.html", "content/sco/modul%201/uvod/slika.svg"],
        dependencies: ["res-shared"],
      });
    });

    it("detects SCORM 1.2 by its namespaces when the manifest has no metadata, whatever the prefixes", () => {
      const prefixed = `<cp:manifest identifier="m" xmlns:cp="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:a="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <cp:organizations><cp:organization identifier="o"><cp:title>T</cp:title><cp:item identifier="i" identifierref="r"><cp:title>I</cp:title></cp:item></cp:organization></cp:organizations>
  <cp:resources><cp:resource identifier="r" type="webcontent" a:scormtype="sco" href="a.html"/></cp:resources>
</cp:manifest>`;
      expect(parseScormManifest(prefixed)).to.deep.include({ format: "scorm12", edition: "1.2", defaultOrganization: "o" });
      expect(errorOf(() => parseScormManifest(prefixed.replace(`a:scormtype`, `scormtype`))).message).to.match(/adlcp:scormtype must be "sco" or "asset"/);
    });

    it("reads mastery score, time limits, prerequisites, visibility and data from the LMS", () => {
      expect(itemById(pkg, "lesson-1")).to.deep.include({ masteryScore: 80, maxTimeAllowed: "00:30:00", timeLimitAction: "continue,no message", dataFromLms: "mode=review" });
      expect(itemById(pkg, "lesson-2")).to.deep.include({ isVisible: false, prerequisites: "lesson-1", masteryScore: undefined });
    });
  });

  describe("SCORM 2004", () => {
    it("tells the 2nd, 3rd and 4th editions apart by schemaversion", () => {
      expect(parseScormManifest(scorm2004Manifest("CAM 1.3")).edition).to.equal("2nd");
      expect(parseScormManifest(scorm2004Manifest("2004 3rd Edition")).edition).to.equal("3rd");
      expect(parseScormManifest(scorm2004Manifest("2004 4th Edition"))).to.include({ format: "scorm2004", edition: "4th" });
    });

    it("reads the completion threshold as 3rd edition text and as 4th edition attributes", () => {
      expect(itemById(parseScormManifest(scorm2004Manifest("2004 3rd Edition")), "sco-1").completionThreshold).to.deep.equal({ completedByMeasure: true, minProgressMeasure: 0.6, progressWeight: 1 });
      expect(itemById(parseScormManifest(scorm2004Manifest()), "sco-1").completionThreshold).to.deep.equal({ completedByMeasure: true, minProgressMeasure: 0.75, progressWeight: 0.5 });
    });

    it("parses sequencing into typed data with the XSD defaults, merging the sequencing collection under local elements", () => {
      const pkg = parseScormManifest(scorm2004Manifest());
      const organization = pkg.organizations[0]!;
      expect(organization.objectivesGlobalToSystem).to.equal(false);
      expect(organization.sequencing!.controlMode).to.deep.equal({ choice: true, choiceExit: true, flow: true, forwardOnly: false, useCurrentAttemptObjectiveInfo: true, useCurrentAttemptProgressInfo: true });

      const module = itemById(pkg, "module-1").sequencing!;
      expect(module.controlMode).to.include({ choice: false, flow: true, forwardOnly: true });
      expect(module.sequencingRules.pre).to.deep.equal([
        {
          conditionCombination: "any",
          conditions: [
            { condition: "satisfied", operator: "noOp", referencedObjective: undefined, measureThreshold: undefined },
            { condition: "attemptLimitExceeded", operator: "not", referencedObjective: undefined, measureThreshold: undefined },
          ],
          action: "skip",
        },
      ]);
      expect(module.sequencingRules.post[0]).to.deep.include({ action: "exitParent", conditionCombination: "all" });
      expect(module.sequencingRules.post[0]!.conditions[0]).to.deep.include({ condition: "objectiveMeasureGreaterThan", measureThreshold: 0.5, referencedObjective: "obj-module" });
      expect(module.limitConditions.attemptLimit).to.equal(3);
      expect(module.rollupRules).to.deep.equal({
        rollupObjectiveSatisfied: true,
        rollupProgressCompletion: true,
        objectiveMeasureWeight: 0.5,
        rules: [{ childActivitySet: "atLeastCount", minimumCount: 1, minimumPercent: 0, conditionCombination: "any", conditions: [{ condition: "satisfied", operator: "noOp" }], action: "satisfied" }],
      });
      expect(module.randomizationControls).to.deep.equal({ randomizationTiming: "onEachNewAttempt", selectCount: undefined, reorderChildren: true, selectionTiming: "never" });
      expect(module.rollupConsiderations.requiredForSatisfied).to.equal("ifAttempted");

      const sco1 = itemById(pkg, "sco-1");
      expect(sco1.sequencing!.controlMode.choiceExit).to.equal(false); // from the collection
      expect(sco1.sequencing!.deliveryControls).to.deep.equal({ tracked: true, completionSetByContent: true, objectiveSetByContent: true });
      expect(sco1.sequencing!.objectives.primary).to.deep.equal({
        objectiveId: "obj-sco-1",
        satisfiedByMeasure: true,
        minNormalizedMeasure: 0.7,
        mapInfo: [{ targetObjectiveId: "urn:obuka:obj:modul-1", readSatisfiedStatus: true, readNormalizedMeasure: true, writeSatisfiedStatus: true, writeNormalizedMeasure: false }],
      });
      expect(sco1.sequencing!.objectives.secondary.map((o) => o.objectiveId)).to.deep.equal(["obj-extra"]);
      expect(scaledPassingScoreOf(sco1)).to.equal(0.7);
      expect(sco1.hideLmsUi).to.deep.equal(["previous", "continue"]);
      expect(itemById(pkg, "sco-2").sequencing!.objectives.primary).to.equal(undefined);
      expect(itemById(pkg, "sco-2").launch).to.equal("lekcije/2/index.html?jezik=sr&deo=2");
    });
  });

  describe("xAPI (tincan.xml)", () => {
    it("reads a tincan.xml that starts with a UTF-8 BOM and picks the course activity", () => {
      const pkg = parseTincanXml(tincanXml);
      expect(pkg.identifier).to.equal("https://example.org/xapi/kurs");
      expect(pkg.title).to.deep.equal({ "sr-Latn": "Kurs sa BOM oznakom", en: "Course with a BOM" });
      expect(pkg.activities.map((a) => a.launch)).to.deep.equal(["moduli/a.html", "start/index.html?od=pocetka", undefined]);
    });
  });

  describe("detection", () => {
    it("finds the manifest at the root, cmi5 first, and none in a sub-folder", () => {
      expect(findManifest(new Set(["imsmanifest.xml", "a.html"]))).to.equal("imsmanifest.xml");
      expect(findManifest(new Set(["tincan.xml"]))).to.equal("tincan.xml");
      expect(findManifest(new Set(["cmi5.xml", "imsmanifest.xml"]))).to.equal("cmi5.xml");
      expect(findManifest(new Set(["sub/imsmanifest.xml"]))).to.equal(undefined);
    });
  });

  describe("rejections", () => {
    const scorm12 = (from: string, to: string) => scorm12Manifest.replace(from, to);
    const scorm2004 = (from: string, to: string) => scorm2004Manifest().replace(from, to);
    const cases: [string, () => unknown, RegExp][] = [
      ["malformed XML, naming file, line and column", () => parseScormManifest("<manifest>\n  <organizations>\n</manifest>"), /^imsmanifest\.xml:3:\d+: not well-formed XML/],
      ["an entity declaration", () => parseScormManifest(`<!DOCTYPE m [<!ENTITY a "aaaa">]><manifest/>`), /entity declarations are not allowed/],
      ["a root that is not a CP manifest", () => parseScormManifest(`<manifest xmlns="urn:other"/>`), /IMS Content Packaging <manifest>/],
      ["an unknown schemaversion", () => parseScormManifest(scorm12("<schemaversion>1.2</schemaversion>", "<schemaversion>1.1</schemaversion>")), /schemaversion "1\.1" is not a SCORM version/],
      ["a schemaversion that contradicts the namespace", () => parseScormManifest(scorm12("<schemaversion>1.2</schemaversion>", "<schemaversion>2004 4th Edition</schemaversion>")), /does not match the manifest's namespace/],
      ["a SCORM 2004 manifest without schemaversion", () => parseScormManifest(scorm2004("<schemaversion>2004 4th Edition</schemaversion>", "")), /needs manifest\/metadata\/schemaversion/],
      ["a duplicate identifier", () => parseScormManifest(scorm12(`identifier="lesson-2"`, `identifier="lesson-1"`)), /identifier "lesson-1" is used more than once/],
      ["an identifierref to no resource", () => parseScormManifest(scorm12(`identifierref="res-quiz"`, `identifierref="res-missing"`)), /@identifierref "res-missing" names no resource/],
      ["a default naming no organization", () => parseScormManifest(scorm12(`default="org-full"`, `default="org-none"`)), /@default "org-none" names no organization/],
      ["a missing scormtype", () => parseScormManifest(scorm12(`adlcp:scormtype="asset"`, "")), /adlcp:scormtype must be "sco" or "asset", got nothing/],
      ["a wrong scormType value", () => parseScormManifest(scorm2004(`adlcp:scormType="asset"`, `adlcp:scormType="page"`)), /adlcp:scormType must be "sco" or "asset", got "page"/],
      ["a SCO without href", () => parseScormManifest(scorm12(`adlcp:scormtype="sco" href="quiz.html"`, `adlcp:scormtype="sco"`)), /is a SCO, so it needs @href/],
      ["a masteryscore above 100", () => parseScormManifest(scorm12("<adlcp:masteryscore>80</adlcp:masteryscore>", "<adlcp:masteryscore>180</adlcp:masteryscore>")), /masteryscore must be a number from 0 to 100/],
      ["a timelimitaction out of the vocabulary", () => parseScormManifest(scorm12("continue,no message", "stop")), /timeLimitAction must be one of/],
      ["a dependency on no resource", () => parseScormManifest(scorm12(`<dependency identifierref="res-shared"/>`, `<dependency identifierref="res-x"/>`)), /depends on "res-x", which is not a resource/],
      ["an organization without items", () => parseScormManifest(scorm12(`<item identifier="short-1" identifierref="res-intro">\n        <title>Uvod</title>\n      </item>`, "")), /has no <item>/],
      ["a 2004 leaf item without a resource", () => parseScormManifest(scorm2004(`identifierref="res-sco-2" parameters="deo=2"`, "")), /leaf item, so it must reference a resource/],
      ["a sequencing rule action out of the vocabulary", () => parseScormManifest(scorm2004(`action="skip"`, `action="jump"`)), /@action must be one of skip, disabled/],
      ["a rollup condition out of the vocabulary", () => parseScormManifest(scorm2004(`<imsss:rollupCondition condition="satisfied"/>`, `<imsss:rollupCondition condition="always"/>`)), /@condition must be one of/],
      ["an IDRef to no collection entry", () => parseScormManifest(scorm2004(`IDRef="seq-common"/>`, `IDRef="seq-none"/>`)), /@IDRef "seq-none" names no sequencing/],
      ["a measure out of range", () => parseScormManifest(scorm2004("<imsss:minNormalizedMeasure>0.7<", "<imsss:minNormalizedMeasure>1.7<")), /minNormalizedMeasure must be a decimal from -1 to 1/],
      ["a boolean that is not one", () => parseScormManifest(scorm2004(`forwardOnly="true"`, `forwardOnly="yes"`)), /@forwardOnly must be true or false/],
      ["an xml:base that is not a URL reference", () => parseScormManifest(scorm12(`xml:base="sco/"`, `xml:base="http://[broken/"`)), /xml:base "http:\/\/\[broken\/" is not a valid URL reference/],
      ["a hideLMSUI value out of the vocabulary", () => parseScormManifest(scorm2004("<adlnav:hideLMSUI>previous<", "<adlnav:hideLMSUI>back<")), /must be one of abandon, continue/],
      ["elements nested absurdly deep", () => parseTincanXml(`<tincan xmlns="http://projecttincan.com/tincan.xsd">${"<a>".repeat(100_000)}${"</a>".repeat(100_000)}</tincan>`), /nested|not well-formed/],
      ["a tincan.xml with a relative activity id", () => parseTincanXml(tincanXml.replace("https://example.org/xapi/kurs", "kurs")), /must be an absolute IRI/],
      ["a tincan.xml with a duplicate activity id", () => parseTincanXml(tincanXml.replace("https://example.org/xapi/pitanje-1", "https://example.org/xapi/kurs")), /used more than once/],
      ["a tincan.xml with nothing to launch", () => parseTincanXml(tincanXml.replace(/<launch[^>]*>[^<]*<\/launch>/g, "")), /no activity has a <launch>/],
      ["a cmi5.xml with a duplicate objective id", () => parseManifest("cmi5.xml", cmi5Xml.replace("https://example.org/cmi5/odd/objective/1", "https://example.org/cmi5/odd/au/2")), /used more than once/],
      ["a cmi5 AU URL that is not RFC 1738", () => parseManifest("cmi5.xml", cmi5Xml.replace("au/jedan/index.html?tema=plava", "au/jedan/index 1.html")), /is not a valid URL \(RFC 1738\)/],
      ["a cmi5 AU URL with a launch parameter name", () => parseManifest("cmi5.xml", cmi5Xml.replace("?tema=plava", "?tema=plava&amp;registration=x")), /must not contain the launch parameter "registration"/],
      ["a cmi5 AU id that is not absolute", () => parseManifest("cmi5.xml", cmi5Xml.replace(`id="https://example.org/cmi5/odd/au/1"`, `id="au-1"`)), /must be a fully qualified IRI/],
      ["a cmi5.xml alone with a relative AU URL (14.2.0.0-1)", () => parseStandaloneCmi5(cmi5Xml), /must use fully qualified URLs \(cmi5 14\.2\.0\.0-1\)/],
    ];
    for (const [what, work, message] of cases) {
      it(`refuses ${what}`, () => {
        expect(errorOf(work).message).to.match(message);
      });
    }

    it("refuses files referenced but absent, and paths that climb out of the package", () => {
      const pkg = parseScormManifest(scorm12Manifest);
      const present = new Set(["content/sco/modul 1/uvod/index.html", "content/sco/modul 1/uvod/slika.svg", "content/sco/quiz.html"]);
      expect(errorOf(() => checkReferencedFiles(pkg, "imsmanifest.xml", (p) => present.has(p))).message).to.equal(
        `imsmanifest.xml: resource "res-shared" lists the file "content/sco/shared/api.js", which is not in the package`,
      );
      present.add("content/sco/shared/api.js");
      expect(() => checkReferencedFiles(pkg, "imsmanifest.xml", (p) => present.has(p))).to.not.throw();
      const climbing = parseTincanXml(tincanXml.replace("moduli/a.html", "../../etc/passwd"));
      expect(errorOf(() => checkReferencedFiles(climbing, "tincan.xml", () => true)).message).to.match(/points outside the package/);
    });
  });
});
