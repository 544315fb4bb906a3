// The standalone server refuses to start on a malformed credit policy, naming file:line:col.
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { projectRoot } from "../support/tools.js";

describe("player/main.ts with a malformed credit policy", () => {
  it("exits with 1 and names every problem as file:line:col, with no stack trace", async () => {
    const work = await mkdtemp(path.join(os.tmpdir(), "obuka-bad-policy-"));
    const policyFile = path.join(work, "policy.yaml");
    await writeFile(policyFile, "licensingBody: Zavod\ncourses:\n  - course: https://x/a\n    programme: A\n    points: many\n    validityYears: 5\n    colour: red\n");
    const child = spawn(process.execPath, ["--import", "tsx", "player/main.ts"], {
      cwd: projectRoot,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", OBUKA_DATA_DIR: path.join(work, "data"), OBUKA_PACKAGES_DIR: path.join(work, "none"), OBUKA_CREDIT_POLICY: policyFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, output).to.equal(1);
    const shown = path.relative(projectRoot, policyFile);
    expect(output).to.contain(`${shown}:5:5: courses[0].points: must be number`);
    expect(output).to.contain(`${shown}:7:5: courses[0].colour: unknown field`);
    expect(output).to.not.match(/\n\s+at /);
  });
});
