import type { Role, User } from "../domain/accounts.js";
import type { AuProgress } from "../domain/cmi5-progress.js";
import type { LaunchMode, WaiverReason } from "../domain/cmi5-launch.js";
import type { Cmi5Course } from "../domain/cmi5-structure.js";
import type { ContentPackage, PackageFormat } from "../domain/content-package.js";
import type { CmiSummary } from "../domain/scorm-cmi.js";
import type { LaunchGrant, LaunchLinkRecord } from "../domain/launch-links.js";
import type { LeaveInterval } from "../domain/licence-period.js";

/** A course as imported: its structure and where its files are. */
export interface ImportedCourse {
  /** Publisher course id from cmi5.xml. */
  courseId: string;
  packageId: string;
  checksum: string;
  structure: Cmi5Course;
  importedAt: string;
}

/** A package of any format as imported; `courseId` is its manifest identifier (cmi5 course id, SCORM manifest identifier, xAPI course activity). */
export interface ImportedPackage {
  packageId: string;
  format: PackageFormat;
  courseId: string;
  checksum: string;
  content: ContentPackage;
  importedAt: string;
  /** Recorded trainings found in the package at import (saved with it; not read back by listPackages). */
  videos?: PackagedVideo[];
}

/** A recorded training in a package: its video activity, its media file and the length read from that file. */
export interface PackagedVideo {
  activityId: string;
  mediaPath: string;
  /** Seconds, from the file's header; undefined when the format is not one the player reads. */
  durationSeconds: number | undefined;
  /** The share that counts as watched, from the package at import; undefined: the player's default. */
  completionThreshold?: number | undefined;
}

/** One xAPI (TinCan) launch: its own LRS credential, scoped to the learner and registration. */
export interface XapiLaunch {
  launchId: string;
  registration: string;
  userId: string;
  packageId: string;
  activityId: string;
  credentialKey: string;
  launchedAt: string;
  expiresAt: string;
  endedAt: string | undefined;
}

export interface AuSession {
  sessionId: string;
  registration: string;
  userId: string;
  courseId: string;
  auId: string;
  activityId: string;
  masteryScore: number | undefined;
  launchedAt: string;
  fetchedAt: string | undefined;
  credentialKey: string | undefined;
  terminatedAt: string | undefined;
  abandonedAt: string | undefined;
  /** When the AU's last statement was stored: the end of an abandoned session's duration. */
  lastStatementAt: string | undefined;
  /** cmi5 10.2.2: what the AU may record in this session. */
  launchMode: LaunchMode;
  /** When the AU's Initialized arrived (9.3.0.0-4). */
  initializedAt: string | undefined;
  /** The cmi5 defined statements the AU sent in this session, in order (9.3.0.0-2, -3): verb and statement id. */
  cmi5Statements: Cmi5StatementRecord[];
  /** When the AU first read cmi5LearnerPreferences (11.0.0.0-3). */
  preferencesReadAt: string | undefined;
}

export interface Cmi5StatementRecord {
  verb: string;
  /** Lower case, as the LRS compares ids. */
  id: string;
}

export interface Registration {
  registration: string;
  userId: string;
  courseId: string;
  createdAt: string | undefined;
}

/** An AU waived by the LMS in one registration (cmi5 9.3.7). */
export interface AuWaiver {
  auId: string;
  reason: WaiverReason;
  sessionId: string;
  waivedAt: string;
}

/** A portal's API key; only the hash of its secret is kept. */
export interface ApiKeyRecord {
  keyId: string;
  secretHash: string;
  name: string;
  createdAt: string;
  revokedAt: string | undefined;
}

export interface Certificate {
  code: string;
  userId: string;
  courseId: string;
  courseTitle: string;
  programme: string;
  points: number;
  earnedAt: string;
  validUntil: string;
  statementId: string;
  issuedAt: string;
}

