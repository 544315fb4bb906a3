// `obuka build --format all` on a three-module fixture course: one zip per format, each
// manifest checked against the official XSDs, the zips' contents, byte-identical rebuilds.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { XMLParser } from "fast-xml-parser";
import { buildCourse } from "../../authoring/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { hasXmllint, requireTool, standardsDir, validateXml } from "../support/tools.js";
import { listZip } from "./support/fixtures.js";
import { courseId, moduleIds, writeMultiModuleCourse } from "./support/multi-module-course.js";

const scorm12Xsd = path.join(standardsDir, "scorm12/scorm12-manifest-driver.xsd");
const scorm2004Xsd = path.join(standardsDir, "scorm2004-4ed/scorm2004-manifest-driver.xsd");
const scorm2004Catalog = path.join(standardsDir, "scorm2004-4ed/catalog.xml");
const cmi5Xsd = path.join(standardsDir, "cmi5/CourseStructure.xsd");
/** At least these; generated files (e.g. Cyrillic captions) may join them. */
const sharedFiles = ["media/klip.sr-Latn.vtt", "media/klip.webm", "runtime/obuka-runtime.js", "runtime/obuka.css"];
const pages = ["au/01/index.html", "au/02/index.html", "au/03/index.html"];

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["item", "resource", "file", "activity", "name", "rollupRule", "dependency"].includes(name) });

type Xml = Record<string, any>;

