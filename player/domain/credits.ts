// The credit engine: a professional's LRS statements and the LMS's own records, through the
// licensing body's policy, to credits that each name the statements that earned them.
// Pure and deterministic: the same statements in any order give the same credits.
import { cmi5 } from "./cmi5-launch.js";
import { type CompletionState, type RuleCheck, evaluateRule } from "./completion-rules.js";
import { type CapNote, explainCredit } from "./credit-explanation.js";
import type { ContentFormat, CoursePolicy, CreditPolicy, CreditRule, Repeats } from "./credit-policy.js";
import { type LicencePeriod, contains, dayOf, yearsOf } from "./licence-period.js";
import { type ProgrammeRole, programmeRoles, roleVerbs } from "./programme-roles.js";

/** The part of a stored xAPI statement the credit engine reads. */
export interface CreditStatement {
  id: string;
  timestamp: string;
  verb: { id: string };
  object: { id?: string; objectType?: string; definition?: { type?: string } };
  result?: { completion?: boolean; success?: boolean; score?: { scaled?: number } };
  context?: { registration?: string; contextActivities?: { grouping?: { id: string }[]; parent?: { id: string }[] } };
  authority?: unknown;
}

/** The name the first engine gave its input; kept for callers. */
export type SatisfiedStatement = CreditStatement;

/** What the player itself knows of a learner's course (gathered by the service from its stores). */
export interface CourseFacts {
  course: string;
  format: ContentFormat;
  /** Activity ids the LMS records the course under in the LRS (SCORM: the course's); cmi5 is matched by grouping. */
  activityIds: string[];
  completed?: boolean;
  passed?: boolean;
  bestScore?: number;
  watchedShare?: number;
  secondsOnTask?: number;
}

export interface EarnedCredit {
  course: string;
  programme: string;
  /** The programme's accredited points for a participant (what a certificate states). */
  points: number;
  rule: CreditRule;
  earnedAt: string;
  validUntil: string;
  /** The LRS statement that earned it (the earliest of `evidence`): the evidence a verifier can ask for. */
  statementId: string;
  /** Every LMS statement of this completion, earliest first; voiding any of them recomputes the credit without it. */
  evidence: string[];
  /** The rule applied, with the learner's values, in words (English; `explainCredit` gives other languages). */
  explanation: string;
  /** The completion rule as evaluated, part by part with the learner's values. */
  check: RuleCheck;
  repeats: Repeats;
  /** The programme's accreditation dates, when the policy sets them. */
  accreditation: { validFrom: string | undefined; validTo: string | undefined } | undefined;
  /** Set when a category cap reduced the points that count. */
  cap: CapNote | undefined;
  programmeNumber: string | undefined;
  category: string | undefined;
  format: ContentFormat | undefined;
  registration: string | undefined;
  /** Points that count toward the period after category caps (equal to `points` without a period). */
  countedPoints: number;
  /** Set for an author's or trainer's credit (`pointsByRole`); a participant's credit has none. */
  role?: ProgrammeRole;
}

export interface CreditContext {
  facts?: readonly CourseFacts[];
  /** Count credits for this licence period: repeats and caps apply within it. */
  period?: LicencePeriod;
}

const voidedVerb = "http://adlnet.gov/expapi/verbs/voided";
const completedVerb = "http://adlnet.gov/expapi/verbs/completed";
const passedVerb = "http://adlnet.gov/expapi/verbs/passed";

/**
 * Applies the policy to one learner's statements. Only statements the LMS itself made count
 * (`isTrusted` checks the authority): content cannot grant credit. A statement voided by a
 * voiding statement in the input counts as never made.
 */
export function computeCredits(
  policy: CreditPolicy,
  statements: readonly CreditStatement[],
  isTrusted: (statement: CreditStatement) => boolean,
  context: CreditContext = {},
): EarnedCredit[] {
  const voided = new Set(statements.filter((s) => s.verb.id === voidedVerb && s.object.objectType === "StatementRef" && s.object.id).map((s) => s.object.id!.toLowerCase()));
  const live = statements
    .filter((s) => s.verb.id !== voidedVerb && !voided.has(s.id.toLowerCase()) && isTrusted(s))
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
  const credits = policy.courses.flatMap((course) => [...creditsOfCourse(course, live, context), ...roleCreditsOfCourse(course, live, context)]);
  credits.sort((a, b) => a.earnedAt.localeCompare(b.earnedAt) || a.course.localeCompare(b.course) || a.statementId.localeCompare(b.statementId));
  return context.period ? applyCaps(policy, credits, context.period) : credits;
}

