// SQL of the player's SQLite store, one constant per operation. A PostgreSQL twin
// keeps the same names.

/** The first schema; later changes are further migrations below, each applied once. */
const initialSchema = `
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('learner', 'trainer', 'verifier', 'admin')),
  password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS web_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS packages (
  package_id TEXT PRIMARY KEY,
  course_id TEXT NOT NULL,
  checksum TEXT NOT NULL UNIQUE,
  structure TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS courses (
  course_id TEXT PRIMARY KEY,
  package_id TEXT NOT NULL REFERENCES packages(package_id)
);
CREATE TABLE IF NOT EXISTS registrations (
  registration TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  course_id TEXT NOT NULL,
  UNIQUE (user_id, course_id)
);
CREATE TABLE IF NOT EXISTS au_sessions (
  session_id TEXT PRIMARY KEY,
  registration TEXT NOT NULL REFERENCES registrations(registration),
  user_id TEXT NOT NULL,
  course_id TEXT NOT NULL,
  au_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  mastery_score REAL,
  launched_at TEXT NOT NULL,
  fetch_token_hash TEXT NOT NULL UNIQUE,
  fetched_at TEXT,
  credential_key TEXT UNIQUE,
  terminated_at TEXT
);
CREATE TABLE IF NOT EXISTS au_progress (
  registration TEXT NOT NULL REFERENCES registrations(registration),
  au_id TEXT NOT NULL,
  completed INTEGER NOT NULL,
  passed INTEGER NOT NULL,
  failed INTEGER NOT NULL,
  waived INTEGER NOT NULL,
  PRIMARY KEY (registration, au_id)
);
CREATE TABLE IF NOT EXISTS satisfied (
  registration TEXT NOT NULL,
  object_id TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (registration, object_id)
);
CREATE TABLE IF NOT EXISTS certificates (
  code TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  course_id TEXT NOT NULL,
  course_title TEXT NOT NULL,
  programme TEXT NOT NULL,
  points REAL NOT NULL,
  earned_at TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  statement_id TEXT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS certificates_by_user ON certificates (user_id, earned_at);
`;

