// `obuka import …` spawned for real through the umbrella shim, against a temp data folder;
// what it stores is read back from the SQLite file and the packages folder.
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { SqliteDatabase } from "../../lrs/index.js";
import { projectRoot, run } from "../support/tools.js";
import { scorm12Manifest, scorm2004Zip, xapiZip } from "./support/package-fixtures.js";
import { rawZip } from "../support/raw-zip.js";

const bin = path.join(projectRoot, "authoring/bin/obuka.js");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function obuka(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Outcome> {
  return run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, OBUKA_DATA_DIR: "", DATABASE_URL: "", OBUKA_CONTENT_DIR: "", ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

async function packageRows(dataDir: string): Promise<{ format: string; course_id: string }[]> {
  const db = await SqliteDatabase.open(path.join(dataDir, "player.sqlite"));
  try {
    return await db.read((tx) => tx.all<{ format: string; course_id: string }>("SELECT format, course_id FROM packages ORDER BY course_id"));
  } finally {
    await db.close();
  }
}

describe("obuka import (CLI)", () => {
  let cwd: string;

  before(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "obuka-import-cli-"));
    await writeFile(path.join(cwd, "scorm2004.zip"), scorm2004Zip());
    await writeFile(path.join(cwd, "xapi.zip"), xapiZip());
    await writeFile(path.join(cwd, "broken.zip"), rawZip([{ name: "imsmanifest.xml", content: scorm12Manifest.replace("<resources", "<resources\n  <") }]));
  });

  it("imports into --data-dir, says what it imported, and knows the same zip the second time", async () => {
    const first = await obuka(["import", "scorm2004.zip", "--data-dir", "store"], cwd);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/^imported: scorm2004\.zip → com\.example\.odd-scorm2004 \(SCORM 2004 \(4th ed\.\)\), package [0-9a-f-]{36}\n$/);
    const again = await obuka(["import", "scorm2004.zip", "--data-dir", "store"], cwd);
    expect(again.code).to.equal(0);
    expect(again.stdout).to.match(/^already imported: scorm2004\.zip/);
    expect(await packageRows(path.join(cwd, "store"))).to.deep.equal([{ format: "scorm2004", course_id: "com.example.odd-scorm2004" }]);
    const packageId = /package ([0-9a-f-]{36})/.exec(first.stdout)![1]!;
    expect(await readdir(path.join(cwd, "store/packages"))).to.deep.equal([packageId]);
  });

  it("uses $OBUKA_DATA_DIR when --data-dir is not given", async () => {
    const result = await obuka(["import", "xapi.zip"], cwd, { OBUKA_DATA_DIR: "from-env" });
    expect(result.code, result.stderr).to.equal(0);
    expect(await packageRows(path.join(cwd, "from-env"))).to.deep.equal([{ format: "xapi", course_id: "https://example.org/xapi/kurs" }]);
  });

  it("refuses a broken package with exit 1, naming the zip, the manifest and the line, and stores nothing", async () => {
    const result = await obuka(["import", "broken.zip", "--data-dir", "refused"], cwd);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/^obuka import: broken\.zip: imsmanifest\.xml:\d+:\d+: not well-formed XML/);
    expect(result.stderr).to.not.match(/\n\s+at /); // no stack trace
    expect(await packageRows(path.join(cwd, "refused"))).to.deep.equal([]);
    expect(await readdir(path.join(cwd, "refused/packages"))).to.deep.equal([]);
  });

  it("applies the server's zip bomb limits from $OBUKA_PACKAGE_MAX_BYTES: a bigger package is refused with exit 1 and nothing stored", async () => {
    const limited = await obuka(["import", "xapi.zip", "--data-dir", "limited"], cwd, { OBUKA_PACKAGE_MAX_BYTES: "100" });
    expect(limited.code).to.equal(1);
    expect(limited.stderr).to.match(/^obuka import: xapi\.zip: package: unpacks to more than 100 bytes/);
    expect(await packageRows(path.join(cwd, "limited"))).to.deep.equal([]);
    expect(await readdir(path.join(cwd, "limited/packages"))).to.deep.equal([]);
    const roomy = await obuka(["import", "xapi.zip", "--data-dir", "limited"], cwd, { OBUKA_PACKAGE_MAX_BYTES: "100000" });
    expect(roomy.code, roomy.stderr).to.equal(0);
    const wrong = await obuka(["import", "xapi.zip", "--data-dir", "limited"], cwd, { OBUKA_PACKAGE_MAX_BYTES: "lots" });
    expect(wrong.code).to.equal(2);
    expect(wrong.stderr).to.contain('OBUKA_PACKAGE_MAX_BYTES: must be a positive number, got "lots"');
  });

  it("answers usage errors with exit 2", async () => {
    expect((await obuka(["import"], cwd)).code).to.equal(2);
    const missing = await obuka(["import", "none.zip", "--data-dir", "x"], cwd);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain("none.zip: no such file");
    expect((await obuka(["import", "xapi.zip", "--colour"], cwd)).code).to.equal(2);
  });
});
