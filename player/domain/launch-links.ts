// One-time entry links for SCORM and xAPI launches a portal asks for: what a link stands
// for, how long it and the launch grant it turns into live, and which requests a grant lets in.

/** A link is opened right after the portal asks for it; a short life limits a leaked one. */
export const launchLinkLifetimeMs = 10 * 60 * 1000;

/**
 * How long a used or expired link is kept after its expiry before it is purged: long enough
 * that a learner who opens it again that day is told it was used or expired, not that it is
 * unknown.
 */
export const launchLinkKeptAfterExpiryMs = 24 * 60 * 60 * 1000;

/** A grant lasts a working session, as a player sign-in does. */
export const launchGrantLifetimeMs = 8 * 60 * 60 * 1000;

export type LinkedFormat = "scorm12" | "scorm2004" | "xapi";

/** What a link launches: a SCO (or the launch page's own resume point) or an xAPI activity. */
export interface LaunchLinkTarget {
  userId: string;
  registration: string;
  packageId: string;
  format: LinkedFormat;
  /** The SCO's item identifier or the xAPI activity id; undefined: where the launch page resumes, or the course activity. */
  itemId: string | undefined;
  /** SCORM browse launches (`?mode=browse`); undefined for a normal launch. */
  mode: "browse" | undefined;
}

export interface LaunchLinkRecord extends LaunchLinkTarget {
  /** SHA-256 of the link's token; the token itself is never stored. */
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
}

/** A browser let in by a launch link: one learner, one package. */
export interface LaunchGrant {
  userId: string;
  packageId: string;
}

/**
 * Whether a grant's browser may make this request as its learner: the package's launch page
 * and files, and the SCORM run-time endpoints (which serve only the learner's own sessions).
 * Everything else sees a browser that is not signed in.
 */
export function grantCovers(grant: LaunchGrant, path: string, query: Record<string, unknown>): boolean {
  if (path.startsWith(`/content/${grant.packageId}/`)) return true;
  if (path === "/scorm/launch") return query.package === grant.packageId;
  return /^\/api\/scorm\/sessions\/[^/]+\/(commit|cmi|navigate)$/.test(path);
}

/** The launch page path a SCORM link opens. */
export function scormLaunchPath(target: Pick<LaunchLinkTarget, "packageId" | "itemId" | "mode">): string {
  const query = new URLSearchParams({ package: target.packageId });
  if (target.itemId !== undefined) query.set("sco", target.itemId);
  if (target.mode !== undefined) query.set("mode", target.mode);
  return `/scorm/launch?${query.toString()}`;
}
