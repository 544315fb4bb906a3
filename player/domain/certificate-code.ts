// Crockford base32: no I, L, O, U, so a code read aloud or typed by hand is unambiguous.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Formats 10 random bytes (80 bits, unguessable) as OBK-XXXX-XXXX-XXXX-XXXX. */
export function formatCertificateCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < 10) throw new Error("a certificate code needs 10 random bytes");
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of randomBytes.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `OBK-${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}

/** Accepts what people type: lower case, spaces, O for 0, I/L for 1. Returns undefined when it cannot be a code. */
export function normalizeCertificateCode(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/[\s-]/g, "").replace(/^OBK/, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(compact)) return undefined;
  return `OBK-${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}`;
}
