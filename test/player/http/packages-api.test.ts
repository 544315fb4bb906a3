import { readdir } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { HttpClient, type RunningServer, startStandalone } from "../../support/standalone.js";
import { minimalCmi5Xml, rawZip } from "../../support/raw-zip.js";

const validZip = () => rawZip([{ name: "cmi5.xml", content: minimalCmi5Xml({ masteryScore: "0.8" }) }, { name: "index.html", content: "<!doctype html><title>AU</title>" }]);

describe("player: POST /api/packages", () => {
  let server: RunningServer;
  let trainer: HttpClient;

  before(async () => {
    server = await startStandalone();
    trainer = new HttpClient(server.baseUrl);
    expect((await trainer.logIn("trener")).status).to.equal(303);
    await trainer.page("/catalog");
  });
  after(() => server.stop());

  it("imports a cmi5 zip and lists it in the catalog; the same bytes again are not imported twice", async () => {
    const first = await trainer.uploadPackage(validZip());
    expect(first.status).to.equal(201);
    const body = (await first.json()) as { courseId: string; aus: { id: string }[] };
    expect(body.courseId).to.equal("https://example.org/courses/minimal");
    expect(body.aus.map((au) => au.id)).to.deep.equal(["https://example.org/courses/minimal/au/1"]);

    const again = await trainer.uploadPackage(validZip());
    expect(again.status).to.equal(200);
    expect(await again.json()).to.include({ created: false });

    const catalog = (await (await trainer.request("/api/packages")).json()) as unknown[];
    expect(catalog).to.have.length(1);
    expect((await trainer.page("/catalog")).html).to.contain("Minimalna obuka");
  });

  const broken: [string, Buffer, RegExp][] = [
    ["bytes that are not a zip", Buffer.from("PK but not really a zip"), /not a readable zip/],
    ["a zip without cmi5.xml", rawZip([{ name: "index.html", content: "x" }]), /no cmi5\.xml, tincan\.xml or imsmanifest\.xml at the root/],
    ["a zip-slip entry", rawZip([{ name: "cmi5.xml", content: minimalCmi5Xml() }, { name: "../../escape.html", content: "x" }]), /invalid relative path|outside the package|unsafe path/],
    ["an AU whose launch file is missing", rawZip([{ name: "cmi5.xml", content: minimalCmi5Xml({ courseId: "https://example.org/courses/b" }) }]), /launches "index.html", which is not in the package/],
    ["a cmi5.xml that is not XML", rawZip([{ name: "cmi5.xml", content: "<courseStructure><course" }]), /cmi5\.xml/],
  ];
  for (const [what, zip, message] of broken) {
    it(`answers 400 with a JSON message for ${what}, and keeps what was stored`, async () => {
      const before = (await (await trainer.request("/api/packages")).json()) as unknown[];
      const response = await trainer.uploadPackage(zip);
      expect(response.status).to.equal(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).to.equal("invalid_package");
      expect(body.error.message).to.match(message);
      expect(await (await trainer.request("/api/packages")).json()).to.deep.equal(before);
      const leftovers = (await readdir(path.join(server.dataDir, "packages"))).filter((name) => name.startsWith(".incoming"));
      expect(leftovers).to.deep.equal([]);
      expect(await readdir(path.dirname(server.dataDir))).to.not.include("escape.html");
    });
  }

  it("answers 400 naming the field when the upload has no package file", async () => {
    const form = new FormData();
    form.set("other", "x");
    const response = await trainer.request("/api/packages", { method: "POST", headers: { "x-csrf-token": trainer.csrfToken }, body: form });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).to.match(/^package: /);
  });

  it("refuses uploads without the CSRF token", async () => {
    const form = new FormData();
    form.set("package", new Blob([new Uint8Array(validZip())]), "p.zip");
    const response = await trainer.request("/api/packages", { method: "POST", headers: { "x-csrf-token": "forged" }, body: form });
    expect(response.status).to.equal(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).to.equal("csrf_failed");
  });

  it("lets only trainers and admins import, and only signed-in people see the catalog", async () => {
    const learner = new HttpClient(server.baseUrl);
    await learner.logIn("polaznik");
    await learner.page("/catalog");
    expect((await learner.uploadPackage(validZip())).status).to.equal(403);
    const anonymous = new HttpClient(server.baseUrl);
    expect((await anonymous.request("/api/packages")).status).to.equal(401);
    const page = await anonymous.request("/catalog");
    expect(page.status).to.equal(303);
    expect(page.headers.get("location")).to.equal("/login?next=%2Fcatalog");
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const client = new HttpClient(server.baseUrl);
    const response = await client.logIn("trener", "wrong");
    expect(response.status).to.equal(401);
    expect(await response.text()).to.contain("Pogrešno korisničko ime ili lozinka.");
  });
});

describe("player: response headers", () => {
  it("sends a Content-Security-Policy on its pages and keeps launch URLs out of referrers", async () => {
    const server = await startStandalone();
    try {
      const response = await new HttpClient(server.baseUrl).request("/login");
      expect(response.headers.get("content-security-policy")).to.contain("default-src 'self'").and.contain("frame-ancestors 'self'");
      expect(response.headers.get("referrer-policy")).to.equal("same-origin");
      expect(response.headers.get("x-content-type-options")).to.equal("nosniff");
    } finally {
      await server.stop();
    }
  });
});
