import type { Role, User } from "../domain/accounts.js";
import type { AuProgress } from "../domain/cmi5-progress.js";
import type { Cmi5Course } from "../domain/cmi5-structure.js";

/** A course as imported: its structure and where its files are. */
export interface ImportedCourse {
  /** Publisher course id from cmi5.xml. */
  courseId: string;
  packageId: string;
  checksum: string;
  structure: Cmi5Course;
  importedAt: string;
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

/**
 * Storage the player's services need. Every method is one transaction; SQLite and
 * (later) PostgreSQL implement it with the same names.
 */
export interface PlayerStore {
  // accounts
  createUser(user: User & { passwordHash: string }): Promise<void>;
  findUserByUsername(username: string): Promise<(User & { passwordHash: string }) | undefined>;
  findUserById(id: string): Promise<User | undefined>;
  createWebSession(session: { tokenHash: string; userId: string; expiresAt: string }): Promise<void>;
  findWebSession(tokenHash: string, now: string): Promise<{ userId: string } | undefined>;
  deleteWebSession(tokenHash: string): Promise<void>;

  // courses
  findCourseByChecksum(checksum: string): Promise<ImportedCourse | undefined>;
  /** Stores the package and makes it the current version of its course. */
  saveImportedCourse(course: ImportedCourse): Promise<void>;
  listCourses(): Promise<ImportedCourse[]>;
  findCourse(courseId: string): Promise<ImportedCourse | undefined>;

  // registrations and AU sessions
  findRegistration(userId: string, courseId: string): Promise<string | undefined>;
  findOrCreateRegistration(userId: string, courseId: string, newRegistration: string): Promise<string>;
  createAuSession(session: AuSession & { fetchTokenHash: string }): Promise<void>;
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

  // certificates
  /** Saves a certificate unless one exists for the same evidence statement; returns the stored one. */
  saveCertificate(certificate: Certificate): Promise<Certificate>;
  listCertificates(userId: string): Promise<Certificate[]>;
  findCertificate(code: string): Promise<(Certificate & { holderName: string }) | undefined>;
}

export type { Role };
