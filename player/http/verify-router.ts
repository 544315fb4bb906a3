// Certificates on the web: the public verification page (by code or pasted credential, rate
// limited per client IP, every lookup audited), the holder's certificate page with its PDF
// and Open Badges credential, the issuer's keys and status list, and revocation.
import express, { type Request, type Response } from "express";
import { may } from "../domain/accounts.js";
import type { VerdictStatus } from "../domain/open-badge-verification.js";
import { openBadgeContexts } from "../domain/open-badge.js";
import { NotFoundError, ValidationError } from "../errors.js";
import { type CertificateService, type CertificateUrls, type Viewer, verifyUrl } from "../services/certificate-service.js";
import type { ApiAuth } from "./api-auth.js";
import { type RateLimit, TokenBuckets, rateLimitByIp } from "./rate-limit.js";
import type { UiStringKey } from "./strings/sr-Latn.js";
import { uiLanguageOf } from "./strings/ui-language.js";
import type { Views } from "./views.js";
import { type WebAuth, contextOf } from "./web-auth.js";

export interface VerifyRouterDeps {
  certificates: CertificateService;
  views: Views;
  auth: WebAuth;
  api: ApiAuth;
  /** The public base URL certificates name (https://…); the request's origin when unset. */
  publicUrl: string | undefined;
  rateLimit: RateLimit;
  clock: () => Date;
}

export const defaultVerifyRateLimit: RateLimit = { burst: 60, perMinute: 60 };

const verdictText: Record<VerdictStatus, UiStringKey> = {
  valid: "verify.credentialValid",
  tampered: "verify.credentialTampered",
  "wrong-key": "verify.credentialWrongKey",
  malformed: "verify.credentialMalformed",
  expired: "verify.credentialExpired",
  "not-yet-valid": "verify.credentialNotYetValid",
  revoked: "verify.credentialRevoked",
  "status-unverifiable": "verify.credentialStatusUnknown",
};