/** A certificate's place in the revocation status list, and its revocation. */
export interface CertificateStatus {
  code: string;
  /** Its bit in the Bitstring Status List; never reused. */
  statusIndex: number;
  revokedAt: string | undefined;
  revocationReason: string | undefined;
}

/** One audited event: a verifier's lookup or export, a public verification, a revocation. */
export interface AuditEntry {
  at: string;
  /** A user id, or `public` for an anonymous visitor of the verification page. */
  actor: string;
  /** What was done, e.g. `verify-code`, `lookup-licence`, `export-csv`, `revoke-certificate`. */
  action: string;
  /** What it was done to: a certificate code, a licence number and period. */
  subject: string;
  /** What the lookup found, in a word (`valid`, `revoked`, `unknown`, `3 credits`). */
  outcome: string;
}

/** One attempt of a learner on a SCO of a SCORM package: the CMI data last committed. */
export interface ScormAttempt {
  attemptId: string;
  userId: string;
  packageId: string;
  /** The item identifier of the SCO in the manifest. */
  scoId: string;
  attemptNumber: number;
  cmi: Record<string, unknown>;
  summary: Omit<CmiSummary, "sessionSeconds"> | undefined;
  createdAt: string;
  updatedAt: string;
}

/** A learner's SCORM 2004 global objective (SN 4.2.1.3): undefined is unknown. */
export interface ScormGlobalObjective {
  objectiveId: string;
  satisfied: boolean | undefined;
  measure: number | undefined;
}

/** One launch of a SCO: a session of an attempt, with the time it reported. */
export interface ScormSession {
  sessionId: string;
  attemptId: string;
  userId: string;
  startedAt: string;
  initializedAt: string | undefined;
  terminatedAt: string | undefined;
  sessionSeconds: number;
  /** xAPI verbs already recorded for the session (so a repeated commit records nothing twice), and "sco-terminated" once the SCO ended it. */
  recordedVerbs: string[];
}

/**
 * Storage the player's services need. Every method is one transaction; SQLite and
 * PostgreSQL implement it with the same names (store/sqlite/, store/postgres/).
 */
export interface PlayerStore {
  // accounts
  createUser(user: User & { passwordHash: string }): Promise<void>;
  findUserByUsername(username: string): Promise<(User & { passwordHash: string }) | undefined>;
  findUserById(id: string): Promise<User | undefined>;
  createWebSession(session: { tokenHash: string; userId: string; expiresAt: string }): Promise<void>;
  findWebSession(tokenHash: string, now: string): Promise<{ userId: string } | undefined>;
  deleteWebSession(tokenHash: string): Promise<void>;

  // one-time launch links (portal launches of SCORM and xAPI packages) and the grants they open
  createLaunchLink(link: LaunchLinkRecord): Promise<void>;
  /** Marks the link used; returns it only the first time, "already-used" after that. */
  claimLaunchLink(tokenHash: string, at: string): Promise<LaunchLinkRecord | "already-used" | undefined>;
  /** Deletes every link, used or not, that expired before `cutoff`; returns how many went. */
  deleteLaunchLinksExpiredBefore(cutoff: string): Promise<number>;
  createLaunchGrant(grant: LaunchGrant & { tokenHash: string; expiresAt: string }): Promise<void>;
  findLaunchGrant(tokenHash: string, now: string): Promise<LaunchGrant | undefined>;

  // courses
  findCourseByChecksum(checksum: string): Promise<ImportedCourse | undefined>;
  /** Stores the package and makes it the current version of its course. */
  saveImportedCourse(course: ImportedCourse): Promise<void>;
  listCourses(): Promise<ImportedCourse[]>;
  findCourse(courseId: string): Promise<ImportedCourse | undefined>;

