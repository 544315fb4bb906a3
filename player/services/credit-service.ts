import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Credential, Lrs } from "../../lrs/index.js";
import type { User } from "../domain/accounts.js";
import { formatCertificateCode, normalizeCertificateCode } from "../domain/certificate-code.js";
import { cmi5 } from "../domain/cmi5-launch.js";
import type { CreditPolicy } from "../domain/credit-policy.js";
import { type EarnedCredit, type SatisfiedStatement, computeCredits } from "../domain/credits.js";
import type { Certificate, PlayerStore } from "../store/player-store.js";
import { learnerAgent } from "./learner-agent.js";

export interface CreditServiceDeps {
  store: PlayerStore;
  lrs: Lrs;
  lmsCredential: Credential;
  policy: CreditPolicy;
  accountHomePage: string;
  clock: () => Date;
}

export interface TranscriptLine {
  credit: EarnedCredit;
  certificate: Certificate;
}

export type Verification =
  | { status: "malformed" }
  | { status: "unknown"; code: string }
  | { status: "valid" | "expired"; certificate: Certificate & { holderName: string } };

/** Credits come from LRS statements through the policy; certificates make them checkable. */
export class CreditService {
  constructor(private readonly deps: CreditServiceDeps) {}

  /** The learner's credits, recomputed from the LRS, each with its certificate (issued on first sight). */
  async transcript(user: User): Promise<TranscriptLine[]> {
    const { store, lrs, lmsCredential, policy, clock } = this.deps;
    const result = await lrs.queryStatements(
      { agent: learnerAgent(user, this.deps.accountHomePage), verb: cmi5.verbs.satisfied, limit: 1000 },
      lmsCredential,
    );
    const statements = result.statements as unknown as SatisfiedStatement[];
    const credits = computeCredits(policy, statements, (s) => isDeepStrictEqual(s.authority, lmsCredential.authority));
    const lines: TranscriptLine[] = [];
    for (const credit of credits) {
      const course = await store.findCourse(credit.course);
      const title = course?.structure.title;
      const certificate = await store.saveCertificate({
        code: formatCertificateCode(randomBytes(10)),
        userId: user.id,
        courseId: credit.course,
        courseTitle: (title && (title["sr-Latn"] ?? Object.values(title)[0])) ?? credit.course,
        programme: credit.programme,
        points: credit.points,
        earnedAt: credit.earnedAt,
        validUntil: credit.validUntil,
        statementId: credit.statementId,
        issuedAt: clock().toISOString(),
      });
      lines.push({ credit, certificate });
    }
    return lines;
  }

  /** Looks a certificate up by the code printed on it. Anyone may ask. */
  async verify(input: string): Promise<Verification> {
    const code = normalizeCertificateCode(input);
    if (!code) return { status: "malformed" };
    const certificate = await this.deps.store.findCertificate(code);
    if (!certificate) return { status: "unknown", code };
    const expired = certificate.validUntil <= this.deps.clock().toISOString();
    return { status: expired ? "expired" : "valid", certificate };
  }
}