describe("authoring: obuka build --format all (three-module fixture course)", function () {
  let cwd: string;
  let zips: string[];
  const unpacked: Record<string, string> = {};

  before(async () => {
    cwd = await writeMultiModuleCourse();
    zips = await buildCourse({ cwd, courseDir: "courses/fixture", format: "all", outDir: "dist" });
    for (const zip of zips) {
      const format = /-(\w+)\.zip$/.exec(zip)![1]!;
      unpacked[format] = path.join(cwd, "unpacked", format);
      await extractZip(zip, unpacked[format]!);
    }
  });

  it("writes one zip per format, named <course>-<format>.zip", () => {
    expect(zips.map((z) => path.relative(cwd, z))).to.deep.equal(["dist/multi-scorm12.zip", "dist/multi-scorm2004.zip", "dist/multi-xapi.zip", "dist/multi-cmi5.zip"]);
  });

  it("refuses an unknown format as a usage error naming the known ones", async () => {
    const error = await buildCourse({ cwd, courseDir: "courses/fixture", format: "scorm3", outDir: "dist" }).catch((e: unknown) => e);
    expect(error).to.have.property("code", "USAGE");
    expect((error as Error).message).to.equal('unknown format "scorm3" (known: scorm12, scorm2004, xapi, cmi5, all)');
  });

  it("SCORM 1.2: imsmanifest.xml validates against the SCORM 1.2 CAM schemas", async function () {
    requireTool(this, "xmllint", await hasXmllint());
    await validateXml(path.join(unpacked.scorm12!, "imsmanifest.xml"), scorm12Xsd);
  });

  it("SCORM 1.2: one organization, one item and SCO per module, masteryscore as 0–100, every file listed", async () => {
    const xml = parser.parse(await readFile(path.join(unpacked.scorm12!, "imsmanifest.xml"), "utf8")) as Xml;
    const manifest = xml.manifest;
    expect(manifest.metadata).to.deep.equal({ schema: "ADL SCORM", schemaversion: 1.2 });
    const organization = manifest.organizations.organization;
    expect(manifest.organizations["@default"]).to.equal(organization["@identifier"]);
    expect(organization.title).to.equal("Višemodulni kurs");
    const items = organization.item as Xml[];
    expect(items.map((i) => i.title)).to.deep.equal(["Modul 1: čitanje, video i provera", "Modul 2: samo čitanje & <beleške>", "Modul 3: završni test"]);
    expect(items.map((i) => i["adlcp:masteryscore"])).to.deep.equal([50, undefined, 75]);
    const resources = manifest.resources.resource as Xml[];
    const scos = resources.filter((r) => r["@adlcp:scormtype"] === "sco");
    expect(scos.map((r) => r["@href"])).to.deep.equal(pages);
    expect(items.map((i) => i["@identifierref"])).to.deep.equal(scos.map((r) => r["@identifier"]));
    const listed = resources.flatMap((r) => (r.file as Xml[]).map((f) => f["@href"])).sort();
    const inZip = (await listZip(zips[0]!)).map((e) => e.name).filter((name) => name !== "imsmanifest.xml");
    expect(listed).to.deep.equal(inZip);
    expect(listed).to.include.members([...pages, ...sharedFiles]);
    for (const sco of scos) expect(sco.dependency.map((d: Xml) => d["@identifierref"])).to.deep.equal(["RES-SHARED"]);
  });

  it("SCORM 2004: imsmanifest.xml validates against the SCORM 2004 4th Edition schemas", async function () {
    requireTool(this, "xmllint", await hasXmllint());
    await validateXml(path.join(unpacked.scorm2004!, "imsmanifest.xml"), scorm2004Xsd, scorm2004Catalog);
  });

  it("SCORM 2004: 4th Edition metadata, flow and choice at the root, rollup by the modules, satisfied by the quiz score", async () => {
    const xml = parser.parse(await readFile(path.join(unpacked.scorm2004!, "imsmanifest.xml"), "utf8")) as Xml;
    const manifest = xml.manifest;
    expect(manifest.metadata).to.deep.equal({ schema: "ADL SCORM", schemaversion: "2004 4th Edition" });
    const organization = manifest.organizations.organization;
    const root = organization["imsss:sequencing"];
    expect(root["imsss:controlMode"]).to.include({ "@choice": "true", "@flow": "true" });
    const rules = root["imsss:rollupRules"]["imsss:rollupRule"] as Xml[];
    expect(rules.map((r) => `${r["@childActivitySet"]}:${r["imsss:rollupAction"]["@action"]}`)).to.deep.equal(["all:satisfied", "any:notSatisfied", "all:completed", "any:incomplete"]);
    const [first, second, third] = organization.item as Xml[];
    const objective = (item: Xml) => item["imsss:sequencing"]["imsss:objectives"]["imsss:primaryObjective"];
    expect(objective(first!)).to.include({ "@satisfiedByMeasure": "true", "imsss:minNormalizedMeasure": 0.5 });
    expect(objective(third!)).to.include({ "@satisfiedByMeasure": "true", "imsss:minNormalizedMeasure": 0.75 });
    expect(objective(second!)).not.to.have.property("@satisfiedByMeasure");
    // moveOn Completed: the module's success does not count; moveOn Passed: its completion does not.
    expect(first!["imsss:sequencing"]).not.to.have.property("imsss:rollupRules");
    expect(second!["imsss:sequencing"]["imsss:rollupRules"]).to.deep.equal({ "@rollupObjectiveSatisfied": "false" });
    expect(third!["imsss:sequencing"]["imsss:rollupRules"]).to.deep.equal({ "@rollupProgressCompletion": "false" });
    for (const item of [first, second, third]) expect(item!["imsss:sequencing"]["imsss:deliveryControls"]).to.include({ "@completionSetByContent": "true", "@objectiveSetByContent": "true" });
    const scos = (manifest.resources.resource as Xml[]).filter((r) => r["@adlcp:scormType"] === "sco");
    expect(scos.map((r) => r["@href"])).to.deep.equal(pages);
  });

  it("xAPI: tincan.xml names the course and each module with its launch page", async () => {
    const xml = parser.parse(await readFile(path.join(unpacked.xapi!, "tincan.xml"), "utf8")) as Xml;
    expect(xml.tincan["@xmlns"]).to.equal("http://projecttincan.com/tincan.xsd");
    const activities = xml.tincan.activities.activity as Xml[];
    expect(activities.map((a) => [a["@id"], a["@type"], a.launch?.["#text"]])).to.deep.equal([
      [courseId, "http://adlnet.gov/expapi/activities/course", pages[0]],
      [moduleIds[0], "http://adlnet.gov/expapi/activities/module", pages[0]],
      [moduleIds[1], "http://adlnet.gov/expapi/activities/module", pages[1]],
      [moduleIds[2], "http://adlnet.gov/expapi/activities/module", pages[2]],
    ]);
    expect(activities[0]!.name.map((n: Xml) => [n["@lang"], n["#text"]])).to.deep.include.members([["sr-Latn", "Višemodulni kurs"], ["en", "Multi-module course"]]);
  });

  it("cmi5: cmi5.xml still validates, one AU per module", async function () {
    const xml = await readFile(path.join(unpacked.cmi5!, "cmi5.xml"), "utf8");
    expect(xml.match(/<au /g)).to.have.length(3);
    requireTool(this, "xmllint", await hasXmllint());
    await validateXml(path.join(unpacked.cmi5!, "cmi5.xml"), cmi5Xsd);
  });

  it("each zip holds its manifest at the root, the pages, the runtime and the media; video stored, text deflated", async () => {
    const manifests: Record<string, string> = { scorm12: "imsmanifest.xml", scorm2004: "imsmanifest.xml", xapi: "tincan.xml", cmi5: "cmi5.xml" };
    for (const zip of zips) {
      const format = /-(\w+)\.zip$/.exec(zip)![1]!;
      const entries = await listZip(zip);
      const names = entries.map((e) => e.name);
      expect(names, format).to.deep.equal([...names].sort());
      expect(names, format).to.include.members([manifests[format]!, ...pages, ...sharedFiles]);
      expect(names.filter((n) => n.endsWith(".xml")), format).to.deep.equal([manifests[format]]);
      expect(entries.find((e) => e.name === "media/klip.webm")!.compressionMethod, `${format}: video stored`).to.equal(0);
      expect(entries.find((e) => e.name === manifests[format])!.compressionMethod, `${format}: manifest deflated`).to.equal(8);
      const page = await readFile(path.join(unpacked[format]!, "au/01/index.html"), "utf8");
      const config = JSON.parse(/<script type="application\/json" id="obuka-au">(.*?)<\/script>/s.exec(page)![1]!) as { standard: string; courseId: string };
      expect(config, format).to.include({ standard: format, courseId });
    }
  });

  it("rebuilds --format all byte for byte", async () => {
    const again = await buildCourse({ cwd, courseDir: "courses/fixture", format: "all", outDir: await mkdtemp(path.join(os.tmpdir(), "obuka-rebuild-")) });
    expect(again).to.have.length(4);
    for (const [index, zip] of again.entries()) {
      expect(path.basename(zip)).to.equal(path.basename(zips[index]!));
      expect((await readFile(zip)).equals(await readFile(zips[index]!)), path.basename(zip)).to.equal(true);
    }
  });
});
