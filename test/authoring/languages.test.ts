// Languages of a build: one zip per language, Serbian Cyrillic derived from Latin in pages,
// titles, quiz, captions and UI strings, langstrings for every language in cmi5.xml.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { buildCourse } from "../../authoring/index.js";
import { courseLanguages, cyrillicCaptionPath } from "../../authoring/domain/course-languages.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { hasXmllint, requireTool, standardsDir, validateXml } from "../support/tools.js";
import { writeFixtureCourse } from "./support/fixtures.js";
import { languageFixture } from "./support/language-fixture.js";

describe("authoring: languages (--lang, sr-Cyrl by transliteration)", () => {
  let out: string;
  let zips: string[];

  before(async () => {
    const cwd = await writeFixtureCourse(languageFixture());
    out = await mkdtemp(path.join(os.tmpdir(), "obuka-lang-"));
    zips = await buildCourse({ cwd, courseDir: "courses/fixture", format: "cmi5", outDir: out, lang: "all" });
  });

  const unpacked = new Map<string, Promise<string>>();
  function unpack(lang: string): Promise<string> {
    if (!unpacked.has(lang)) unpacked.set(lang, extract(lang));
    return unpacked.get(lang)!;
  }
  async function extract(lang: string): Promise<string> {
    const zip = zips.find((z) => path.basename(z) === `fixture-${lang}-cmi5.zip`);
    expect(zip, `zip for ${lang}`).to.be.a("string");
    const dir = path.join(out, `x-${lang}`);
    await extractZip(zip!, dir);
    return dir;
  }

  it("lists the course's languages with sr-Cyrl derivable from sr-Latn, default first", () => {
    expect(courseLanguages({ defaultLanguage: "sr-Latn", title: { en: "x", "sr-Latn": "y" } })).to.deep.equal(["sr-Latn", "sr-Cyrl", "en"]);
    expect(courseLanguages({ defaultLanguage: "en", title: { en: "x" } })).to.deep.equal(["en"]);
    expect(cyrillicCaptionPath("media/v.sr-Latn.vtt")).to.equal("media/v.sr-Cyrl.vtt");
    expect(cyrillicCaptionPath("media/v.vtt")).to.equal("media/v.sr-Cyrl.vtt");
  });

  it("--lang all writes one zip per language, named after it", () => {
    expect(zips.map((z) => path.basename(z))).to.deep.equal(["fixture-sr-Latn-cmi5.zip", "fixture-sr-Cyrl-cmi5.zip", "fixture-en-cmi5.zip"]);
  });

  it("the sr-Cyrl page is Cyrillic in text, headings, titles, quiz and UI strings; code, links, escapes and keepLatin stay", async () => {
    const html = await readFile(path.join(await unpack("sr-Cyrl"), "au/01/index.html"), "utf8");
    expect(html).to.match(/<html lang="sr-Cyrl">/);
    expect(html).to.contain("<h1 lang=\"sr-Cyrl\">Модул 1: Хранитељство и инјекција</h1>");
    expect(html).to.contain("<h2>Шта је PRIDE</h2>");
    expect(html).to.contain("Програм развио Child Welfare League of America; види <a href=\"https://example.org/pride-info\">сајт</a> и <code>kod</code>.");
    expect(html).to.contain('alt="Хранитељи у кругу"');
    expect(html).to.contain("Да ли је надживети једна реч?");
    expect(html).to.contain('<button type="button" data-testid="next">Даље</button>');
    expect(html).to.contain("Предај одговоре");
    expect(html).to.match(/<section data-page data-kind="page" lang="sr-Cyrl">/);
    expect(html).not.to.contain("{=");
  });

  it("the sr-Cyrl page shows Cyrillic captions by default, transliterated from the Latin track (cue text only)", async () => {
    const dir = await unpack("sr-Cyrl");
    const html = await readFile(path.join(dir, "au/01/index.html"), "utf8");
    expect(html).to.match(/<track kind="captions" srclang="sr-Cyrl" label="Српски \(ћирилица\)" src="\.\.\/\.\.\/media\/v\.sr-Cyrl\.vtt" default>/);
    expect(html.match(/ default>/g)).to.have.length(1);
    expect(await readFile(path.join(dir, "media/v.sr-Cyrl.vtt"), "utf8")).to.equal("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nДобро дошли у PRIDE обуку, љубав.\n");
  });

  it("the sr-Latn package strips the author's escapes from pages and captions and keeps Latin captions as default", async () => {
    const dir = await unpack("sr-Latn");
    const html = await readFile(path.join(dir, "au/01/index.html"), "utf8");
    expect(html).to.match(/<html lang="sr-Latn">/);
    expect(html).to.contain("<h2>Šta je PRIDE</h2>");
    expect(html).to.match(/<track kind="captions" srclang="sr-Latn" [^>]*default>/);
    expect(await readFile(path.join(dir, "media/v.sr-Latn.vtt"), "utf8")).to.contain("Dobro došli u PRIDE obuku, ljubav.");
  });

  it("the en package is English with English captions by default", async () => {
    const html = await readFile(path.join(await unpack("en"), "au/01/index.html"), "utf8");
    expect(html).to.match(/<html lang="en">/);
    expect(html).to.contain("<h2>What PRIDE is</h2>");
    expect(html).to.match(/<track kind="captions" srclang="en" [^>]*default>/);
    expect(html).to.contain('data-testid="next">Next</button>');
  });

  it("cmi5.xml of every language holds langstrings for every language and validates against CourseStructure.xsd", async function () {
    for (const lang of ["sr-Latn", "sr-Cyrl", "en"]) {
      const dir = await unpack(lang);
      const xml = await readFile(path.join(dir, "cmi5.xml"), "utf8");
      expect(xml).to.contain('<langstring lang="sr-Cyrl">Модул 1: Хранитељство и инјекција</langstring>');
      expect(xml).to.contain('<langstring lang="sr-Latn">Modul 1: Hraniteljstvo i injekcija</langstring>');
      expect(xml).to.contain('<langstring lang="en">Module 1: Foster care</langstring>');
    }
    requireTool(this, "xmllint", await hasXmllint());
    for (const lang of ["sr-Latn", "sr-Cyrl", "en"]) await validateXml(path.join(out, `x-${lang}`, "cmi5.xml"), path.join(standardsDir, "cmi5/CourseStructure.xsd"));
  });

  it("builds --lang sr-Cyrl alone, and byte-identical twice", async () => {
    const cwd = await writeFixtureCourse(languageFixture());
    const [first] = await buildCourse({ cwd, courseDir: "courses/fixture", format: "cmi5", outDir: "a", lang: "sr-Cyrl" });
    const [second] = await buildCourse({ cwd, courseDir: "courses/fixture", format: "cmi5", outDir: "b", lang: "sr-Cyrl" });
    expect(path.basename(first!)).to.equal("fixture-sr-Cyrl-cmi5.zip");
    expect((await readFile(first!)).equals(await readFile(second!))).to.equal(true);
  });
});
