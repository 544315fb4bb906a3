import { readdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { minimalCmi5Xml, rawZip } from "../../support/raw-zip.js";
import { HttpClient, type RunningServer, countPlayerRows, startStandalone } from "../../support/standalone.js";
import { cmi5Xml, cmi5Zip, page, scorm12Manifest, scorm12Zip, scorm2004Manifest, scorm2004Zip, tincanXml, xapiZip } from "../support/package-fixtures.js";

interface Summary {
  courseId: string;
  packageId: string;
  format: string;
  edition?: string;
  launchable: boolean;
  created: boolean;
  organizations?: { identifier: string; default: boolean; items: { identifier: string; launch?: string }[] }[];
}

/** Rows in the player's package tables, read from the database itself (SQLite file or PostgreSQL schema). */
async function storedRows(server: RunningServer): Promise<{ packages: number; catalog: number; courses: number }> {
  return { packages: await countPlayerRows(server, "packages"), catalog: await countPlayerRows(server, "catalog_entries"), courses: await countPlayerRows(server, "courses") };
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true }).catch(() => [] as string[])).map(String).sort();
}

describe("player: importing packages of every format", () => {
  let server: RunningServer;
  let trainer: HttpClient;

  before(async () => {
    server = await startStandalone();
    trainer = new HttpClient(server.baseUrl);
    expect((await trainer.logIn("trener")).status).to.equal(303);
    await trainer.page("/catalog");
  });
  after(() => server.stop());

  const formats: [string, () => Buffer, Partial<Summary>][] = [
    ["SCORM 1.2 with two organizations, nested items and xml:base", () => scorm12Zip(), { format: "scorm12", edition: "1.2", courseId: "com.example.odd-scorm12" }],
    ["SCORM 2004 4th ed. with sequencing", () => scorm2004Zip(), { format: "scorm2004", edition: "4th", courseId: "com.example.odd-scorm2004" }],
    ["SCORM 2004 3rd ed.", () => scorm2004Zip(scorm2004Manifest("2004 3rd Edition").replace("odd-scorm2004", "odd-scorm2004-3rd")), { format: "scorm2004", edition: "3rd" }],
    ["SCORM 2004 2nd ed.", () => scorm2004Zip(scorm2004Manifest("CAM 1.3").replace("odd-scorm2004", "odd-scorm2004-2nd")), { format: "scorm2004", edition: "2nd" }],
    ["xAPI with a BOM in tincan.xml", () => xapiZip(), { format: "xapi", courseId: "https://example.org/xapi/kurs" }],
    ["cmi5 with nested blocks and an AU in a sub-folder", () => cmi5Zip(), { format: "cmi5", courseId: "https://example.org/cmi5/odd", launchable: true }],
  ];
  for (const [what, zip, expected] of formats) {
    it(`imports ${what}`, async () => {
      const response = await trainer.uploadPackage(zip());
      expect(response.status).to.equal(201);
      const body = (await response.json()) as Summary;
      expect(body).to.include({ created: true, launchable: true, ...expected });
      const catalog = (await (await trainer.request("/api/packages")).json()) as Summary[];
      expect(catalog.find((entry) => entry.packageId === body.packageId)).to.include({ format: body.format, courseId: body.courseId });
    });
  }

  it("lists every format in the catalog page, SCORM packages with a link to the SCORM launch page", async () => {
    const { html } = await trainer.page("/catalog");
    for (const label of ["SCORM 1.2", "SCORM 2004 (4th ed.)", "SCORM 2004 (3rd ed.)", "SCORM 2004 (2nd ed.)", "xAPI", "cmi5"]) expect(html).to.contain(`${label}`);
    expect(html).to.contain("Hraniteljstvo: puna obuka").and.contain("Kurs sa BOM oznakom").and.contain("Čudna cmi5 obuka");
    expect(html).to.contain(`href="/course?id=${encodeURIComponent("https://example.org/cmi5/odd")}"`);
    expect(html).to.not.contain(`href="/course?id=com.example.odd-scorm12"`);
    expect(html).to.match(/href="\/scorm\/launch\?package=[0-9a-f-]{36}"/);
  });

  it("reports the item launches of a SCORM package with xml:base applied", async () => {
    const catalog = (await (await trainer.request("/api/packages")).json()) as Summary[];
    const scorm = catalog.find((entry) => entry.courseId === "com.example.odd-scorm12")!;
    expect(scorm.organizations!.find((o) => o.default)!.identifier).to.equal("org-full");
    const lesson = scorm.organizations![1]!.items.find((i) => i.identifier === "lesson-1")!;
    expect(lesson.launch).to.equal("content/sco/modul%201/uvod/index.html?strana=2");
    const served = await trainer.request(`/content/${scorm.packageId}/content/sco/modul%201/uvod/index.html`);
    expect(served.status).to.equal(200);
    expect(await served.text()).to.contain("Uvod");
  });

  it("imports a cmi5.xml sent alone when its URLs are fully qualified (cmi5 14.2)", async () => {
    const xml = minimalCmi5Xml({ courseId: "https://example.org/courses/standalone", auUrl: "https://content.example.org/au/1/index.html" });
    const response = await trainer.uploadPackage(Buffer.from(xml), "cmi5.xml");
    expect(response.status).to.equal(201);
    expect(await response.json()).to.include({ format: "cmi5", courseId: "https://example.org/courses/standalone" });
  });

  it("unwraps a zip that holds one cmi5 zip", async () => {
    const inner = cmi5Zip(cmi5Xml.replaceAll("https://example.org/cmi5/odd", "https://example.org/cmi5/wrapped"));
    const response = await trainer.uploadPackage(rawZip([{ name: "kurs-cmi5.zip", content: inner }]));
    expect(response.status).to.equal(201);
    const body = (await response.json()) as Summary;
    expect(body).to.include({ format: "cmi5", courseId: "https://example.org/cmi5/wrapped" });
    expect((await trainer.request(`/content/${body.packageId}/au/jedan/index.html`)).status).to.equal(200);
  });

  it("imports a new version of a course as its current version, and the same bytes only once", async () => {
    const again = await trainer.uploadPackage(scorm12Zip());
    expect(again.status).to.equal(200);
    expect(await again.json()).to.include({ created: false, format: "scorm12" });
    const before = await storedRows(server);
    const changed = scorm12Zip(scorm12Manifest.replace("Hraniteljstvo: puna obuka", "Hraniteljstvo: nova verzija"));
    expect((await trainer.uploadPackage(changed)).status).to.equal(201);
    const after = await storedRows(server);
    expect(after).to.deep.equal({ ...before, packages: before.packages + 1 });
    const catalog = (await (await trainer.request("/api/packages")).json()) as (Summary & { title: Record<string, string> })[];
    expect(catalog.filter((entry) => entry.courseId === "com.example.odd-scorm12").map((entry) => entry.title)).to.deep.equal([{ und: "Hraniteljstvo: nova verzija" }]);
  });

  const bomb = () => rawZip([{ name: "imsmanifest.xml", content: scorm12Manifest }, { name: "zeros.bin", content: Buffer.alloc(4 * 1024 * 1024), deflate: true }]);
  const rejections: [string, () => Buffer, RegExp][] = [
    ["malformed XML in imsmanifest.xml", () => rawZip([{ name: "imsmanifest.xml", content: "<manifest>\n<organizations>" }]), /imsmanifest\.xml:\d+:\d+: not well-formed XML/],
    ["a manifest that breaks the CAM (unknown resource)", () => scorm12Zip(scorm12Manifest.replace(`identifierref="res-quiz"`, `identifierref="res-x"`)), /names no resource/],
    ["a SCORM launch file missing", () => rawZip([{ name: "imsmanifest.xml", content: scorm12Manifest }]), /imsmanifest\.xml: resource "res-intro" launches "content\/sco\/modul 1\/uvod\/index\.html", which is not in the package/],
    ["a listed file missing", () => rawZip([{ name: "imsmanifest.xml", content: scorm2004Manifest() }, { name: "lekcije/1/index.html", content: page("1") }, { name: "lekcije/2/index.html", content: page("2") }, { name: "zajednicko/stil.css", content: "" }]), /lists the file "lekcije\/1\/video\.webm", which is not in the package/],
    ["an xAPI launch file missing", () => rawZip([{ name: "tincan.xml", content: tincanXml }, { name: "moduli/a.html", content: page("A") }]), /tincan\.xml: the activity "https:\/\/example\.org\/xapi\/kurs" launches "start\/index\.html"/],
    ["a cmi5 AU file missing", () => rawZip([{ name: "cmi5.xml", content: cmi5Xml }]), /cmi5\.xml: the AU "https:\/\/example\.org\/cmi5\/odd\/au\/1" launches "au\/jedan\/index\.html"/],
    ["duplicate cmi5 ids", () => cmi5Zip(cmi5Xml.replace("https://example.org/cmi5/odd/au/2", "https://example.org/cmi5/odd/au/1")), /is used more than once/],
    ["a non-absolute cmi5 IRI", () => cmi5Zip(cmi5Xml.replace(`id="https://example.org/cmi5/odd/block/inner"`, `id="inner"`)), /must be a fully qualified IRI/],
    ["a cmi5 AU URL whose query has a launch parameter name", () => cmi5Zip(cmi5Xml.replace("?tema=plava", "?endpoint=x")), /must not contain the launch parameter "endpoint"/],
    ["a cmi5.xml alone with a relative URL", () => Buffer.from(minimalCmi5Xml({ courseId: "https://example.org/courses/relative" })), /fully qualified URLs \(cmi5 14\.2\.0\.0-1\)/],
    ["a zip with no manifest", () => rawZip([{ name: "sub/imsmanifest.xml", content: scorm12Manifest }]), /no cmi5\.xml, tincan\.xml or imsmanifest\.xml at the root/],
    ["a zip bomb (compression ratio)", bomb, /compressed more than 200:1/],
    ["a symbolic link", () => rawZip([{ name: "tincan.xml", content: tincanXml }, { name: "start/index.html", content: "/etc/passwd", symlink: true }]), /symbolic link/],
    ["an absolute path", () => rawZip([{ name: "tincan.xml", content: tincanXml }, { name: "/tmp/obuka-evil.html", content: "x" }]), /absolute path|unsafe path|invalid/],
    ["zip-slip", () => rawZip([{ name: "tincan.xml", content: tincanXml }, { name: "start/../../../obuka-evil.html", content: "x" }]), /invalid relative path|outside the package|unsafe path/],
    ["a duplicate entry", () => rawZip([{ name: "tincan.xml", content: tincanXml }, { name: "tincan.xml", content: tincanXml }]), /appears more than once/],
  ];
  for (const [what, zip, message] of rejections) {
    it(`answers 400 for ${what} and stores nothing`, async () => {
      const rowsBefore = await storedRows(server);
      const filesBefore = await filesUnder(path.join(server.dataDir, "packages"));
      const response = await trainer.uploadPackage(zip());
      expect(response.status).to.equal(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).to.equal("invalid_package");
      expect(body.error.message).to.match(message);
      expect(await storedRows(server)).to.deep.equal(rowsBefore);
      expect(await filesUnder(path.join(server.dataDir, "packages"))).to.deep.equal(filesBefore);
      expect(await readdir(path.dirname(server.dataDir))).to.not.include("obuka-evil.html");
    });
  }
});

