import { createHash, randomBytes } from "node:crypto";
import {
  type LaunchLinkTarget,
  launchGrantLifetimeMs,
  launchLinkKeptAfterExpiryMs,
  launchLinkLifetimeMs,
  scormLaunchPath,
} from "../domain/launch-links.js";
import { NotFoundError } from "../errors.js";
import type { PlayerStore } from "../store/player-store.js";
import type { XapiLauncher, XapiLaunchTicket } from "./xapi-launcher.js";

export interface LaunchLinkDeps {
  store: PlayerStore;
  xapiLauncher: XapiLauncher;
  clock: () => Date;
}

/** What opening a link gives: a grant for the browser and where to send it, or why not. */
export type LinkOpening =
  /** `xapi`: the launch made for an xAPI link, shown in the player's frame page; else `location` is where to go. */
  | { outcome: "opened"; grantToken: string; grantSeconds: number; location: string; xapi?: XapiLaunchTicket }
  | { outcome: "refused"; reason: "used" | "expired" | "unknown" };

/**
 * One-time entry links for SCORM and xAPI launches a portal asks for: a browser that never
 * signed in to the player opens the link and is let in as that learner, for that package only
 * (cmi5 AUs have their own, `/cmi5/launch/{token}`). Only SHA-256 hashes of tokens are stored.
 */
export class LaunchLinkService {
  constructor(private readonly deps: LaunchLinkDeps) {}

  async issue(target: LaunchLinkTarget, origin: string): Promise<{ url: string; expiresAt: string }> {
    const token = randomBytes(32).toString("base64url");
    const now = this.deps.clock();
    const expiresAt = new Date(now.getTime() + launchLinkLifetimeMs).toISOString();
    // Issuing is where links are purged, so the table holds only about a day's links with no
    // job to schedule: one DELETE of those past expiry (used or not) and its grace day.
    await this.deps.store.deleteLaunchLinksExpiredBefore(new Date(now.getTime() - launchLinkKeptAfterExpiryMs).toISOString());
    await this.deps.store.createLaunchLink({ ...target, tokenHash: sha256(token), createdAt: now.toISOString(), expiresAt });
    return { url: `${origin}/launch/${token}`, expiresAt };
  }

  /**
   * Uses a link up: the first opening before it expires gets a grant and the launch (an
   * xAPI launch, with its credential, is made only now); any later opening is refused.
   */
  async open(token: string, origin: string, language: string | undefined): Promise<LinkOpening> {
    const { store, clock } = this.deps;
    const now = clock();
    const link = await store.claimLaunchLink(sha256(token), now.toISOString());
    if (link === undefined) return { outcome: "refused", reason: "unknown" };
    if (link === "already-used") return { outcome: "refused", reason: "used" };
    if (now.getTime() >= Date.parse(link.expiresAt)) return { outcome: "refused", reason: "expired" };
    let location: string;
    let xapi: XapiLaunchTicket | undefined;
    if (link.format === "xapi") {
      const user = await store.findUserById(link.userId);
      if (!user) throw new NotFoundError("learner");
      xapi = await this.deps.xapiLauncher.launch(user, link.packageId, link.itemId, origin, language);
      location = xapi.url;
    } else {
      location = `${origin}${scormLaunchPath(link)}`;
    }
    const grantToken = randomBytes(32).toString("base64url");
    await store.createLaunchGrant({
      tokenHash: sha256(grantToken), userId: link.userId, packageId: link.packageId,
      expiresAt: new Date(now.getTime() + launchGrantLifetimeMs).toISOString(),
    });
    return { outcome: "opened", grantToken, grantSeconds: launchGrantLifetimeMs / 1000, location, ...(xapi === undefined ? {} : { xapi }) };
  }
}

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
