import QRCode from "qrcode";
import type { Certificate } from "../../store/player-store.js";
import { type CertificateLanguage, certificateLabels, formatCertificateDate, inScript } from "./certificate-labels.js";
import { PDF_FONT_BOLD, PDF_FONT_REGULAR, renderPdf } from "./pdf-document.js";

export type { CertificateLanguage } from "./certificate-labels.js";

export interface CertificatePdfInput {
  certificate: Certificate & { holderName: string };
  /** The course's title map from its package, when the course is still imported. */
  courseTitles: Readonly<Record<string, string>> | undefined;
  language: CertificateLanguage;
  issuerName: string;
  verifyUrl: string;
  revoked: boolean;
}

/** One A4 landscape page: holder, programme, points, dates, issuer, code and a QR code to the verification page. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { certificate, language } = input;
  const labels = certificateLabels(language);
  const courseTitle = titleIn(input.courseTitles, language) ?? inScript(certificate.courseTitle, language);
  const holder = inScript(certificate.holderName, language);
  const qr = await QRCode.toBuffer(input.verifyUrl, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 360 });
  return renderPdf(
    {
      title: `${labels.title}: ${certificate.code}`,
      author: input.issuerName,
      subject: courseTitle,
      // The issue date, not "now", so the same certificate always gives the same file.
      creationDate: new Date(certificate.issuedAt),
      language,
    },
    (doc) => {
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      const textWidth = width - 190;
      doc.font(PDF_FONT_BOLD).fontSize(26).text(labels.title, left, 60, { width, align: "center" });
      if (input.revoked) doc.moveDown(0.3).fillColor("#b00020").fontSize(16).text(labels.revoked, { width, align: "center" }).fillColor("black");
      doc.moveDown(1).font(PDF_FONT_REGULAR).fontSize(13).text(labels.intro, { width, align: "center" });
      doc.moveDown(0.4).font(PDF_FONT_BOLD).fontSize(22).text(holder, { width, align: "center" });
      doc.moveDown(0.4).font(PDF_FONT_REGULAR).fontSize(13).text(labels.completed, { width, align: "center" });
      doc.moveDown(0.4).font(PDF_FONT_BOLD).fontSize(17).text(courseTitle, { width, align: "center" });
      const top = doc.y + 24;
      doc.y = top;
      const rows: [string, string][] = [
        [labels.programme, inScript(certificate.programme, language)],
        [labels.points, String(certificate.points)],
        [labels.earned, formatCertificateDate(certificate.earnedAt, language)],
        [labels.validUntil, formatCertificateDate(certificate.validUntil, language)],
        [labels.issuer, inScript(input.issuerName, language)],
        [labels.code, certificate.code],
      ];
      for (const [label, value] of rows) {
        doc.font(PDF_FONT_BOLD).fontSize(11).text(`${label}: `, left, doc.y, { continued: true, width: textWidth }).font(PDF_FONT_REGULAR).text(value);
        doc.moveDown(0.25);
      }
      doc.moveDown(0.5).fontSize(9).text(labels.verifyHint, left, doc.y, { width: textWidth }).text(input.verifyUrl, { width: textWidth, link: input.verifyUrl });
      doc.image(qr, left + width - 170, top, { width: 170, height: 170 });
    },
    { layout: "landscape" },
  );
}

function titleIn(titles: Readonly<Record<string, string>> | undefined, language: CertificateLanguage): string | undefined {
  if (!titles) return undefined;
  const latin = titles["sr-Latn"] ?? titles.sr;
  if (language === "en") return titles.en ?? latin;
  if (language === "sr-Cyrl") return titles["sr-Cyrl"] ?? (latin === undefined ? undefined : inScript(latin, language));
  return latin;
}
