// Rows of the player's tables as both SQL backends return them, and their mapping to the
// PlayerStore types. Column names are the same in each dialect's sql.ts; NULL is undefined
// in the types, JSON columns are TEXT.
import type { Role } from "../domain/accounts.js";
import type { Cmi5Course } from "../domain/cmi5-structure.js";
import type { LaunchMode } from "../domain/cmi5-launch.js";
import type { ContentPackage, PackageFormat } from "../domain/content-package.js";
import type { LaunchLinkRecord, LinkedFormat } from "../domain/launch-links.js";
import type { CmiSummary } from "../domain/scorm-cmi.js";
import type { ApiKeyRecord, AuSession, Certificate, CertificateStatus, Cmi5StatementRecord, ImportedCourse, ImportedPackage, Registration, ScormAttempt, ScormSession, XapiLaunch } from "./player-store.js";

export interface UserRow { id: string; username: string; display_name: string; role: Role; password_hash: string }
export interface PackageRow { package_id: string; course_id: string; checksum: string; structure: string; imported_at: string }
export interface RegistrationRow { registration: string; user_id: string; course_id: string; created_at: string | null }
export interface AuSessionRow {
  session_id: string; registration: string; user_id: string; course_id: string; au_id: string; activity_id: string;
  mastery_score: number | null; launched_at: string; fetched_at: string | null; credential_key: string | null; terminated_at: string | null;
  abandoned_at: string | null; last_statement_at: string | null; launch_mode: string; initialized_at: string | null; cmi5_statements: string; preferences_read_at: string | null;
}
export interface ApiKeyRow { key_id: string; secret_hash: string; name: string; created_at: string; revoked_at: string | null }
export interface CertificateRow {
  code: string; user_id: string; course_id: string; course_title: string; programme: string; points: number;
  earned_at: string; valid_until: string; statement_id: string; issued_at: string;
}
export interface CertificateStatusRow { code: string; status_index: number; revoked_at: string | null; revocation_reason: string | null }
export interface LaunchLinkRow {
  token_hash: string; user_id: string; registration: string; package_id: string; format: LinkedFormat; item_id: string | null; mode: "browse" | null;
  created_at: string; expires_at: string;
}
export interface XapiLaunchRow {
  launch_id: string; registration: string; user_id: string; package_id: string; activity_id: string;
  credential_key: string; launched_at: string; expires_at: string; ended_at: string | null;
}
export interface ScormAttemptRow {
  attempt_id: string; user_id: string; package_id: string; sco_id: string; attempt_number: number; cmi: string;
  completion_status: CmiSummary["completionStatus"] | null; success_status: CmiSummary["successStatus"] | null; score_scaled: number | null; score_raw: number | null;
  location: string | null; suspend_data: string | null; exit: string | null; created_at: string; updated_at: string;
}
/** A session joined with its attempt (selectScormSession): the session's own ids are aliased. */
export interface ScormSessionRow {
  session_id: string; session_attempt_id: string; session_user_id: string; started_at: string; initialized_at: string | null; terminated_at: string | null;
  session_seconds: number; recorded_verbs: string;
}
/** A session alone (selectScormSessionsOfAttempt). */
export type PlainScormSessionRow = Omit<ScormSessionRow, "session_attempt_id" | "session_user_id"> & { attempt_id: string; user_id: string };

/** The structure column of a cmi5 row is the bare course; other formats store their whole ContentPackage. */
export function structureOf(pkg: ImportedPackage): string {
  return JSON.stringify(pkg.content.format === "cmi5" ? pkg.content.course : pkg.content);
}

export function toPackage(row: PackageRow & { format: PackageFormat }): ImportedPackage {
  const stored = JSON.parse(row.structure) as unknown;
  const content: ContentPackage =
    row.format === "cmi5"
      ? { format: "cmi5", identifier: row.course_id, title: (stored as Cmi5Course).title, course: stored as Cmi5Course }
      : (stored as ContentPackage);
  return { packageId: row.package_id, format: row.format, courseId: row.course_id, checksum: row.checksum, content, importedAt: row.imported_at };
}

export function toCourse(row: PackageRow): ImportedCourse {
  return { courseId: row.course_id, packageId: row.package_id, checksum: row.checksum, structure: JSON.parse(row.structure) as Cmi5Course, importedAt: row.imported_at };
}