/** Applied in order inside one transaction each; recorded in player_schema_migrations. */
export const migrations: readonly { version: number; sql: string }[] = [
  { version: 1, sql: initialSchema },
  {
    version: 2,
    // cmi5 9.3.6: sessions left without Terminated are abandoned; 9.5.4.2-2 needs the last statement's time.
    sql: `ALTER TABLE au_sessions ADD COLUMN abandoned_at TEXT;
ALTER TABLE au_sessions ADD COLUMN last_statement_at TEXT;
CREATE INDEX IF NOT EXISTS au_sessions_open ON au_sessions (registration) WHERE terminated_at IS NULL AND abandoned_at IS NULL;`,
  },
  {
    version: 3,
    // cmi5 LMS side: launch mode, verb order and the learner preferences read per session
    // (9.3.0.0, 10.2.2, 11.0.0.0-3), waivers once
    // per AU and registration (9.3.7.0-4), and portal API keys.
    sql: `ALTER TABLE au_sessions ADD COLUMN launch_mode TEXT NOT NULL DEFAULT 'Normal';
ALTER TABLE au_sessions ADD COLUMN initialized_at TEXT;
ALTER TABLE au_sessions ADD COLUMN cmi5_statements TEXT NOT NULL DEFAULT '[]';
ALTER TABLE au_sessions ADD COLUMN preferences_read_at TEXT;
CREATE INDEX IF NOT EXISTS au_sessions_by_registration ON au_sessions (registration, launched_at);
ALTER TABLE registrations ADD COLUMN created_at TEXT;
CREATE TABLE IF NOT EXISTS au_waivers (
  registration TEXT NOT NULL REFERENCES registrations(registration),
  au_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  session_id TEXT NOT NULL UNIQUE,
  waived_at TEXT NOT NULL,
  PRIMARY KEY (registration, au_id)
);
CREATE TABLE IF NOT EXISTS api_keys (
  key_id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);`,
  },
  {
    version: 4,
    // Packages of every format (SCORM 1.2, SCORM 2004, xAPI, cmi5); the catalog keeps the
    // current version of each course per format, while `courses` stays the cmi5 courses.
    sql: `ALTER TABLE packages ADD COLUMN format TEXT NOT NULL DEFAULT 'cmi5' CHECK (format IN ('scorm12', 'scorm2004', 'xapi', 'cmi5'));
CREATE TABLE IF NOT EXISTS catalog_entries (
  format TEXT NOT NULL,
  course_id TEXT NOT NULL,
  package_id TEXT NOT NULL REFERENCES packages(package_id),
  PRIMARY KEY (format, course_id)
);
INSERT INTO catalog_entries (format, course_id, package_id) SELECT 'cmi5', course_id, package_id FROM courses WHERE true ON CONFLICT DO NOTHING;`,
  },
  {
    version: 5,
    // SCORM run-time data: the CMI data per learner, package, SCO and attempt, and each
    // launch's session with the time it reported (total time is their sum).
    sql: `CREATE TABLE IF NOT EXISTS scorm_attempts (
  attempt_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  package_id TEXT NOT NULL REFERENCES packages(package_id),
  sco_id TEXT NOT NULL,
  attempt_number INTEGER NOT NULL,
  cmi TEXT NOT NULL,
  completion_status TEXT,
  success_status TEXT,
  score_scaled REAL,
  score_raw REAL,
  location TEXT,
  suspend_data TEXT,
  exit TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (user_id, package_id, sco_id, attempt_number)
);
CREATE TABLE IF NOT EXISTS scorm_sessions (
  session_id TEXT PRIMARY KEY,
  attempt_id TEXT NOT NULL REFERENCES scorm_attempts(attempt_id),
  user_id TEXT NOT NULL REFERENCES users(id),
  started_at TEXT NOT NULL,
  initialized_at TEXT,
  terminated_at TEXT,
  session_seconds REAL NOT NULL DEFAULT 0,
  recorded_verbs TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS scorm_sessions_by_attempt ON scorm_sessions (attempt_id);`,
  },
  {
    version: 6,
    // xAPI (TinCan) launches, each with its own LRS credential, and the recorded trainings
    // of each package with the media length read from the file at import.
    sql: `CREATE TABLE IF NOT EXISTS xapi_launches (
  launch_id TEXT PRIMARY KEY,
  registration TEXT NOT NULL REFERENCES registrations(registration),
  user_id TEXT NOT NULL,
  package_id TEXT NOT NULL REFERENCES packages(package_id),
  activity_id TEXT NOT NULL,
  credential_key TEXT NOT NULL UNIQUE,
  launched_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX IF NOT EXISTS xapi_launches_open ON xapi_launches (registration) WHERE ended_at IS NULL;
CREATE TABLE IF NOT EXISTS package_videos (
  package_id TEXT NOT NULL REFERENCES packages(package_id),
  activity_id TEXT NOT NULL,
  media_path TEXT NOT NULL,
  duration_seconds REAL,
  PRIMARY KEY (package_id, activity_id)
);`,
  },
  {
    version: 7,
    // The audit log of verification: who looked up what, when, and what they found.
    sql: `CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_log_by_actor ON audit_log (actor, seq);`,
  },
  {
    version: 8,
    // One-time launch links a portal hands to a browser with no player session (only the
    // token's hash is kept), and the launch grants they turn into: one learner, one package.
    sql: `CREATE TABLE IF NOT EXISTS launch_links (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  registration TEXT NOT NULL,
  package_id TEXT NOT NULL,
  format TEXT NOT NULL,
  item_id TEXT,
  mode TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE TABLE IF NOT EXISTS launch_grants (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  package_id TEXT NOT NULL,
  expires_at TEXT NOT NULL
);`,
  },
  {
    version: 9,
    // Licences of professionals: the number a verifier looks up, the day licence periods
    // count from, and recorded leave that reduces what a period requires.
    sql: `ALTER TABLE users ADD COLUMN licence_number TEXT;
ALTER TABLE users ADD COLUMN licence_start TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS users_by_licence_number ON users (licence_number);
CREATE TABLE IF NOT EXISTS licence_leave (
  user_id TEXT NOT NULL REFERENCES users(id),
  from_day TEXT NOT NULL,
  to_day TEXT NOT NULL,
  PRIMARY KEY (user_id, from_day)
);`,
  },
  {
    version: 10,
    // Each certificate's bit in the revocation status list, and its revocation; kept apart
    // from certificates so a revocation never touches what the certificate states.
    sql: `CREATE TABLE IF NOT EXISTS certificate_status (
  code TEXT PRIMARY KEY REFERENCES certificates(code),
  status_index INTEGER NOT NULL UNIQUE,
  revoked_at TEXT,
  revocation_reason TEXT
);`,
  },
  {
    version: 11,
    // SCORM 2004 global objectives (SN 4.2.1.3) per learner: scope "system" when the package's
    // organization has objectivesGlobalToSystem (shared by every package), else "package:<id>".
    // NULL is an unknown status or measure.
    sql: `CREATE TABLE IF NOT EXISTS scorm_global_objectives (
  user_id TEXT NOT NULL REFERENCES users(id),
  scope TEXT NOT NULL,
  objective_id TEXT NOT NULL,
  satisfied INTEGER,
  normalized_measure REAL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, scope, objective_id)
);`,
  },
  {
    version: 13,
    // The share of each recorded training that counts as watched, as its package declared it
    // at import (course.yaml completionThreshold); NULL: the player's default.
    sql: `ALTER TABLE package_videos ADD COLUMN completion_threshold REAL`,
  },
];
export const createMigrationsTable = "CREATE TABLE IF NOT EXISTS player_schema_migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)";
export const selectAppliedMigrations = "SELECT version FROM player_schema_migrations";
export const insertMigration = "INSERT INTO player_schema_migrations (version, applied) VALUES (?, ?)";

