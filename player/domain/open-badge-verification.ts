// Verifies an Open Badges 3.0 VC-JWT offline, against the issuer's published keys (JWKS)
// and, when given, its signed status list. Every check must pass for "valid"; the first
// failure decides the verdict, in the order below, so a revoked certificate is reported
// as revoked even after it has expired.
import { type JSONWebKeySet, type JWK, type JWTPayload, compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from "jose";
import { type OpenBadgeCredential, openBadgeContexts, secondsOf } from "./open-badge.js";
import { StatusListFormatError, isStatusBitSet } from "./status-list.js";

export type VerdictStatus =
  | "valid"
  | "malformed"
  | "wrong-key"
  | "tampered"
  | "status-unverifiable"
  | "revoked"
  | "expired"
  | "not-yet-valid";

export interface CredentialVerdict {
  status: VerdictStatus;
  /** Why, in one English sentence (the CLI prints it; pages show their own words). */
  detail: string;
  /** The credential as signed; present once the signature checked out. */
  credential?: OpenBadgeCredential;
  kid?: string;
  /** False when no status list was given: the credential may be revoked without us knowing. */
  revocationChecked: boolean;
  /** The issuer's reason, when the caller knows it (the status list carries only the bit). */
  reason?: string;
}

export interface VerifyOptions {
  now: Date;
  /** The issuer's status list credential as a VC-JWT; without it revocation is not checked. */
  statusListJwt?: string;
  /** The issuer's reason for a revoked index, when the caller has it. */
  revocationReason?: (statusListIndex: number) => string | undefined;
}

/** Verifies `jwt` as an OpenBadgeCredential signed by a key of `jwks`. Never throws. */
export async function verifyOpenBadgeJwt(jwt: string, jwks: JSONWebKeySet, options: VerifyOptions): Promise<CredentialVerdict> {
  const unchecked = { revocationChecked: false };
  const token = jwt.trim();
  const signed = await verifySignature(token, jwks);
  if (signed.status !== "ok") return { ...unchecked, status: signed.status, detail: signed.detail };
  const { payload, kid } = signed;
  const problem = credentialProblem(payload);
  if (problem) return { ...unchecked, status: "malformed", detail: problem, kid };
  const credential = payload as unknown as OpenBadgeCredential;
  const base = { credential, kid };

  let revocationChecked = false;
  const entry = credential.credentialStatus;
  if (entry !== undefined && options.statusListJwt !== undefined) {
    const index = Number(entry.statusListIndex);
    const list = await readStatusList(options.statusListJwt, jwks, credential.issuer.id, entry.statusListCredential);
    if (typeof list !== "string") return { ...base, revocationChecked, status: "status-unverifiable", detail: list.problem };
    let revoked: boolean;
    try {
      revoked = isStatusBitSet(list, index);
    } catch (error) {
      if (!(error instanceof StatusListFormatError)) throw error;
      return { ...base, revocationChecked, status: "status-unverifiable", detail: `status list: ${error.message}` };
    }
    revocationChecked = true;
    if (revoked) {
      const reason = options.revocationReason?.(index);
      return { ...base, revocationChecked, status: "revoked", detail: `revoked by the issuer${reason ? `: ${reason}` : ""}`, ...(reason === undefined ? {} : { reason }) };
    }
  }
  const now = options.now.getTime();
  if (Date.parse(credential.validFrom) > now) return { ...base, revocationChecked, status: "not-yet-valid", detail: `valid only from ${credential.validFrom}` };
  if (Date.parse(credential.validUntil) <= now) return { ...base, revocationChecked, status: "expired", detail: `expired on ${credential.validUntil}` };
  return {
    ...base,
    revocationChecked,
    status: "valid",
    detail: revocationChecked || entry === undefined ? "signature, dates and status check out" : "signature and dates check out; revocation not checked (no status list given)",
  };
}

type SignatureResult =
  | { status: "ok"; payload: JWTPayload; kid: string }
  | { status: "malformed" | "wrong-key" | "tampered"; detail: string };

/**
 * "wrong-key": the kid is not among the issuer's keys, or the token verifies with another of
 * them than its kid names. "tampered": the kid names an issuer key and no issuer key verifies it.
 */
async function verifySignature(token: string, jwks: JSONWebKeySet): Promise<SignatureResult> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) throw new Error("not a compact JWS");
    header = decodeProtectedHeader(token);
    decodeJwt(token);
  } catch {
    return { status: "malformed", detail: "not a JWT (three base64url parts with JSON header and payload)" };
  }
  if (header.alg !== "EdDSA") return { status: "malformed", detail: `JOSE header alg must be EdDSA, got ${String(header.alg)}` };
  if (typeof header.kid !== "string") return { status: "wrong-key", detail: "JOSE header has no kid naming one of the issuer's keys" };
  const keys = (jwks.keys ?? []).filter((k) => k.kty === "OKP" && k.crv === "Ed25519");
  const named = keys.find((k) => k.kid === header.kid);
  if (!named) return { status: "wrong-key", detail: `kid ${header.kid} is not one of the issuer's published keys` };
  const payload = await payloadVerifiedBy(token, named);
  if (payload) return { status: "ok", payload, kid: header.kid };
  for (const other of keys.filter((k) => k !== named)) {
    if (await payloadVerifiedBy(token, other)) return { status: "wrong-key", detail: `signed with key ${other.kid ?? "?"}, not with ${header.kid} as the header claims` };
  }
  return { status: "tampered", detail: `the signature does not match the content for issuer key ${header.kid}` };
}