export function toRegistration(row: RegistrationRow): Registration {
  return { registration: row.registration, userId: row.user_id, courseId: row.course_id, createdAt: row.created_at ?? undefined };
}

export function toXapiLaunch(row: XapiLaunchRow): XapiLaunch {
  return {
    launchId: row.launch_id, registration: row.registration, userId: row.user_id, packageId: row.package_id, activityId: row.activity_id,
    credentialKey: row.credential_key, launchedAt: row.launched_at, expiresAt: row.expires_at, endedAt: row.ended_at ?? undefined,
  };
}

export function toAuSession(row: AuSessionRow): AuSession {
  return {
    sessionId: row.session_id, registration: row.registration, userId: row.user_id, courseId: row.course_id, auId: row.au_id,
    activityId: row.activity_id, masteryScore: row.mastery_score ?? undefined, launchedAt: row.launched_at,
    fetchedAt: row.fetched_at ?? undefined, credentialKey: row.credential_key ?? undefined, terminatedAt: row.terminated_at ?? undefined,
    abandonedAt: row.abandoned_at ?? undefined, lastStatementAt: row.last_statement_at ?? undefined,
    launchMode: row.launch_mode as LaunchMode, initializedAt: row.initialized_at ?? undefined, cmi5Statements: JSON.parse(row.cmi5_statements) as Cmi5StatementRecord[],
    preferencesReadAt: row.preferences_read_at ?? undefined,
  };
}

export function toScormAttempt(row: ScormAttemptRow): ScormAttempt {
  // A row without statuses has had no commit yet: no summary.
  const summary = row.completion_status === null
    ? undefined
    : {
        completionStatus: row.completion_status, successStatus: row.success_status ?? "unknown", scoreScaled: row.score_scaled ?? undefined,
        scoreRaw: row.score_raw ?? undefined, location: row.location ?? "", suspendData: row.suspend_data ?? "", exit: row.exit ?? "",
      };
  return {
    attemptId: row.attempt_id, userId: row.user_id, packageId: row.package_id, scoId: row.sco_id, attemptNumber: row.attempt_number,
    cmi: JSON.parse(row.cmi) as Record<string, unknown>, summary, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export function toScormSessionWithAttempt(row: ScormAttemptRow & ScormSessionRow): ScormSession & { attempt: ScormAttempt } {
  return {
    sessionId: row.session_id, attemptId: row.session_attempt_id, userId: row.session_user_id, startedAt: row.started_at,
    initializedAt: row.initialized_at ?? undefined, terminatedAt: row.terminated_at ?? undefined, sessionSeconds: row.session_seconds,
    recordedVerbs: JSON.parse(row.recorded_verbs) as string[], attempt: toScormAttempt(row),
  };
}

export function toScormSession(row: PlainScormSessionRow): ScormSession {
  return {
    sessionId: row.session_id, attemptId: row.attempt_id, userId: row.user_id, startedAt: row.started_at, initializedAt: row.initialized_at ?? undefined,
    terminatedAt: row.terminated_at ?? undefined, sessionSeconds: row.session_seconds, recordedVerbs: JSON.parse(row.recorded_verbs) as string[],
  };
}

export function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return { keyId: row.key_id, secretHash: row.secret_hash, name: row.name, createdAt: row.created_at, revokedAt: row.revoked_at ?? undefined };
}

export function toCertificate(row: CertificateRow): Certificate {
  return {
    code: row.code, userId: row.user_id, courseId: row.course_id, courseTitle: row.course_title, programme: row.programme,
    points: row.points, earnedAt: row.earned_at, validUntil: row.valid_until, statementId: row.statement_id, issuedAt: row.issued_at,
  };
}

export function toCertificateStatus(row: CertificateStatusRow): CertificateStatus {
  return { code: row.code, statusIndex: row.status_index, revokedAt: row.revoked_at ?? undefined, revocationReason: row.revocation_reason ?? undefined };
}

export function toLaunchLink(row: LaunchLinkRow): LaunchLinkRecord {
  return {
    tokenHash: row.token_hash, userId: row.user_id, registration: row.registration, packageId: row.package_id, format: row.format,
    itemId: row.item_id ?? undefined, mode: row.mode ?? undefined, createdAt: row.created_at, expiresAt: row.expires_at,
  };
}
