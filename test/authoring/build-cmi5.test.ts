// Builds the example course for real and checks the package the way an LMS would.
import { readFile, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { buildCourse } from "../../authoring/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { hasXmllint, projectRoot, requireTool, standardsDir, validateXml } from "../support/tools.js";
import { listZip } from "./support/fixtures.js";

const courseDir = "courses/pride-foster-care";
const xsd = path.join(standardsDir, "cmi5/CourseStructure.xsd");

describe("authoring: obuka build --format cmi5 (courses/pride-foster-care)", function () {
  let zip: string;
  let unpacked: string;

  before(async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-build-"));
    const zips = await buildCourse({ cwd: projectRoot, courseDir, format: "cmi5", outDir: out });
    expect(zips).to.have.length(1);
    zip = zips[0]!;
    unpacked = path.join(out, "unpacked");
    await extractZip(zip, unpacked);
  });

  it("writes cmi5.xml at the zip root that validates against CourseStructure.xsd (cmi5 13.2.0.0-1, 14.1.0.0-2)", async function () {
    requireTool(this, "xmllint", await hasXmllint());
    await validateXml(path.join(unpacked, "cmi5.xml"), xsd);
  });

  it("declares one AU per module with moveOn, masteryScore, AnyWindow and a relative url that exists in the zip (14.1.0.0-3)", async () => {
    const xml = await readFile(path.join(unpacked, "cmi5.xml"), "utf8");
    expect(xml).to.contain('<course id="https://obuka.rs/courses/pride-foster-care">');
    expect(xml).to.match(/<au id="https:\/\/obuka\.rs\/courses\/pride-foster-care\/modules\/1" moveOn="CompletedAndPassed" masteryScore="0\.8" launchMethod="AnyWindow">/);
    const url = /<url>([^<]+)<\/url>/.exec(xml)?.[1];
    expect(url).to.equal("au/01/index.html");
    expect(await readFile(path.join(unpacked, url!), "utf8")).to.contain('data-testid="quiz"');
    expect(xml).to.contain('<langstring lang="en">Session 1: Connecting with PRIDE</langstring>');
  });

  it("holds the minified runtime bundle, the page, the captions, and stores the video uncompressed", async () => {
    const entries = await listZip(zip);
    const names = entries.map((e) => e.name);
    expect(names).to.deep.equal([...names].sort());
    expect(names).to.include.members(["cmi5.xml", "au/01/index.html", "runtime/obuka-runtime.js", "runtime/obuka.css", "media/uvod.webm", "media/uvod.sr-Latn.vtt"]);
    const video = entries.find((e) => e.name === "media/uvod.webm")!;
    expect(video.compressionMethod, "video stored").to.equal(0);
    expect(video.size).to.be.within(10_000, 300_000);
    expect(entries.find((e) => e.name === "cmi5.xml")!.compressionMethod, "text deflated").to.equal(8);
    const runtime = await readFile(path.join(unpacked, "runtime/obuka-runtime.js"), "utf8");
    expect(runtime.split("\n").length, "minified").to.be.lessThan(5);
    expect(runtime).to.contain("LMS.LaunchData").and.to.contain("https://w3id.org/xapi/cmi5/context/categories/cmi5");
    expect(runtime).not.to.match(/\bimport\s*\(|require\(/);
  });

  it("renders the DOM contract: sections, navigation, captioned video, quiz inputs, status, in Serbian Latin", async () => {
    const html = await readFile(path.join(unpacked, "au/01/index.html"), "utf8");
    expect(html).to.match(/<html lang="sr-Latn">/);
    expect(html.match(/<section data-page/g)).to.have.length(4);
    expect(html).to.contain('<button type="button" data-testid="next">Dalje</button>');
    expect(html).to.contain('<button type="button" data-testid="prev">Nazad</button>');
    expect(html).to.contain('<button type="button" data-testid="finish">Završi</button>');
    expect(html).to.contain('data-testid="status" data-state="pending"');
    expect(html).to.match(/<video data-testid="training-video"[^>]*>/);
    expect(html).to.match(/<track kind="captions" srclang="sr-Latn" label="[^"]+" src="\.\.\/\.\.\/media\/uvod\.sr-Latn\.vtt" default>/);
    expect(html).to.contain('<input type="radio" name="q1-struktura" value="b">');
    expect(html).to.contain('<input type="checkbox" name="q2-kompetencije" value="d">');
    expect(html).to.contain('<button type="submit">Predaj odgovore</button>');
    expect(html).to.contain('<script src="../../runtime/obuka-runtime.js" defer></script>');
  });

  it("builds byte-identical zips twice (fixed timestamps, sorted entries)", async () => {
    const again = await buildCourse({ cwd: projectRoot, courseDir, format: "cmi5", outDir: await mkdtemp(path.join(os.tmpdir(), "obuka-build-")) });
    expect((await readFile(again[0]!)).equals(await readFile(zip))).to.equal(true);
  });

  it("builds English pages with --lang en, names the zip after the language, and cmi5.xml stays valid", async function () {
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-build-"));
    const [english] = await buildCourse({ cwd: projectRoot, courseDir, format: "cmi5", outDir: out, lang: "en" });
    expect(path.basename(english!)).to.equal("pride-foster-care-en-cmi5.zip");
    const dir = path.join(out, "x");
    await extractZip(english!, dir);
    const html = await readFile(path.join(dir, "au/01/index.html"), "utf8");
    expect(html).to.match(/<html lang="en">/);
    expect(html).to.contain("Nine group sessions");
    // The page that has no English file falls back to Serbian, and says so.
    expect(html).to.match(/<section data-page data-kind="page" lang="sr-Latn" hidden>/);
    requireTool(this, "xmllint", await hasXmllint());
    await validateXml(path.join(dir, "cmi5.xml"), xsd);
  });
});
