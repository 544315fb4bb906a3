import { expect } from "chai";
import { formatCertificateCode, normalizeCertificateCode } from "../../../player/domain/certificate-code.js";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { isAuSatisfied } from "../../../player/domain/cmi5-progress.js";
import { CreditPolicyError, parseCreditPolicy } from "../../../player/domain/credit-policy.js";
import { type SatisfiedStatement, computeCredits } from "../../../player/domain/credits.js";

const policy = parseCreditPolicy({
  licensingBody: "Zavod (primer)",
  courses: [{ course: "https://obuka.rs/courses/a", programme: "P-1", points: 6, rule: "cmi5-course-satisfied", validityYears: 7 }],
});
const lms = { account: { homePage: "https://obuka.local", name: "obuka-lms" } };

function satisfied(id: string, timestamp: string, overrides: Partial<SatisfiedStatement> = {}): SatisfiedStatement {
  return {
    id,
    timestamp,
    verb: { id: cmi5.verbs.satisfied },
    object: { id: "urn:obuka:cmi5:course:x", definition: { type: cmi5.typeCourse } },
    context: { contextActivities: { grouping: [{ id: "https://obuka.rs/courses/a" }] } },
    authority: lms,
    ...overrides,
  };
}
const trusted = (s: SatisfiedStatement) => JSON.stringify(s.authority) === JSON.stringify(lms);

describe("computeCredits", () => {
  it("earns the policy's points once, from the earliest satisfaction, valid for the policy's years", () => {
    const credits = computeCredits(policy, [satisfied("b", "2026-05-02T10:00:00.000Z"), satisfied("a", "2026-03-01T09:00:00.000Z")], trusted);
    expect(credits).to.have.length(1);
    expect(credits[0]).to.deep.include(
      { course: "https://obuka.rs/courses/a", programme: "P-1", points: 6, rule: "cmi5-course-satisfied", earnedAt: "2026-03-01T09:00:00.000Z", validUntil: "2033-03-01T09:00:00.000Z", statementId: "a" },
    );
  });

  it("ignores satisfaction the LMS did not record (content cannot grant itself credit)", () => {
    const forged = satisfied("f", "2026-03-01T09:00:00.000Z", { authority: { account: { homePage: "urn:obuka:lrs", name: "au-token" } } });
    expect(computeCredits(policy, [forged], trusted)).to.deep.equal([]);
  });

  it("ignores block satisfaction and courses outside the policy", () => {
    const block = satisfied("b", "2026-03-01T09:00:00.000Z", { object: { id: "urn:x", definition: { type: cmi5.typeBlock } } });
    const other = satisfied("o", "2026-03-01T09:00:00.000Z", { context: { contextActivities: { grouping: [{ id: "https://obuka.rs/courses/other" }] } } });
    expect(computeCredits(policy, [block, other], trusted)).to.deep.equal([]);
  });
});

describe("parseCreditPolicy", () => {
  it("names the field that is wrong", () => {
    expect(() => parseCreditPolicy({ licensingBody: "Z", courses: [{ course: "https://x", programme: "P", points: -1, validityYears: 5 }] }))
      .to.throw(CreditPolicyError, "courses[0].points: must be > 0");
  });
});

describe("certificate codes", () => {
  it("formats 80 random bits as OBK and four groups of Crockford base32", () => {
    const code = formatCertificateCode(Buffer.from("00112233445566778899", "hex"));
    expect(code).to.match(/^OBK-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(code).to.equal("OBK-008J-4CT4-ANK7-F24S");
  });

  it("accepts what people type and rejects what cannot be a code", () => {
    expect(normalizeCertificateCode(" obk 0o8j 4ct4-ank7-f24s ")).to.equal("OBK-008J-4CT4-ANK7-F24S");
    expect(normalizeCertificateCode("OBK-1234")).to.equal(undefined);
  });
});

describe("cmi5 moveOn and session rules", () => {
  const table: [Parameters<typeof isAuSatisfied>[0], boolean, boolean, boolean][] = [
    ["Passed", false, true, true],
    ["Passed", true, false, false],
    ["Completed", true, false, true],
    ["CompletedAndPassed", true, false, false],
    ["CompletedAndPassed", true, true, true],
    ["CompletedOrPassed", false, true, true],
    ["NotApplicable", false, false, true],
  ];
  for (const [moveOn, completed, passed, expected] of table) {
    it(`moveOn ${moveOn} with completed=${completed} passed=${passed} is ${expected ? "" : "not "}satisfied`, () => {
      expect(isAuSatisfied(moveOn, { completed, passed, failed: false, waived: false })).to.equal(expected);
    });
  }
});
