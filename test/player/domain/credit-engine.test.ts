import { expect } from "chai";
import { cmi5 } from "../../../player/domain/cmi5-launch.js";
import { type CompletionRule, parseCreditPolicy } from "../../../player/domain/credit-policy.js";
import { explainCredit } from "../../../player/domain/credit-explanation.js";
import { summarizePeriod } from "../../../player/domain/credit-summary.js";
import { type CourseFacts, type CreditStatement, computeCredits } from "../../../player/domain/credits.js";
import { leaveDaysWithin, periodContaining, periodStarting, proRata } from "../../../player/domain/licence-period.js";
import { type ProgrammeRole, roleVerbs } from "../../../player/domain/programme-roles.js";

const lms = { account: { homePage: "https://obuka.local", name: "obuka-lms" } };
const trusted = (s: CreditStatement) => JSON.stringify(s.authority) === JSON.stringify(lms);
const A = "https://obuka.rs/courses/a";
const B = "https://obuka.rs/courses/b";
const scormCourse = "urn:obuka:scorm:course:s";

function satisfied(id: string, timestamp: string, course = A, registration = "r1"): CreditStatement {
  return {
    id, timestamp, verb: { id: cmi5.verbs.satisfied },
    object: { id: `urn:obuka:cmi5:course:${course}`, definition: { type: cmi5.typeCourse } },
    context: { registration, contextActivities: { grouping: [{ id: course }] } },
    authority: lms,
  };
}
function scormOutcome(id: string, timestamp: string, verb: "completed" | "passed", scaled?: number): CreditStatement {
  return {
    id, timestamp, verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` }, object: { id: scormCourse },
    ...(scaled === undefined ? {} : { result: { score: { scaled } } }),
    context: { registration: "s1" }, authority: lms,
  };
}
function voiding(id: string, target: string): CreditStatement {
  return { id, timestamp: "2027-01-01T00:00:00.000Z", verb: { id: "http://adlnet.gov/expapi/verbs/voided" }, object: { objectType: "StatementRef", id: target }, authority: lms };
}

function policyWith(course: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return parseCreditPolicy({ licensingBody: "Zavod", courses: [{ course: A, programme: "P-A", points: 15, validityYears: 7, ...course }], ...extra });
}

const period2026 = periodStarting("2026-01-01", 1);

describe("credit engine: completion rules", () => {
  const facts = (over: Partial<CourseFacts>): CourseFacts[] => [{ course: A, format: "cmi5", activityIds: [], ...over }];
  const cases: [string, CompletionRule, Partial<CourseFacts>, boolean][] = [
    ["moveOn Completed, completed", { moveOn: "Completed" }, { completed: true }, true],
    ["moveOn Completed, only passed", { moveOn: "Completed" }, { passed: true }, false],
    ["moveOn Passed, passed", { moveOn: "Passed" }, { passed: true }, true],
    ["moveOn Passed, only completed", { moveOn: "Passed" }, { completed: true }, false],
    ["moveOn CompletedAndPassed, both", { moveOn: "CompletedAndPassed" }, { completed: true, passed: true }, true],
    ["moveOn CompletedAndPassed, one", { moveOn: "CompletedAndPassed" }, { completed: true }, false],
    ["moveOn CompletedOrPassed, passed", { moveOn: "CompletedOrPassed" }, { passed: true }, true],
    ["moveOn CompletedOrPassed, neither", { moveOn: "CompletedOrPassed" }, {}, false],
    ["moveOn NotApplicable, neither", { moveOn: "NotApplicable" }, {}, true],
    ["score at the mastery score", { minScore: 0.8 }, { bestScore: 0.8 }, true],
    ["score just under mastery", { minScore: 0.8 }, { bestScore: 0.79 }, false],
    ["score missing", { minScore: 0.8 }, {}, false],
    ["watched exactly the threshold", { watchedShare: 0.9 }, { watchedShare: 0.9 }, true],
    ["watched under the threshold", { watchedShare: 0.9 }, { watchedShare: 0.899 }, false],
    ["time on task exactly the minimum", { minMinutes: 45 }, { secondsOnTask: 2700 }, true],
    ["time on task a second short", { minMinutes: 45 }, { secondsOnTask: 2699 }, false],
    ["allOf, every part met", { allOf: [{ satisfied: true }, { watchedShare: 0.9 }] }, { watchedShare: 0.95 }, true],
    ["allOf, one part not met", { allOf: [{ satisfied: true }, { minScore: 0.9 }] }, { bestScore: 0.5 }, false],
    ["anyOf, one part met", { anyOf: [{ minScore: 0.9 }, { minMinutes: 10 }] }, { bestScore: 0.5, secondsOnTask: 900 }, true],
    ["anyOf, none met", { anyOf: [{ minScore: 0.9 }, { minMinutes: 10 }] }, { bestScore: 0.5, secondsOnTask: 60 }, false],
    ["SCORM rule on a cmi5 course", { scorm: "completed" }, { completed: true }, false],
  ];
  for (const [name, completion, over, earns] of cases) {
    it(`${earns ? "earns" : "does not earn"} credit: ${name}`, () => {
      const credits = computeCredits(policyWith({ completion }), [satisfied("s1", "2026-03-01T09:00:00.000Z")], trusted, { facts: facts(over) });
      expect(credits.map((c) => c.points)).to.deep.equal(earns ? [15] : []);
      if (earns) expect(credits[0]!.explanation).to.contain("met");
    });
  }

  it("reads SCORM completion, success and score from the LMS's own statements", () => {
    const policy = parseCreditPolicy({ licensingBody: "Z", courses: [{ course: "s", programme: "S", points: 5, validityYears: 1, completion: { allOf: [{ scorm: "completed-and-passed" }, { minScore: 0.7 }] } }] });
    const facts: CourseFacts[] = [{ course: "s", format: "scorm2004", activityIds: [scormCourse] }];
    const both = [scormOutcome("c", "2026-02-01T10:00:00.000Z", "completed"), scormOutcome("p", "2026-02-01T10:05:00.000Z", "passed", 0.75)];
    const credit = computeCredits(policy, both, trusted, { facts })[0]!;
    expect(credit).to.deep.include({ points: 5, statementId: "c", format: "scorm2004" });
    expect(credit.evidence).to.deep.equal(["c", "p"]);
    expect(credit.explanation).to.equal("all of (SCORM completed-and-passed: completed yes, passed yes → met; quiz score ≥ 70 %: 75 % → met); repeats once-ever");
    expect(computeCredits(policy, [both[0]!], trusted, { facts })).to.deep.equal([]);
  });

  it("explains a credit in Serbian too, with repeats, accreditation dates and caps", () => {
    const policy = parseCreditPolicy({
      licensingBody: "Z", categories: [{ id: "online", name: "Online", maxPointsPerPeriod: 10 }],
      courses: [{ course: A, programme: "A", points: 15, validityYears: 1, category: "online", validFrom: "2026-01-01", validTo: "2026-12-31", completion: { allOf: [{ moveOn: "Passed" }, { watchedShare: 0.9 }] } }],
    });
    const [credit] = computeCredits(policy, [satisfied("s1", "2026-03-01T09:00:00.000Z")], trusted, { facts: [{ course: A, format: "cmi5", activityIds: [], passed: true, watchedShare: 0.95 }], period: period2026 });
    expect(credit!.explanation).to.equal("all of (moveOn Passed: completed no, passed yes → met; recorded training watched ≥ 90 %: 95 % → met); repeats once-ever; accredited 2026-01-01 to 2026-12-31; category online capped at 10 per period: 10 of 15 points count");
    expect(explainCredit(credit!, "sr-Latn")).to.equal("sve od ({=moveOn=} Passed: završeno ne, položeno da → ispunjeno; odgledano od snimka obuke ≥ 90 %: 95 % → ispunjeno); ponovljena obuka se ne računa; akreditovano od 2026-01-01 do 2026-12-31; kategorija online ograničena na 10 po periodu: računa se 10 bodova od 15");
  });

  it("refuses a format the accreditation does not allow", () => {
    const policy = policyWith({ formats: ["scorm2004"] });
    expect(computeCredits(policy, [satisfied("s1", "2026-03-01T09:00:00.000Z")], trusted)).to.deep.equal([]);
    expect(computeCredits(policyWith({ formats: ["cmi5"] }), [satisfied("s1", "2026-03-01T09:00:00.000Z")], trusted)).to.have.length(1);
  });

  it("ignores statements the LMS did not make, and outcomes of courses it knows nothing about", () => {
    const forged = { ...satisfied("f", "2026-03-01T09:00:00.000Z"), authority: { account: { homePage: "x", name: "au" } } };
    expect(computeCredits(policyWith({}), [forged], trusted)).to.deep.equal([]);
    expect(computeCredits(policyWith({ completion: { scorm: "completed" } }), [scormOutcome("c", "2026-02-01T10:00:00.000Z", "completed")], trusted)).to.deep.equal([]);
  });
});

describe("credit engine: voiding, determinism, accreditation dates", () => {
  it("a voided statement removes the credit it supported, and the next completion takes its place", () => {
    const statements = [satisfied("first", "2026-03-01T09:00:00.000Z", A, "r1"), satisfied("second", "2026-06-01T09:00:00.000Z", A, "r2")];
    expect(computeCredits(policyWith({}), statements, trusted).map((c) => c.statementId)).to.deep.equal(["first"]);
    expect(computeCredits(policyWith({}), [...statements, voiding("v", "FIRST")], trusted).map((c) => c.statementId)).to.deep.equal(["second"]);
    expect(computeCredits(policyWith({}), [statements[0]!, voiding("v", "first")], trusted)).to.deep.equal([]);
  });

  it("gives the same credits whatever the order of the statements", () => {
    const policy = parseCreditPolicy({ licensingBody: "Z", repeats: "each", courses: [{ course: A, programme: "A", points: 5, validityYears: 1 }, { course: B, programme: "B", points: 5, validityYears: 1 }] });
    const statements = [satisfied("a2", "2026-05-01T00:00:00.000Z", A, "r2"), satisfied("b1", "2026-04-01T00:00:00.000Z", B, "r3"), satisfied("a1", "2026-04-01T00:00:00.000Z", A, "r1"), satisfied("a1b", "2026-04-01T00:00:00.000Z", A, "r1")];
    const forward = computeCredits(policy, statements, trusted);
    expect(computeCredits(policy, [...statements].reverse(), trusted)).to.deep.equal(forward);
    expect(forward.map((c) => [c.course, c.statementId, c.evidence])).to.deep.equal([[A, "a1", ["a1", "a1b"]], [B, "b1", ["b1"]], [A, "a2", ["a2"]]]);
  });

  it("counts a completion only within the programme's accreditation dates, both days included", () => {
    const policy = policyWith({ validFrom: "2026-03-01", validTo: "2026-03-31" });
    const earned = (ts: string) => computeCredits(policy, [satisfied("s", ts)], trusted).length;
    expect([earned("2026-02-28T23:59:59.999Z"), earned("2026-03-01T00:00:00.000Z"), earned("2026-03-31T23:59:59.999Z"), earned("2026-04-01T00:00:00.000Z")]).to.deep.equal([0, 1, 1, 0]);
  });
});

describe("credit engine: periods and repeats", () => {
  it("counts a credit on the first and last day of the period and not a day outside", () => {
    const at = (ts: string) => computeCredits(policyWith({}), [satisfied("s", ts)], trusted, { period: period2026 }).length;
    expect([at("2025-12-31T23:59:59.999Z"), at("2026-01-01T00:00:00.000Z"), at("2026-12-31T23:59:59.999Z"), at("2027-01-01T00:00:00.000Z")]).to.deep.equal([0, 1, 1, 0]);
  });

  const taken = [satisfied("y1", "2025-05-01T00:00:00.000Z", A, "r1"), satisfied("y2a", "2026-02-01T00:00:00.000Z", A, "r2"), satisfied("y2b", "2026-09-01T00:00:00.000Z", A, "r3")];
  it("once-ever: only the first completion ever counts, so a repeat in a later period earns nothing", () => {
    const policy = policyWith({ repeats: "once-ever" });
    expect(computeCredits(policy, taken, trusted, { period: periodStarting("2025-01-01", 1) }).map((c) => c.statementId)).to.deep.equal(["y1"]);
    expect(computeCredits(policy, taken, trusted, { period: period2026 })).to.deep.equal([]);
  });
  it("once-per-period: the first completion in each period counts", () => {
    const policy = policyWith({ repeats: "once-per-period" });
    expect(computeCredits(policy, taken, trusted, { period: period2026 }).map((c) => c.statementId)).to.deep.equal(["y2a"]);
  });
  it("each: every completion in the period counts", () => {
    const policy = policyWith({ repeats: "each" });
    expect(computeCredits(policy, taken, trusted, { period: period2026 }).map((c) => c.statementId)).to.deep.equal(["y2a", "y2b"]);
  });
});

describe("credit engine: caps, required points and pro rata", () => {
  const policy = parseCreditPolicy({
    licensingBody: "Z",
    repeats: "each",
    licence: { periodYears: 2, pointsPerPeriod: 40, pointsPerYear: 15, proRataForLeave: true },
    categories: [{ id: "online", name: "Online", maxPointsPerPeriod: 25, maxPointsPerYear: 20 }],
    courses: [{ course: A, programme: "A", points: 15, validityYears: 7, category: "online" }, { course: B, programme: "B", points: 10, validityYears: 7 }],
  });
  const period = periodStarting("2026-01-01", 2);
  const statements = [
    satisfied("a1", "2026-02-01T00:00:00.000Z", A, "r1"), satisfied("a2", "2026-03-01T00:00:00.000Z", A, "r2"),
    satisfied("a3", "2027-02-01T00:00:00.000Z", A, "r3"), satisfied("b1", "2027-03-01T00:00:00.000Z", B, "r4"),
  ];

  it("caps a category per year and per period, in the order the credits were earned", () => {
    const credits = computeCredits(policy, statements, trusted, { period });
    expect(credits.map((c) => [c.statementId, c.points, c.countedPoints])).to.deep.equal([["a1", 15, 15], ["a2", 15, 5], ["a3", 15, 5], ["b1", 10, 10]]);
    expect(credits[1]!.explanation).to.contain("capped at 20 per year");
    expect(credits[2]!.explanation).to.contain("capped at 25 per period");
  });

  it("sums the period: required, earned, missing, per year and per category", () => {
    const summary = summarizePeriod(policy, computeCredits(policy, statements, trusted, { period }), period);
    expect(summary).to.deep.include({ required: 40, requiredAfterLeave: 40, earned: 35, missing: 5, leaveDays: 0 });
    expect(summary.years).to.deep.equal([{ from: "2026-01-01", to: "2026-12-31", required: 15, earned: 20 }, { from: "2027-01-01", to: "2027-12-31", required: 15, earned: 15 }]);
    expect(summary.categories).to.deep.equal([{ id: "online", name: "Online", maxPointsPerPeriod: 25, earned: 25, offered: 45 }]);
  });

  it("reduces required points in proportion to leave, rounding up to a whole point", () => {
    const leave = [{ from: "2026-07-01", to: "2026-12-31" }];
    const summary = summarizePeriod(policy, [], period, leave);
    // 184 of 730 days on leave: 40 × 546 / 730 = 29.9 → 30; the first year 15 × 181 / 365 = 7.4 → 8.
    expect(summary).to.deep.include({ leaveDays: 184, requiredAfterLeave: 30, missing: 30 });
    expect(summary.years.map((y) => y.required)).to.deep.equal([8, 15]);
  });

  it("counts overlapping leave once and ignores leave outside the interval", () => {
    expect(leaveDaysWithin({ from: "2026-01-01", to: "2026-01-31" }, [{ from: "2025-12-20", to: "2026-01-10" }, { from: "2026-01-05", to: "2026-01-12" }, { from: "2026-03-01", to: "2026-03-05" }])).to.equal(12);
    expect(proRata(10, { from: "2026-01-01", to: "2026-01-10" }, [])).to.equal(10);
  });

  it("finds the licence period containing a day, counting periods from the licence's start", () => {
    expect(periodContaining("2020-03-15", 6, "2026-03-14")).to.deep.equal({ from: "2020-03-15", to: "2026-03-14" });
    expect(periodContaining("2020-03-15", 6, "2026-03-15")).to.deep.equal({ from: "2026-03-15", to: "2032-03-14" });
  });
});

describe("credit engine: points by role (authors and trainers)", () => {
  const rolePolicy = (extra: Record<string, unknown> = {}) => policyWith({ pointsByRole: { author: 30, trainer: 20 }, ...extra });
  function roleRecord(id: string, role: ProgrammeRole, date: string, delivery: string, authority: unknown = lms): CreditStatement {
    return { id, timestamp: `${date}T00:00:00.000Z`, verb: { id: roleVerbs[role] }, object: { id: A }, context: { registration: delivery }, authority };
  }

  it("awards the role's points from the LMS's role statements, beside a participant's credit, each explained", () => {
    const statements = [roleRecord("t1", "trainer", "2026-04-01", "d1"), roleRecord("a1", "author", "2026-02-01", "d0"), satisfied("s1", "2026-03-01T09:00:00.000Z")];
    const credits = computeCredits(rolePolicy({ repeats: "each" }), statements, trusted);
    expect(credits.map((c) => [c.statementId, c.role, c.points])).to.deep.equal([["a1", "author", 30], ["s1", undefined, 15], ["t1", "trainer", 20]]);
    expect(credits[0]!.explanation).to.contain("author of the programme, recorded by the LMS: yes → met");
    expect(explainCredit(credits[2]!, "sr-Latn")).to.contain("trener u realizaciji programa");
  });

  it("ignores role statements the LMS did not make, voided ones, other programmes' and roles the accreditation gives no points", () => {
    const statements = [
      roleRecord("t1", "trainer", "2026-04-01", "d1", { account: { homePage: "https://obuka.local", name: "content" } }),
      roleRecord("t2", "trainer", "2026-04-02", "d2"), voiding("v1", "t2"),
      { ...roleRecord("t3", "trainer", "2026-04-03", "d3"), object: { id: B } },
      roleRecord("a1", "author", "2026-04-04", "d4"),
    ];
    expect(computeCredits(policyWith({ pointsByRole: { trainer: 20 } }), statements, trusted)).to.deep.equal([]);
  });

  it("counts one credit per delivery, under the programme's repeats and accreditation dates, and caps like any credit", () => {
    const deliveries = [roleRecord("t1", "trainer", "2026-03-01", "d1"), roleRecord("t1b", "trainer", "2026-03-02", "d1"), roleRecord("t2", "trainer", "2026-05-01", "d2"), roleRecord("t3", "trainer", "2027-05-01", "d3")];
    expect(computeCredits(rolePolicy({ repeats: "each" }), deliveries, trusted, { period: period2026 }).map((c) => [c.statementId, c.evidence])).to.deep.equal([["t1", ["t1", "t1b"]], ["t2", ["t2"]]]);
    expect(computeCredits(rolePolicy({ repeats: "once-ever" }), deliveries, trusted).map((c) => c.statementId)).to.deep.equal(["t1"]);
    expect(computeCredits(rolePolicy({ repeats: "once-per-period" }), deliveries, trusted, { period: period2026 }).map((c) => c.statementId)).to.deep.equal(["t1"]);
    expect(computeCredits(rolePolicy({ repeats: "each", validTo: "2026-04-30" }), deliveries, trusted).map((c) => c.statementId)).to.deep.equal(["t1"]);
    const cappedPolicy = parseCreditPolicy({ licensingBody: "Zavod", categories: [{ id: "c", name: "C", maxPointsPerPeriod: 30 }], courses: [{ course: A, programme: "P-A", points: 15, validityYears: 7, category: "c", repeats: "each", pointsByRole: { trainer: 20 } }] });
    expect(computeCredits(cappedPolicy, deliveries, trusted, { period: period2026 }).map((c) => c.countedPoints)).to.deep.equal([20, 10]);
  });
});
