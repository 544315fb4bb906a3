// Bundles authoring/runtime/ for the browser with esbuild, in memory.
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BuildError } from "../errors.js";

const runtimeEntry = fileURLToPath(new URL("../runtime/main.ts", import.meta.url));

/** One bundle per process: the runtime's sources do not change while the CLI runs. */
let bundled: Promise<Buffer> | undefined;

export function bundleRuntime(): Promise<Buffer> {
  bundled ??= bundleRuntimeOnce();
  // A failed bundle is not kept, so the next build tries again.
  bundled.catch(() => (bundled = undefined));
  return bundled;
}

async function bundleRuntimeOnce(): Promise<Buffer> {
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
