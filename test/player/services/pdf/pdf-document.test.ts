import { expect } from "chai";
import { PDF_FONT_BOLD, renderPdf } from "../../../../player/services/pdf/pdf-document.js";
import { pdfInfo, pdfText, requirePdftotext } from "../../../support/pdf-text.js";

describe("pdf document", () => {
  requirePdftotext();
  const info = { title: "Potvrda", author: "obuka", creationDate: new Date("2026-03-01T10:00:00Z"), language: "sr-Latn" };

  it("prints Serbian Latin and Cyrillic text that pdftotext reads back", async () => {
    const pdf = await renderPdf(info, (doc) => {
      doc.text("Đorđe Šćepanović, žiro");
      doc.font(PDF_FONT_BOLD).text("Ђорђе Шћепановић");
    });
    const text = await pdfText(pdf);
    expect(text).to.contain("Đorđe Šćepanović, žiro");
    expect(text).to.contain("Ђорђе Шћепановић");
  });

  it("writes the same bytes for the same input and creation date", async () => {
    const draw = (doc: PDFKit.PDFDocument): void => { doc.text("Isto"); };
    const first = await renderPdf(info, draw);
    const second = await renderPdf(info, draw);
    expect(first.equals(second)).to.equal(true);
    const other = await renderPdf({ ...info, creationDate: new Date("2026-03-02T10:00:00Z") }, draw);
    expect(other.equals(first)).to.equal(false);
  });

  it("sets the document title and author", async () => {
    const pdf = await renderPdf(info, (doc) => { doc.text("x"); });
    const fields = await pdfInfo(pdf);
    expect(fields.Title).to.equal("Potvrda");
    expect(fields.Author).to.equal("obuka");
    expect(fields.CreationDate).to.equal("2026-03-01T10:00:00Z");
  });
});