function creditsOfCourse(course: CoursePolicy, live: readonly CreditStatement[], context: CreditContext): EarnedCredit[] {
  const facts = context.facts?.find((f) => f.course === course.course);
  const anchors = live.filter((s) => isSatisfiedCourse(s, course.course) || isCourseOutcome(s, facts));
  if (anchors.length === 0) return [];
  const state = stateOf(anchors, facts, course.course);
  if (course.formats && (state.format === undefined || !course.formats.includes(state.format))) return [];
  const check = evaluateRule(course.completion, state);
  if (!check.met) return [];

  // One completion per registration: the learner took the programme again in a new one.
  const byRegistration = groupBy(anchors, (s) => s.context?.registration?.toLowerCase() ?? "");
  const completions = [...byRegistration.entries()]
    .map(([registration, evidence]) => ({ registration: registration || undefined, evidence, earnedAt: evidence[0]!.timestamp }))
    .filter((c) => accredited(course, dayOf(c.earnedAt)))
    .sort((a, b) => a.earnedAt.localeCompare(b.earnedAt) || a.evidence[0]!.id.localeCompare(b.evidence[0]!.id));

  return countedByRepeats(course.repeats, completions, context.period).map((c) =>
    uncappedCredit(course, c, { points: course.points, check, format: state.format }),
  );
}

/** What a policy's accreditation dates say, for the explanation; undefined when it gives none. */
function accreditationOf(course: CoursePolicy): EarnedCredit["accreditation"] {
  return course.validFrom === undefined && course.validTo === undefined ? undefined : { validFrom: course.validFrom, validTo: course.validTo };
}

