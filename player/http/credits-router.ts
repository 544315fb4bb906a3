// Credits over HTTP: the learner's own transcript per licence period (HTML, JSON, CSV, PDF),
// the verifier's lookup by licence number and CSV export of a period, and the admin's
// licence API. Verifier lookups and exports are audited by LicenceVerification.
import express, { type Request, type Response } from "express";
import { latinToCyrillic, stripEscapes } from "../../authoring/text/transliterate-sr.js";
import type { User } from "../domain/accounts.js";
import { explainCredit } from "../domain/credit-explanation.js";
import type { EarnedCredit } from "../domain/credits.js";
import { isDate } from "../domain/licence-period.js";
import { creditsCsv } from "../domain/transcript-csv.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { CreditService, PeriodRequest, PeriodTranscript } from "../services/credit-service.js";
import type { LicenceVerification } from "../services/licence-verification.js";
import { chartText, renderTranscriptPdf, share } from "../services/pdf/transcript-pdf.js";
import type { Licence } from "../store/player-store.js";
import type { ApiAuth } from "./api-auth.js";
import { type UiLanguage, buildUiStrings, uiLanguageOf } from "./strings/ui-language.js";
import type { Views } from "./views.js";
import { type WebAuth, contextOf } from "./web-auth.js";

export interface CreditsRouterDeps {
  auth: WebAuth;
  api: ApiAuth;
  views: Views;
  credits: CreditService;
  licences: LicenceVerification;
  clock: () => Date;
}

export function createCreditsRouter(deps: CreditsRouterDeps): express.Router {
  const { auth, api, views, credits, licences } = deps;
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: "16kb" });
  const json = express.json({ limit: "64kb" });
  const strings = buildUiStrings();
  // The rule of each credit in the page's language, beside the English `explanation` of the JSON.
  const localized = (res: Response, transcript: PeriodTranscript) => ({
    ...transcript,
    lines: transcript.lines.map((line) => ({ ...line, ruleText: explanationIn(line.credit, uiLanguageOf(res)) })),
  });
  const chartOf = (res: Response, transcript: PeriodTranscript) => ({
    bar: Math.round(share(transcript.summary.earned, transcript.summary.requiredAfterLeave) * 1000) / 10,
    text: chartText(transcript, (key, params = {}) => views.text(res, key as never, params)),
  });

  // The learner's own transcript; the period comes from the query (the current one by default).
  const own = (format: "html" | "json" | "csv" | "pdf") => async (req: Request, res: Response): Promise<void> => {
    const user = contextOf(res).user!;
    const request = periodRequestOf(req.query);
    const transcript = await credits.periodTranscript(user, request);
    const name = `obuka-${transcript.period.from}-${transcript.period.to}`;
    if (format === "json") {
      res.json(transcriptJson(transcript));
    } else if (format === "csv") {
      const rows = transcript.lines.map((line) => ({ licenceNumber: transcript.licence?.number ?? "", holder: user.displayName, period: transcript.period, ...line }));
      res.type("text/csv; charset=utf-8").attachment(`${name}.csv`).send(creditsCsv(rows));
    } else if (format === "pdf") {
      const language = uiLanguageOf(res);
      const pdf = await renderTranscriptPdf({ transcript, labels: strings[language], language, createdAt: deps.clock(), explain: (credit) => explanationIn(credit, language) });
      res.type("application/pdf").attachment(`${name}.pdf`).send(pdf);
    } else {
      const query = new URLSearchParams({ from: transcript.period.from, to: transcript.period.to }).toString();
      views.render(res, "transcript", { title: views.text(res, "transcript.title"), transcript: localized(res, transcript), chart: chartOf(res, transcript), query });
    }
  };
  router.get("/transcript", auth.require("learn"), own("html"));
  router.get("/transcript.json", auth.require("learn"), own("json"));
  router.get("/transcript.csv", auth.require("learn"), own("csv"));
  router.get("/transcript.pdf", auth.require("learn"), own("pdf"));

  router.get("/verifier", auth.require("lookupLicences"), (_req, res) => {
    views.render(res, "verifier", { title: views.text(res, "verifier.title") });
  });
  router.post("/verifier/lookup", form, auth.require("lookupLicences"), auth.checkCsrf, async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const licenceNumber = licenceNumberOf(body.licenceNumber, "licenceNumber");
    const request = periodRequestOf(body);
    const transcript = await licences.lookup(contextOf(res).user!, licenceNumber, request);
    views.render(res, "verifier", {
      title: views.text(res, "verifier.title"), licenceNumber, from: request.from, to: request.to,
      transcript: transcript && localized(res, transcript), chart: transcript && chartOf(res, transcript), unknown: !transcript,
    }, transcript ? 200 : 404);
  });
  router.post("/verifier/export", form, auth.require("lookupLicences"), auth.checkCsrf, async (req, res) => {
    const request = periodRequestOf(req.body as Record<string, unknown>);
    const { csv } = await licences.exportCsv(contextOf(res).user!, request);
    res.type("text/csv; charset=utf-8").attachment(`obuka-credits-${request.from ?? "current"}${request.to ? `-${request.to}` : ""}.csv`).send(csv);
  });

  // JSON for a signed-in verifier's own tools (API keys are portals' and cannot look licences up).
  router.get("/api/licences/:licenceNumber/credits", api.require("lookupLicences"), async (req, res) => {
    const transcript = await licences.lookup(contextOf(res).user!, licenceNumberOf(req.params.licenceNumber, "licenceNumber"), periodRequestOf(req.query));
    if (!transcript) throw new NotFoundError("licence");
    res.json(transcriptJson(transcript));
  });

  router.put("/api/users/:username/licence", json, api.require("manageLicences"), async (req, res) => {
    const licence = licenceOf(req.body);
    const user: User = await licences.saveLicence(String(req.params.username), licence);
    res.json({ username: user.username, licence: licence ?? null });
  });

  return router;
}

