// PlayerStore on PostgreSQL, so several player nodes can share one database. SQL lives in
// sql.ts (the twin of the SQLite one); this file binds parameters and maps rows. Writes
// run READ COMMITTED (PgDatabase): where a read decides a write across nodes (a
// registration per learner and course, a fetch URL used once, one waiver per AU, one
// Satisfied, one certificate per statement) a unique constraint with ON CONFLICT or an
// UPDATE … WHERE re-checked on the committed row decides, so no lock is needed.
import { PgDatabase, type PgDatabaseOptions, type PgTx, type PgValue } from "../../../lrs/index.js";
import type { User } from "../../domain/accounts.js";
import type { AuProgress } from "../../domain/cmi5-progress.js";
import type { WaiverReason } from "../../domain/cmi5-launch.js";
import type { PackageFormat } from "../../domain/content-package.js";
import type { CmiSummary } from "../../domain/scorm-cmi.js";
import { StoreError } from "../../errors.js";
import type {
  ApiKeyRecord, AuditEntry, AuSession, AuWaiver, Certificate, Cmi5StatementRecord, ImportedCourse, ImportedPackage, PackagedVideo, PlayerStore,
  ScormAttempt, ScormGlobalObjective, ScormSession, XapiLaunch,
} from "../player-store.js";
import {
  type ApiKeyRow, type AuSessionRow, type CertificateRow, type CertificateStatusRow, type LaunchLinkRow, type PackageRow, type PlainScormSessionRow,
  type RegistrationRow, type ScormAttemptRow, type ScormSessionRow, type UserRow, type XapiLaunchRow,
  structureOf, toApiKey, toAuSession, toCertificate, toCertificateStatus, toCourse, toLaunchLink, toPackage, toRegistration, toScormAttempt,
  toScormSession, toScormSessionWithAttempt, toXapiLaunch,
} from "../rows.js";
import type { LaunchGrant, LaunchLinkRecord } from "../../domain/launch-links.js";
import type { CertificateStatus, Licence } from "../player-store.js";
import * as sql from "./sql.js";

export type PostgresPlayerStoreOptions = PgDatabaseOptions;

export class PostgresPlayerStore implements PlayerStore {
  private constructor(private readonly db: PgDatabase) {}

