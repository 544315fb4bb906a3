// Credits as CSV (RFC 4180) for licensing bodies: one row per credit, with its evidence.
import type { EarnedCredit } from "./credits.js";
import type { LicencePeriod } from "./licence-period.js";

export interface CsvCreditRow {
  licenceNumber: string;
  holder: string;
  period: LicencePeriod;
  credit: EarnedCredit;
  certificateCode: string | undefined;
  certificateRevokedAt: string | undefined;
}

const header = [
  "licence_number", "holder", "period_from", "period_to", "course", "programme", "programme_number", "category",
  "points", "counted_points", "earned_at", "valid_until", "certificate_code", "rule", "evidence_statement_ids", "certificate_revoked_at",
  // Last, so tools that read the earlier columns by position keep working.
  "role",
];

export function creditsCsv(rows: readonly CsvCreditRow[]): string {
  const lines = [header, ...rows.map(({ licenceNumber, holder, period, credit, certificateCode, certificateRevokedAt }) => [
    licenceNumber, holder, period.from, period.to, credit.course, credit.programme, credit.programmeNumber ?? "", credit.category ?? "",
    String(credit.points), String(credit.countedPoints), credit.earnedAt, credit.validUntil, certificateCode ?? "", credit.explanation, credit.evidence.join(" "),
    certificateRevokedAt ?? "", roleOf(credit),
  ])];
  return lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * `author` or `trainer` as the JSON transcript's `role` names them; the JSON leaves a
 * participant's credit without one, but an empty cell would read as unknown to a licensing body.
 */
function roleOf(credit: EarnedCredit): string {
  return credit.role ?? "participant";
}

/** Quotes when needed; a cell a spreadsheet would run as a formula gets a leading apostrophe. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