describe("player: the zip bomb limits an operator sets (OBUKA_PACKAGE_MAX_ENTRIES, _MAX_BYTES)", () => {
  let server: RunningServer;
  let trainer: HttpClient;

  before(async () => {
    server = await startStandalone({ packageLimits: { maxTotalBytes: 4096, maxEntries: 8 } });
    trainer = new HttpClient(server.baseUrl);
    expect((await trainer.logIn("trener")).status).to.equal(303);
    await trainer.page("/catalog");
  });
  after(() => server.stop());

  const oversized: [string, () => Buffer, RegExp][] = [
    ["more bytes than the limit, stored without compression", () => rawZip([{ name: "tincan.xml", content: tincanXml }, { name: "start/index.html", content: page("A") }, { name: "moduli/a.html", content: page("B") }, { name: "video.webm", content: Buffer.alloc(8192, 7) }]), /unpacks to more than 4096 bytes/],
    ["more entries than the limit", () => rawZip([{ name: "tincan.xml", content: tincanXml }, ...Array.from({ length: 8 }, (_, i) => ({ name: `extra/${i}.txt`, content: "x" }))]), /9 entries, more than the limit of 8/],
  ];
  for (const [what, zip, message] of oversized) {
    it(`answers 400 for ${what} and stores nothing`, async () => {
      const response = await trainer.uploadPackage(zip());
      expect(response.status).to.equal(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error).to.include({ code: "invalid_package" });
      expect(body.error.message).to.match(message);
      expect(await storedRows(server)).to.deep.equal({ packages: 0, catalog: 0, courses: 0 });
      expect(await filesUnder(path.join(server.dataDir, "packages"))).to.deep.equal([]);
    });
  }

  it("imports a package within the limits", async () => {
    const response = await trainer.uploadPackage(xapiZip());
    expect(response.status, await response.clone().text()).to.equal(201);
  });
});