function explanationIn(credit: EarnedCredit, language: UiLanguage): string {
  if (language === "en") return credit.explanation;
  const latin = explainCredit(credit, "sr-Latn");
  return language === "sr-Cyrl" ? latinToCyrillic(latin) : stripEscapes(latin);
}

function transcriptJson(transcript: PeriodTranscript): Record<string, unknown> {
  return {
    holder: transcript.holder.displayName,
    licenceNumber: transcript.licence?.number ?? null,
    licensingBody: transcript.licensingBody,
    period: transcript.period,
    summary: transcript.summary,
    credits: transcript.lines.map(({ credit, certificateCode, certificateRevokedAt }) => ({ ...credit, certificateCode: certificateCode ?? null, certificateRevokedAt: certificateRevokedAt ?? null })),
  };
}

/** `from` and `to` from a query or form; empty fields mean "not given". */
function periodRequestOf(source: Record<string, unknown>): PeriodRequest {
  const request: PeriodRequest = {};
  for (const field of ["from", "to"] as const) {
    const value = source[field];
    if (value === undefined || value === "") continue;
    if (typeof value !== "string" || !isDate(value)) throw new ValidationError(field, "must be a date, YYYY-MM-DD");
    request[field] = value;
  }
  return request;
}

function licenceNumberOf(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new ValidationError(field, "is required");
  const number = value.trim();
  if (number.length > 64 || !/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u.test(number)) throw new ValidationError(field, "must be letters, digits, spaces, '.', '/' or '-' (at most 64)");
  return number;
}

/** The body of PUT /api/users/:username/licence: `{ licenceNumber, start?, leave? }`, or null to clear. */
function licenceOf(body: unknown): Licence | undefined {
  if (body === null) return undefined;
  if (typeof body !== "object" || Array.isArray(body)) throw new ValidationError("body", "must be an object with licenceNumber, or null");
  const input = body as Record<string, unknown>;
  const start = input.start;
  if (start !== undefined && (typeof start !== "string" || !isDate(start))) throw new ValidationError("start", "must be a date, YYYY-MM-DD");
  const leave = input.leave ?? [];
  if (!Array.isArray(leave)) throw new ValidationError("leave", "must be a list of { from, to }");
  return {
    number: licenceNumberOf(input.licenceNumber, "licenceNumber"),
    start: start as string | undefined,
    leave: leave.map((entry: unknown, index) => {
      const { from, to } = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
      if (typeof from !== "string" || !isDate(from)) throw new ValidationError(`leave[${index}].from`, "must be a date, YYYY-MM-DD");
      if (typeof to !== "string" || !isDate(to)) throw new ValidationError(`leave[${index}].to`, "must be a date, YYYY-MM-DD");
      if (to < from) throw new ValidationError(`leave[${index}].to`, "must not be before from");
      return { from, to };
    }),
  };
}
