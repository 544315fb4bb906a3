#!/usr/bin/env node
// The `obuka` command: lets Node load TypeScript through tsx, then starts the CLI of the
// area asked for. `obuka lrs …` goes to lrs/cli.ts and `obuka import …`, `verify-credential …`
// `revoke-certificate …` and `rotate-issuer-key` to player/cli.ts
// (the only imports of lrs/ and player/ from authoring/, allowed by docs/architecture.md);
// everything else to authoring/cli.ts.
import { register } from "tsx/esm/api";

register();
const [area, ...rest] = process.argv.slice(2);
if (area === "lrs") {
  const { runLrsCli } = await import("../../lrs/cli.ts");
  const code = await runLrsCli(rest, {
    cwd: process.cwd(),
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
} else if (area === "import" || area === "verify-credential" || area === "revoke-certificate" || area === "rotate-issuer-key") {
  const { runPlayerCli } = await import("../../player/cli.ts");
  const code = await runPlayerCli([area, ...rest], {
    cwd: process.cwd(),
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  process.exit(code);
} else {
  await import("../cli.ts");
}