function groupBy(statements: readonly CreditStatement[], keyOf: (s: CreditStatement) => string): Map<string, CreditStatement[]> {
  const groups = new Map<string, CreditStatement[]>();
  for (const s of statements) {
    const key = keyOf(s);
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  return groups;
}

/** One credit, before caps: a participant's completion or an author's/trainer's delivery, with its evidence. */
function uncappedCredit(
  course: CoursePolicy,
  earned: { evidence: readonly CreditStatement[]; earnedAt: string; registration: string | undefined },
  how: { points: number; check: RuleCheck; format: ContentFormat | undefined; role?: ProgrammeRole },
): EarnedCredit {
  const accreditation = accreditationOf(course);
  return {
    course: course.course,
    programme: course.programme,
    points: how.points,
    rule: course.rule,
    earnedAt: earned.earnedAt,
    validUntil: addYears(earned.earnedAt, course.validityYears),
    statementId: earned.evidence[0]!.id,
    evidence: earned.evidence.map((s) => s.id),
    explanation: explainCredit({ check: how.check, repeats: course.repeats, accreditation, cap: undefined }),
    check: how.check,
    repeats: course.repeats,
    accreditation,
    cap: undefined,
    programmeNumber: course.programmeNumber,
    category: course.category,
    format: how.format,
    registration: earned.registration,
    countedPoints: how.points,
    ...(how.role && { role: how.role }),
  };
}

/** `completions` in order earned: which of them count in the period under the programme's repeats. */
function countedByRepeats<T extends { earnedAt: string }>(repeats: Repeats, completions: readonly T[], period: LicencePeriod | undefined): T[] {
  const inPeriod = (c: T) => !period || contains(period, dayOf(c.earnedAt));
  if (repeats === "once-ever") return completions.slice(0, 1).filter(inPeriod);
  if (repeats === "once-per-period" && period) return completions.filter(inPeriod).slice(0, 1);
  return completions.filter(inPeriod);
}

/**
 * An author's or trainer's credits: the LMS's role statements about the programme (see
 * programme-roles.ts), one per delivery (registration), the role's points, repeats and
 * accreditation dates as for participants. No completion rule applies: the role is the record.
 */
function roleCreditsOf(course: CoursePolicy, role: ProgrammeRole, live: readonly CreditStatement[], context: CreditContext): EarnedCredit[] {
  const points = course.pointsByRole[role];
  if (points === undefined) return [];
  const records = live.filter((s) => s.verb.id === roleVerbs[role] && s.object.id === course.course);
  const byDelivery = groupBy(records, (s) => s.context?.registration?.toLowerCase() ?? s.id);
  const deliveries = [...byDelivery.values()]
    .map((evidence) => ({ evidence, earnedAt: evidence[0]!.timestamp, registration: evidence[0]!.context?.registration }))
    .filter((d) => accredited(course, dayOf(d.earnedAt)))
    .sort((a, b) => a.earnedAt.localeCompare(b.earnedAt) || a.evidence[0]!.id.localeCompare(b.evidence[0]!.id));
  const check: RuleCheck = { kind: "role", met: true, role };
  return countedByRepeats(course.repeats, deliveries, context.period).map((d) => uncappedCredit(course, d, { points, check, format: undefined, role }));
}

function roleCreditsOfCourse(course: CoursePolicy, live: readonly CreditStatement[], context: CreditContext): EarnedCredit[] {
  return programmeRoles.flatMap((role) => roleCreditsOf(course, role, live, context));
}

function isSatisfiedCourse(s: CreditStatement, courseId: string): boolean {
  return s.verb.id === cmi5.verbs.satisfied && s.object.definition?.type === cmi5.typeCourse && (s.context?.contextActivities?.grouping ?? []).some((g) => g.id === courseId);
}

/** The LMS's completed/passed of a course it records under its own activity ids (SCORM rollup). */
function isCourseOutcome(s: CreditStatement, facts: CourseFacts | undefined): boolean {
  if (!facts || (s.verb.id !== completedVerb && s.verb.id !== passedVerb)) return false;
  return s.object.id !== undefined && facts.activityIds.includes(s.object.id);
}

function stateOf(anchors: readonly CreditStatement[], facts: CourseFacts | undefined, courseId: string): CompletionState {
  const satisfied = anchors.some((s) => isSatisfiedCourse(s, courseId));
  const scores = anchors.map((s) => s.result?.score?.scaled).filter((n): n is number => typeof n === "number");
  if (facts?.bestScore !== undefined) scores.push(facts.bestScore);
  return {
    format: facts?.format ?? (satisfied ? "cmi5" : undefined),
    satisfied,
    completed: (facts?.completed ?? false) || anchors.some((s) => s.verb.id === completedVerb || s.result?.completion === true),
    passed: (facts?.passed ?? false) || anchors.some((s) => s.verb.id === passedVerb || s.result?.success === true),
    bestScore: scores.length ? Math.max(...scores) : undefined,
    watchedShare: facts?.watchedShare,
    secondsOnTask: facts?.secondsOnTask,
  };
}

function accredited(course: CoursePolicy, day: string): boolean {
  return (course.validFrom === undefined || course.validFrom <= day) && (course.validTo === undefined || day <= course.validTo);
}

/** Category caps per period and per licence year, applied in the order credits were earned. */
function applyCaps(policy: CreditPolicy, credits: EarnedCredit[], period: LicencePeriod): EarnedCredit[] {
  const years = yearsOf(period);
  const usedInPeriod = new Map<string, number>();
  const usedInYear = new Map<string, number>();
  return credits.map((credit) => {
    const category = policy.categories.find((c) => c.id === credit.category);
    if (!category) return credit;
    const yearIndex = years.findIndex((y) => contains(y, dayOf(credit.earnedAt)));
    const yearKey = `${category.id}#${yearIndex}`;
    const periodLeft = (category.maxPointsPerPeriod ?? Infinity) - (usedInPeriod.get(category.id) ?? 0);
    const yearLeft = (category.maxPointsPerYear ?? Infinity) - (usedInYear.get(yearKey) ?? 0);
    const counted = Math.max(0, Math.min(credit.points, periodLeft, yearLeft));
    usedInPeriod.set(category.id, (usedInPeriod.get(category.id) ?? 0) + counted);
    usedInYear.set(yearKey, (usedInYear.get(yearKey) ?? 0) + counted);
    if (counted === credit.points) return credit;
    const per = counted === periodLeft ? "period" : "year";
    const cap: CapNote = { category: category.id, per, max: (per === "period" ? category.maxPointsPerPeriod : category.maxPointsPerYear)!, counted, points: credit.points };
    return { ...credit, countedPoints: counted, cap, explanation: explainCredit({ ...credit, cap }) };
  });
}

function addYears(timestamp: string, years: number): string {
  const date = new Date(timestamp);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
}
