import { SqliteDatabase, type SqliteTx } from "../../../lrs/index.js";
import type { Role } from "../../domain/accounts.js";
import type { AuProgress } from "../../domain/cmi5-progress.js";
import type { PackageFormat } from "../../domain/content-package.js";
import { StoreError } from "../../errors.js";
import type { WaiverReason } from "../../domain/cmi5-launch.js";
import type { ApiKeyRecord, AuditEntry, AuSession, AuWaiver, Cmi5StatementRecord, Certificate, ImportedCourse, ImportedPackage, PackagedVideo, PlayerStore, XapiLaunch } from "../player-store.js";
import type { ScormAttempt, ScormGlobalObjective, ScormSession } from "../player-store.js";
import type { CmiSummary } from "../../domain/scorm-cmi.js";
import {
  type ApiKeyRow, type AuSessionRow, type CertificateRow, type CertificateStatusRow, type LaunchLinkRow, type PackageRow, type PlainScormSessionRow,
  type RegistrationRow, type ScormAttemptRow, type ScormSessionRow, type UserRow, type XapiLaunchRow,
  structureOf, toApiKey, toAuSession, toCertificate, toCertificateStatus, toCourse, toLaunchLink, toPackage, toRegistration, toScormAttempt,
  toScormSession, toScormSessionWithAttempt, toXapiLaunch,
} from "../rows.js";
import type { LaunchGrant, LaunchLinkRecord } from "../../domain/launch-links.js";
import type { CertificateStatus } from "../player-store.js";
import type { Licence } from "../player-store.js";
import * as sql from "./sql.js";

// Rows and their mapping are shared with the PostgreSQL store (../rows.ts). The one real
// difference is booleans: SQLite has no BOOLEAN type, so au_progress flags and a global
// objective's satisfied are 0/1 INTEGERs here (PostgreSQL returns true/false); these two
// helpers are the whole adapter. JSON columns are TEXT in both dialects: no adapter needed.
const fromFlag = (value: number): boolean => value === 1;
const toFlag = (value: boolean): number => Number(value);

export class SqlitePlayerStore implements PlayerStore {
  private constructor(private readonly db: SqliteDatabase) {}

