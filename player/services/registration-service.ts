import type { Credential, Lrs } from "../../lrs/index.js";
import { type User, may } from "../domain/accounts.js";
import { type WaiverReason, buildWaivedStatement } from "../domain/cmi5-launch.js";
import { noProgress } from "../domain/cmi5-progress.js";
import { listAus } from "../domain/cmi5-structure.js";
import { lmsActivityId } from "../domain/lms-ids.js";
import { type RegistrationProgress, summarizeRegistration } from "../domain/registration-progress.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import type { PlayerStore, Registration } from "../store/player-store.js";
import type { Cmi5Launcher } from "./cmi5-launcher.js";
import { learnerAgent } from "./learner-agent.js";
import type { ProgressTracker } from "./progress-tracker.js";
import type { StatementProgress, VideoProgress } from "./statement-progress.js";
import type { XapiActivityProgress } from "../domain/xapi-progress.js";
import { type PackageProgressSummary, summarizeXapiProgress } from "../domain/package-progress.js";
import type { ImportedPackage } from "../store/player-store.js";
import type { XapiPackage } from "../domain/content-package.js";
import type { ScoProgress, ScormRuntime } from "./scorm-runtime.js";
import type { XapiLauncher } from "./xapi-launcher.js";
import type { LaunchLinkService } from "./launch-links.js";

export interface RegistrationServiceDeps {
  store: PlayerStore;
  lrs: Lrs;
  lmsCredential: Credential;
  launcher: Cmi5Launcher;
  progress: ProgressTracker;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
  statementProgress: StatementProgress;
  scorm: ScormRuntime;
  xapiLauncher: XapiLauncher;
  launchLinks: LaunchLinkService;
}

/**
 * A registration's progress: the cmi5 course's AUs, blocks and sessions when the course has
 * a cmi5 package; the activities of its xAPI package when it has one; and its recorded trainings.
 */
export type RegistrationReport = (RegistrationProgress | { registration: string; courseId: string }) & {
  xapi?: { packageId: string; activities: XapiActivityProgress[] } & ProgressFigures;
  scorm?: { packageId: string; format: "scorm12" | "scorm2004"; edition: string; scos: ScoProgress[] } & ProgressFigures;
  videos: VideoProgress[];
};

/** The package-level figures "Moje učenje" shows too. */
type ProgressFigures = { completed: boolean; done: number; total: number };

/**
 * A SCORM or xAPI launch for a portal: `url` is a one-time link any browser may open (it lets
 * that learner in for this package only, until `expiresAt`); `playerUrl` (SCORM) is the launch
 * page itself, for a browser already signed in to the player.
 */
export type PackageLaunch =
  | { registration: string; format: "scorm12" | "scorm2004"; packageId: string; scoId?: string; mode?: "browse"; url: string; expiresAt: string; playerUrl: string }
  | { registration: string; format: "xapi"; packageId: string; activityId: string; url: string; expiresAt: string };

/** A password hash no password matches: learners a portal enrols sign in at the portal, not here. */
const noPassword = "portal-managed";

/** What a portal does with registrations: enrol, waive AUs, end sessions, read progress. */
export class RegistrationService {
  constructor(private readonly deps: RegistrationServiceDeps) {}