  // packages of every format
  findPackageByChecksum(checksum: string): Promise<ImportedPackage | undefined>;
  /** Stores a package and makes it the current version of its course in the catalog (a cmi5 one also in `courses`). */
  savePackage(pkg: ImportedPackage): Promise<void>;
  /** The current version of every course, of every format. */
  listPackages(): Promise<ImportedPackage[]>;
  /** Any imported package by id, current or not. */
  findPackage(packageId: string): Promise<ImportedPackage | undefined>;
  /** Recorded trainings of the current packages (every format) of a course. */
  listCourseVideos(courseId: string): Promise<PackagedVideo[]>;

  // xAPI launches
  createXapiLaunch(launch: XapiLaunch): Promise<void>;
  findXapiLaunchByCredential(credentialKey: string): Promise<XapiLaunch | undefined>;
  /** Every xAPI launch of a registration, oldest first ("Moje učenje" resumes the last one). */
  listXapiLaunches(registration: string): Promise<XapiLaunch[]>;
  listOpenXapiLaunches(registration: string): Promise<XapiLaunch[]>;
  /** Marks a launch ended (the first time only). */
  endXapiLaunch(launchId: string, at: string): Promise<void>;

  // registrations and AU sessions
  findRegistration(userId: string, courseId: string): Promise<string | undefined>;
  /** The learner's registration for the course; `created` when this call made it. */
  findOrCreateRegistration(userId: string, courseId: string, newRegistration: string, at: string): Promise<{ registration: string; created: boolean }>;
  findRegistrationById(registration: string): Promise<Registration | undefined>;
  /** Every registration of a learner (the "my learning" page), oldest first. */
  listRegistrationsOfUser(userId: string): Promise<Registration[]>;
  createAuSession(session: AuSession & { fetchTokenHash: string }): Promise<void>;
  findAuSession(sessionId: string): Promise<AuSession | undefined>;
  /** The session of a fetch token: portal launches enter through it (see Cmi5Launcher.enter). */
  findAuSessionByFetch(fetchTokenHash: string): Promise<AuSession | undefined>;
  listAuSessions(registration: string): Promise<AuSession[]>;
  notePreferencesRead(sessionId: string, at: string): Promise<void>;
  /** Replaces the session's cmi5 statement list; sets initializedAt the first time it is given. */
  recordCmi5Statements(sessionId: string, statements: Cmi5StatementRecord[], initializedAt: string | undefined): Promise<void>;
  /** Marks the fetch URL used; returns the session only the first time (8.2.3.0-1). */
  claimFetch(fetchTokenHash: string, credentialKey: string, at: string): Promise<AuSession | "already-used" | undefined>;
  findAuSessionByCredential(credentialKey: string): Promise<AuSession | undefined>;
  markAuSessionTerminated(sessionId: string, at: string): Promise<void>;
  noteAuStatement(sessionId: string, at: string): Promise<void>;
  /** Sessions of a registration that neither terminated nor were abandoned. */
  listOpenAuSessions(registration: string): Promise<AuSession[]>;
  /** Marks a session abandoned; false when it had already ended. */
  markAuSessionAbandoned(sessionId: string, at: string): Promise<boolean>;

  // progress
  listAuProgress(registration: string): Promise<Map<string, AuProgress>>;
  saveAuProgress(registration: string, auId: string, progress: AuProgress): Promise<void>;
  /** Records that a course or block was satisfied; false when it already was (one Satisfied per registration). */
  markSatisfied(registration: string, objectId: string, at: string): Promise<boolean>;
  isSatisfied(registration: string, objectId: string): Promise<boolean>;
  /** Satisfied course and block ids of a registration, with when. */
  listSatisfied(registration: string): Promise<Map<string, string>>;
  /** Records a waiver; false when the AU was already waived in the registration (9.3.7.0-4). */
  saveWaiver(registration: string, waiver: AuWaiver): Promise<boolean>;
  listWaivers(registration: string): Promise<AuWaiver[]>;