  /** Connects and brings the player tables of the schema up to date (once, whichever node starts first). */
  static async open(options: PostgresPlayerStoreOptions): Promise<PostgresPlayerStore> {
    const db = await PgDatabase.open({ applicationName: "obuka-player", ...options }).catch((error: unknown) => {
      throw new StoreError("connect", error);
    });
    try {
      await db.migrate(async (tx) => {
        await tx.query(sql.lockMigrations);
        await tx.query(sql.createMigrationsTable);
        const applied = new Set((await tx.query<{ version: number }>(sql.selectAppliedMigrations)).rows.map((r) => r.version));
        for (const migration of sql.migrations.filter((m) => !applied.has(m.version))) {
          // Without parameters, pg sends the text as a simple query, which may hold several statements.
          await tx.query(migration.sql);
          await tx.query(sql.insertMigration, [migration.version, new Date().toISOString()]);
        }
      });
    } catch (error) {
      await db.close().catch(() => undefined);
      throw new StoreError("migrate", error);
    }
    return new PostgresPlayerStore(db);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  createUser(user: User & { passwordHash: string }): Promise<void> {
    return this.run("createUser", sql.insertUser, [user.id, user.username, user.displayName, user.role, user.passwordHash]);
  }

  async findUserByUsername(username: string) {
    const row = await this.one<UserRow>("findUserByUsername", sql.selectUserByUsername, [username]);
    return row && { id: row.id, username: row.username, displayName: row.display_name, role: row.role, passwordHash: row.password_hash };
  }

  async findUserById(id: string): Promise<User | undefined> {
    const row = await this.one<Omit<UserRow, "password_hash">>("findUserById", sql.selectUserById, [id]);
    return row && { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
  }

  createWebSession(session: { tokenHash: string; userId: string; expiresAt: string }): Promise<void> {
    return this.run("createWebSession", sql.insertWebSession, [session.tokenHash, session.userId, session.expiresAt]);
  }

  async findWebSession(tokenHash: string, now: string) {
    const row = await this.one<{ user_id: string }>("findWebSession", sql.selectWebSession, [tokenHash, now]);
    return row && { userId: row.user_id };
  }

  deleteWebSession(tokenHash: string): Promise<void> {
    return this.run("deleteWebSession", sql.deleteWebSession, [tokenHash]);
  }

  createLaunchLink(link: LaunchLinkRecord): Promise<void> {
    return this.run("createLaunchLink", sql.insertLaunchLink, [
      link.tokenHash, link.userId, link.registration, link.packageId, link.format, link.itemId ?? null, link.mode ?? null, link.createdAt, link.expiresAt,
    ]);
  }

  claimLaunchLink(tokenHash: string, at: string) {
    return this.write("claimLaunchLink", async (tx): Promise<LaunchLinkRecord | "already-used" | undefined> => {
      const { rowCount } = await tx.query(sql.claimLaunchLink, [at, tokenHash]);
      const [row] = (await tx.query<LaunchLinkRow>(sql.selectLaunchLink, [tokenHash])).rows;
      if (!row) return undefined;
      if (rowCount !== 1) return "already-used";
      return toLaunchLink(row);
    });
  }

  deleteLaunchLinksExpiredBefore(cutoff: string): Promise<number> {
    return this.write("deleteLaunchLinksExpiredBefore", async (tx) => (await tx.query(sql.deleteLaunchLinksExpiredBefore, [cutoff])).rowCount ?? 0);
  }

  createLaunchGrant(grant: LaunchGrant & { tokenHash: string; expiresAt: string }): Promise<void> {
    return this.run("createLaunchGrant", sql.insertLaunchGrant, [grant.tokenHash, grant.userId, grant.packageId, grant.expiresAt]);
  }

  async findLaunchGrant(tokenHash: string, now: string) {
    const row = await this.one<{ user_id: string; package_id: string }>("findLaunchGrant", sql.selectLaunchGrant, [tokenHash, now]);
    return row && { userId: row.user_id, packageId: row.package_id };
  }

  async findCourseByChecksum(checksum: string) {
    const row = await this.one<PackageRow>("findCourseByChecksum", sql.selectPackageByChecksum, [checksum]);
    return row && toCourse(row);
  }

  saveImportedCourse(course: ImportedCourse): Promise<void> {
    return this.write("saveImportedCourse", async (tx) => {
      await tx.query(sql.insertPackage, [course.packageId, course.courseId, course.checksum, JSON.stringify(course.structure), course.importedAt]);
      await tx.query(sql.upsertCourse, [course.courseId, course.packageId]);
    });
  }

  async listCourses() {
    return (await this.all<PackageRow>("listCourses", sql.selectCourses)).map(toCourse);
  }

  async findCourse(courseId: string) {
    const row = await this.one<PackageRow>("findCourse", sql.selectCourse, [courseId]);
    return row && toCourse(row);
  }

  async findPackageByChecksum(checksum: string) {
    const row = await this.one<PackageRow & { format: PackageFormat }>("findPackageByChecksum", sql.selectAnyPackageByChecksum, [checksum]);
    return row && toPackage(row);
  }

  savePackage(pkg: ImportedPackage): Promise<void> {
    return this.write("savePackage", async (tx) => {
      await tx.query(sql.insertPackageOfFormat, [pkg.packageId, pkg.format, pkg.courseId, pkg.checksum, structureOf(pkg), pkg.importedAt]);
      if (pkg.format === "cmi5") await tx.query(sql.upsertCourse, [pkg.courseId, pkg.packageId]);
      await tx.query(sql.upsertCatalogEntry, [pkg.format, pkg.courseId, pkg.packageId]);
      for (const video of pkg.videos ?? []) await tx.query(sql.insertPackageVideo, [pkg.packageId, video.activityId, video.mediaPath, video.durationSeconds ?? null, video.completionThreshold ?? null]);
    });
  }

  async listPackages() {
    return (await this.all<PackageRow & { format: PackageFormat }>("listPackages", sql.selectCatalog)).map(toPackage);
  }

  async findPackage(packageId: string) {
    const row = await this.one<PackageRow & { format: PackageFormat }>("findPackage", sql.selectAnyPackageById, [packageId]);
    return row && toPackage(row);
  }

  async listCourseVideos(courseId: string): Promise<PackagedVideo[]> {
    const rows = await this.all<{ activity_id: string; media_path: string; duration_seconds: number | null; completion_threshold: number | null }>("listCourseVideos", sql.selectPackageVideosOfCourse, [courseId]);
    // The same training in the cmi5 and xAPI builds of a course is one video activity: listed once.
    const byActivity = new Map<string, PackagedVideo>();
    for (const row of rows) {
      if (!byActivity.has(row.activity_id)) byActivity.set(row.activity_id, { activityId: row.activity_id, mediaPath: row.media_path, durationSeconds: row.duration_seconds ?? undefined, completionThreshold: row.completion_threshold ?? undefined });
    }
    return [...byActivity.values()];
  }

  createXapiLaunch(l: XapiLaunch): Promise<void> {
    return this.run("createXapiLaunch", sql.insertXapiLaunch, [l.launchId, l.registration, l.userId, l.packageId, l.activityId, l.credentialKey, l.launchedAt, l.expiresAt, l.endedAt ?? null]);
  }

  async findXapiLaunchByCredential(credentialKey: string) {
    const row = await this.one<XapiLaunchRow>("findXapiLaunchByCredential", sql.selectXapiLaunchByCredential, [credentialKey]);
    return row && toXapiLaunch(row);
  }

  async listXapiLaunches(registration: string) {
    return (await this.all<XapiLaunchRow>("listXapiLaunches", sql.selectXapiLaunches, [registration])).map(toXapiLaunch);
  }

  async listOpenXapiLaunches(registration: string) {
    return (await this.all<XapiLaunchRow>("listOpenXapiLaunches", sql.selectOpenXapiLaunches, [registration])).map(toXapiLaunch);
  }

  endXapiLaunch(launchId: string, at: string): Promise<void> {
    return this.run("endXapiLaunch", sql.endXapiLaunch, [at, launchId]);
  }

  async findRegistration(userId: string, courseId: string): Promise<string | undefined> {
    return (await this.one<{ registration: string }>("findRegistration", sql.selectRegistration, [userId, courseId]))?.registration;
  }

  findOrCreateRegistration(userId: string, courseId: string, newRegistration: string, at: string) {
    return this.write("findOrCreateRegistration", async (tx) => {
      const inserted = await tx.query<{ registration: string }>(sql.insertRegistration, [newRegistration, userId, courseId, at]);
      if (inserted.rowCount === 1) return { registration: newRegistration, created: true };
      // READ COMMITTED: this statement sees the registration the other node committed.
      const [existing] = (await tx.query<{ registration: string }>(sql.selectRegistration, [userId, courseId])).rows;
      if (!existing) throw new Error(`registration of ${userId} for ${courseId} neither inserted nor found`);
      return { registration: existing.registration, created: false };
    });
  }

  async findRegistrationById(registration: string) {
    const row = await this.one<RegistrationRow>("findRegistrationById", sql.selectRegistrationById, [registration]);
    return row && toRegistration(row);
  }

  async listRegistrationsOfUser(userId: string) {
    return (await this.all<RegistrationRow>("listRegistrationsOfUser", sql.selectRegistrationsOfUser, [userId])).map(toRegistration);
  }

  createAuSession(s: AuSession & { fetchTokenHash: string }): Promise<void> {
    return this.run("createAuSession", sql.insertAuSession, [
      s.sessionId, s.registration, s.userId, s.courseId, s.auId, s.activityId, s.masteryScore ?? null,
      s.launchedAt, s.fetchedAt ?? null, s.credentialKey ?? null, s.terminatedAt ?? null, s.abandonedAt ?? null, s.lastStatementAt ?? null,
      s.launchMode, s.initializedAt ?? null, JSON.stringify(s.cmi5Statements), s.preferencesReadAt ?? null,
      s.fetchTokenHash,
    ]);
  }

  async findAuSession(sessionId: string) {
    const row = await this.one<AuSessionRow>("findAuSession", sql.selectAuSession, [sessionId]);
    return row && toAuSession(row);
  }

  async findAuSessionByFetch(fetchTokenHash: string) {
    const row = await this.one<AuSessionRow>("findAuSessionByFetch", sql.selectAuSessionByFetch, [fetchTokenHash]);
    return row && toAuSession(row);
  }

  async listAuSessions(registration: string) {
    return (await this.all<AuSessionRow>("listAuSessions", sql.selectAuSessionsOfRegistration, [registration])).map(toAuSession);
  }

  notePreferencesRead(sessionId: string, at: string): Promise<void> {
    return this.run("notePreferencesRead", sql.notePreferencesRead, [at, sessionId]);
  }

  recordCmi5Statements(sessionId: string, statements: Cmi5StatementRecord[], initializedAt: string | undefined): Promise<void> {
    return this.run("recordCmi5Statements", sql.recordCmi5Statements, [JSON.stringify(statements), initializedAt ?? null, sessionId]);
  }

  claimFetch(fetchTokenHash: string, credentialKey: string, at: string) {
    return this.write("claimFetch", async (tx): Promise<AuSession | "already-used" | undefined> => {
      const { rowCount } = await tx.query(sql.claimFetch, [at, credentialKey, fetchTokenHash]);
      const [row] = (await tx.query<AuSessionRow>(sql.selectAuSessionByFetch, [fetchTokenHash])).rows;
      if (!row) return undefined;
      return rowCount === 1 ? toAuSession(row) : "already-used";
    });
  }

  async findAuSessionByCredential(credentialKey: string) {
    const row = await this.one<AuSessionRow>("findAuSessionByCredential", sql.selectAuSessionByCredential, [credentialKey]);
    return row && toAuSession(row);
  }

  markAuSessionTerminated(sessionId: string, at: string): Promise<void> {
    return this.run("markAuSessionTerminated", sql.terminateAuSession, [at, sessionId]);
  }

  noteAuStatement(sessionId: string, at: string): Promise<void> {
    return this.run("noteAuStatement", sql.touchAuSession, [at, sessionId]);
  }

  async listOpenAuSessions(registration: string) {
    return (await this.all<AuSessionRow>("listOpenAuSessions", sql.selectOpenAuSessions, [registration])).map(toAuSession);
  }

  markAuSessionAbandoned(sessionId: string, at: string): Promise<boolean> {
    return this.changed("markAuSessionAbandoned", sql.abandonAuSession, [at, sessionId]);
  }

  async listAuProgress(registration: string) {
    const rows = await this.all<{ au_id: string; completed: boolean; passed: boolean; failed: boolean; waived: boolean }>("listAuProgress", sql.selectAuProgress, [registration]);
    return new Map<string, AuProgress>(rows.map((r) => [r.au_id, { completed: r.completed, passed: r.passed, failed: r.failed, waived: r.waived }]));
  }

  saveAuProgress(registration: string, auId: string, p: AuProgress): Promise<void> {
    return this.run("saveAuProgress", sql.upsertAuProgress, [registration, auId, p.completed, p.passed, p.failed, p.waived]);
  }

  markSatisfied(registration: string, objectId: string, at: string): Promise<boolean> {
    return this.changed("markSatisfied", sql.insertSatisfied, [registration, objectId, at]);
  }

  async isSatisfied(registration: string, objectId: string): Promise<boolean> {
    return (await this.one("isSatisfied", sql.selectSatisfied, [registration, objectId])) !== undefined;
  }

  async listSatisfied(registration: string) {
    return new Map((await this.all<{ object_id: string; at: string }>("listSatisfied", sql.selectSatisfiedOfRegistration, [registration])).map((r) => [r.object_id, r.at]));
  }

  saveWaiver(registration: string, w: AuWaiver): Promise<boolean> {
    return this.changed("saveWaiver", sql.insertWaiver, [registration, w.auId, w.reason, w.sessionId, w.waivedAt]);
  }

  async listWaivers(registration: string) {
    return (await this.all<{ au_id: string; reason: string; session_id: string; waived_at: string }>("listWaivers", sql.selectWaivers, [registration])).map(
      (r): AuWaiver => ({ auId: r.au_id, reason: r.reason as WaiverReason, sessionId: r.session_id, waivedAt: r.waived_at }),
    );
  }

  async findLatestScormAttempt(userId: string, packageId: string, scoId: string) {
    const row = await this.one<ScormAttemptRow>("findLatestScormAttempt", sql.selectLatestScormAttempt, [userId, packageId, scoId]);
    return row && toScormAttempt(row);
  }

  async listScormAttempts(userId: string, packageId: string) {
    return (await this.all<ScormAttemptRow>("listScormAttempts", sql.selectScormAttempts, [userId, packageId])).map(toScormAttempt);
  }

  createScormAttempt(a: ScormAttempt): Promise<boolean> {
    const s = a.summary;
    return this.changed("createScormAttempt", sql.insertScormAttempt, [
      a.attemptId, a.userId, a.packageId, a.scoId, a.attemptNumber, JSON.stringify(a.cmi), s?.completionStatus ?? null, s?.successStatus ?? null,
      s?.scoreScaled ?? null, s?.scoreRaw ?? null, s?.location ?? null, s?.suspendData ?? null, s?.exit ?? null, a.createdAt, a.updatedAt,
    ]);
  }

  createScormSession(session: ScormSession): Promise<void> {
    return this.run("createScormSession", sql.insertScormSession, [
      session.sessionId, session.attemptId, session.userId, session.startedAt, session.initializedAt ?? null, session.terminatedAt ?? null,
      session.sessionSeconds, JSON.stringify(session.recordedVerbs),
    ]);
  }

  async findScormSession(sessionId: string) {
    const row = await this.one<ScormAttemptRow & ScormSessionRow>("findScormSession", sql.selectScormSession, [sessionId]);
    return row && toScormSessionWithAttempt(row);
  }

  async listScormSessions(attemptId: string) {
    return (await this.all<PlainScormSessionRow>("listScormSessions", sql.selectScormSessionsOfAttempt, [attemptId])).map(toScormSession);
  }

  saveScormCommit(sessionId: string, commit: { cmi: Record<string, unknown>; summary: CmiSummary; at: string }): Promise<void> {
    return this.write("saveScormCommit", async (tx) => {
      const [session] = (await tx.query<{ session_attempt_id: string }>(sql.selectScormSession, [sessionId])).rows;
      if (!session) throw new Error(`no SCORM session ${sessionId}`);
      const s = commit.summary;
      await tx.query(sql.updateScormAttemptCmi, [
        JSON.stringify(commit.cmi), s.completionStatus, s.successStatus, s.scoreScaled ?? null, s.scoreRaw ?? null, s.location, s.suspendData, s.exit,
        commit.at, session.session_attempt_id,
      ]);
      await tx.query(sql.updateScormSessionSeconds, [s.sessionSeconds, sessionId]);
    });
  }

  noteScormSession(sessionId: string, update: { initializedAt?: string; terminatedAt?: string; recordedVerbs: string[] }): Promise<void> {
    return this.run("noteScormSession", sql.noteScormSession, [update.initializedAt ?? null, update.terminatedAt ?? null, JSON.stringify(update.recordedVerbs), sessionId]);
  }

  async totalScormSeconds(attemptId: string): Promise<number> {
    return (await this.one<{ total: number }>("totalScormSeconds", sql.selectScormTotalSeconds, [attemptId]))?.total ?? 0;
  }

  async listScormGlobalObjectives(userId: string, scope: string): Promise<ScormGlobalObjective[]> {
    const rows = await this.all<{ objective_id: string; satisfied: boolean | null; normalized_measure: number | null }>("listScormGlobalObjectives", sql.selectScormGlobalObjectives, [userId, scope]);
    return rows.map((r) => ({ objectiveId: r.objective_id, satisfied: r.satisfied ?? undefined, measure: r.normalized_measure ?? undefined }));
  }

  saveScormGlobalObjectives(userId: string, scope: string, objectives: ScormGlobalObjective[], at: string): Promise<void> {
    return this.write("saveScormGlobalObjectives", async (tx) => {
      for (const o of objectives) await tx.query(sql.upsertScormGlobalObjective, [userId, scope, o.objectiveId, o.satisfied ?? null, o.measure ?? null, at]);
    });
  }

  createApiKey(key: ApiKeyRecord): Promise<void> {
    return this.run("createApiKey", sql.insertApiKey, [key.keyId, key.secretHash, key.name, key.createdAt]);
  }

  async findApiKey(keyId: string) {
    const row = await this.one<ApiKeyRow>("findApiKey", sql.selectApiKey, [keyId]);
    return row && toApiKey(row);
  }

  async listApiKeys() {
    return (await this.all<ApiKeyRow>("listApiKeys", sql.selectApiKeys)).map(toApiKey);
  }

  revokeApiKey(keyId: string, at: string): Promise<boolean> {
    return this.changed("revokeApiKey", sql.revokeApiKey, [at, keyId]);
  }

  saveCertificate(c: Certificate): Promise<Certificate> {
    return this.write("saveCertificate", async (tx) => {
      await tx.query(sql.insertCertificate, [c.code, c.userId, c.courseId, c.courseTitle, c.programme, c.points, c.earnedAt, c.validUntil, c.statementId, c.issuedAt]);
      // READ COMMITTED: if another node saved one for this statement first, this reads it.
      const [row] = (await tx.query<CertificateRow>(sql.selectCertificateByStatement, [c.statementId])).rows;
      if (!row) throw new Error("certificate vanished inside its own transaction");
      return toCertificate(row);
    });
  }

  async listCertificates(userId: string) {
    return (await this.all<CertificateRow>("listCertificates", sql.selectCertificatesByUser, [userId])).map(toCertificate);
  }

  async findCertificate(code: string) {
    const row = await this.one<CertificateRow & { holder_name: string }>("findCertificate", sql.selectCertificateByCode, [code]);
    return row && { ...toCertificate(row), holderName: row.holder_name };
  }

  ensureCertificateStatus(code: string): Promise<CertificateStatus> {
    return this.write("ensureCertificateStatus", async (tx) => {
      await tx.query(sql.insertCertificateStatus, [code]);
      // READ COMMITTED: if another node gave it an index first, this reads that one.
      const [row] = (await tx.query<CertificateStatusRow>(sql.selectCertificateStatus, [code])).rows;
      if (!row) throw new Error("certificate status vanished inside its own transaction");
      return toCertificateStatus(row);
    });
  }

  async findCertificateStatus(code: string) {
    const row = await this.one<CertificateStatusRow>("findCertificateStatus", sql.selectCertificateStatus, [code]);
    return row && toCertificateStatus(row);
  }

  async listCertificateStatuses(filter: { userId: string } | { revoked: true }) {
    const rows = "userId" in filter
      ? await this.all<CertificateStatusRow>("listCertificateStatuses", sql.selectCertificateStatusesByUser, [filter.userId])
      : await this.all<CertificateStatusRow>("listCertificateStatuses", sql.selectRevokedCertificateStatuses);
    return rows.map(toCertificateStatus);
  }

  revokeCertificate(code: string, revocation: { at: string; reason: string }) {
    return this.write("revokeCertificate", async (tx) => {
      await tx.query(sql.revokeCertificate, [revocation.at, revocation.reason, code]);
      const [row] = (await tx.query<CertificateStatusRow>(sql.selectCertificateStatus, [code])).rows;
      return row && toCertificateStatus(row);
    });
  }

  recordAudit(entry: AuditEntry): Promise<void> {
    return this.run("recordAudit", sql.insertAudit, [entry.at, entry.actor, entry.action, entry.subject, entry.outcome]);
  }

  listAudit(filter: { actor?: string; since?: string; limit: number }): Promise<AuditEntry[]> {
    return this.all<AuditEntry>("listAudit", sql.selectAudit, [filter.actor ?? null, filter.since ?? null, filter.limit]);
  }

  saveLicence(userId: string, licence: Licence | undefined): Promise<void> {
    return this.write("saveLicence", async (tx) => {
      await tx.query(sql.updateLicence, [licence?.number ?? null, licence?.start ?? null, userId]);
      await tx.query(sql.deleteLeave, [userId]);
      for (const leave of licence?.leave ?? []) await tx.query(sql.insertLeave, [userId, leave.from, leave.to]);
    });
  }

  findLicence(userId: string): Promise<Licence | undefined> {
    return this.db.read(async (tx) => {
      const row = (await tx.query<{ licence_number: string; licence_start: string | null }>(sql.selectLicence, [userId])).rows[0];
      if (!row) return undefined;
      const leave = (await tx.query<{ from_day: string; to_day: string }>(sql.selectLeave, [userId])).rows;
      return { number: row.licence_number, start: row.licence_start ?? undefined, leave: leave.map((l) => ({ from: l.from_day, to: l.to_day })) };
    }).catch((error: unknown) => {
      throw new StoreError("findLicence", error);
    });
  }

  async findUserByLicenceNumber(licenceNumber: string): Promise<User | undefined> {
    const row = await this.one<Omit<UserRow, "password_hash">>("findUserByLicenceNumber", sql.selectUserByLicenceNumber, [licenceNumber]);
    return row && { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
  }

  listLicensedUsers(): Promise<(User & { licence: Licence })[]> {
    return this.db.read(async (tx) => {
      const rows = (await tx.query<Omit<UserRow, "password_hash"> & { licence_number: string; licence_start: string | null }>(sql.selectLicensedUsers)).rows;
      const leave = (await tx.query<{ user_id: string; from_day: string; to_day: string }>(sql.selectAllLeave)).rows;
      return rows.map((row) => ({
        id: row.id, username: row.username, displayName: row.display_name, role: row.role,
        licence: { number: row.licence_number, start: row.licence_start ?? undefined, leave: leave.filter((l) => l.user_id === row.id).map((l) => ({ from: l.from_day, to: l.to_day })) },
      }));
    }).catch((error: unknown) => {
      throw new StoreError("listLicensedUsers", error);
    });
  }

  /** One write statement in its own transaction. */
  private async run(operation: string, text: string, params: readonly PgValue[]): Promise<void> {
    await this.write(operation, (tx) => tx.query(text, params));
  }

  /** One write statement; whether it touched exactly one row. */
  private changed(operation: string, text: string, params: readonly PgValue[]): Promise<boolean> {
    return this.write(operation, async (tx) => (await tx.query(text, params)).rowCount === 1);
  }

  private async one<T>(operation: string, text: string, params: readonly PgValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(operation, text, params))[0];
  }

  private all<T>(operation: string, text: string, params: readonly PgValue[] = []): Promise<T[]> {
    return this.db.read(async (tx) => (await tx.query<T>(text, params)).rows).catch((error: unknown) => {
      throw new StoreError(operation, error);
    });
  }

  private write<T>(operation: string, work: (tx: PgTx) => Promise<T>): Promise<T> {
    return this.db.write(work).catch((error: unknown) => {
      throw new StoreError(operation, error);
    });
  }
}
