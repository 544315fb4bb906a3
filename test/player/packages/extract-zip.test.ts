import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { InvalidPackageError } from "../../../player/errors.js";
import { defaultExtractLimits, extractZip } from "../../../player/packages/extract-zip.js";
import { rawZip } from "../../support/raw-zip.js";

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "obuka-zip-"));
}

async function zipFile(dir: string, entries: Parameters<typeof rawZip>[0]): Promise<string> {
  const file = path.join(dir, "package.zip");
  await writeFile(file, rawZip(entries));
  return file;
}

describe("extractZip", () => {
  it("unpacks files into nested folders", async () => {
    const dir = await tempDir();
    const written = await extractZip(await zipFile(dir, [{ name: "cmi5.xml", content: "<x/>" }, { name: "au/index.html", content: "hi" }]), path.join(dir, "out"));
    expect(written).to.deep.equal(["cmi5.xml", "au/index.html"]);
    expect(await readFile(path.join(dir, "out/au/index.html"), "utf8")).to.equal("hi");
  });

  const hostile: [string, Parameters<typeof rawZip>[0]][] = [
    ["a parent-directory path (zip slip)", [{ name: "../evil.txt", content: "x" }]],
    ["a nested parent-directory path", [{ name: "a/../../evil.txt", content: "x" }]],
    ["an absolute path", [{ name: "/tmp/evil.txt", content: "x" }]],
    ["a backslash path", [{ name: "..\\evil.txt", content: "x" }]],
    ["a symbolic link", [{ name: "link", content: "/etc/passwd", symlink: true }]],
  ];
  for (const [what, entries] of hostile) {
    it(`refuses ${what} and writes nothing outside the destination`, async () => {
      const dir = await tempDir();
      const file = await zipFile(dir, entries);
      const error = await extractZip(file, path.join(dir, "out")).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(InvalidPackageError);
      expect((await readdir(dir)).sort()).to.deep.equal(["out", "package.zip"]);
    });
  }

  const limited: [string, Parameters<typeof rawZip>[0], Partial<typeof defaultExtractLimits>, RegExp][] = [
    ["more entries than allowed", [{ name: "a", content: "1" }, { name: "b", content: "2" }, { name: "c", content: "3" }], { maxEntries: 2 }, /3 entries, more than the limit of 2/],
    ["more bytes than allowed in total", [{ name: "a", content: Buffer.alloc(600) }, { name: "b", content: Buffer.alloc(600) }], { maxTotalBytes: 1000 }, /unpacks to more than 1000 bytes/],
    ["an entry compressed beyond the ratio", [{ name: "zeros", content: Buffer.alloc(2 * 1024 * 1024), deflate: true }], { maxCompressionRatio: 50 }, /compressed more than 50:1/],
  ];
  for (const [what, entries, limits, message] of limited) {
    it(`refuses ${what} (limits are configurable)`, async () => {
      const dir = await tempDir();
      const file = await zipFile(dir, entries);
      const error = await extractZip(file, path.join(dir, "out"), { ...defaultExtractLimits, ...limits }).then(() => undefined, (e: unknown) => e);
      expect(error).to.be.instanceOf(InvalidPackageError).with.property("message").that.matches(message);
    });
  }

  it("unpacks deflated entries within the limits", async () => {
    const dir = await tempDir();
    const text = "cmi5 ".repeat(1000);
    expect(await extractZip(await zipFile(dir, [{ name: "a.txt", content: text, deflate: true }]), path.join(dir, "out"))).to.deep.equal(["a.txt"]);
    expect(await readFile(path.join(dir, "out/a.txt"), "utf8")).to.equal(text);
  });

  it("refuses a zip whose entry is bigger than it declares", async () => {
    const dir = await tempDir();
    const zip = rawZip([{ name: "a.txt", content: Buffer.alloc(4096, 65), deflate: true }]);
    // Lower the declared uncompressed size in the central directory, as a bomb would to slip past size checks.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, central + 24);
    const file = path.join(dir, "liar.zip");
    await writeFile(file, zip);
    const error = await extractZip(file, path.join(dir, "out")).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidPackageError);
  });

  it("refuses a file that is not a zip", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "not.zip");
    await writeFile(file, "this is not a zip");
    const error = await extractZip(file, path.join(dir, "out")).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidPackageError).with.property("message").that.matches(/not a readable zip/);
  });
});