  // SCORM run-time data
  /** The learner's latest attempt on a SCO, if any. */
  findLatestScormAttempt(userId: string, packageId: string, scoId: string): Promise<ScormAttempt | undefined>;
  /** Every attempt of the learner on the package's SCOs, by SCO and attempt number. */
  listScormAttempts(userId: string, packageId: string): Promise<ScormAttempt[]>;
  /**
   * Stores a new attempt; false (and nothing written) when the learner already has an attempt
   * of that number on the SCO, as when two launches of the SCO at the same moment both chose it.
   */
  createScormAttempt(attempt: ScormAttempt): Promise<boolean>;
  createScormSession(session: ScormSession): Promise<void>;
  findScormSession(sessionId: string): Promise<(ScormSession & { attempt: ScormAttempt }) | undefined>;
  /** The sessions of an attempt, oldest first. */
  listScormSessions(attemptId: string): Promise<ScormSession[]>;
  /** Stores a commit: the attempt's CMI data and summary, and the session's reported time. */
  saveScormCommit(sessionId: string, commit: { cmi: Record<string, unknown>; summary: CmiSummary; at: string }): Promise<void>;
  /** Records session events; initializedAt and terminatedAt keep their first value. */
  noteScormSession(sessionId: string, update: { initializedAt?: string; terminatedAt?: string; recordedVerbs: string[] }): Promise<void>;
  /** The attempt's total time: the sum of its sessions' reported times, in seconds. */
  totalScormSeconds(attemptId: string): Promise<number>;
  /** A learner's SCORM 2004 global objectives in one scope ("system", or "package:<id>"). */
  listScormGlobalObjectives(userId: string, scope: string): Promise<ScormGlobalObjective[]>;
  /** Writes global objectives; an undefined status or measure keeps the stored one. */
  saveScormGlobalObjectives(userId: string, scope: string, objectives: ScormGlobalObjective[], at: string): Promise<void>;

  // portal API keys
  createApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKey(keyId: string): Promise<ApiKeyRecord | undefined>;
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Revokes a key; false when there is no such key. */
  revokeApiKey(keyId: string, at: string): Promise<boolean>;

  // certificates
  /** Saves a certificate unless one exists for the same evidence statement; returns the stored one. */
  saveCertificate(certificate: Certificate): Promise<Certificate>;
  listCertificates(userId: string): Promise<Certificate[]>;
  findCertificate(code: string): Promise<(Certificate & { holderName: string }) | undefined>;
  /** Gives the certificate its status list index (the next free one) unless it has one; returns its status. */
  ensureCertificateStatus(code: string): Promise<CertificateStatus>;
  findCertificateStatus(code: string): Promise<CertificateStatus | undefined>;
  /** The statuses of a holder's certificates, or of every revoked certificate (for the status list). */
  listCertificateStatuses(filter: { userId: string } | { revoked: true }): Promise<CertificateStatus[]>;
  /** Revokes once: the first reason stays; undefined when the certificate has no status yet. */
  revokeCertificate(code: string, revocation: { at: string; reason: string }): Promise<CertificateStatus | undefined>;

  // audit
  /** Appends to the audit log; entries are never changed or deleted. */
  recordAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(filter: { actor?: string; since?: string; limit: number }): Promise<AuditEntry[]>;

  // licences of professionals (credits are counted per licence period)
  /** Sets (or with undefined clears) a user's licence, its start and leave, in one transaction. */
  saveLicence(userId: string, licence: Licence | undefined): Promise<void>;
  findLicence(userId: string): Promise<Licence | undefined>;
  findUserByLicenceNumber(licenceNumber: string): Promise<User | undefined>;
  /** Every user with a licence number, by licence number (a verifier's export). */
  listLicensedUsers(): Promise<(User & { licence: Licence })[]>;
}

/** A professional's licence: the number licensing bodies know, the day periods count from, recorded leave. */
export interface Licence {
  number: string;
  /** YYYY-MM-DD; undefined when unknown (periods then start on 1 January). */
  start: string | undefined;
  leave: LeaveInterval[];
}

export type { Role };
