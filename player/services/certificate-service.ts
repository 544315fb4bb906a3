// Certificates: one per earned credit (keyed by its evidence statement), with a short code,
// a place in the revocation status list, a PDF and a signed Open Badges 3.0 credential.
// Lookups by code are audited; a credit that disappears on recomputation revokes its
// certificate with the reason `evidence-voided`.
import { createHash, randomBytes } from "node:crypto";
import type { JSONWebKeySet } from "jose";
import type { User } from "../domain/accounts.js";
import { formatCertificateCode, normalizeCertificateCode } from "../domain/certificate-code.js";
import type { EarnedCredit } from "../domain/credits.js";
import { type CertificateStatement, type IssuerProfile, buildOpenBadgeCredential, signCredentialJwt } from "../domain/open-badge.js";
import { type CredentialVerdict, verifyOpenBadgeJwt } from "../domain/open-badge-verification.js";
import { encodeStatusList, statusListCredential, statusListEntry } from "../domain/status-list.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Certificate, CertificateStatus, PlayerStore } from "../store/player-store.js";
import type { IssuerKeys } from "./issuer-keys.js";
import { type CertificateLanguage, renderCertificatePdf } from "./pdf/certificate-pdf.js";

export const evidenceVoided = "evidence-voided";

export interface CertificateServiceDeps {
  store: PlayerStore;
  keys: IssuerKeys;
  /** Who issues the certificates (the training provider running obuka). */
  issuerName: string;
  clock: () => Date;
  newCode?: () => string;
}

/** The public URLs certificates name; from the configured public URL, else the request's origin. */
export interface CertificateUrls {
  origin: string;
}

export type CertificateHolding = Certificate & { holderName: string };

/** A certificate with its status list index and revocation, so pages can show a revoked one as such. */
export type IssuedCertificate = Certificate & { status: CertificateStatus };

export type CertificateLookup =
  | { status: "malformed" }
  | { status: "unknown"; code: string }
  | {
      status: "valid" | "expired" | "revoked";
      certificate: CertificateHolding;
      revokedAt: string | undefined;
      revocationReason: string | undefined;
      /** Only for verifiers: the LRS statement that earned the credit. */
      evidence: string[] | undefined;
    };

/** Who is asking: anyone on the public page, or a signed-in user (verifiers also see evidence). */
export type Viewer = { kind: "public" } | { kind: "user"; user: User; seesEvidence: boolean };

export class CertificateService {
  private readonly newCode: () => string;

  constructor(private readonly deps: CertificateServiceDeps) {
    this.newCode = deps.newCode ?? (() => formatCertificateCode(randomBytes(10)));
  }

  /**
   * Issues a certificate for each credit that has none (keyed by its evidence statement) and
   * revokes, as `evidence-voided`, the holder's certificates whose credit is gone. Give it
   * every credit of the holder, not one period's: absent credits count as withdrawn.
   */
  async issueFor(user: User, credits: readonly EarnedCredit[]): Promise<Map<string, IssuedCertificate>> {
    const { store, clock } = this.deps;
    const issued = new Map<string, IssuedCertificate>();
    for (const credit of credits) {
      const course = await store.findCourse(credit.course);
      const title = course?.structure.title;
      const certificate = await store.saveCertificate({
        code: this.newCode(),
        userId: user.id,
        courseId: credit.course,
        courseTitle: (title && (title["sr-Latn"] ?? Object.values(title)[0])) ?? credit.programme,
        programme: credit.programme,
        points: credit.points,
        earnedAt: credit.earnedAt,
        validUntil: credit.validUntil,
        statementId: credit.statementId,
        issuedAt: clock().toISOString(),
      });
      issued.set(credit.statementId, { ...certificate, status: await store.ensureCertificateStatus(certificate.code) });
    }
    const current = new Set(credits.map((c) => c.statementId));
    const statuses = new Map((await store.listCertificateStatuses({ userId: user.id })).map((s) => [s.code, s]));
    for (const certificate of await store.listCertificates(user.id)) {
      if (current.has(certificate.statementId) || statuses.get(certificate.code)?.revokedAt !== undefined) continue;
      await this.revokeAs("system", certificate.code, evidenceVoided);
    }
    return issued;
  }

  /** Revokes a certificate with a reason (an administrator's decision, by user id or `cli`); audited. */
  async revoke(actorId: string, input: string, reason: string): Promise<CertificateStatus> {
    const code = normalizeCertificateCode(input);
    if (!code) throw new ValidationError("code", "not a certificate code (OBK-XXXX-XXXX-XXXX-XXXX)");
    const trimmed = reason.trim();
    if (!trimmed || trimmed.length > 500) throw new ValidationError("reason", "give the reason for revoking, in at most 500 characters");
    return this.revokeAs(actorId, code, trimmed);
  }

  private async revokeAs(actor: string, code: string, reason: string): Promise<CertificateStatus> {
    const { store, clock } = this.deps;
    const at = clock().toISOString();
    if (!(await store.findCertificate(code))) throw new NotFoundError(`certificate ${code}`);
    const already = (await store.ensureCertificateStatus(code)).revokedAt !== undefined;
    const status = await store.revokeCertificate(code, { at, reason });
    if (!status) throw new NotFoundError(`certificate ${code}`);
    await store.recordAudit({ at, actor, action: "revoke-certificate", subject: code, outcome: already ? "already revoked" : `revoked: ${status.revocationReason ?? reason}` });
    return status;
  }

