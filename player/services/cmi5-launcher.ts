import { createHash, randomBytes } from "node:crypto";
import { type Credential, type Lrs, PreconditionFailedError } from "../../lrs/index.js";
import type { User } from "../domain/accounts.js";
import {
  type AuLaunch,
  type LaunchMode,
  buildAbandonedStatement,
  buildLaunchData,
  buildLaunchUrl,
  buildLaunchedStatement,
  cmi5,
} from "../domain/cmi5-launch.js";
import { defaultLearnerPreferences } from "../domain/cmi5-learner-preferences.js";
import { type Cmi5Au, listAus } from "../domain/cmi5-structure.js";
import { lmsActivityId } from "../domain/lms-ids.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import type { AuSession, ImportedCourse, PlayerStore, Registration } from "../store/player-store.js";
import { learnerAgent } from "./learner-agent.js";
import type { ProgressTracker } from "./progress-tracker.js";

export interface Cmi5LauncherDeps {
  store: PlayerStore;
  lrs: Lrs;
  /** The LMS's own LRS credential: it writes LMS.LaunchData, Launched and Satisfied. */
  lmsCredential: Credential;
  progress: ProgressTracker;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
}

/** Scopes of the token an AU fetches: enough to track, nothing to read other people's data. */
const auTokenScopes = ["statements/write", "statements/read/mine", "state", "profile"] as const;

/** The player's languages in its own order: the learner preferences of someone who never chose (11.1). */
const playerLanguages = ["sr-Latn", "sr-Cyrl", "en"] as const;

export type FetchResponse = { "auth-token": string } | { "error-code": "1" | "2" | "3"; "error-text": string };

export interface LaunchOptions {
  launchMode?: LaunchMode;
  /** Where the AU sends the learner when it ends (LMS.LaunchData returnURL); the course page by default. */
  returnUrl?: string;
}

/** One prepared AU session. */
export interface LaunchTicket {
  sessionId: string;
  registration: string;
  launchMode: LaunchMode;
  /** From cmi5.xml: AnyWindow AUs run in a frame of the player's, OwnWindow AUs in a window of their own (8.1). */
  launchMethod: Cmi5Au["launchMethod"];
  auTitle: Cmi5Au["title"];
  /** The AU URL with the cmi5 launch parameters (8.1), for a browser signed in to the player. */
  auLaunchUrl: string;
  /** The same launch through the player, for browsers with no player session (portal launches). */
  entryUrl: string;
}

/** Launches AUs the cmi5 way (section 8), answers their fetch URL and ends sessions left open. */
export class Cmi5Launcher {
  constructor(private readonly deps: Cmi5LauncherDeps) {}

  /**
   * The learner's registration for a course; a new one has its moveOn criteria evaluated at
   * once under a session id of its own (9.6.1: NotApplicable AUs may satisfy it already).
   */
  async ensureRegistration(user: User, courseId: string): Promise<{ registration: string; created: boolean }> {
    const { store, newId, clock } = this.deps;
    if (!(await store.findCourse(courseId))) throw new ValidationError("courseId", "no imported course has this id");
    const outcome = await store.findOrCreateRegistration(user.id, courseId, newId(), clock().toISOString());
    if (outcome.created) await this.deps.progress.evaluate(outcome.registration, newId(), { userId: user.id, courseId });
    return outcome;
  }

  /** Prepares one AU session for the signed-in learner (the player's own pages). */
  async launch(user: User, courseId: string, auId: string, origin: string, options: LaunchOptions = {}): Promise<LaunchTicket> {
    const { registration } = await this.ensureRegistration(user, courseId);
    return this.launchIn({ registration, userId: user.id, courseId, createdAt: undefined }, auId, origin, options);
  }

