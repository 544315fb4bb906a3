import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
export const standardsDir = path.resolve(projectRoot, "../shared/standards");
export const chromiumPath = "/usr/bin/chromium";
export const run = promisify(execFile);

/**
 * Skips the calling test (or suite) when a machine tool is missing, with a message
 * saying so; under CI=true a missing tool is a failure instead.
 */
export function requireTool(context: Mocha.Context, what: string, available: boolean): void {
  if (available) return;
  if (process.env.CI === "true") throw new Error(`${what} is required under CI=true but is not installed`);
  console.warn(`      skipped: ${what} is not installed on this machine (apt-get install -y chromium libxml2-utils)`);
  context.skip();
}

export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

export async function hasXmllint(): Promise<boolean> {
  return run("xmllint", ["--version"]).then(() => true, () => false);
}

/** Validates an XML file against an XSD with xmllint; resolves with xmllint's report, rejects with it when invalid. */
export async function validateXml(xmlFile: string, xsd: string, catalog?: string): Promise<string> {
  const env = catalog ? { ...process.env, XML_CATALOG_FILES: catalog } : process.env;
  try {
    const { stderr } = await run("xmllint", ["--noout", "--schema", xsd, xmlFile], { env });
    return stderr;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`xmllint rejected ${xmlFile}:\n${stderr}`);
  }
}
