import {
  type Credential,
  ForbiddenError as LrsForbiddenError,
  type Lrs,
  type LrsGuard,
  type StateScope,
  type Statement,
  UnauthorizedError as LrsUnauthorizedError,
} from "../../lrs/index.js";
import type { User } from "../domain/accounts.js";
import type { LanguageMap } from "../domain/cmi5-structure.js";
import { isExternalUrl } from "../domain/content-package.js";
import {
  type XapiLaunchScope,
  buildXapiLaunchUrl,
  findStateOutsideScope,
  findStatementOutsideScope,
  terminatedVerb,
  xapiLaunchLifetimeMs,
  xapiStateGraceMs,
} from "../domain/xapi-launch.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { PlayerStore, XapiLaunch } from "../store/player-store.js";
import type { Cmi5Launcher } from "./cmi5-launcher.js";
import { learnerAgent } from "./learner-agent.js";

export interface XapiLauncherDeps {
  store: PlayerStore;
  lrs: Lrs;
  /** Registrations are shared with the course's cmi5 package, if there is one: one enrolment per course. */
  cmi5: Cmi5Launcher;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
}

/** Enough to track and resume; no profiles, and statements read back only as the launch's learner wrote them. */
const launchScopes = ["statements/write", "statements/read/mine", "state"] as const;

export interface XapiLaunchTicket {
  launchId: string;
  registration: string;
  packageId: string;
  activityId: string;
  /** The activity's name from tincan.xml (the package's title when it has none), for the frame page. */
  title: LanguageMap;
  /** The content URL with the launch parameters; the player shows it in a frame of its own. */
  url: string;
}

/**
 * Launches xAPI (TinCan) packages the way Rustici's launch document describes, each launch
 * with a temporary LRS credential that may write only its learner's statements and state in
 * its registration, and that ends with Terminated or after xapiLaunchLifetimeMs.
 */
export class XapiLauncher {
  constructor(private readonly deps: XapiLauncherDeps) {}

  attach(): void {
    this.deps.lrs.addGuard(this.guard());
    this.deps.lrs.onStatementsStored((statements, by) => this.follow(statements, by));
  }