  /**
   * Prepares one AU session in a registration: ends sessions left open, writes the learner
   * preferences (if none) and LMS.LaunchData, records Launched, then returns the URLs (8.1, 10, 11).
   */
  async launchIn(registration: Registration, auId: string, origin: string, options: LaunchOptions = {}): Promise<LaunchTicket> {
    const { store, lrs, lmsCredential, newId, clock } = this.deps;
    const course = await store.findCourse(registration.courseId);
    if (!course) throw new NotFoundError("course");
    const au = listAus(course.structure.children).find((candidate) => candidate.id === auId);
    if (!au) throw new ValidationError("auId", `is not an AU of course ${course.courseId}`);
    const user = await store.findUserById(registration.userId);
    if (!user) throw new NotFoundError("learner");

    await this.abandonOpenSessions(registration.registration);
    const fetchToken = randomBytes(32).toString("base64url");
    const now = clock().toISOString();
    const launch = this.describeLaunch(course, au, user, registration.registration, newId(), origin, options);
    await store.createAuSession({
      sessionId: launch.sessionId,
      registration: registration.registration,
      userId: user.id,
      courseId: course.courseId,
      auId: au.id,
      activityId: launch.activityId,
      masteryScore: au.masteryScore,
      launchedAt: now,
      fetchedAt: undefined,
      credentialKey: undefined,
      terminatedAt: undefined,
      abandonedAt: undefined,
      lastStatementAt: undefined,
      launchMode: launch.launchMode,
      initializedAt: undefined,
      cmi5Statements: [],
      preferencesReadAt: undefined,
      fetchTokenHash: sha256(fetchToken),
    });
    await this.ensureLearnerPreferences(launch);
    const launchData = Buffer.from(JSON.stringify(buildLaunchData(launch)));
    await lrs.putStateDocument(
      { activityId: launch.activityId, agent: launch.actor, registration: registration.registration, stateId: cmi5.launchDataStateId },
      { contentType: "application/json", body: launchData },
      lmsCredential,
    );
    await lrs.storeStatements(buildLaunchedStatement(launch, newId(), now), lmsCredential);
    return {
      sessionId: launch.sessionId,
      registration: registration.registration,
      launchMode: launch.launchMode,
      launchMethod: au.launchMethod,
      auTitle: au.title,
      auLaunchUrl: buildLaunchUrl(launch, `${origin}/xapi/`, `${origin}/cmi5/fetch/${fetchToken}`),
      entryUrl: `${origin}/cmi5/launch/${fetchToken}`,
    };
  }

  /**
   * A portal launch entering the player: while the session's token is not yet fetched,
   * answers the AU launch URL and the content path the browser may then load.
   */
  async enter(fetchToken: string, origin: string): Promise<{ auLaunchUrl: string; contentPath: string | undefined; cookieToken: string }> {
    const { store } = this.deps;
    const session = await store.findAuSessionByFetch(sha256(fetchToken));
    if (!session) throw new NotFoundError("launch");
    if (session.fetchedAt !== undefined || session.terminatedAt !== undefined || session.abandonedAt !== undefined) {
      throw new ConflictError("this launch link was already used; ask for a new launch");
    }
    const course = await store.findCourse(session.courseId);
    const au = course && listAus(course.structure.children).find((candidate) => candidate.id === session.auId);
    const user = await store.findUserById(session.userId);
    if (!course || !au || !user) throw new NotFoundError("launch");
    const launch = this.describeLaunch(course, au, user, session.registration, session.sessionId, origin, { launchMode: session.launchMode });
    return {
      auLaunchUrl: buildLaunchUrl(launch, `${origin}/xapi/`, `${origin}/cmi5/fetch/${fetchToken}`),
      contentPath: isRemote(au.url) ? undefined : `/content/${course.packageId}/`,
      cookieToken: fetchToken,
    };
  }

  /** Whether a content cookie from `enter` still opens the package's files: its session is open. */
  async contentAllowed(cookieToken: string, packageId: string): Promise<boolean> {
    const session = await this.deps.store.findAuSessionByFetch(sha256(cookieToken));
    if (!session || session.terminatedAt !== undefined || session.abandonedAt !== undefined) return false;
    return (await this.deps.store.findCourse(session.courseId))?.packageId === packageId;
  }

