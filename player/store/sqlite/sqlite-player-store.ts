import { SqliteDatabase, type SqliteTx } from "../../../lrs/index.js";
import type { Role } from "../../domain/accounts.js";
import type { AuProgress } from "../../domain/cmi5-progress.js";
import type { Cmi5Course } from "../../domain/cmi5-structure.js";
import { StoreError } from "../../errors.js";
import type { AuSession, Certificate, ImportedCourse, PlayerStore } from "../player-store.js";
import * as sql from "./sql.js";

interface PackageRow { package_id: string; course_id: string; checksum: string; structure: string; imported_at: string }
interface AuSessionRow {
  session_id: string; registration: string; user_id: string; course_id: string; au_id: string; activity_id: string;
  mastery_score: number | null; launched_at: string; fetched_at: string | null; credential_key: string | null; terminated_at: string | null;
  abandoned_at: string | null; last_statement_at: string | null;
}
interface CertificateRow {
  code: string; user_id: string; course_id: string; course_title: string; programme: string; points: number;
  earned_at: string; valid_until: string; statement_id: string; issued_at: string;
}

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
      const row = await tx.get<{ id: string; username: string; display_name: string; role: Role; password_hash: string }>(sql.selectUserByUsername, [username]);
      return row && { id: row.id, username: row.username, displayName: row.display_name, role: row.role, passwordHash: row.password_hash };
    });
  }

  findUserById(id: string) {
    return this.read("findUserById", async (tx) => {
      const row = await tx.get<{ id: string; username: string; display_name: string; role: Role }>(sql.selectUserById, [id]);
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

  findCourseByChecksum(checksum: string) {
    return this.read("findCourseByChecksum", async (tx) => {
      const row = await tx.get<PackageRow>(sql.selectPackageByChecksum, [checksum]);
      return row && toCourse(row);
    });
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

  findOrCreateRegistration(userId: string, courseId: string, newRegistration: string): Promise<string> {
    return this.write("findOrCreateRegistration", async (tx) => {
      const row = await tx.get<{ registration: string }>(sql.selectRegistration, [userId, courseId]);
      if (row) return row.registration;
      await tx.run(sql.insertRegistration, [newRegistration, userId, courseId]);
      return newRegistration;
    });
  }

  createAuSession(s: AuSession & { fetchTokenHash: string }): Promise<void> {
    return this.write("createAuSession", async (tx) => {
      await tx.run(sql.insertAuSession, [
        s.sessionId, s.registration, s.userId, s.courseId, s.auId, s.activityId, s.masteryScore ?? null,
        s.launchedAt, s.fetchedAt ?? null, s.credentialKey ?? null, s.terminatedAt ?? null, s.abandonedAt ?? null, s.lastStatementAt ?? null,
        s.fetchTokenHash,
      ]);
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
        rows.map((r) => [r.au_id, { completed: r.completed === 1, passed: r.passed === 1, failed: r.failed === 1, waived: r.waived === 1 }]),
      );
    });
  }

  saveAuProgress(registration: string, auId: string, p: AuProgress): Promise<void> {
    return this.write("saveAuProgress", async (tx) => {
      await tx.run(sql.upsertAuProgress, [registration, auId, Number(p.completed), Number(p.passed), Number(p.failed), Number(p.waived)]);
    });
  }

  markSatisfied(registration: string, objectId: string, at: string): Promise<boolean> {
    return this.write("markSatisfied", async (tx) => (await tx.run(sql.insertSatisfied, [registration, objectId, at])).changes === 1);
  }

  isSatisfied(registration: string, objectId: string): Promise<boolean> {
    return this.read("isSatisfied", async (tx) => (await tx.get(sql.selectSatisfied, [registration, objectId])) !== undefined);
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

function toCourse(row: PackageRow): ImportedCourse {
  return { courseId: row.course_id, packageId: row.package_id, checksum: row.checksum, structure: JSON.parse(row.structure) as Cmi5Course, importedAt: row.imported_at };
}

function toAuSession(row: AuSessionRow): AuSession {
  return {
    sessionId: row.session_id, registration: row.registration, userId: row.user_id, courseId: row.course_id, auId: row.au_id,
    activityId: row.activity_id, masteryScore: row.mastery_score ?? undefined, launchedAt: row.launched_at,
    fetchedAt: row.fetched_at ?? undefined, credentialKey: row.credential_key ?? undefined, terminatedAt: row.terminated_at ?? undefined,
    abandonedAt: row.abandoned_at ?? undefined, lastStatementAt: row.last_statement_at ?? undefined,
  };
}

function toCertificate(row: CertificateRow): Certificate {
  return {
    code: row.code, userId: row.user_id, courseId: row.course_id, courseTitle: row.course_title, programme: row.programme,
    points: row.points, earnedAt: row.earned_at, validUntil: row.valid_until, statementId: row.statement_id, issuedAt: row.issued_at,
  };
}
