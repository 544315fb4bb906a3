// The certificate's printed words. Serbian Latin first; Cyrillic is transliterated from it
// (as the UI strings are), English second, typed by the Serbian keys so none is missing.
import { latinToCyrillic, stripEscapes } from "../../../authoring/text/transliterate-sr.js";

export const certificateLanguages = ["sr-Latn", "sr-Cyrl", "en"] as const;
export type CertificateLanguage = (typeof certificateLanguages)[number];

const srLatn = {
  title: "Sertifikat o stečenim bodovima",
  intro: "Ovim se potvrđuje da je",
  completed: "uspešno završio/la akreditovani program obuke",
  programme: "Program",
  points: "Bodovi",
  earned: "Stečeno",
  validUntil: "Važi do",
  issuer: "Izdavalac",
  code: "Kod sertifikata",
  verifyHint: "Proverite ovaj sertifikat skeniranjem {=QR=} koda ili na adresi:",
  revoked: "OPOZVAN — ovaj sertifikat više ne važi",
  qrAlt: "{=QR=} kod sa adresom stranice za proveru",
} as const;

export type CertificateLabelKey = keyof typeof srLatn;

const en: Readonly<Record<CertificateLabelKey, string>> = {
  title: "Certificate of credit points",
  intro: "This certifies that",
  completed: "has successfully completed the accredited training programme",
  programme: "Programme",
  points: "Points",
  earned: "Earned",
  validUntil: "Valid until",
  issuer: "Issuer",
  code: "Certificate code",
  verifyHint: "Verify this certificate by scanning the QR code or at:",
  revoked: "REVOKED — this certificate is no longer valid",
  qrAlt: "QR code with the address of the verification page",
};

export function certificateLabels(language: CertificateLanguage): Readonly<Record<CertificateLabelKey, string>> {
  if (language === "en") return en;
  const convert = language === "sr-Cyrl" ? latinToCyrillic : stripEscapes;
  return Object.fromEntries(Object.entries(srLatn).map(([key, text]) => [key, convert(text)])) as Record<CertificateLabelKey, string>;
}

/** Serbian content text in the certificate's script; English certificates keep the Serbian Latin text. */
export function inScript(text: string, language: CertificateLanguage): string {
  return language === "sr-Cyrl" ? latinToCyrillic(text) : text;
}

/** Dates as a person in that language writes them: 1. 3. 2026. in Serbian, 1 March 2026 in English. */
export function formatCertificateDate(iso: string, language: CertificateLanguage): string {
  const date = new Date(iso);
  if (language === "en") return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return `${date.getUTCDate()}. ${date.getUTCMonth() + 1}. ${date.getUTCFullYear()}.`;
}