export const insertUser = "INSERT INTO users (id, username, display_name, role, password_hash) VALUES (?, ?, ?, ?, ?)";
export const selectUserByUsername = "SELECT id, username, display_name, role, password_hash FROM users WHERE username = ?";
export const selectUserById = "SELECT id, username, display_name, role FROM users WHERE id = ?";
export const insertWebSession = "INSERT INTO web_sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)";
export const selectWebSession = "SELECT user_id FROM web_sessions WHERE token_hash = ? AND expires_at > ?";
export const deleteWebSession = "DELETE FROM web_sessions WHERE token_hash = ?";

export const insertLaunchLink = "INSERT INTO launch_links (token_hash, user_id, registration, package_id, format, item_id, mode, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
export const claimLaunchLink = "UPDATE launch_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL";
export const selectLaunchLink = "SELECT token_hash, user_id, registration, package_id, format, item_id, mode, created_at, expires_at FROM launch_links WHERE token_hash = ?";
// launch_links has no index on expires_at (migration 8 made only the token_hash key): this
// scan is acceptable because the table holds only links of the last day or so (see
// LaunchLinkService.issue, which runs it), so no migration adds one.
export const deleteLaunchLinksExpiredBefore = "DELETE FROM launch_links WHERE expires_at < ?";
export const insertLaunchGrant = "INSERT INTO launch_grants (token_hash, user_id, package_id, expires_at) VALUES (?, ?, ?, ?)";
export const selectLaunchGrant = "SELECT user_id, package_id FROM launch_grants WHERE token_hash = ? AND expires_at > ?";

export const selectPackageByChecksum = "SELECT package_id, course_id, checksum, structure, imported_at FROM packages WHERE checksum = ?";
export const insertPackage = "INSERT INTO packages (package_id, course_id, checksum, structure, imported_at) VALUES (?, ?, ?, ?, ?)";
export const upsertCourse = "INSERT INTO courses (course_id, package_id) VALUES (?, ?) ON CONFLICT (course_id) DO UPDATE SET package_id = excluded.package_id";
export const selectCourses = `SELECT p.package_id, p.course_id, p.checksum, p.structure, p.imported_at
  FROM courses c JOIN packages p ON p.package_id = c.package_id ORDER BY p.course_id`;
export const selectCourse = `SELECT p.package_id, p.course_id, p.checksum, p.structure, p.imported_at
  FROM courses c JOIN packages p ON p.package_id = c.package_id WHERE c.course_id = ?`;

