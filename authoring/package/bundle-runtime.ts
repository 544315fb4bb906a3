// Bundles authoring/runtime/ for the browser with esbuild, in memory.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BuildError } from "../errors.js";

const runtimeEntry = fileURLToPath(new URL("../runtime/main.ts", import.meta.url));

export async function bundleRuntime(): Promise<Buffer> {
  try {
    const result = await build({
      entryPoints: [runtimeEntry],
      bundle: true,
      platform: "browser",
      format: "iife",
      target: "es2020",
      minify: true,
      write: false,
      legalComments: "none",
      charset: "utf8",
      logLevel: "silent",
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error("esbuild produced no output");
    return Buffer.from(output.contents);
  } catch (error) {
    throw new BuildError(`could not bundle the browser runtime: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
