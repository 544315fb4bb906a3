// Open Badges 3.0 (1EdTech): a certificate as an OpenBadgeCredential (a W3C Verifiable
// Credential 2.0) secured as a VC-JWT: the credential's members are the JWT payload, with
// the registered claims the spec maps from them (iss = issuer.id, jti = id,
// sub = credentialSubject.id, nbf = validFrom, exp = validUntil), signed EdDSA (Ed25519).
import { SignJWT } from "jose";
import type { StatusListEntry } from "./status-list.js";

export const openBadgeContexts = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"] as const;
export const openBadgeSchema = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
/** The JOSE `typ` OB 3.0 gives its JWT proof format. */
export const openBadgeJwtType = "JWT";

export interface IssuerProfile {
  /** The issuer's URL; `iss` of every credential it signs. */
  id: string;
  name: string;
  url?: string;
}

/** What a certificate states; the credential says no more than this. */
export interface CertificateStatement {
  code: string;
  /** Opaque, stable id of the holder (never the account id itself). */
  holderId: string;
  holderName: string;
  courseId: string;
  courseTitle: string;
  /** The accredited programme (its number in the licensing body's register). */
  programme: string;
  points: number;
  earnedAt: string;
  validUntil: string;
  /** The credit rule that was met, in words, for the criteria narrative. */
  criteria: string;
}

export interface OpenBadgeCredential {
  "@context": string[];
  id: string;
  type: string[];
  name: string;
  issuer: { id: string; type: string[]; name: string; url?: string };
  validFrom: string;
  validUntil: string;
  credentialSubject: {
    id: string;
    type: string[];
    identifier: { type: "IdentityObject"; identityType: "name"; hashed: false; identityHash: string }[];
    achievement: {
      id: string;
      type: string[];
      achievementType: "Course";
      name: string;
      description: string;
      criteria: { narrative: string };
      creditsAvailable: number;
      humanCode: string;
    };
    creditsEarned: number;
  };
  credentialStatus?: StatusListEntry;
  credentialSchema: { id: string; type: "1EdTechJsonSchemaValidator2019" }[];
}

/** The JWT claims set: the credential plus the registered claims mapped from it. */
export type OpenBadgeJwtPayload = OpenBadgeCredential & { iss: string; jti: string; sub: string; nbf: number; exp: number };

export function certificateCredentialId(code: string): string {
  return `urn:obuka:certificate:${code}`;
}

/** Builds the OpenBadgeCredential of one certificate. */
export function buildOpenBadgeCredential(
  statement: CertificateStatement,
  issuer: IssuerProfile,
  status: StatusListEntry | undefined,
): OpenBadgeCredential {
  return {
    "@context": [...openBadgeContexts],
    id: certificateCredentialId(statement.code),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: statement.courseTitle,
    issuer: { id: issuer.id, type: ["Profile"], name: issuer.name, ...(issuer.url === undefined ? {} : { url: issuer.url }) },
    validFrom: statement.earnedAt,
    validUntil: statement.validUntil,
    credentialSubject: {
      id: statement.holderId,
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: statement.holderName }],
      achievement: {
        id: `${issuer.id}/programmes/${encodeURIComponent(statement.programme)}`,
        type: ["Achievement"],
        achievementType: "Course",
        name: statement.courseTitle,
        description: `${statement.courseTitle} (${statement.courseId})`,
        criteria: { narrative: statement.criteria },
        creditsAvailable: statement.points,
        humanCode: statement.programme,
      },
      creditsEarned: statement.points,
    },
    ...(status === undefined ? {} : { credentialStatus: status }),
    credentialSchema: [{ id: openBadgeSchema, type: "1EdTechJsonSchemaValidator2019" }],
  };
}

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/** Secures a credential as a VC-JWT; Ed25519 signatures are deterministic, so the same input gives the same JWT. */
export async function signCredentialJwt(credential: { id: string; issuer: { id: string }; validFrom: string; validUntil?: string; credentialSubject: { id: string } }, key: SigningKey): Promise<string> {
  const claims: Record<string, unknown> = {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    sub: credential.credentialSubject.id,
    nbf: secondsOf(credential.validFrom),
    ...(credential.validUntil === undefined ? {} : { exp: secondsOf(credential.validUntil) }),
  };
  return new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: openBadgeJwtType }).sign(key.privateKey);
}

export function secondsOf(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
