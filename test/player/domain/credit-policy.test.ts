import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { CreditPolicyError, readCreditPolicy } from "../../../player/domain/credit-policy.js";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function problemsOf(text: string): string[] {
  try {
    readCreditPolicy(text, "policy.yaml");
  } catch (error) {
    expect(error).to.be.instanceOf(CreditPolicyError);
    return (error as CreditPolicyError).problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);
  }
  throw new Error("the policy was accepted");
}

const valid = `licensingBody: Zavod
categories:
  - id: online
    name: Online
courses:
  - course: https://x/a
    programme: A
    points: 15
    validityYears: 5
    category: online
`;

describe("credit policy files", () => {
  for (const file of ["courses/credit-policy.yaml", "courses/rs-social-protection.credit-policy.yaml", "courses/me-social-protection.credit-policy.yaml"]) {
    it(`${file} follows the schema, and every assumption names a field of it`, async () => {
      const policy = readCreditPolicy(await readFile(path.join(projectRoot, file), "utf8"), file);
      expect(policy.courses).to.not.be.empty;
      expect(policy.assumptions, "unconfirmed values are marked").to.not.be.empty;
      expect(policy.rulebooks).to.not.be.empty;
    });
  }

  it("Serbia's policy carries the rulebook's points: 15 with a knowledge check, 5 without, 30 author, 20 trainer", async () => {
    const policy = readCreditPolicy(await readFile(path.join(projectRoot, "courses/rs-social-protection.credit-policy.yaml"), "utf8"), "rs");
    const withCheck = policy.courses.find((c) => c.category === "accredited-with-check")!;
    const withoutCheck = policy.courses.find((c) => c.category === "accredited-without-check")!;
    expect([withCheck.points, withoutCheck.points, withCheck.pointsByRole.author, withCheck.pointsByRole.trainer]).to.deep.equal([15, 5, 30, 20]);
    expect(policy.rulebooks.join(" ")).to.contain("42/2013");
  });

  it("the schema editors use is the one the player validates with", async () => {
    const onDisk = JSON.parse(await readFile(path.join(projectRoot, "player/schema/credit-policy.schema.json"), "utf8"));
    expect(onDisk.$id).to.equal("https://obuka.rs/schema/credit-policy.schema.json");
    expect(readCreditPolicy(valid, "ok.yaml").courses[0]).to.deep.include({ completion: { satisfied: true }, repeats: "once-ever", category: "online" });
  });
});

describe("credit policy errors name file:line:col", () => {
  it("reports a YAML syntax error where it is", () => {
    expect(problemsOf("licensingBody: Zavod\ncourses:\n  - course: [unclosed\n")[0]).to.match(/^\d+:\d+ \(yaml\): /);
  });

  it("reports every schema problem at once, each on its own line", () => {
    const text = valid.replace("    points: 15\n", "    points: -3\n    colour: red\n").replace("    validityYears: 5\n", "    validityYears: 5\n    completion: { watchedShare: 1.5 }\n");
    expect(problemsOf(text)).to.have.members([
      "9:5 courses[0].colour: unknown field",
      "8:5 courses[0].points: must be > 0",
      "11:19 courses[0].completion.watchedShare: must be <= 1",
    ]);
    expect(() => readCreditPolicy(text, "dir/policy.yaml")).to.throw(CreditPolicyError, "dir/policy.yaml:9:5: courses[0].colour: unknown field");
  });

  it("names a missing required field at its parent", () => {
    expect(problemsOf(valid.replace("    programme: A\n", ""))).to.deep.equal(["6:5 courses[0]: needs programme"]);
  });

  it("rejects an unknown moveOn value, listing the allowed ones", () => {
    const [problem] = problemsOf(valid.replace("    category: online\n", "    category: online\n    completion: { moveOn: Finished }\n"));
    expect(problem).to.match(/^11:19 courses\[0\]\.completion\.moveOn: must be one of "Completed", "Passed"/);
  });

  it("checks what the schema cannot: categories, dates, duplicates and assumptions", () => {
    const text = `${valid.replace("    category: online\n", "    category: offline\n    validFrom: \"2026-05-01\"\n    validTo: \"2026-04-30\"\n")}  - course: https://x/a
    programme: again
    points: 1
    validityYears: 1
assumptions:
  - field: licence.pointsPerPeriod
    note: not set
`;
    expect(problemsOf(text)).to.have.members([
      "10:5 courses[0].category: must be one of the categories (online)",
      "12:5 courses[0].validTo: must not be before validFrom",
      "13:5 courses[1].course: appears twice; one entry per course",
      "18:5 assumptions[0].field: names no field of this policy (licence.pointsPerPeriod)",
    ]);
  });
});
