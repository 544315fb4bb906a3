import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { run } from "./tools.js";

export async function hasPdftotext(): Promise<boolean> {
  return run("pdftotext", ["-v"]).then(() => true, () => false);
}

/** The text a person would read in the PDF, as `pdftotext -layout` extracts it. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "obuka-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdftotext", ["-layout", file, "-"], { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Call in a `describe` body: skips the suite with a clear message when pdftotext is
 * missing; under CI=true a missing pdftotext fails the suite instead.
 */
export function requirePdftotext(): void {
  before(async function () {
    if (await hasPdftotext()) return;
    if (process.env.CI === "true") throw new Error("pdftotext is required under CI=true but is not installed (apt-get install -y poppler-utils)");
    console.warn("      skipped: pdftotext is not installed on this machine (apt-get install -y poppler-utils)");
    this.skip();
  });
}

/** The document info (Title, Author, CreationDate, Pages…) as `pdfinfo` prints it, keyed by field. */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "obuka-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdfinfo", ["-isodates", file]);
    const fields: Record<string, string> = {};
    for (const line of stdout.split("\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    return fields;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