export function createVerifyRouter(deps: VerifyRouterDeps): express.Router {
  const { certificates, views, auth } = deps;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "64kb" });
  const urlsOf = (req: Request): CertificateUrls => ({ origin: deps.publicUrl ?? `${req.protocol}://${req.get("host") ?? "127.0.0.1"}` });
  const viewerOf = (res: Response): Viewer => {
    const { user } = contextOf(res);
    return user ? { kind: "user", user, seesEvidence: may(user, "inspectEvidence") } : { kind: "public" };
  };
  const limited = rateLimitByIp(new TokenBuckets(deps.rateLimit, deps.clock), (_req, res, seconds) => {
    const message = views.text(res, "verify.rateLimited", { seconds });
    views.render(res, "error", { title: views.text(res, "error.title"), heading: views.text(res, "verify.title"), message }, 429);
  });
  const publicJson = (res: Response) => res.setHeader("Access-Control-Allow-Origin", "*").setHeader("Cache-Control", "public, max-age=300");

  // Offline verifiers fetch these two with any tool, from any origin.
  router.get("/.well-known/jwks.json", (_req, res) => {
    publicJson(res);
    res.type("application/jwk-set+json").send(JSON.stringify(certificates.jwks()));
  });
  router.get("/issuer", (req, res) => {
    publicJson(res);
    res.json({ "@context": [...openBadgeContexts], ...certificates.issuer(urlsOf(req)), type: ["Profile"] });
  });
  router.get("/credentials/status/1", async (req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Cache-Control", "no-cache");
    res.type("application/jwt").send(await certificates.statusListJwt(urlsOf(req)));
  });

  router.get("/verify", limited, async (req, res) => {
    const code = typeof req.query.code === "string" ? req.query.code.slice(0, 100) : "";
    const result = code ? await certificates.lookup(code, viewerOf(res)) : undefined;
    views.render(res, "verify", { title: views.text(res, "verify.title"), code, result, jwksUrl: "/.well-known/jwks.json" });
  });

  router.post("/verify", limited, form, auth.checkCsrf, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const jwt = typeof body.credential === "string" ? body.credential.trim() : "";
    if (!jwt) throw new ValidationError("credential", "paste the digital certificate (a JWT)");
    const verdict = await certificates.verifyCredential(jwt, viewerOf(res), urlsOf(req));
    const subject = verdict.credential?.credentialSubject;
    views.render(res, "verify", {
      title: views.text(res, "verify.title"),
      code: "",
      credentialText: jwt,
      verdict: {
        status: verdict.status,
        message: views.text(res, verdictText[verdict.status]),
        reason: verdict.reason,
        // What the credential states, shown only once its signature checked out.
        states: verdict.credential && {
          holderName: subject?.identifier[0]?.identityHash,
          courseTitle: subject?.achievement.name,
          programme: subject?.achievement.humanCode,
          points: subject?.creditsEarned,
          earnedAt: verdict.credential.validFrom,
          validUntil: verdict.credential.validUntil,
          issuer: verdict.credential.issuer.name,
        },
      },
    });
  });

  /** The holder's certificate, or any certificate for a verifier or admin; others learn nothing. */
  const ownCertificate = async (req: Request, res: Response) => {
    const { user } = contextOf(res);
    const found = await certificates.find(String(req.params.code));
    if (!user || !("certificate" in found) || (found.certificate.userId !== user.id && !may(user, "inspectEvidence"))) throw new NotFoundError("certificate");
    return found;
  };

  router.get("/certificates/:code", auth.require(), async (req, res) => {
    const found = await ownCertificate(req, res);
    const { user } = contextOf(res);
    views.render(res, "certificate", {
      title: `${views.text(res, "certificate.title")} ${found.certificate.code}`,
      result: found,
      verifyPath: `/verify?code=${encodeURIComponent(found.certificate.code)}`,
      canRevoke: user !== undefined && may(user, "revokeCertificates") && found.status !== "revoked",
    });
  });

  router.get("/certificates/:code/certificate.pdf", auth.require(), async (req, res) => {
    const found = await ownCertificate(req, res);
    const pdf = await certificates.pdf(found.certificate, uiLanguageOf(res), urlsOf(req), found.status === "revoked");
    res.setHeader("Content-Disposition", `inline; filename="${found.certificate.code}.pdf"`);
    res.setHeader("Cache-Control", "private, no-store");
    res.type("application/pdf").send(pdf);
  });

  router.get("/certificates/:code/credential.jwt", auth.require(), async (req, res) => {
    const found = await ownCertificate(req, res);
    res.setHeader("Content-Disposition", `attachment; filename="${found.certificate.code}.jwt"`);
    res.setHeader("Cache-Control", "private, no-store");
    res.type("application/jwt").send(await certificates.credentialJwt(found.certificate, urlsOf(req)));
  });

  // The certificate page's form for administrators: the same revocation, then back to the page.
  router.post("/certificates/:code/revoke", form, auth.require("revokeCertificates"), auth.checkCsrf, async (req, res) => {
    const reason = (req.body as Record<string, unknown>).reason;
    if (typeof reason !== "string") throw new ValidationError("reason", "give the reason for revoking");
    const status = await certificates.revoke(contextOf(res).user!.id, String(req.params.code), reason);
    res.redirect(303, `/certificates/${encodeURIComponent(status.code)}`);
  });

  router.post("/api/certificates/:code/revoke", express.json({ limit: "16kb" }), deps.api.require("revokeCertificates"), async (req, res) => {
    const reason = (req.body as { reason?: unknown } | undefined)?.reason;
    if (typeof reason !== "string") throw new ValidationError("reason", "give the reason for revoking as a string");
    const { user } = contextOf(res);
    const status = await certificates.revoke(user!.id, String(req.params.code), reason);
    res.json({ code: status.code, revokedAt: status.revokedAt, reason: status.revocationReason, verifyUrl: verifyUrl(urlsOf(req), status.code) });
  });

  return router;
}