const packageColumns = "p.package_id, p.format, p.course_id, p.checksum, p.structure, p.imported_at";
export const selectAnyPackageByChecksum = `SELECT ${packageColumns} FROM packages p WHERE p.checksum = ?`;
export const insertPackageOfFormat = "INSERT INTO packages (package_id, format, course_id, checksum, structure, imported_at) VALUES (?, ?, ?, ?, ?, ?)";
export const upsertCatalogEntry = `INSERT INTO catalog_entries (format, course_id, package_id) VALUES (?, ?, ?)
  ON CONFLICT (format, course_id) DO UPDATE SET package_id = excluded.package_id`;
const xapiLaunchColumns = "launch_id, registration, user_id, package_id, activity_id, credential_key, launched_at, expires_at, ended_at";
export const insertXapiLaunch = `INSERT INTO xapi_launches (${xapiLaunchColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
export const selectXapiLaunchByCredential = `SELECT ${xapiLaunchColumns} FROM xapi_launches WHERE credential_key = ?`;
export const selectOpenXapiLaunches = `SELECT ${xapiLaunchColumns} FROM xapi_launches WHERE registration = ? AND ended_at IS NULL`;
export const selectXapiLaunches = `SELECT ${xapiLaunchColumns} FROM xapi_launches WHERE registration = ? ORDER BY launched_at, launch_id`;
export const endXapiLaunch = "UPDATE xapi_launches SET ended_at = COALESCE(ended_at, ?) WHERE launch_id = ?";
export const insertPackageVideo = "INSERT INTO package_videos (package_id, activity_id, media_path, duration_seconds, completion_threshold) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
export const selectPackageVideosOfCourse = `SELECT v.activity_id, v.media_path, v.duration_seconds, v.completion_threshold, p.format FROM catalog_entries e
  JOIN package_videos v ON v.package_id = e.package_id JOIN packages p ON p.package_id = e.package_id WHERE e.course_id = ? ORDER BY p.format, v.activity_id`;
export const selectAnyPackageById = `SELECT ${packageColumns} FROM packages p WHERE p.package_id = ?`;
export const selectCatalog = `SELECT ${packageColumns} FROM catalog_entries e JOIN packages p ON p.package_id = e.package_id ORDER BY p.course_id, p.format`;

export const selectRegistration = "SELECT registration FROM registrations WHERE user_id = ? AND course_id = ?";
export const insertRegistration = "INSERT INTO registrations (registration, user_id, course_id, created_at) VALUES (?, ?, ?, ?)";
export const selectRegistrationById = "SELECT registration, user_id, course_id, created_at FROM registrations WHERE registration = ?";
export const selectRegistrationsOfUser = "SELECT registration, user_id, course_id, created_at FROM registrations WHERE user_id = ? ORDER BY created_at, registration";

const auSessionColumns =
  "session_id, registration, user_id, course_id, au_id, activity_id, mastery_score, launched_at, fetched_at, credential_key, terminated_at, abandoned_at, last_statement_at, launch_mode, initialized_at, cmi5_statements, preferences_read_at";
export const insertAuSession = `INSERT INTO au_sessions (${auSessionColumns}, fetch_token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
export const selectAuSessionByFetch = `SELECT ${auSessionColumns} FROM au_sessions WHERE fetch_token_hash = ?`;
export const claimFetch = "UPDATE au_sessions SET fetched_at = ?, credential_key = ? WHERE fetch_token_hash = ? AND fetched_at IS NULL";
export const selectAuSessionByCredential = `SELECT ${auSessionColumns} FROM au_sessions WHERE credential_key = ?`;
export const selectOpenAuSessions = `SELECT ${auSessionColumns} FROM au_sessions WHERE registration = ? AND terminated_at IS NULL AND abandoned_at IS NULL`;
export const abandonAuSession = "UPDATE au_sessions SET abandoned_at = ? WHERE session_id = ? AND terminated_at IS NULL AND abandoned_at IS NULL";
export const touchAuSession = "UPDATE au_sessions SET last_statement_at = ? WHERE session_id = ?";
export const terminateAuSession = "UPDATE au_sessions SET terminated_at = COALESCE(terminated_at, ?) WHERE session_id = ?";
export const selectAuSession = `SELECT ${auSessionColumns} FROM au_sessions WHERE session_id = ?`;
export const selectAuSessionsOfRegistration = `SELECT ${auSessionColumns} FROM au_sessions WHERE registration = ? ORDER BY launched_at, session_id`;
export const notePreferencesRead = "UPDATE au_sessions SET preferences_read_at = COALESCE(preferences_read_at, ?) WHERE session_id = ?";
export const recordCmi5Statements = "UPDATE au_sessions SET cmi5_statements = ?, initialized_at = COALESCE(initialized_at, ?) WHERE session_id = ?";

export const selectAuProgress = "SELECT au_id, completed, passed, failed, waived FROM au_progress WHERE registration = ?";
export const upsertAuProgress = `INSERT INTO au_progress (registration, au_id, completed, passed, failed, waived) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (registration, au_id) DO UPDATE SET completed = excluded.completed, passed = excluded.passed, failed = excluded.failed, waived = excluded.waived`;
export const selectSatisfied = "SELECT 1 AS found FROM satisfied WHERE registration = ? AND object_id = ?";
export const insertSatisfied = "INSERT INTO satisfied (registration, object_id, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
export const selectSatisfiedOfRegistration = "SELECT object_id, at FROM satisfied WHERE registration = ?";
export const insertWaiver = "INSERT INTO au_waivers (registration, au_id, reason, session_id, waived_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
export const selectWaivers = "SELECT au_id, reason, session_id, waived_at FROM au_waivers WHERE registration = ?";

export const insertApiKey = "INSERT INTO api_keys (key_id, secret_hash, name, created_at) VALUES (?, ?, ?, ?)";
export const selectApiKey = "SELECT key_id, secret_hash, name, created_at, revoked_at FROM api_keys WHERE key_id = ?";
export const selectApiKeys = "SELECT key_id, secret_hash, name, created_at, revoked_at FROM api_keys ORDER BY created_at, key_id";
export const revokeApiKey = "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE key_id = ?";

const certificateColumns = "code, user_id, course_id, course_title, programme, points, earned_at, valid_until, statement_id, issued_at";
export const insertCertificate = `INSERT INTO certificates (${certificateColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (statement_id) DO NOTHING`;
export const selectCertificateByStatement = `SELECT ${certificateColumns} FROM certificates WHERE statement_id = ?`;
export const selectCertificatesByUser = `SELECT ${certificateColumns} FROM certificates WHERE user_id = ? ORDER BY earned_at`;
export const selectCertificateByCode = `SELECT c.code, c.user_id, c.course_id, c.course_title, c.programme, c.points, c.earned_at, c.valid_until, c.statement_id, c.issued_at,
  u.display_name AS holder_name FROM certificates c JOIN users u ON u.id = c.user_id WHERE c.code = ?`;

const scormAttemptColumns =
  "a.attempt_id, a.user_id, a.package_id, a.sco_id, a.attempt_number, a.cmi, a.completion_status, a.success_status, a.score_scaled, a.score_raw, a.location, a.suspend_data, a.exit, a.created_at, a.updated_at";
export const selectLatestScormAttempt = `SELECT ${scormAttemptColumns} FROM scorm_attempts a
  WHERE a.user_id = ? AND a.package_id = ? AND a.sco_id = ? ORDER BY a.attempt_number DESC LIMIT 1`;
export const selectScormAttempts = `SELECT ${scormAttemptColumns} FROM scorm_attempts a
  WHERE a.user_id = ? AND a.package_id = ? ORDER BY a.sco_id, a.attempt_number`;
/** Does nothing when the learner already has that attempt number on the SCO (a concurrent launch took it). */
export const insertScormAttempt = `INSERT INTO scorm_attempts (attempt_id, user_id, package_id, sco_id, attempt_number, cmi, completion_status, success_status,
  score_scaled, score_raw, location, suspend_data, exit, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (user_id, package_id, sco_id, attempt_number) DO NOTHING`;
export const updateScormAttemptCmi = `UPDATE scorm_attempts SET cmi = ?, completion_status = ?, success_status = ?, score_scaled = ?, score_raw = ?,
  location = ?, suspend_data = ?, exit = ?, updated_at = ? WHERE attempt_id = ?`;
export const insertScormSession = `INSERT INTO scorm_sessions (session_id, attempt_id, user_id, started_at, initialized_at, terminated_at, session_seconds, recorded_verbs)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
export const selectScormSession = `SELECT s.session_id, s.attempt_id AS session_attempt_id, s.user_id AS session_user_id, s.started_at, s.initialized_at, s.terminated_at,
  s.session_seconds, s.recorded_verbs, ${scormAttemptColumns} FROM scorm_sessions s JOIN scorm_attempts a ON a.attempt_id = s.attempt_id WHERE s.session_id = ?`;
export const selectScormSessionsOfAttempt = `SELECT session_id, attempt_id, user_id, started_at, initialized_at, terminated_at, session_seconds, recorded_verbs
  FROM scorm_sessions WHERE attempt_id = ? ORDER BY started_at, session_id`;
export const updateScormSessionSeconds = "UPDATE scorm_sessions SET session_seconds = ? WHERE session_id = ?";
export const noteScormSession = `UPDATE scorm_sessions SET initialized_at = COALESCE(initialized_at, ?), terminated_at = COALESCE(terminated_at, ?), recorded_verbs = ?
  WHERE session_id = ?`;
export const selectScormTotalSeconds = "SELECT COALESCE(SUM(session_seconds), 0) AS total FROM scorm_sessions WHERE attempt_id = ?";

export const insertAudit = "INSERT INTO audit_log (at, actor, action, subject, outcome) VALUES (?, ?, ?, ?, ?)";
/** Filters are optional: a NULL parameter matches every row. */
export const selectAudit = `SELECT at, actor, action, subject, outcome FROM audit_log
  WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR at >= ?2) ORDER BY seq DESC LIMIT ?3`;

const certificateStatusColumns = "s.code, s.status_index, s.revoked_at, s.revocation_reason";
export const insertCertificateStatus = `INSERT INTO certificate_status (code, status_index)
  SELECT ?, COALESCE(MAX(status_index) + 1, 0) FROM certificate_status WHERE true ON CONFLICT (code) DO NOTHING`;
export const selectCertificateStatus = `SELECT ${certificateStatusColumns} FROM certificate_status s WHERE s.code = ?`;
export const selectCertificateStatusesByUser = `SELECT ${certificateStatusColumns} FROM certificate_status s JOIN certificates c ON c.code = s.code WHERE c.user_id = ? ORDER BY s.status_index`;
export const selectRevokedCertificateStatuses = `SELECT ${certificateStatusColumns} FROM certificate_status s WHERE s.revoked_at IS NOT NULL ORDER BY s.status_index`;
export const revokeCertificate = "UPDATE certificate_status SET revoked_at = ?, revocation_reason = ? WHERE code = ? AND revoked_at IS NULL";

export const updateLicence = "UPDATE users SET licence_number = ?, licence_start = ? WHERE id = ?";
export const deleteLeave = "DELETE FROM licence_leave WHERE user_id = ?";
export const insertLeave = "INSERT INTO licence_leave (user_id, from_day, to_day) VALUES (?, ?, ?)";
export const selectLicence = "SELECT licence_number, licence_start FROM users WHERE id = ? AND licence_number IS NOT NULL";
export const selectLeave = "SELECT from_day, to_day FROM licence_leave WHERE user_id = ? ORDER BY from_day";
export const selectUserByLicenceNumber = "SELECT id, username, display_name, role FROM users WHERE licence_number = ?";
export const selectLicensedUsers = "SELECT id, username, display_name, role, licence_number, licence_start FROM users WHERE licence_number IS NOT NULL ORDER BY licence_number";
export const selectAllLeave = "SELECT user_id, from_day, to_day FROM licence_leave ORDER BY user_id, from_day";

export const selectScormGlobalObjectives = "SELECT objective_id, satisfied, normalized_measure FROM scorm_global_objectives WHERE user_id = ? AND scope = ? ORDER BY objective_id";
/** Known values replace stored ones; an unknown (NULL) value keeps what was stored. */
export const upsertScormGlobalObjective = `INSERT INTO scorm_global_objectives (user_id, scope, objective_id, satisfied, normalized_measure, updated_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (user_id, scope, objective_id) DO UPDATE SET satisfied = COALESCE(excluded.satisfied, satisfied),
  normalized_measure = COALESCE(excluded.normalized_measure, normalized_measure), updated_at = excluded.updated_at`;
