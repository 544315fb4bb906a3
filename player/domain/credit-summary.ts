// Where a professional stands in a licence period: required (after leave), earned, missing,
// per licence year and per category.
import type { CreditPolicy, PolicyAssumption } from "./credit-policy.js";
import type { EarnedCredit } from "./credits.js";
import { type LeaveInterval, type LicencePeriod, contains, dayOf, leaveDaysWithin, proRata, yearsOf } from "./licence-period.js";

export interface YearSummary {
  from: string;
  to: string;
  required: number | undefined;
  earned: number;
}

export interface CategorySummary {
  id: string;
  name: string;
  maxPointsPerPeriod: number | undefined;
  /** Points counted after caps. */
  earned: number;
  /** Points before caps. */
  offered: number;
}

export interface PeriodSummary {
  period: LicencePeriod;
  /** Points per period in the policy, before leave; undefined when the policy sets none. */
  required: number | undefined;
  leaveDays: number;
  requiredAfterLeave: number | undefined;
  earned: number;
  missing: number | undefined;
  years: YearSummary[];
  categories: CategorySummary[];
  /** The policy's unconfirmed values, shown with every transcript. */
  assumptions: PolicyAssumption[];
}

export function summarizePeriod(policy: CreditPolicy, credits: readonly EarnedCredit[], period: LicencePeriod, leave: readonly LeaveInterval[] = []): PeriodSummary {
  const { licence } = policy;
  const reduce = (required: number | undefined, interval: LicencePeriod) =>
    required === undefined ? undefined : licence.proRataForLeave ? proRata(required, interval, leave) : required;
  const earned = sum(credits.map((c) => c.countedPoints));
  const requiredAfterLeave = reduce(licence.pointsPerPeriod, period);
  return {
    period,
    required: licence.pointsPerPeriod,
    leaveDays: leaveDaysWithin(period, leave),
    requiredAfterLeave,
    earned,
    missing: requiredAfterLeave === undefined ? undefined : Math.max(0, requiredAfterLeave - earned),
    years: yearsOf(period).map((year) => ({
      ...year,
      required: reduce(licence.pointsPerYear, year),
      earned: sum(credits.filter((c) => contains(year, dayOf(c.earnedAt))).map((c) => c.countedPoints)),
    })),
    categories: policy.categories.map((category) => {
      const mine = credits.filter((c) => c.category === category.id);
      return { id: category.id, name: category.name, maxPointsPerPeriod: category.maxPointsPerPeriod, earned: sum(mine.map((c) => c.countedPoints)), offered: sum(mine.map((c) => c.points)) };
    }),
    assumptions: policy.assumptions,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