  /** `activityId` defaults to the package's course activity (tincan.xml); `language` is the learner's page language. */
  async launch(user: User, packageId: string, activityId: string | undefined, origin: string, language?: string): Promise<XapiLaunchTicket> {
    const { store, lrs, newId, clock } = this.deps;
    const { pkg, activity } = await this.launchable(packageId, activityId);

    const registration = (await store.findCourse(pkg.courseId))
      ? (await this.deps.cmi5.ensureRegistration(user, pkg.courseId)).registration
      : (await store.findOrCreateRegistration(user.id, pkg.courseId, newId(), clock().toISOString())).registration;
    // One live credential per registration: a new launch ends the ones left open.
    for (const open of await store.listOpenXapiLaunches(registration)) await this.end(open, { revoke: true });

    const launchId = newId();
    const now = clock();
    const authority = { objectType: "Agent" as const, name: "obuka xAPI launch", account: { homePage: this.deps.accountHomePage, name: `xapi-launch:${user.id}` } };
    const { key, secret } = await lrs.credentials.create({ name: `xAPI launch ${launchId}`, scopes: [...launchScopes], authority });
    await store.createXapiLaunch({
      launchId,
      registration,
      userId: user.id,
      packageId,
      activityId: activity.id,
      credentialKey: key,
      launchedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + xapiLaunchLifetimeMs).toISOString(),
      endedAt: undefined,
    });
    const contentUrl = isExternalUrl(activity.launch) ? activity.launch : `${origin}/content/${packageId}/${activity.launch}`;
    const url = buildXapiLaunchUrl(contentUrl, {
      endpoint: `${origin}/xapi/`,
      authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`,
      actor: learnerAgent(user, this.deps.accountHomePage),
      registration,
      activityId: activity.id,
      ...(language === undefined ? {} : { acceptLanguage: language }),
    });
    const title = Object.keys(activity.name).length ? activity.name : pkg.content.title;
    return { launchId, registration, packageId, activityId: activity.id, title, url };
  }

  /** The activity a launch would open (`activityId` defaults to the course activity); ValidationError when it cannot launch. */
  async launchable(packageId: string, activityId: string | undefined) {
    const pkg = await this.deps.store.findPackage(packageId);
    if (!pkg || pkg.content.format !== "xapi") throw new ValidationError("packageId", "is not an imported xAPI package");
    const wanted = activityId ?? pkg.content.identifier;
    const activity = pkg.content.activities.find((a) => a.id === wanted);
    if (!activity?.launch) throw new ValidationError("activityId", `is not a launchable activity of ${pkg.courseId}`);
    return { pkg, activity: { ...activity, launch: activity.launch } };
  }

  private guard(): LrsGuard {
    return {
      checkStatements: async (_statements: Statement[], by: Credential, received: readonly Statement[]) => {
        const launch = await this.liveLaunch(by, "statements");
        if (!launch) return;
        const outside = findStatementOutsideScope(received, await this.scopeOf(launch));
        if (outside) throw new LrsForbiddenError(received.length > 1 ? `[${outside.index}].${outside.message}` : outside.message);
      },
      checkStatementsRead: async (by: Credential) => {
        await this.liveLaunch(by, "read");
      },
      checkStateWrite: (params, by) => this.checkState(params, by),
      checkStateRead: (scope, by) => this.checkState(scope, by),
      checkStateScopeDelete: (scope, by) => this.checkState(scope, by),
    };
  }

  private async checkState(scope: StateScope, by: Credential): Promise<void> {
    const launch = await this.liveLaunch(by, "state");
    if (!launch) return;
    const problem = findStateOutsideScope(scope, await this.scopeOf(launch));
    if (problem) throw new LrsForbiddenError(problem);
  }

  /**
   * The launch behind a credential, if it is a launch credential that may still act. Past its
   * lifetime, or past the grace after Terminated, the credential is revoked (401) on its next
   * use, reads included; statements after Terminated are refused at once (403).
   */
  private async liveLaunch(by: Credential, use: "statements" | "state" | "read"): Promise<XapiLaunch | undefined> {
    const launch = await this.deps.store.findXapiLaunchByCredential(by.key);
    if (!launch) return undefined;
    const now = this.deps.clock().getTime();
    const endedAt = launch.endedAt === undefined ? undefined : Date.parse(launch.endedAt);
    if (now >= Date.parse(launch.expiresAt) || (endedAt !== undefined && now >= endedAt + xapiStateGraceMs)) {
      await this.end(launch, { revoke: true });
      throw new LrsUnauthorizedError("this launch credential has expired; launch the content again");
    }
    if (endedAt !== undefined && use === "statements") throw new LrsForbiddenError("this launch has ended (Terminated was recorded); launch the content again");
    return launch;
  }

  private async scopeOf(launch: XapiLaunch): Promise<XapiLaunchScope> {
    const user = await this.deps.store.findUserById(launch.userId);
    if (!user) throw new NotFoundError("learner");
    return { actor: learnerAgent(user, this.deps.accountHomePage), registration: launch.registration };
  }

  /** Terminated about an activity of the launched package ends the launch (state writes get a short grace). */
  private async follow(statements: Statement[], by: Credential): Promise<void> {
    const { store, clock } = this.deps;
    if (!statements.some((s) => s.verb.id === terminatedVerb)) return;
    const launch = await store.findXapiLaunchByCredential(by.key);
    if (!launch || launch.endedAt !== undefined) return;
    const pkg = await store.findPackage(launch.packageId);
    const ids = new Set(pkg?.content.format === "xapi" ? pkg.content.activities.map((a) => a.id) : [launch.activityId]);
    if (statements.some((s) => s.verb.id === terminatedVerb && ids.has((s.object as { id?: string }).id ?? ""))) {
      await store.endXapiLaunch(launch.launchId, clock().toISOString());
    }
  }

  private async end(launch: XapiLaunch, options: { revoke: boolean }): Promise<void> {
    if (launch.endedAt === undefined) await this.deps.store.endXapiLaunch(launch.launchId, this.deps.clock().toISOString());
    if (options.revoke) await this.deps.lrs.credentials.revoke(launch.credentialKey);
  }
}
