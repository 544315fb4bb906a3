import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { InvalidPackageError } from "../../../player/errors.js";
import { extractZip } from "../../../player/packages/extract-zip.js";
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

  it("refuses a file that is not a zip", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "not.zip");
    await writeFile(file, "this is not a zip");
    const error = await extractZip(file, path.join(dir, "out")).then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidPackageError).with.property("message").that.matches(/not a readable zip/);
  });
});
