// ISO 8601 timestamps as xAPI statements carry them (1.0.3 Data 4.5, 2.0 4.2.7): a
// combined calendar date and time, in extended (2008-09-15T15:53:00Z) or basic
// (20080915T155300Z) format, the two never mixed within the date and time. Read into an
// instant so comparisons and queries never depend on how a client wrote it.

export interface ParsedTimestamp {
  /** The instant as a normalized ISO string (UTC, milliseconds). */
  instant: string;
  /** Whether the text names a time zone; without one the time is read as UTC. */
  hasZone: boolean;
}

// Extended: RFC 3339 lets a space stand for the "T"; ISO 8601 lets minutes end the time
// (reduced accuracy) and a comma stand for the decimal point.
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(.*)$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?(.*)$/;
// Offsets: ±hh, ±hhmm, ±hh:mm. ±hhmm is also taken in extended format, as many clients send it.
const ZONE = /^(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/** The instant a timestamp names, or undefined when the text is not one of the forms above. */
export function parseTimestamp(text: string): ParsedTimestamp | undefined {
  const match = EXTENDED.exec(text) ?? BASIC.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second = "00", fraction = "", zoneText = ""] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  // 24:00(:00) is the end of the day (ISO 8601 4.2.3); any other 24 is no time.
  const endOfDay = h === 24 && mi === 0 && s === 0 && /^0*$/.test(fraction);
  if ((h > 23 && !endOfDay) || mi > 59 || s > 59) return undefined;
  const zone = parseZone(zoneText);
  if (zone === undefined) return undefined;
  // Millisecond precision is what xAPI asks an LRS to keep; further digits are truncated (Data 4.5).
  const millis = Number(`${fraction}000`.slice(0, 3));
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, reads years 0–99 as written.
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, millis);
  date.setTime(date.getTime() - zone.offsetMinutes * 60_000);
  return { instant: date.toISOString(), hasZone: zone.named };
}

function parseZone(text: string): { offsetMinutes: number; named: boolean } | undefined {
  if (text === "") return { offsetMinutes: 0, named: false };
  const match = ZONE.exec(text);
  if (match === null) return undefined;
  const [, z, sign, hours = "00", minutes = "00"] = match;
  if (z !== undefined) return { offsetMinutes: 0, named: true };
  const h = Number(hours);
  const m = Number(minutes);
  if (h > 23 || m > 59) return undefined;
  // RFC 3339 4.3: "-00:00" says the offset is unknown; the ADL suites require refusing it.
  if (sign === "-" && h === 0 && m === 0) return undefined;
  return { offsetMinutes: (sign === "-" ? -1 : 1) * (h * 60 + m), named: true };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
