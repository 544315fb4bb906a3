import { cmi5 } from "./cmi5-launch.js";
import type { CreditPolicy, CreditRule } from "./credit-policy.js";

/** The part of a stored xAPI statement the credit engine reads. */
export interface SatisfiedStatement {
  id: string;
  timestamp: string;
  verb: { id: string };
  object: { id?: string; definition?: { type?: string } };
  context?: { contextActivities?: { grouping?: { id: string }[] } };
  authority?: unknown;
}

export interface EarnedCredit {
  course: string;
  programme: string;
  points: number;
  rule: CreditRule;
  earnedAt: string;
  validUntil: string;
  /** The LRS statement that earned it: the evidence a verifier can ask for. */
  statementId: string;
}

/**
 * Applies the credit policy to one learner's statements: the first cmi5 course
 * satisfaction per course earns that course's points once. Only statements the
 * LMS itself made count (`isTrusted` checks the authority): content cannot grant credit.
 */
export function computeCredits(
  policy: CreditPolicy,
  statements: readonly SatisfiedStatement[],
  isTrusted: (statement: SatisfiedStatement) => boolean,
): EarnedCredit[] {
  const earliestFirst = [...statements].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  const credits: EarnedCredit[] = [];
  for (const rule of policy.courses) {
    const evidence = earliestFirst.find(
      (s) =>
        s.verb.id === cmi5.verbs.satisfied &&
        isTrusted(s) &&
        s.object.definition?.type === cmi5.typeCourse &&
        (s.context?.contextActivities?.grouping ?? []).some((g) => g.id === rule.course),
    );
    if (!evidence) continue;
    credits.push({
      course: rule.course,
      programme: rule.programme,
      points: rule.points,
      rule: rule.rule,
      earnedAt: evidence.timestamp,
      validUntil: addYears(evidence.timestamp, rule.validityYears),
      statementId: evidence.id,
    });
  }
  return credits;
}

function addYears(timestamp: string, years: number): string {
  const date = new Date(timestamp);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
}