  static async open(filename: string): Promise<SqlitePlayerStore> {
    const db = await SqliteDatabase.open(filename);
    await db.exec(sql.createMigrationsTable);
    const applied = new Set((await db.read((tx) => tx.all<{ version: number }>(sql.selectAppliedMigrations))).map((r) => r.version));
    for (const migration of sql.migrations.filter((m) => !applied.has(m.version))) {
      await db.write(async (tx) => {
        for (const statement of migration.sql.split(/;\s*$/m).map((part) => part.trim()).filter(Boolean)) await tx.run(statement);
        await tx.run(sql.insertMigration, [migration.version, new Date().toISOString()]);
      });
    }
    return new SqlitePlayerStore(db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  createUser(user: { id: string; username: string; displayName: string; role: Role; passwordHash: string }): Promise<void> {
    return this.write("createUser", async (tx) => {
      await tx.run(sql.insertUser, [user.id, user.username, user.displayName, user.role, user.passwordHash]);
    });
  }

  findUserByUsername(username: string) {
    return this.read("findUserByUsername", async (tx) => {
      const row = await tx.get<UserRow>(sql.selectUserByUsername, [username]);
      return row && { id: row.id, username: row.username, displayName: row.display_name, role: row.role, passwordHash: row.password_hash };
    });
  }

  findUserById(id: string) {
    return this.read("findUserById", async (tx) => {
      const row = await tx.get<Omit<UserRow, "password_hash">>(sql.selectUserById, [id]);
      return row && { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
    });
  }

  createWebSession(session: { tokenHash: string; userId: string; expiresAt: string }): Promise<void> {
    return this.write("createWebSession", async (tx) => {
      await tx.run(sql.insertWebSession, [session.tokenHash, session.userId, session.expiresAt]);
    });
  }

  findWebSession(tokenHash: string, now: string) {
    return this.read("findWebSession", async (tx) => {
      const row = await tx.get<{ user_id: string }>(sql.selectWebSession, [tokenHash, now]);
      return row && { userId: row.user_id };
    });
  }

  deleteWebSession(tokenHash: string): Promise<void> {
    return this.write("deleteWebSession", async (tx) => {
      await tx.run(sql.deleteWebSession, [tokenHash]);
    });
  }

  createLaunchLink(link: LaunchLinkRecord): Promise<void> {
    return this.write("createLaunchLink", async (tx) => {
      await tx.run(sql.insertLaunchLink, [link.tokenHash, link.userId, link.registration, link.packageId, link.format, link.itemId ?? null, link.mode ?? null, link.createdAt, link.expiresAt]);
    });
  }

  claimLaunchLink(tokenHash: string, at: string) {
    return this.write("claimLaunchLink", async (tx): Promise<LaunchLinkRecord | "already-used" | undefined> => {
      const { changes } = await tx.run(sql.claimLaunchLink, [at, tokenHash]);
      const row = await tx.get<LaunchLinkRow>(sql.selectLaunchLink, [tokenHash]);
      if (!row) return undefined;
      if (changes !== 1) return "already-used";
      return toLaunchLink(row);
    });
  }

  deleteLaunchLinksExpiredBefore(cutoff: string): Promise<number> {
    return this.write("deleteLaunchLinksExpiredBefore", async (tx) => (await tx.run(sql.deleteLaunchLinksExpiredBefore, [cutoff])).changes);
  }

  createLaunchGrant(grant: LaunchGrant & { tokenHash: string; expiresAt: string }): Promise<void> {
    return this.write("createLaunchGrant", async (tx) => {
      await tx.run(sql.insertLaunchGrant, [grant.tokenHash, grant.userId, grant.packageId, grant.expiresAt]);
    });
  }

  findLaunchGrant(tokenHash: string, now: string) {
    return this.read("findLaunchGrant", async (tx) => {
      const row = await tx.get<{ user_id: string; package_id: string }>(sql.selectLaunchGrant, [tokenHash, now]);
      return row && { userId: row.user_id, packageId: row.package_id };
    });
  }

  findCourseByChecksum(checksum: string) {
    return this.read("findCourseByChecksum", async (tx) => {
      const row = await tx.get<PackageRow>(sql.selectPackageByChecksum, [checksum]);
      return row && toCourse(row);
    });
  }

  findPackageByChecksum(checksum: string) {
    return this.read("findPackageByChecksum", async (tx) => {
      const row = await tx.get<PackageRow & { format: PackageFormat }>(sql.selectAnyPackageByChecksum, [checksum]);
      return row && toPackage(row);
    });
  }

  savePackage(pkg: ImportedPackage): Promise<void> {
    return this.write("savePackage", async (tx) => {
      await tx.run(sql.insertPackageOfFormat, [pkg.packageId, pkg.format, pkg.courseId, pkg.checksum, structureOf(pkg), pkg.importedAt]);
      if (pkg.format === "cmi5") await tx.run(sql.upsertCourse, [pkg.courseId, pkg.packageId]);
      await tx.run(sql.upsertCatalogEntry, [pkg.format, pkg.courseId, pkg.packageId]);
      for (const video of pkg.videos ?? []) await tx.run(sql.insertPackageVideo, [pkg.packageId, video.activityId, video.mediaPath, video.durationSeconds ?? null, video.completionThreshold ?? null]);
    });
  }

  findPackage(packageId: string) {
    return this.read("findPackage", async (tx) => {
      const row = await tx.get<PackageRow & { format: PackageFormat }>(sql.selectAnyPackageById, [packageId]);
      return row && toPackage(row);
    });
  }

  listCourseVideos(courseId: string) {
    return this.read("listCourseVideos", async (tx): Promise<PackagedVideo[]> => {
      const rows = await tx.all<{ activity_id: string; media_path: string; duration_seconds: number | null; completion_threshold: number | null }>(sql.selectPackageVideosOfCourse, [courseId]);
      // The same training in the cmi5 and xAPI builds of a course is one video activity: listed once.
      const byActivity = new Map<string, PackagedVideo>();
      for (const row of rows) {
        if (!byActivity.has(row.activity_id)) byActivity.set(row.activity_id, { activityId: row.activity_id, mediaPath: row.media_path, durationSeconds: row.duration_seconds ?? undefined, completionThreshold: row.completion_threshold ?? undefined });
      }
      return [...byActivity.values()];
    });
  }

  createXapiLaunch(l: XapiLaunch): Promise<void> {
    return this.write("createXapiLaunch", async (tx) => {
      await tx.run(sql.insertXapiLaunch, [l.launchId, l.registration, l.userId, l.packageId, l.activityId, l.credentialKey, l.launchedAt, l.expiresAt, l.endedAt ?? null]);
    });
  }

  findXapiLaunchByCredential(credentialKey: string) {
    return this.read("findXapiLaunchByCredential", async (tx) => {
      const row = await tx.get<XapiLaunchRow>(sql.selectXapiLaunchByCredential, [credentialKey]);
      return row && toXapiLaunch(row);
    });
  }

  listXapiLaunches(registration: string) {
    return this.read("listXapiLaunches", async (tx) => (await tx.all<XapiLaunchRow>(sql.selectXapiLaunches, [registration])).map(toXapiLaunch));
  }

  listOpenXapiLaunches(registration: string) {
    return this.read("listOpenXapiLaunches", async (tx) => (await tx.all<XapiLaunchRow>(sql.selectOpenXapiLaunches, [registration])).map(toXapiLaunch));
  }

  endXapiLaunch(launchId: string, at: string): Promise<void> {
    return this.write("endXapiLaunch", async (tx) => {
      await tx.run(sql.endXapiLaunch, [at, launchId]);
    });
  }

  listPackages() {
    return this.read("listPackages", async (tx) => (await tx.all<PackageRow & { format: PackageFormat }>(sql.selectCatalog)).map(toPackage));
  }

  saveImportedCourse(course: ImportedCourse): Promise<void> {
    return this.write("saveImportedCourse", async (tx) => {
      await tx.run(sql.insertPackage, [course.packageId, course.courseId, course.checksum, JSON.stringify(course.structure), course.importedAt]);
      await tx.run(sql.upsertCourse, [course.courseId, course.packageId]);
    });
  }

  listCourses() {
    return this.read("listCourses", async (tx) => (await tx.all<PackageRow>(sql.selectCourses)).map(toCourse));
  }

  findCourse(courseId: string) {
    return this.read("findCourse", async (tx) => {
      const row = await tx.get<PackageRow>(sql.selectCourse, [courseId]);
      return row && toCourse(row);
    });
  }

  findRegistration(userId: string, courseId: string): Promise<string | undefined> {
    return this.read("findRegistration", async (tx) => (await tx.get<{ registration: string }>(sql.selectRegistration, [userId, courseId]))?.registration);
  }

  findOrCreateRegistration(userId: string, courseId: string, newRegistration: string, at: string) {
    return this.write("findOrCreateRegistration", async (tx) => {
      const row = await tx.get<{ registration: string }>(sql.selectRegistration, [userId, courseId]);
      if (row) return { registration: row.registration, created: false };
      await tx.run(sql.insertRegistration, [newRegistration, userId, courseId, at]);
      return { registration: newRegistration, created: true };
    });
  }

  findRegistrationById(registration: string) {
    return this.read("findRegistrationById", async (tx) => {
      const row = await tx.get<RegistrationRow>(sql.selectRegistrationById, [registration]);
      return row && toRegistration(row);
    });
  }

  listRegistrationsOfUser(userId: string) {
    return this.read("listRegistrationsOfUser", async (tx) => (await tx.all<RegistrationRow>(sql.selectRegistrationsOfUser, [userId])).map(toRegistration));
  }

  createAuSession(s: AuSession & { fetchTokenHash: string }): Promise<void> {
    return this.write("createAuSession", async (tx) => {
      await tx.run(sql.insertAuSession, [
        s.sessionId, s.registration, s.userId, s.courseId, s.auId, s.activityId, s.masteryScore ?? null,
        s.launchedAt, s.fetchedAt ?? null, s.credentialKey ?? null, s.terminatedAt ?? null, s.abandonedAt ?? null, s.lastStatementAt ?? null,
        s.launchMode, s.initializedAt ?? null, JSON.stringify(s.cmi5Statements), s.preferencesReadAt ?? null,
        s.fetchTokenHash,
      ]);
    });
  }

  findAuSession(sessionId: string) {
    return this.read("findAuSession", async (tx) => {
      const row = await tx.get<AuSessionRow>(sql.selectAuSession, [sessionId]);
      return row && toAuSession(row);
    });
  }

  findAuSessionByFetch(fetchTokenHash: string) {
    return this.read("findAuSessionByFetch", async (tx) => {
      const row = await tx.get<AuSessionRow>(sql.selectAuSessionByFetch, [fetchTokenHash]);
      return row && toAuSession(row);
    });
  }

  listAuSessions(registration: string) {
    return this.read("listAuSessions", async (tx) => (await tx.all<AuSessionRow>(sql.selectAuSessionsOfRegistration, [registration])).map(toAuSession));
  }

  notePreferencesRead(sessionId: string, at: string): Promise<void> {
    return this.write("notePreferencesRead", async (tx) => {
      await tx.run(sql.notePreferencesRead, [at, sessionId]);
    });
  }

  recordCmi5Statements(sessionId: string, statements: Cmi5StatementRecord[], initializedAt: string | undefined): Promise<void> {
    return this.write("recordCmi5Statements", async (tx) => {
      await tx.run(sql.recordCmi5Statements, [JSON.stringify(statements), initializedAt ?? null, sessionId]);
    });
  }

  claimFetch(fetchTokenHash: string, credentialKey: string, at: string) {
    return this.write("claimFetch", async (tx): Promise<AuSession | "already-used" | undefined> => {
      const { changes } = await tx.run(sql.claimFetch, [at, credentialKey, fetchTokenHash]);
      const row = await tx.get<AuSessionRow>(sql.selectAuSessionByFetch, [fetchTokenHash]);
      if (!row) return undefined;
      return changes === 1 ? toAuSession(row) : "already-used";
    });
  }

  findAuSessionByCredential(credentialKey: string) {
    return this.read("findAuSessionByCredential", async (tx) => {
      const row = await tx.get<AuSessionRow>(sql.selectAuSessionByCredential, [credentialKey]);
      return row && toAuSession(row);
    });
  }

  markAuSessionTerminated(sessionId: string, at: string): Promise<void> {
    return this.write("markAuSessionTerminated", async (tx) => {
      await tx.run(sql.terminateAuSession, [at, sessionId]);
    });
  }

  noteAuStatement(sessionId: string, at: string): Promise<void> {
    return this.write("noteAuStatement", async (tx) => {
      await tx.run(sql.touchAuSession, [at, sessionId]);
    });
  }

  listOpenAuSessions(registration: string) {
    return this.read("listOpenAuSessions", async (tx) => (await tx.all<AuSessionRow>(sql.selectOpenAuSessions, [registration])).map(toAuSession));
  }

  markAuSessionAbandoned(sessionId: string, at: string): Promise<boolean> {
    return this.write("markAuSessionAbandoned", async (tx) => (await tx.run(sql.abandonAuSession, [at, sessionId])).changes === 1);
  }

  listAuProgress(registration: string) {
    return this.read("listAuProgress", async (tx) => {
      const rows = await tx.all<{ au_id: string; completed: number; passed: number; failed: number; waived: number }>(sql.selectAuProgress, [registration]);
      return new Map<string, AuProgress>(
        rows.map((r) => [r.au_id, { completed: fromFlag(r.completed), passed: fromFlag(r.passed), failed: fromFlag(r.failed), waived: fromFlag(r.waived) }]),
      );
    });
  }

  saveAuProgress(registration: string, auId: string, p: AuProgress): Promise<void> {
    return this.write("saveAuProgress", async (tx) => {
      await tx.run(sql.upsertAuProgress, [registration, auId, toFlag(p.completed), toFlag(p.passed), toFlag(p.failed), toFlag(p.waived)]);
    });
  }

  markSatisfied(registration: string, objectId: string, at: string): Promise<boolean> {
    return this.write("markSatisfied", async (tx) => (await tx.run(sql.insertSatisfied, [registration, objectId, at])).changes === 1);
  }

  isSatisfied(registration: string, objectId: string): Promise<boolean> {
    return this.read("isSatisfied", async (tx) => (await tx.get(sql.selectSatisfied, [registration, objectId])) !== undefined);
  }

  listSatisfied(registration: string) {
    return this.read("listSatisfied", async (tx) =>
      new Map((await tx.all<{ object_id: string; at: string }>(sql.selectSatisfiedOfRegistration, [registration])).map((r) => [r.object_id, r.at])),
    );
  }

  saveWaiver(registration: string, w: AuWaiver): Promise<boolean> {
    return this.write("saveWaiver", async (tx) => (await tx.run(sql.insertWaiver, [registration, w.auId, w.reason, w.sessionId, w.waivedAt])).changes === 1);
  }

  listWaivers(registration: string) {
    return this.read("listWaivers", async (tx) =>
      (await tx.all<{ au_id: string; reason: string; session_id: string; waived_at: string }>(sql.selectWaivers, [registration])).map(
        (r): AuWaiver => ({ auId: r.au_id, reason: r.reason as WaiverReason, sessionId: r.session_id, waivedAt: r.waived_at }),
      ),
    );
  }

  findLatestScormAttempt(userId: string, packageId: string, scoId: string) {
    return this.read("findLatestScormAttempt", async (tx) => {
      const row = await tx.get<ScormAttemptRow>(sql.selectLatestScormAttempt, [userId, packageId, scoId]);
      return row && toScormAttempt(row);
    });
  }

  listScormAttempts(userId: string, packageId: string) {
    return this.read("listScormAttempts", async (tx) => (await tx.all<ScormAttemptRow>(sql.selectScormAttempts, [userId, packageId])).map(toScormAttempt));
  }

  createScormAttempt(a: ScormAttempt): Promise<boolean> {
    return this.write("createScormAttempt", async (tx) => {
      const s = a.summary;
      const { changes } = await tx.run(sql.insertScormAttempt, [
        a.attemptId, a.userId, a.packageId, a.scoId, a.attemptNumber, JSON.stringify(a.cmi), s?.completionStatus ?? null, s?.successStatus ?? null,
        s?.scoreScaled ?? null, s?.scoreRaw ?? null, s?.location ?? null, s?.suspendData ?? null, s?.exit ?? null, a.createdAt, a.updatedAt,
      ]);
      return changes === 1;
    });
  }

  createScormSession(session: ScormSession): Promise<void> {
    return this.write("createScormSession", async (tx) => {
      await tx.run(sql.insertScormSession, [
        session.sessionId, session.attemptId, session.userId, session.startedAt, session.initializedAt ?? null, session.terminatedAt ?? null,
        session.sessionSeconds, JSON.stringify(session.recordedVerbs),
      ]);
    });
  }

  findScormSession(sessionId: string) {
    return this.read("findScormSession", async (tx) => {
      const row = await tx.get<ScormAttemptRow & ScormSessionRow>(sql.selectScormSession, [sessionId]);
      return row && toScormSessionWithAttempt(row);
    });
  }

  listScormSessions(attemptId: string) {
    return this.read("listScormSessions", async (tx) => (await tx.all<PlainScormSessionRow>(sql.selectScormSessionsOfAttempt, [attemptId])).map(toScormSession));
  }

  saveScormCommit(sessionId: string, commit: { cmi: Record<string, unknown>; summary: CmiSummary; at: string }): Promise<void> {
    return this.write("saveScormCommit", async (tx) => {
      const session = await tx.get<{ session_attempt_id: string }>(sql.selectScormSession, [sessionId]);
      if (!session) throw new Error(`no SCORM session ${sessionId}`);
      const s = commit.summary;
      await tx.run(sql.updateScormAttemptCmi, [
        JSON.stringify(commit.cmi), s.completionStatus, s.successStatus, s.scoreScaled ?? null, s.scoreRaw ?? null, s.location, s.suspendData, s.exit,
        commit.at, session.session_attempt_id,
      ]);
      await tx.run(sql.updateScormSessionSeconds, [s.sessionSeconds, sessionId]);
    });
  }

  noteScormSession(sessionId: string, update: { initializedAt?: string; terminatedAt?: string; recordedVerbs: string[] }): Promise<void> {
    return this.write("noteScormSession", async (tx) => {
      await tx.run(sql.noteScormSession, [update.initializedAt ?? null, update.terminatedAt ?? null, JSON.stringify(update.recordedVerbs), sessionId]);
    });
  }

  totalScormSeconds(attemptId: string): Promise<number> {
    return this.read("totalScormSeconds", async (tx) => (await tx.get<{ total: number }>(sql.selectScormTotalSeconds, [attemptId]))?.total ?? 0);
  }

  listScormGlobalObjectives(userId: string, scope: string): Promise<ScormGlobalObjective[]> {
    return this.read("listScormGlobalObjectives", async (tx) =>
      (await tx.all<{ objective_id: string; satisfied: number | null; normalized_measure: number | null }>(sql.selectScormGlobalObjectives, [userId, scope])).map((r) => ({
        objectiveId: r.objective_id, satisfied: r.satisfied === null ? undefined : fromFlag(r.satisfied), measure: r.normalized_measure ?? undefined,
      })),
    );
  }

  saveScormGlobalObjectives(userId: string, scope: string, objectives: ScormGlobalObjective[], at: string): Promise<void> {
    return this.write("saveScormGlobalObjectives", async (tx) => {
      for (const o of objectives) {
        await tx.run(sql.upsertScormGlobalObjective, [userId, scope, o.objectiveId, o.satisfied === undefined ? null : toFlag(o.satisfied), o.measure ?? null, at]);
      }
    });
  }

  createApiKey(key: ApiKeyRecord): Promise<void> {
    return this.write("createApiKey", async (tx) => {
      await tx.run(sql.insertApiKey, [key.keyId, key.secretHash, key.name, key.createdAt]);
    });
  }

  findApiKey(keyId: string) {
    return this.read("findApiKey", async (tx) => {
      const row = await tx.get<ApiKeyRow>(sql.selectApiKey, [keyId]);
      return row && toApiKey(row);
    });
  }

  listApiKeys() {
    return this.read("listApiKeys", async (tx) => (await tx.all<ApiKeyRow>(sql.selectApiKeys)).map(toApiKey));
  }

  revokeApiKey(keyId: string, at: string): Promise<boolean> {
    return this.write("revokeApiKey", async (tx) => (await tx.run(sql.revokeApiKey, [at, keyId])).changes === 1);
  }

  recordAudit(entry: AuditEntry): Promise<void> {
    return this.write("recordAudit", async (tx) => {
      await tx.run(sql.insertAudit, [entry.at, entry.actor, entry.action, entry.subject, entry.outcome]);
    });
  }

  listAudit(filter: { actor?: string; since?: string; limit: number }): Promise<AuditEntry[]> {
    return this.read("listAudit", (tx) => tx.all<AuditEntry>(sql.selectAudit, [filter.actor ?? null, filter.since ?? null, filter.limit]));
  }

  saveCertificate(c: Certificate): Promise<Certificate> {
    return this.write("saveCertificate", async (tx) => {
      await tx.run(sql.insertCertificate, [c.code, c.userId, c.courseId, c.courseTitle, c.programme, c.points, c.earnedAt, c.validUntil, c.statementId, c.issuedAt]);
      const row = await tx.get<CertificateRow>(sql.selectCertificateByStatement, [c.statementId]);
      if (!row) throw new Error("certificate vanished inside its own transaction");
      return toCertificate(row);
    });
  }

  listCertificates(userId: string) {
    return this.read("listCertificates", async (tx) => (await tx.all<CertificateRow>(sql.selectCertificatesByUser, [userId])).map(toCertificate));
  }

  findCertificate(code: string) {
    return this.read("findCertificate", async (tx) => {
      const row = await tx.get<CertificateRow & { holder_name: string }>(sql.selectCertificateByCode, [code]);
      return row && { ...toCertificate(row), holderName: row.holder_name };
    });
  }

  ensureCertificateStatus(code: string): Promise<CertificateStatus> {
    return this.write("ensureCertificateStatus", async (tx) => {
      await tx.run(sql.insertCertificateStatus, [code]);
      const row = await tx.get<CertificateStatusRow>(sql.selectCertificateStatus, [code]);
      if (!row) throw new Error("certificate status vanished inside its own transaction");
      return toCertificateStatus(row);
    });
  }

  findCertificateStatus(code: string) {
    return this.read("findCertificateStatus", async (tx) => {
      const row = await tx.get<CertificateStatusRow>(sql.selectCertificateStatus, [code]);
      return row && toCertificateStatus(row);
    });
  }

  listCertificateStatuses(filter: { userId: string } | { revoked: true }) {
    return this.read("listCertificateStatuses", async (tx) => {
      const rows = "userId" in filter
        ? await tx.all<CertificateStatusRow>(sql.selectCertificateStatusesByUser, [filter.userId])
        : await tx.all<CertificateStatusRow>(sql.selectRevokedCertificateStatuses);
      return rows.map(toCertificateStatus);
    });
  }

  revokeCertificate(code: string, revocation: { at: string; reason: string }) {
    return this.write("revokeCertificate", async (tx) => {
      await tx.run(sql.revokeCertificate, [revocation.at, revocation.reason, code]);
      const row = await tx.get<CertificateStatusRow>(sql.selectCertificateStatus, [code]);
      return row && toCertificateStatus(row);
    });
  }

  saveLicence(userId: string, licence: Licence | undefined): Promise<void> {
    return this.write("saveLicence", async (tx) => {
      await tx.run(sql.updateLicence, [licence?.number ?? null, licence?.start ?? null, userId]);
      await tx.run(sql.deleteLeave, [userId]);
      for (const leave of licence?.leave ?? []) await tx.run(sql.insertLeave, [userId, leave.from, leave.to]);
    });
  }

  findLicence(userId: string): Promise<Licence | undefined> {
    return this.read("findLicence", async (tx) => {
      const row = await tx.get<{ licence_number: string; licence_start: string | null }>(sql.selectLicence, [userId]);
      if (!row) return undefined;
      const leave = await tx.all<{ from_day: string; to_day: string }>(sql.selectLeave, [userId]);
      return { number: row.licence_number, start: row.licence_start ?? undefined, leave: leave.map((l) => ({ from: l.from_day, to: l.to_day })) };
    });
  }

  findUserByLicenceNumber(licenceNumber: string) {
    return this.read("findUserByLicenceNumber", async (tx) => {
      const row = await tx.get<Omit<UserRow, "password_hash">>(sql.selectUserByLicenceNumber, [licenceNumber]);
      return row && { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
    });
  }

  listLicensedUsers() {
    return this.read("listLicensedUsers", async (tx) => {
      const rows = await tx.all<Omit<UserRow, "password_hash"> & { licence_number: string; licence_start: string | null }>(sql.selectLicensedUsers, []);
      const leave = await tx.all<{ user_id: string; from_day: string; to_day: string }>(sql.selectAllLeave, []);
      return rows.map((row) => ({
        id: row.id, username: row.username, displayName: row.display_name, role: row.role,
        licence: { number: row.licence_number, start: row.licence_start ?? undefined, leave: leave.filter((l) => l.user_id === row.id).map((l) => ({ from: l.from_day, to: l.to_day })) },
      }));
    });
  }

  private read<T>(operation: string, work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return this.db.read(work).catch((error: unknown) => {
      throw new StoreError(operation, error);
    });
  }

  private write<T>(operation: string, work: (tx: SqliteTx) => Promise<T>): Promise<T> {
    return this.db.write(work).catch((error: unknown) => {
      throw new StoreError(operation, error);
    });
  }
}