  /**
   * A new launch in the same registration means earlier sessions that never sent
   * Terminated were left behind: record Abandoned for each and end its token (9.3.6).
   */
  private async abandonOpenSessions(registration: string): Promise<void> {
    for (const session of await this.deps.store.listOpenAuSessions(registration)) await this.abandon(session);
  }

  /**
   * Ends an open session as abandoned: one Abandoned statement with the session's duration
   * (9.3.0.0-10, 9.5.4.2-2), and its token revoked so nothing more is accepted (9.3.6.0-2).
   * Throws ConflictError when the session already ended.
   */
  async abandon(session: AuSession): Promise<{ abandonedAt: string }> {
    const { store, lrs, lmsCredential, newId, clock } = this.deps;
    const now = clock().toISOString();
    if (!(await store.markAuSessionAbandoned(session.sessionId, now))) throw new ConflictError(`session ${session.sessionId} has already ended`);
    if (session.credentialKey) await lrs.credentials.revoke(session.credentialKey);
    const user = await store.findUserById(session.userId);
    if (!user) throw new NotFoundError("learner");
    const statement = buildAbandonedStatement({
      id: newId(),
      timestamp: now,
      actor: learnerAgent(user, this.deps.accountHomePage),
      registration: session.registration,
      sessionId: session.sessionId,
      activityId: session.activityId,
      publisherId: session.auId,
      launchedAt: session.launchedAt,
      lastStatementAt: session.lastStatementAt,
    });
    await lrs.storeStatements(statement, lmsCredential);
    return { abandonedAt: now };
  }

  /** The one-time fetch URL (8.2): the first call gets a session token, later calls error code 1. */
  async fetch(fetchToken: string): Promise<FetchResponse> {
    const { store, lrs } = this.deps;
    const tokenHash = sha256(fetchToken);
    const { key, secret } = await lrs.credentials.create({ name: `cmi5 session (fetch ${tokenHash.slice(0, 12)})`, scopes: [...auTokenScopes] });
    const claimed = await store.claimFetch(tokenHash, key, this.deps.clock().toISOString());
    if (claimed === undefined || claimed === "already-used" || claimed.terminatedAt !== undefined || claimed.abandonedAt !== undefined) {
      await lrs.credentials.revoke(key);
      return claimed === undefined
        ? { "error-code": "2", "error-text": "Unknown fetch URL." }
        : { "error-code": "1", "error-text": "The authorization token has already been returned." };
    }
    return { "auth-token": Buffer.from(`${key}:${secret}`).toString("base64") };
  }

  private describeLaunch(course: ImportedCourse, au: Cmi5Au, user: User, registration: string, sessionId: string, origin: string, options: LaunchOptions): AuLaunch {
    return {
      sessionId,
      registration,
      actor: learnerAgent(user, this.deps.accountHomePage),
      activityId: lmsActivityId("au", course.courseId, au.id),
      publisherId: au.id,
      moveOn: au.moveOn,
      masteryScore: au.masteryScore,
      launchParameters: au.launchParameters,
      entitlementKey: au.entitlementKey,
      launchMode: options.launchMode ?? "Normal",
      auUrl: isRemote(au.url) ? au.url : `${origin}/content/${course.packageId}/${au.url}`,
      // The return page leads to the course page, leaving the player's AU frame if the AU ran in one.
      returnUrl: options.returnUrl ?? `${origin}/course/return?id=${encodeURIComponent(course.courseId)}`,
    };
  }

  /** Section 11: the LMS writes cmi5LearnerPreferences once; what the learner or AU set later stays. */
  private async ensureLearnerPreferences(launch: AuLaunch): Promise<void> {
    const body = Buffer.from(JSON.stringify(defaultLearnerPreferences(playerLanguages)));
    try {
      await this.deps.lrs.putProfileDocument(
        { agent: launch.actor, profileId: cmi5.learnerPreferencesProfileId },
        { contentType: "application/json", body },
        this.deps.lmsCredential,
        { ifNoneMatch: "*" },
      );
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  }
}

function isRemote(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
