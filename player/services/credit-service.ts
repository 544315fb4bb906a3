import { isDeepStrictEqual } from "node:util";
import type { Credential, Lrs, Statement } from "../../lrs/index.js";
import type { User } from "../domain/accounts.js";
import { cmi5 } from "../domain/cmi5-launch.js";
import type { CreditPolicy } from "../domain/credit-policy.js";
import { type PeriodSummary, summarizePeriod } from "../domain/credit-summary.js";
import { type CourseFacts, type CreditStatement, type EarnedCredit, computeCredits } from "../domain/credits.js";
import { type LicencePeriod, dayOf, isDate, periodContaining, periodStarting } from "../domain/licence-period.js";
import { roleVerbs } from "../domain/programme-roles.js";
import { ValidationError } from "../errors.js";
import type { Licence, PlayerStore } from "../store/player-store.js";
import type { IssuedCertificate } from "./certificate-service.js";
import { gatherCompletionFacts } from "./completion-facts.js";
import { learnerAgent } from "./learner-agent.js";
import type { StatementProgress } from "./statement-progress.js";

export interface CreditServiceDeps {
  store: PlayerStore;
  lrs: Lrs;
  lmsCredential: Credential;
  policy: CreditPolicy;
  accountHomePage: string;
  clock: () => Date;
  /** Issues (idempotently) the certificate of each credit and revokes those whose credit is gone. */
  certificates: { issueFor(user: User, credits: readonly EarnedCredit[]): Promise<Map<string, IssuedCertificate>> };
  /** Recorded trainings watched, for watched-share rules (without it such rules are never met). */
  statementProgress?: StatementProgress | undefined;
}

export interface TranscriptLine {
  credit: EarnedCredit;
  /** With its status: `certificate.status.revokedAt` is set once it is revoked. */
  certificate: IssuedCertificate;
}

/** A professional's credits in one licence period, with where they stand. */
export interface PeriodTranscript {
  holder: { id: string; displayName: string };
  licence: Licence | undefined;
  period: LicencePeriod;
  /** Each credit with its certificate's code and, once revoked, when (a revoked certificate shows as revoked everywhere). */
  lines: { credit: EarnedCredit; certificateCode: string | undefined; certificateRevokedAt: string | undefined }[];
  summary: PeriodSummary;
  licensingBody: string;
}

/** A period asked for: both ends, only the start (one licence period from it), or neither (the current one). */
export interface PeriodRequest {
  from?: string;
  to?: string;
}

/** Verbs of the LMS's own statements that can anchor a credit. */
const creditVerbs = [cmi5.verbs.satisfied, "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/passed", ...Object.values(roleVerbs)];

/** Credits come from LRS statements through the policy; certificates make them checkable. */
export class CreditService {
  constructor(private readonly deps: CreditServiceDeps) {}

  /** The learner's credits, recomputed from the LRS; within a period when one is given. */
  async creditsOf(user: User, period?: LicencePeriod): Promise<EarnedCredit[]> {
    return this.creditsFrom(await this.inputsOf(user))(period);
  }

  /** The learner's credits, recomputed from the LRS, each with its certificate (issued on first sight). */
  async transcript(user: User): Promise<TranscriptLine[]> {
    return this.linesOf(user, this.creditsFrom(await this.inputsOf(user))(undefined));
  }

  private async linesOf(user: User, credits: EarnedCredit[]): Promise<TranscriptLine[]> {
    // Every credit of the learner, so certificates whose credit is gone are revoked.
    const certificates = await this.deps.certificates.issueFor(user, credits);
    return credits.map((credit) => ({ credit, certificate: certificates.get(credit.statementId)! }));
  }

  /** What the engine reads, gathered once: the LMS's statements and the player's facts. */
  private async inputsOf(user: User): Promise<{ statements: CreditStatement[]; facts: CourseFacts[] }> {
    const statements = (await this.lmsStatementsOf(user)) as unknown as CreditStatement[];
    return { statements, facts: await gatherCompletionFacts(this.deps, user, this.deps.policy) };
  }

  private creditsFrom(inputs: { statements: CreditStatement[]; facts: CourseFacts[] }): (period: LicencePeriod | undefined) => EarnedCredit[] {
    const { lmsCredential, policy } = this.deps;
    const trusted = (s: CreditStatement) => isDeepStrictEqual(s.authority, lmsCredential.authority);
    return (period) => computeCredits(policy, inputs.statements, trusted, { facts: inputs.facts, ...(period ? { period } : {}) });
  }

  /** The professional's transcript for a licence period (the current one unless asked). */
  async periodTranscript(user: User, request: PeriodRequest = {}): Promise<PeriodTranscript> {
    const licence = await this.deps.store.findLicence(user.id);
    const period = this.resolvePeriod(licence, request);
    // All credits first, so each listed one has its certificate; then the period's.
    const creditsIn = this.creditsFrom(await this.inputsOf(user));
    const certificateOf = new Map((await this.linesOf(user, creditsIn(undefined))).map((line) => [line.credit.statementId, line.certificate]));
    const credits = creditsIn(period);
    return {
      holder: { id: user.id, displayName: user.displayName },
      licence,
      period,
      lines: credits.map((credit) => {
        const certificate = certificateOf.get(credit.statementId);
        return { credit, certificateCode: certificate?.code, certificateRevokedAt: certificate?.status.revokedAt };
      }),
      summary: summarizePeriod(this.deps.policy, credits, period, licence?.leave ?? []),
      licensingBody: this.deps.policy.licensingBody,
    };
  }

  /** The licence period a request means; a wrong date is a ValidationError naming `from` or `to`. */
  resolvePeriod(licence: Licence | undefined, request: PeriodRequest): LicencePeriod {
    const years = this.deps.policy.licence.periodYears;
    for (const field of ["from", "to"] as const) {
      const value = request[field];
      if (value !== undefined && !isDate(value)) throw new ValidationError(field, "must be a date, YYYY-MM-DD");
    }
    if (request.to !== undefined && request.from === undefined) throw new ValidationError("from", "is required when to is given");
    if (request.from !== undefined && request.to !== undefined) {
      if (request.to < request.from) throw new ValidationError("to", "must not be before from");
      return { from: request.from, to: request.to };
    }
    if (request.from !== undefined) return periodStarting(request.from, years);
    const today = dayOf(this.deps.clock().toISOString());
    return periodContaining(licence?.start ?? `${today.slice(0, 4)}-01-01`, years, today);
  }

  /** The LMS's own statements about the learner that can anchor a credit, every page. */
  private async lmsStatementsOf(user: User): Promise<Statement[]> {
    const { lrs, lmsCredential } = this.deps;
    const agent = learnerAgent(user, this.deps.accountHomePage);
    const statements: Statement[] = [];
    for (const verb of creditVerbs) {
      let page = await lrs.queryStatements({ agent, verb, limit: 500 }, lmsCredential);
      statements.push(...page.statements);
      while (page.more) {
        page = await lrs.queryStatements({ more: page.more }, lmsCredential);
        statements.push(...page.statements);
      }
    }
    return statements;
  }
}