async function payloadVerifiedBy(token: string, jwk: JWK): Promise<JWTPayload | undefined> {
  try {
    const key = await importJWK(jwk, "EdDSA");
    const { payload } = await compactVerify(token, key, { algorithms: ["EdDSA"] });
    const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as JWTPayload) : undefined;
  } catch {
    return undefined;
  }
}

/** The structure OB 3.0 requires, and registered claims that agree with the credential. */
function credentialProblem(payload: JWTPayload): string | undefined {
  const c = payload as Record<string, unknown>;
  const context = c["@context"];
  if (!Array.isArray(context) || context[0] !== openBadgeContexts[0] || !context.some((x) => typeof x === "string" && x.startsWith("https://purl.imsglobal.org/spec/ob/v3p0/context"))) {
    return "@context must start with the VC 2.0 context and include the Open Badges 3.0 context";
  }
  if (!Array.isArray(c.type) || !c.type.includes("VerifiableCredential") || !c.type.some((t) => t === "OpenBadgeCredential" || t === "AchievementCredential")) return "type must include VerifiableCredential and OpenBadgeCredential";
  const issuer = c.issuer as { id?: unknown } | undefined;
  if (typeof issuer !== "object" || issuer === null || typeof issuer.id !== "string") return "issuer must be a Profile with an id";
  if (typeof c.id !== "string") return "id is missing";
  if (typeof c.validFrom !== "string" || Number.isNaN(Date.parse(c.validFrom))) return "validFrom must be a date-time";
  if (typeof c.validUntil !== "string" || Number.isNaN(Date.parse(c.validUntil))) return "validUntil must be a date-time";
  const subject = c.credentialSubject as { id?: unknown; achievement?: { name?: unknown } } | undefined;
  if (typeof subject !== "object" || subject === null || typeof subject.achievement?.name !== "string") return "credentialSubject must be an AchievementSubject with an achievement";
  if (payload.iss !== issuer.id) return "iss does not equal issuer.id";
  if (payload.jti !== c.id) return "jti does not equal id";
  if (subject.id !== undefined && payload.sub !== subject.id) return "sub does not equal credentialSubject.id";
  if (payload.nbf !== secondsOf(c.validFrom)) return "nbf does not equal validFrom";
  if (payload.exp !== secondsOf(c.validUntil)) return "exp does not equal validUntil";
  const status = c.credentialStatus as { type?: unknown; statusListIndex?: unknown; statusListCredential?: unknown; statusPurpose?: unknown } | undefined;
  if (status !== undefined) {
    if (status.type !== "BitstringStatusListEntry" || status.statusPurpose !== "revocation") return "credentialStatus must be a BitstringStatusListEntry for revocation";
    if (typeof status.statusListIndex !== "string" || !/^(0|[1-9][0-9]*)$/.test(status.statusListIndex)) return "credentialStatus.statusListIndex must be a non-negative integer as a string";
    if (typeof status.statusListCredential !== "string") return "credentialStatus.statusListCredential must be a URL";
  }
  return undefined;
}

/** The status list's `encodedList`, once its own signature, issuer and URL check out. */
async function readStatusList(listJwt: string, jwks: JSONWebKeySet, issuerId: string, listUrl: string): Promise<string | { problem: string }> {
  const signed = await verifySignature(listJwt.trim(), jwks);
  if (signed.status !== "ok") return { problem: `status list: ${signed.detail}` };
  const list = signed.payload as { iss?: unknown; id?: unknown; type?: unknown; credentialSubject?: { encodedList?: unknown; statusPurpose?: unknown } };
  if (list.iss !== issuerId) return { problem: "status list: issued by someone else than the credential's issuer" };
  if (list.id !== listUrl) return { problem: `status list: it is ${String(list.id)}, the credential names ${listUrl}` };
  if (!Array.isArray(list.type) || !list.type.includes("BitstringStatusListCredential")) return { problem: "status list: not a BitstringStatusListCredential" };
  if (list.credentialSubject?.statusPurpose !== "revocation" || typeof list.credentialSubject.encodedList !== "string") return { problem: "status list: no revocation encodedList" };
  return list.credentialSubject.encodedList;
}
