// What goes into every package: images with their alt text, copied in and shown by a real
// browser, in every format and language; and rebuilds byte for byte for every format ×
// every language at once.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import express from "express";
import { buildCourse } from "../../authoring/index.js";
import { extractZip } from "../../player/packages/extract-zip.js";
import { launchChromium, requireChromium } from "../support/browser.js";
import { listZip, writeFixtureCourse } from "./support/fixtures.js";

/** A 4×4 PNG, small enough to write inline and real enough for Chromium to decode. */
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGOQj++GIwbiOACoIxCRPhvKYgAAAABJRU5ErkJggg==", "base64");

const course = {
  id: "https://example.org/courses/slike",
  title: { "sr-Latn": "Kurs sa slikama", en: "Course with images" },
  description: { "sr-Latn": "Opis" },
  modules: [
    {
      id: "https://example.org/courses/slike/modules/1",
      title: { "sr-Latn": "Modul 1" },
      description: { "sr-Latn": "Opis" },
      moveOn: "Completed",
      content: [{ page: { "sr-Latn": "pages/uvod.md", en: "pages/en/uvod.md" } }],
    },
  ],
};

function writeCourseWithImages(): Promise<string> {
  return writeFixtureCourse({
    "course.yaml": course,
    "pages/uvod.md": "## Uvod\n\n![Trener i roditelji u krugu](../media/slike/krug.png)\n\nTekst ispod slike.\n",
    "pages/en/uvod.md": "## Introduction\n\n![A trainer and parents in a circle](../../media/slike/krug.png)\n",
    "media/slike/krug.png": png,
  });
}

describe("authoring: images with alt text go into every package; rebuilds are byte-identical", function () {
  let cwd: string;
  let zips: string[];

  before(async () => {
    cwd = await writeCourseWithImages();
    zips = await buildCourse({ cwd, courseDir: "courses/fixture", format: "all", lang: "all", outDir: "dist" });
  });

  it("ships the image, stored, in every format × language, and every manifest lists it", async () => {
    expect(zips.map((z) => path.basename(z))).to.have.length(12);
    for (const zip of zips) {
      const image = (await listZip(zip)).find((e) => e.name === "media/slike/krug.png");
      expect(image, path.basename(zip)).to.deep.include({ compressionMethod: 0, size: png.length });
      const dir = path.join(cwd, "unpacked", path.basename(zip, ".zip"));
      await extractZip(zip, dir);
      expect((await readFile(path.join(dir, "media/slike/krug.png"))).equals(png)).to.equal(true);
      // SCORM manifests list every file of a resource; tincan.xml and cmi5.xml list none.
      if (zip.includes("-scorm")) expect(await readFile(path.join(dir, "imsmanifest.xml"), "utf8"), path.basename(zip)).to.contain('<file href="media/slike/krug.png"/>');
    }
  });

  it("points each page's <img> at the image from the package root, with the alt text in the page's language", async () => {
    const page = async (lang: string) => readFile(path.join(cwd, "unpacked", `slike-${lang}-cmi5`, "au/01/index.html"), "utf8");
    expect(await page("sr-Latn")).to.contain('<img src="../../media/slike/krug.png" alt="Trener i roditelji u krugu">');
    expect(await page("sr-Cyrl")).to.contain('<img src="../../media/slike/krug.png" alt="Тренер и родитељи у кругу">');
    expect(await page("en")).to.contain('<img src="../../media/slike/krug.png" alt="A trainer and parents in a circle">');
  });

  it("the image loads in Chromium from the unpacked package", async function () {
    requireChromium(this);
    const app = express();
    app.use(express.static(path.join(cwd, "unpacked", "slike-sr-Cyrl-scorm12")));
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/au/01/index.html`);
      const image = page.getByRole("img", { name: "Тренер и родитељи у кругу" });
      await image.waitFor();
      expect(await image.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).to.equal(4);
    } finally {
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("rebuilds every format × every language byte for byte, into another folder", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "obuka-rebuild-all-"));
    try {
      const again = await buildCourse({ cwd, courseDir: "courses/fixture", format: "all", lang: "all", outDir: out });
      expect(again.map((z) => path.basename(z))).to.deep.equal(zips.map((z) => path.basename(z)));
      expect(again.map((z) => path.basename(z))).to.include.members(["slike-sr-Latn-scorm12.zip", "slike-sr-Cyrl-scorm2004.zip", "slike-en-xapi.zip", "slike-sr-Cyrl-cmi5.zip"]);
      for (const [index, zip] of again.entries()) expect((await readFile(zip)).equals(await readFile(zips[index]!)), path.basename(zip)).to.equal(true);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("refuses an --out that is a file with a build error naming it (exit 1, no stack trace)", async () => {
    await writeFile(path.join(cwd, "not-a-folder"), "x");
    const error = await buildCourse({ cwd, courseDir: "courses/fixture", format: "all", lang: "all", outDir: "not-a-folder" }).catch((e: unknown) => e);
    expect(error).to.have.property("code", "BUILD_FAILED");
    expect((error as Error).message).to.match(/^could not create not-a-folder: /);
  });

  it("builds a language list (--lang sr-Latn,sr-Cyrl) in one run, byte-identical to those of --lang all", async () => {
    const both = await buildCourse({ cwd, courseDir: "courses/fixture", format: "cmi5", lang: "sr-Latn,sr-Cyrl", outDir: "dist-both" });
    expect(both.map((z) => path.basename(z))).to.deep.equal(["slike-sr-Latn-cmi5.zip", "slike-sr-Cyrl-cmi5.zip"]);
    for (const zip of both) expect((await readFile(zip)).equals(await readFile(path.join(cwd, "dist", path.basename(zip)))), path.basename(zip)).to.equal(true);
    const unknown = await buildCourse({ cwd, courseDir: "courses/fixture", format: "cmi5", lang: "sr-Latn,de", outDir: "dist-both" }).catch((e: unknown) => e);
    expect(unknown).to.have.property("message", "the course has no de version (it has: sr-Latn, sr-Cyrl, en, all)");
  });
});