  /** Looks a certificate up by the code printed on it, for anyone; every lookup is audited. */
  async lookup(input: string, viewer: Viewer): Promise<CertificateLookup> {
    const result = await this.find(input, viewer.kind === "user" && viewer.seesEvidence);
    const subject = result.status === "malformed" ? input.slice(0, 64) : result.status === "unknown" ? result.code : result.certificate.code;
    await this.auditVerification(viewer, "verify-code", subject, result.status);
    return result;
  }

  /** The same lookup without an audit entry, for the holder's own pages and downloads. */
  async find(input: string, withEvidence = false): Promise<CertificateLookup> {
    const code = normalizeCertificateCode(input);
    if (!code) return { status: "malformed" };
    const certificate = await this.deps.store.findCertificate(code);
    if (!certificate) return { status: "unknown", code };
    const status = await this.deps.store.findCertificateStatus(code);
    const revokedAt = status?.revokedAt;
    const expired = certificate.validUntil <= this.deps.clock().toISOString();
    return {
      status: revokedAt !== undefined ? "revoked" : expired ? "expired" : "valid",
      certificate,
      revokedAt,
      revocationReason: status?.revocationReason,
      evidence: withEvidence ? [certificate.statementId] : undefined,
    };
  }

  /** The certificate as an Open Badges 3.0 credential, signed as a VC-JWT with the current issuer key. */
  async credentialJwt(certificate: CertificateHolding, urls: CertificateUrls): Promise<string> {
    const { statusIndex } = await this.deps.store.ensureCertificateStatus(certificate.code);
    const credential = buildOpenBadgeCredential(this.statementOf(certificate, urls), this.issuer(urls), statusListEntry(statusListUrl(urls), statusIndex));
    return signCredentialJwt(credential, await this.deps.keys.signingKey());
  }

  /** The revocation status list credential, signed; served at its stable URL. */
  async statusListJwt(urls: CertificateUrls): Promise<string> {
    const revoked = await this.deps.store.listCertificateStatuses({ revoked: true });
    const credential = statusListCredential({
      listUrl: statusListUrl(urls),
      issuer: this.issuer(urls),
      validFrom: this.deps.clock().toISOString(),
      encodedList: encodeStatusList(revoked.map((s) => s.statusIndex)),
    });
    return signCredentialJwt(credential, await this.deps.keys.signingKey());
  }

  jwks(): JSONWebKeySet {
    return this.deps.keys.jwks();
  }

  issuer(urls: CertificateUrls): IssuerProfile {
    return { id: `${urls.origin}/issuer`, name: this.deps.issuerName, url: urls.origin };
  }

  /** Verifies a pasted credential against our own keys and status list (with our reasons); audited. */
  async verifyCredential(jwt: string, viewer: Viewer, urls: CertificateUrls): Promise<CredentialVerdict> {
    const revoked = await this.deps.store.listCertificateStatuses({ revoked: true });
    const reasons = new Map(revoked.map((s) => [s.statusIndex, s.revocationReason]));
    const verdict = await verifyOpenBadgeJwt(jwt, this.jwks(), {
      now: this.deps.clock(),
      statusListJwt: await this.statusListJwt(urls),
      revocationReason: (index) => reasons.get(index),
    });
    await this.auditVerification(viewer, "verify-credential", verdict.credential?.id ?? "(unreadable credential)", verdict.status);
    return verdict;
  }

  /** The printable certificate in the holder's language and script, with a QR code to its verification page. */
  async pdf(certificate: CertificateHolding, language: CertificateLanguage, urls: CertificateUrls, revoked: boolean): Promise<Buffer> {
    const course = await this.deps.store.findCourse(certificate.courseId);
    return renderCertificatePdf({
      certificate,
      courseTitles: course?.structure.title,
      language,
      issuerName: this.deps.issuerName,
      verifyUrl: verifyUrl(urls, certificate.code),
      revoked,
    });
  }

  private statementOf(certificate: CertificateHolding, urls: CertificateUrls): CertificateStatement {
    return {
      code: certificate.code,
      holderId: `urn:obuka:holder:${createHash("sha256").update(`${urls.origin}\n${certificate.userId}`).digest("hex").slice(0, 32)}`,
      holderName: certificate.holderName,
      courseId: certificate.courseId,
      courseTitle: certificate.courseTitle,
      programme: certificate.programme,
      points: certificate.points,
      earnedAt: certificate.earnedAt,
      validUntil: certificate.validUntil,
      criteria: `Completed the accredited programme ${certificate.programme} as the licensing body's credit policy requires; verify at ${verifyUrl(urls, certificate.code)}`,
    };
  }

  /** Every verification is audited, an anonymous visitor's as `public`. */
  private auditVerification(viewer: Viewer, action: "verify-code" | "verify-credential", subject: string, outcome: string): Promise<void> {
    return this.deps.store.recordAudit({ at: this.deps.clock().toISOString(), actor: viewer.kind === "public" ? "public" : viewer.user.id, action, subject, outcome });
  }
}

export function statusListUrl(urls: CertificateUrls): string {
  return `${urls.origin}/credentials/status/1`;
}

export function verifyUrl(urls: CertificateUrls, code: string): string {
  return `${urls.origin}/verify?code=${encodeURIComponent(code)}`;
}
