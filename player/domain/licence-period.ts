// Licence periods as calendar dates (YYYY-MM-DD, both ends inclusive, UTC days), and the
// leave that reduces what a period requires.

export interface LicencePeriod {
  from: string;
  to: string;
}

export interface LeaveInterval {
  from: string;
  to: string;
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(value: string): boolean {
  if (!datePattern.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The UTC day of an ISO timestamp. */
export function dayOf(timestamp: string): string {
  return new Date(timestamp).toISOString().slice(0, 10);
}

export function addYearsToDate(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysIn(interval: { from: string; to: string }): number {
  return Math.round((Date.parse(`${interval.to}T00:00:00Z`) - Date.parse(`${interval.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The period of `years` starting on `from`. */
export function periodStarting(from: string, years: number): LicencePeriod {
  return { from, to: addDays(addYearsToDate(from, years), -1) };
}

/** The period containing `day`, periods following each other from the licence's start. */
export function periodContaining(licenceStart: string, years: number, day: string): LicencePeriod {
  let from = licenceStart;
  if (day < from) return periodStarting(from, years);
  for (;;) {
    const period = periodStarting(from, years);
    if (day <= period.to) return period;
    from = addYearsToDate(from, years);
  }
}

/** The licence years of a period: the first starts with the period. */
export function yearsOf(period: LicencePeriod): LicencePeriod[] {
  const years: LicencePeriod[] = [];
  for (let from = period.from; from <= period.to; from = addYearsToDate(from, 1)) {
    const next = addDays(addYearsToDate(from, 1), -1);
    years.push({ from, to: next < period.to ? next : period.to });
  }
  return years;
}

export function contains(interval: { from: string; to: string }, day: string): boolean {
  return interval.from <= day && day <= interval.to;
}

/** Days of leave that fall inside the interval (overlapping leave counted once). */
export function leaveDaysWithin(interval: { from: string; to: string }, leave: readonly LeaveInterval[]): number {
  const clipped = leave
    .map((l) => ({ from: l.from > interval.from ? l.from : interval.from, to: l.to < interval.to ? l.to : interval.to }))
    .filter((l) => l.from <= l.to)
    .sort((a, b) => a.from.localeCompare(b.from));
  let days = 0;
  let coveredTo = "";
  for (const l of clipped) {
    const from = coveredTo && l.from <= coveredTo ? addDays(coveredTo, 1) : l.from;
    if (from <= l.to) days += daysIn({ from, to: l.to });
    if (l.to > coveredTo) coveredTo = l.to;
  }
  return days;
}

/** Required points reduced in proportion to the days of leave, rounded up to a whole point. */
export function proRata(required: number, interval: { from: string; to: string }, leave: readonly LeaveInterval[]): number {
  const total = daysIn(interval);
  const onLeave = leaveDaysWithin(interval, leave);
  return Math.ceil((required * (total - onLeave)) / total - 1e-9);
}
