import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { type Permission, type User, may, verifyPassword } from "../domain/accounts.js";
import { CsrfError, ForbiddenError, UnauthenticatedError } from "../errors.js";
import { grantCovers } from "../domain/launch-links.js";
import type { PlayerStore } from "../store/player-store.js";
import { parseCookies, serializeCookie } from "./cookies.js";

const sessionCookie = "obuka_session";
const csrfCookie = "obuka_csrf";
const sessionSeconds = 8 * 60 * 60;
const launchGrantCookie = "obuka_launch";

/** What every request of the player carries after `webAuth.load`. */
export interface RequestContext {
  user: User | undefined;
  csrfToken: string;
  /** The user comes from the host portal's identify(): the portal owns sign-in and sign-out. */
  viaPortal?: boolean;
}

/** The host portal's signed-in learner as a player user, or undefined to fall back to the player's own sessions. */
export type IdentifyUser = (req: Request) => Promise<User | undefined>;

export function contextOf(res: Response): RequestContext {
  return (res.locals.obuka as RequestContext | undefined) ?? { user: undefined, csrfToken: "" };
}

/** Cookie sessions for people, with double-submit CSRF tokens for every form and API write. */
export class WebAuth {
  constructor(private readonly deps: { store: PlayerStore; clock: () => Date; identify?: IdentifyUser | undefined }) {}

  /** Middleware: finds the signed-in user and makes sure the browser has a CSRF token. */
  load = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const cookies = parseCookies(req.headers.cookie);
      let csrfToken = cookies.get(csrfCookie);
      if (!csrfToken || !/^[A-Za-z0-9_-]{43}$/.test(csrfToken)) {
        csrfToken = randomBytes(32).toString("base64url");
        res.append("Set-Cookie", serializeCookie(csrfCookie, csrfToken, { sameSite: "Strict" }));
      }
      let user: User | undefined = this.deps.identify ? await this.deps.identify(req) : undefined;
      // A launch link's grant is the most specific sign-in: its learner, on its package's pages only.
      const grantToken = user ? undefined : cookies.get(launchGrantCookie);
      if (grantToken) {
        const grant = await this.deps.store.findLaunchGrant(hash(grantToken), this.deps.clock().toISOString());
        if (grant && grantCovers(grant, req.path, req.query)) user = await this.deps.store.findUserById(grant.userId);
      }
      // Sign-in and sign-out belong to the portal then.
      const viaPortal = user !== undefined;
      const token = cookies.get(sessionCookie);
      if (!user && token) {
        const session = await this.deps.store.findWebSession(hash(token), this.deps.clock().toISOString());
        if (session) user = await this.deps.store.findUserById(session.userId);
      }
      res.locals.obuka = { user, csrfToken, viaPortal } satisfies RequestContext;
      next();
    } catch (error) {
      next(error);
    }
  };

  /** Middleware for state-changing requests: the form field or header must equal the cookie. */
  checkCsrf = (req: Request, res: Response, next: NextFunction): void => {
    const sent = req.get("x-csrf-token") ?? (req.body as Record<string, unknown> | undefined)?._csrf;
    try {
      this.assertCsrf(req, res, sent);
      next();
    } catch (error) {
      next(error);
    }
  };

  /** Throws CsrfError unless `sent` equals the token in the browser's CSRF cookie. */
  assertCsrf(req: Request, res: Response, sent: unknown): void {
    const expected = contextOf(res).csrfToken;
    const cookie = parseCookies(req.headers.cookie).get(csrfCookie);
    if (typeof sent !== "string" || cookie !== expected || !safeEqual(sent, expected)) throw new CsrfError();
  }

  require(permission?: Permission) {
    return (_req: Request, res: Response, next: NextFunction): void => {
      const { user } = contextOf(res);
      if (!user) return next(new UnauthenticatedError());
      if (permission && !may(user, permission)) return next(new ForbiddenError());
      next();
    };
  }

  /** Checks the password and starts a session; returns undefined when either is wrong. */
  async logIn(res: Response, username: string, password: string): Promise<User | undefined> {
    const found = await this.deps.store.findUserByUsername(username);
    // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
    const ok = await verifyPassword(password, found?.passwordHash ?? dummyHash);
    if (!found || !ok) return undefined;
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(this.deps.clock().getTime() + sessionSeconds * 1000).toISOString();
    await this.deps.store.createWebSession({ tokenHash: hash(token), userId: found.id, expiresAt });
    res.append("Set-Cookie", serializeCookie(sessionCookie, token, { sameSite: "Lax", maxAgeSeconds: sessionSeconds }));
    return { id: found.id, username: found.username, displayName: found.displayName, role: found.role };
  }

  /** Gives the browser a launch link's grant (see LaunchLinkService.open). */
  grantLaunch(res: Response, grantToken: string, seconds: number): void {
    res.append("Set-Cookie", serializeCookie(launchGrantCookie, grantToken, { sameSite: "Lax", maxAgeSeconds: seconds }));
  }

  async logOut(req: Request, res: Response): Promise<void> {
    const token = parseCookies(req.headers.cookie).get(sessionCookie);
    if (token) await this.deps.store.deleteWebSession(hash(token));
    res.append("Set-Cookie", serializeCookie(sessionCookie, "", { sameSite: "Lax", maxAgeSeconds: 0 }));
  }
}

const dummyHash = "scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

function hash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
