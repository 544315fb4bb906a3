// A professional's transcript for a licence period as PDF: the summary, progress toward
// renewal drawn as vector bars, every credit with its rule and evidence, and the assumptions.
import type { EarnedCredit } from "../../domain/credits.js";
import { fillMessage } from "../../domain/message-template.js";
import type { PeriodTranscript } from "../credit-service.js";
import { type CertificateLanguage, formatCertificateDate, inScript } from "./certificate-labels.js";
import { PDF_FONT_BOLD, PDF_FONT_REGULAR, renderPdf } from "./pdf-document.js";

/** The UI strings of the transcript (transcript.*) in the document's language. */
export type TranscriptLabels = Readonly<Record<string, string>>;

export interface TranscriptPdfInput {
  transcript: PeriodTranscript;
  labels: TranscriptLabels;
  language: CertificateLanguage;
  /** Fixed by the caller, so the same request gives the same bytes. */
  createdAt: Date;
  /** A credit's rule in the document's language and script. */
  explain: (credit: EarnedCredit) => string;
}

const green = "#2d6a4f";
const grey = "#e3e8df";

export function renderTranscriptPdf(input: TranscriptPdfInput): Promise<Buffer> {
  const { transcript, labels, language } = input;
  const label = (key: string, params: Record<string, string | number> = {}) => fillMessage(labels[key] ?? key, params, language);
  const script = (text: string) => inScript(text, language);
  const { summary } = transcript;
  return renderPdf(
    { title: `${label("transcript.title")}: ${script(transcript.holder.displayName)}`, author: script(transcript.licensingBody), creationDate: input.createdAt, language },
    (doc) => {
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      doc.font(PDF_FONT_BOLD).fontSize(20).text(label("transcript.title"), { width });
      doc.font(PDF_FONT_REGULAR).fontSize(11).text(script(transcript.licensingBody), { width });
      doc.moveDown(0.6);
      const facts: [string, string][] = [
        [label("transcript.holder"), script(transcript.holder.displayName)],
        [label("transcript.licence"), transcript.licence?.number ?? label("transcript.noLicence")],
        [label("transcript.period"), `${transcript.period.from} – ${transcript.period.to}`],
      ];
      if (summary.requiredAfterLeave !== undefined) {
        facts.push([label("transcript.required"), summary.leaveDays ? `${summary.requiredAfterLeave} (${label("transcript.leave", { days: summary.leaveDays })}; ${summary.required})` : String(summary.requiredAfterLeave)]);
      }
      facts.push([label("transcript.earnedInPeriod"), String(summary.earned)]);
      if (summary.missing !== undefined) facts.push([label("transcript.missing"), String(summary.missing)]);
      for (const [name, value] of facts) doc.font(PDF_FONT_BOLD).text(`${name}: `, { continued: true }).font(PDF_FONT_REGULAR).text(value);

      // Progress toward renewal: one bar for the period, one per licence year with a minimum.
      doc.moveDown(0.8).font(PDF_FONT_BOLD).fontSize(13).text(label("transcript.progress"));
      doc.font(PDF_FONT_REGULAR).fontSize(10).text(chartText(transcript, label));
      bar(doc, left, doc.y + 4, width, share(summary.earned, summary.requiredAfterLeave));
      doc.y += 26;
      for (const year of summary.years.filter((y) => y.required !== undefined)) {
        doc.fontSize(9).text(`${label("transcript.year")} ${year.from} – ${year.to}: ${year.earned} / ${year.required}`, left, doc.y);
        bar(doc, left, doc.y + 2, width / 2, share(year.earned, year.required), 8);
        doc.y += 14;
      }

      doc.moveDown(0.8).font(PDF_FONT_BOLD).fontSize(13).text(label("transcript.title"), left, doc.y, { width });
      if (transcript.lines.length === 0) doc.font(PDF_FONT_REGULAR).fontSize(10).text(label("transcript.noneInPeriod"));
      for (const { credit, certificateCode, certificateRevokedAt } of transcript.lines) {
        doc.moveDown(0.4).font(PDF_FONT_BOLD).fontSize(11).text(script(credit.programme) + (credit.programmeNumber ? ` (${credit.programmeNumber})` : ""), { width });
        doc.font(PDF_FONT_REGULAR).fontSize(10).text(
          `${label("transcript.points")}: ${credit.points} · ${label("transcript.counted")}: ${credit.countedPoints} · ${label("transcript.earned")}: ${formatCertificateDate(credit.earnedAt, language)} · ${label("transcript.validUntil")}: ${formatCertificateDate(credit.validUntil, language)}`,
          { width },
        );
        if (certificateCode) {
          const revoked = certificateRevokedAt ? ` — ${label("verify.revokedAt")} ${formatCertificateDate(certificateRevokedAt, language)}` : "";
          doc.text(`${label("transcript.code")}: ${certificateCode}${revoked}`, { width });
        }
        doc.fontSize(8).fillColor("#444444").text(`${label("transcript.explanation")}: ${input.explain(credit)}`, { width });
        doc.text(`${label("transcript.evidence")}: ${credit.evidence.join(", ")}`, { width }).fillColor("black");
      }
      if (summary.assumptions.length) {
        doc.moveDown(0.8).font(PDF_FONT_BOLD).fontSize(11).text(label("transcript.assumptions"), { width });
        doc.font(PDF_FONT_REGULAR).fontSize(9);
        for (const assumption of summary.assumptions) doc.text(`• ${assumption.field}: ${assumption.note}`, { width });
      }
    },
  );
}

/** The chart's words: the text alternative of the bars, printed under the heading. */
export function chartText(transcript: PeriodTranscript, label: (key: string, params?: Record<string, string | number>) => string): string {
  const { earned, requiredAfterLeave } = transcript.summary;
  if (requiredAfterLeave === undefined) return label("transcript.chartTextNoRequirement", { earned });
  return label("transcript.chartText", { earned, required: requiredAfterLeave, percent: Math.round(share(earned, requiredAfterLeave) * 100) });
}

/** Earned over required, at most 1; a period that requires nothing is complete. */
export function share(earned: number, required: number | undefined): number {
  if (required === undefined || required <= 0) return earned > 0 || required === 0 ? 1 : 0;
  return Math.min(1, earned / required);
}

function bar(doc: PDFKit.PDFDocument, x: number, y: number, width: number, filled: number, height = 14): void {
  doc.save();
  doc.rect(x, y, width, height).fill(grey);
  if (filled > 0) doc.rect(x, y, width * filled, height).fill(green);
  doc.restore();
}
