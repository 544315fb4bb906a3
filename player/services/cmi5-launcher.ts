import { createHash, randomBytes } from "node:crypto";
import type { Credential, Lrs } from "../../lrs/index.js";
import type { User } from "../domain/accounts.js";
import { type AuLaunch, buildAbandonedStatement, buildLaunchData, buildLaunchUrl, buildLaunchedStatement, cmi5 } from "../domain/cmi5-launch.js";
import { listAus } from "../domain/cmi5-structure.js";
import { lmsActivityId } from "../domain/lms-ids.js";
import { NotFoundError } from "../errors.js";
import type { PlayerStore } from "../store/player-store.js";
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

export type FetchResponse = { "auth-token": string } | { "error-code": "1" | "2" | "3"; "error-text": string };

/** Launches AUs the cmi5 way (section 8) and answers their fetch URL. */
export class Cmi5Launcher {
  constructor(private readonly deps: Cmi5LauncherDeps) {}

  /** Prepares one AU session and returns the URL to send the learner's browser to. */
  async launch(user: User, courseId: string, auId: string, origin: string): Promise<string> {
    const { store, lrs, lmsCredential, newId, clock } = this.deps;
    const course = await store.findCourse(courseId);
    if (!course) throw new NotFoundError("course");
    const au = listAus(course.structure.children).find((candidate) => candidate.id === auId);
    if (!au) throw new NotFoundError("assignable unit");

    const registration = await store.findOrCreateRegistration(user.id, courseId, newId());
    await this.abandonOpenSessions(user, registration);
    const fetchToken = randomBytes(32).toString("base64url");
    const now = clock().toISOString();
    const isRemote = /^[a-z][a-z0-9+.-]*:/i.test(au.url);
    const launch: AuLaunch = {
      sessionId: newId(),
      registration,
      actor: learnerAgent(user, this.deps.accountHomePage),
      activityId: lmsActivityId("au", courseId, au.id),
      publisherId: au.id,
      moveOn: au.moveOn,
      masteryScore: au.masteryScore,
      launchParameters: au.launchParameters,
      entitlementKey: au.entitlementKey,
      launchMode: "Normal",
      auUrl: isRemote ? au.url : `${origin}/content/${course.packageId}/${au.url}`,
      returnUrl: `${origin}/course?id=${encodeURIComponent(courseId)}`,
    };
    await store.createAuSession({
      sessionId: launch.sessionId,
      registration,
      userId: user.id,
      courseId,
      auId: au.id,
      activityId: launch.activityId,
      masteryScore: au.masteryScore,
      launchedAt: now,
      fetchedAt: undefined,
      credentialKey: undefined,
      terminatedAt: undefined,
      abandonedAt: undefined,
      lastStatementAt: undefined,
      fetchTokenHash: sha256(fetchToken),
    });
    const launchData = Buffer.from(JSON.stringify(buildLaunchData(launch)));
    await lrs.putStateDocument(
      { activityId: launch.activityId, agent: launch.actor, registration, stateId: cmi5.launchDataStateId },
      { contentType: "application/json", body: launchData },
      lmsCredential,
    );
    await lrs.storeStatements(buildLaunchedStatement(launch, newId(), now), lmsCredential);
    // cmi5 9.6.1.1-3: AUs whose moveOn is NotApplicable may satisfy the course at once.
    await this.deps.progress.evaluate(registration, launch.sessionId, { userId: user.id, courseId });
    return buildLaunchUrl(launch, `${origin}/xapi/`, `${origin}/cmi5/fetch/${fetchToken}`);
  }

  /**
   * A new launch in the same registration means earlier sessions that never sent
   * Terminated were left behind: record Abandoned for each and end its token (9.3.6).
   */
  private async abandonOpenSessions(user: User, registration: string): Promise<void> {
    const { store, lrs, lmsCredential, newId, clock } = this.deps;
    for (const session of await store.listOpenAuSessions(registration)) {
      const now = clock().toISOString();
      if (!(await store.markAuSessionAbandoned(session.sessionId, now))) continue;
      if (session.credentialKey) await lrs.credentials.revoke(session.credentialKey);
      const statement = buildAbandonedStatement({
        id: newId(),
        timestamp: now,
        actor: learnerAgent(user, this.deps.accountHomePage),
        registration,
        sessionId: session.sessionId,
        activityId: session.activityId,
        publisherId: session.auId,
        launchedAt: session.launchedAt,
        lastStatementAt: session.lastStatementAt,
      });
      await lrs.storeStatements(statement, lmsCredential);
    }
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
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
