import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";

/** Font names registered on every document; DejaVu Sans covers Serbian Latin, Cyrillic and English. */
export const PDF_FONT_REGULAR = "DejaVuSans";
export const PDF_FONT_BOLD = "DejaVuSans-Bold";

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");

export interface PdfDocumentInfo {
  title: string;
  author: string;
  subject?: string;
  /** Fixed by the caller (e.g. the certificate's issue date), so the same input gives the same bytes. */
  creationDate: Date;
  /** BCP 47 tag of the document's text, e.g. `sr-Latn`; lets screen readers pick the voice. */
  language?: string;
}

export interface PdfPageOptions {
  size?: string;
  layout?: "portrait" | "landscape";
  margin?: number;
}

/**
 * Creates a pdfkit document with DejaVu Sans (regular, bold) registered and the document
 * info set, lets `draw` fill it, and resolves with the finished PDF bytes.
 */
export async function renderPdf(
  info: PdfDocumentInfo,
  draw: (doc: PDFKit.PDFDocument) => void | Promise<void>,
  page: PdfPageOptions = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: page.size ?? "A4",
    layout: page.layout ?? "portrait",
    margin: page.margin ?? 56,
    info: {
      Title: info.title,
      Author: info.author,
      ...(info.subject === undefined ? {} : { Subject: info.subject }),
      Creator: "obuka",
      Producer: "obuka (pdfkit)",
      CreationDate: info.creationDate,
      ModDate: info.creationDate,
    },
    ...(info.language === undefined ? {} : { lang: info.language }),
    displayTitle: true,
  });
  doc.registerFont(PDF_FONT_REGULAR, path.join(fontDir, "DejaVuSans.ttf"));
  doc.registerFont(PDF_FONT_BOLD, path.join(fontDir, "DejaVuSans-Bold.ttf"));
  doc.font(PDF_FONT_REGULAR);

  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  try {
    await draw(doc);
  } finally {
    doc.end();
  }
  return finished;
}
