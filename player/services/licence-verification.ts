// What licensing bodies ask: a professional's credits by licence number and period, and every
// professional's credits for a period as CSV. Every lookup and export is audited.
import type { User } from "../domain/accounts.js";
import { type CsvCreditRow, creditsCsv } from "../domain/transcript-csv.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { Licence, PlayerStore } from "../store/player-store.js";
import type { CreditService, PeriodRequest, PeriodTranscript } from "./credit-service.js";

export interface LicenceVerificationDeps {
  store: PlayerStore;
  credits: CreditService;
  clock: () => Date;
}

export class LicenceVerification {
  constructor(private readonly deps: LicenceVerificationDeps) {}

  /** Sets or clears a user's licence (admin); a number belongs to one professional only. */
  async saveLicence(username: string, licence: Licence | undefined): Promise<User> {
    const { store } = this.deps;
    const user = await store.findUserByUsername(username);
    if (!user) throw new NotFoundError("user");
    if (licence) {
      const holder = await store.findUserByLicenceNumber(licence.number);
      if (holder && holder.id !== user.id) throw new ConflictError(`licenceNumber: ${licence.number} belongs to another user`);
    }
    await store.saveLicence(user.id, licence);
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role };
  }

  /** The professional holding the licence number, with their credits in the period; undefined when nobody holds it. */
  async lookup(actor: User, licenceNumber: string, request: PeriodRequest): Promise<PeriodTranscript | undefined> {
    const { store, credits } = this.deps;
    const holder = await store.findUserByLicenceNumber(licenceNumber);
    const transcript = holder && (await credits.periodTranscript(holder, request));
    const period = transcript?.period ?? (request.from ? credits.resolvePeriod(undefined, request) : undefined);
    await this.audit(actor, "lookup-licence", `${licenceNumber} ${period ? `${period.from}..${period.to}` : "current period"}`, transcript ? `${transcript.lines.length} credits` : "unknown");
    return transcript;
  }

  /** Every licensed professional's credits in the period (each one's current period when none is given), as CSV. */
  async exportCsv(actor: User, request: PeriodRequest): Promise<{ csv: string; rows: number }> {
    const { store, credits } = this.deps;
    if (request.from !== undefined) credits.resolvePeriod(undefined, request); // a wrong date fails before any work
    const rows: CsvCreditRow[] = [];
    for (const user of await store.listLicensedUsers()) {
      const transcript = await credits.periodTranscript(user, request);
      for (const line of transcript.lines) {
        rows.push({ licenceNumber: user.licence.number, holder: user.displayName, period: transcript.period, ...line });
      }
    }
    const subject = request.from ? `${request.from}..${request.to ?? "+period"}` : "current periods";
    await this.audit(actor, "export-csv", subject, `${rows.length} rows`);
    return { csv: creditsCsv(rows), rows: rows.length };
  }

  private audit(actor: User, action: string, subject: string, outcome: string): Promise<void> {
    return this.deps.store.recordAudit({ at: this.deps.clock().toISOString(), actor: actor.id, action, subject, outcome });
  }
}
