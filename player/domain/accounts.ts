import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export type Role = "learner" | "trainer" | "verifier" | "admin";
export const roles: readonly Role[] = ["learner", "trainer", "verifier", "admin"];

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** Who may do what: one table instead of role checks spread over handlers. */
const permissions = {
  importPackages: ["trainer", "admin"],
  learn: ["learner", "trainer", "admin"],
  verify: ["verifier", "admin", "trainer", "learner"],
  /** Enrol learners, launch for them, waive AUs, end sessions, read progress (the portal API). */
  manageRegistrations: ["trainer", "admin"],
  manageApiKeys: ["admin"],
  /** Look a professional up by licence number and export a period's credits (licensing bodies). */
  lookupLicences: ["verifier", "admin"],
  /** Set a professional's licence number, its start and leave. */
  manageLicences: ["admin"],
  /** Record that a professional authored a programme or trained in a delivery (credits by role). */
  recordProgrammeRoles: ["admin"],
  /** See the evidence (LRS statement ids) behind a certificate, and download anyone's certificate. */
  inspectEvidence: ["verifier", "admin"],
  revokeCertificates: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function may(user: User, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(user.role);
}

/** scrypt with a per-password salt, stored as `scrypt$<salt>$<hash>` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(password, Buffer.from(salt, "base64url"), expected.length);
  return timingSafeEqual(actual, expected);
}