  /**
   * Enrols a learner in a course. An unknown username becomes a learner account when a
   * display name is given (the portal owns the person); a known one must be able to learn.
   */
  async enrol(courseId: string, learner: { username: string; displayName: string | undefined }): Promise<{ registration: string; created: boolean; user: User }> {
    const { store, newId } = this.deps;
    let user: User | undefined = await store.findUserByUsername(learner.username);
    if (!user) {
      if (learner.displayName === undefined) throw new ValidationError("learner.displayName", `is required to create the new learner "${learner.username}"`);
      user = { id: newId(), username: learner.username, displayName: learner.displayName, role: "learner" };
      await store.createUser({ ...user, passwordHash: noPassword });
    } else if (!may(user, "learn")) {
      throw new ValidationError("learner.username", `"${learner.username}" is a ${user.role} account, which cannot take courses`);
    }
    const { registration, created } = await this.ensureRegistration(user, courseId);
    return { registration, created, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } };
  }

  /**
   * Launches a SCO of the registration's SCORM package or an activity of its xAPI package (cmi5
   * AUs go through Cmi5Launcher.launchIn). Without either id: where the SCORM launch page
   * resumes, or the xAPI course activity; a course with a cmi5 package needs its auId then.
   */
  async launchPackageUnit(
    registrationId: string, target: { scoId: string | undefined; activityId: string | undefined; browse?: boolean }, origin: string,
  ): Promise<PackageLaunch> {
    const { store } = this.deps;
    const registration = await this.find(registrationId);
    const packages = await this.packagesOf(registration.courseId);
    const scormPackage = packages.find((p) => p.format === "scorm12" || p.format === "scorm2004");
    const xapiPackage = packages.find((p) => p.format === "xapi");
    const wantsScorm = target.scoId !== undefined || (target.activityId === undefined && !packages.some((p) => p.format === "cmi5") && scormPackage !== undefined);
    if (wantsScorm) {
      if (!scormPackage) throw new ValidationError("scoId", `course ${registration.courseId} has no SCORM package`);
      const mode = target.browse === true ? "browse" as const : undefined;
      if (mode) {
        if (target.scoId === undefined) throw new ValidationError("scoId", "is required for a Browse launch");
        await this.deps.scorm.checkBrowse(registration.userId, scormPackage.packageId, target.scoId);
      }
      const path = await this.deps.scorm.entryPath(scormPackage.packageId, target.scoId, mode);
      const link = await this.deps.launchLinks.issue({
        userId: registration.userId, registration: registrationId, packageId: scormPackage.packageId,
        format: scormPackage.format as "scorm12" | "scorm2004", itemId: target.scoId, mode,
      }, origin);
      return {
        registration: registrationId, format: scormPackage.format as "scorm12" | "scorm2004", packageId: scormPackage.packageId,
        ...(target.scoId === undefined ? {} : { scoId: target.scoId }), ...(mode === undefined ? {} : { mode }),
        url: link.url, expiresAt: link.expiresAt, playerUrl: `${origin}${path}`,
      };
    }
    if (target.activityId === undefined && (packages.some((p) => p.format === "cmi5") || !xapiPackage)) {
      throw new ValidationError("auId", "is required (or scoId for a SCORM package, activityId for an xAPI package)");
    }
    if (!xapiPackage) throw new ValidationError("activityId", `course ${registration.courseId} has no xAPI package`);
    if (target.browse === true) throw new ValidationError("launchMode", "xAPI launches are Normal only");
    // The launch itself, with its LRS credential, is made when the link is opened.
    const { activity } = await this.deps.xapiLauncher.launchable(xapiPackage.packageId, target.activityId);
    const link = await this.deps.launchLinks.issue({
      userId: registration.userId, registration: registrationId, packageId: xapiPackage.packageId, format: "xapi", itemId: activity.id, mode: undefined,
    }, origin);
    return { registration: registrationId, format: "xapi", packageId: xapiPackage.packageId, activityId: activity.id, url: link.url, expiresAt: link.expiresAt };
  }

  /** The current package of each format of a course. */
  private async packagesOf(courseId: string): Promise<ImportedPackage[]> {
    return (await this.deps.store.listPackages()).filter((p) => p.courseId === courseId);
  }

  /**
   * One registration per learner and course, whatever the format: a cmi5 course's goes through
   * the cmi5 launcher (moveOn is evaluated at enrolment); SCORM and xAPI packages get a plain one.
   */
  private async ensureRegistration(user: User, courseId: string): Promise<{ registration: string; created: boolean }> {
    const { store, newId, clock } = this.deps;
    if (await store.findCourse(courseId)) return this.deps.launcher.ensureRegistration(user, courseId);
    if ((await this.packagesOf(courseId)).length === 0) throw new ValidationError("courseId", "no imported course has this id");
    return store.findOrCreateRegistration(user.id, courseId, newId(), clock().toISOString());
  }

  async find(registration: string): Promise<Registration> {
    const found = await this.deps.store.findRegistrationById(registration);
    if (!found) throw new NotFoundError("registration");
    return found;
  }

  /**
   * Waives an AU (9.3.7): once per AU and registration, under a session id of its own, with
   * the reason; then moveOn is evaluated so blocks and the course may be satisfied.
   */
  async waive(registrationId: string, auId: string, reason: WaiverReason): Promise<{ sessionId: string; waivedAt: string }> {
    const { store, lrs, lmsCredential, newId, clock } = this.deps;
    const registration = await this.find(registrationId);
    const course = await store.findCourse(registration.courseId);
    const au = course && listAus(course.structure.children).find((candidate) => candidate.id === auId);
    if (!course || !au) throw new ValidationError("auId", `is not an AU of course ${registration.courseId}`);
    const user = await store.findUserById(registration.userId);
    if (!user) throw new NotFoundError("learner");
    const sessionId = newId();
    const waivedAt = clock().toISOString();
    if (!(await store.saveWaiver(registrationId, { auId, reason, sessionId, waivedAt }))) {
      throw new ConflictError(`AU ${auId} is already waived in this registration (cmi5 9.3.7.0-4)`);
    }
    const progress = (await store.listAuProgress(registrationId)).get(auId) ?? noProgress;
    await store.saveAuProgress(registrationId, auId, { ...progress, waived: true });
    const statement = buildWaivedStatement({
      id: newId(),
      timestamp: waivedAt,
      actor: learnerAgent(user, this.deps.accountHomePage),
      registration: registrationId,
      sessionId,
      activityId: lmsActivityId("au", course.courseId, au.id),
      publisherId: au.id,
      reason,
    });
    await lrs.storeStatements(statement, lmsCredential);
    await this.deps.progress.evaluate(registrationId, sessionId, { userId: user.id, courseId: course.courseId });
    return { sessionId, waivedAt };
  }

  /** Ends an open session of the registration as abandoned (9.3.6). */
  async abandonSession(registrationId: string, sessionId: string): Promise<{ abandonedAt: string }> {
    const session = await this.deps.store.findAuSession(sessionId);
    if (!session || session.registration !== registrationId) throw new NotFoundError("session");
    return this.deps.launcher.abandon(session);
  }

  async progressOf(registrationId: string): Promise<RegistrationReport> {
    const { store, statementProgress } = this.deps;
    const registration = await this.find(registrationId);
    const course = await store.findCourse(registration.courseId);
    const packages = await this.packagesOf(registration.courseId);
    const xapiPackage = packages.find((p) => p.format === "xapi");
    const scormPackage = packages.find((p) => p.format === "scorm12" || p.format === "scorm2004");
    const extra = {
      ...(xapiPackage?.content.format === "xapi" ? { xapi: await this.xapiReport(registrationId, xapiPackage.packageId, xapiPackage.content) } : {}),
      ...(scormPackage?.content.format === "scorm12" || scormPackage?.content.format === "scorm2004"
        ? { scorm: await this.scormReport(registration.userId, scormPackage.packageId, scormPackage.content.format, scormPackage.content.edition) }
        : {}),
      videos: await statementProgress.videos(registrationId, registration.courseId),
    };
    if (!course) {
      if (!extra.xapi && !extra.scorm) throw new NotFoundError("course");
      return { registration: registrationId, courseId: registration.courseId, ...extra };
    }
    const cmi5Progress = summarizeRegistration({
      registration: registrationId,
      course: course.structure,
      progress: await store.listAuProgress(registrationId),
      satisfied: await store.listSatisfied(registrationId),
      waivers: await store.listWaivers(registrationId),
      sessions: await store.listAuSessions(registrationId),
    });
    return { ...cmi5Progress, ...extra };
  }

  private async xapiReport(registrationId: string, packageId: string, content: XapiPackage): Promise<NonNullable<RegistrationReport["xapi"]>> {
    const activities = await this.deps.statementProgress.xapiActivities(registrationId, content);
    return { packageId, ...figures(summarizeXapiProgress(content.identifier, activities)), activities };
  }

  /** SCORM data is kept per learner and package, so the registration reads its learner's attempts. */
  private async scormReport(userId: string, packageId: string, format: "scorm12" | "scorm2004", edition: string): Promise<NonNullable<RegistrationReport["scorm"]>> {
    const progress = await this.deps.scorm.progressOf(userId, packageId);
    return { packageId, format, edition, ...figures(progress.summary), scos: progress.scos };
  }
}

function figures(summary: PackageProgressSummary): ProgressFigures {
  return { completed: summary.completed, done: summary.done, total: summary.total };
}
