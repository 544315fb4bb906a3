// Signed statements (xAPI-Data.md 2.6): the signature is an attachment whose part holds
// a JWS in compact serialization. Its payload must be the statement as the signer sent
// it, before the signature attachment was added; differences the LRS itself may cause
// (id when the signer left it out, authority, stored, version, a filled-in timestamp)
// do not count. With an x5c header the signature is verified with the first
// certificate's key; without one there is no key to check it against.
import { base64url, compactVerify, decodeProtectedHeader, importX509, type ProtectedHeaderParameters } from "jose";
import { ValidationError } from "../errors.js";
import { SIGNATURE_USAGE_TYPE, type AttachmentPart } from "./attachments.js";
import { sameStatement } from "./statement-equality.js";
import { fail, join } from "./validate-primitives.js";
import { parseStatement } from "./validate-statement.js";
import type { Statement } from "./xapi-types.js";

export const SIGNATURE_ALGORITHMS = ["RS256", "RS384", "RS512"] as const;

/** Checks every signature attachment of the statements; throws a ValidationError naming it. */
export async function verifySignatures(
  statements: readonly Statement[],
  parts: ReadonlyMap<string, AttachmentPart>,
  pathOf: (index: number) => string,
): Promise<void> {
  for (const [i, statement] of statements.entries()) {
    for (const [j, attachment] of (statement.attachments ?? []).entries()) {
      if (attachment.usageType !== SIGNATURE_USAGE_TYPE) continue;
      const path = join(join(pathOf(i), "attachments"), j);
      const part = parts.get(attachment.sha2.toLowerCase());
      if (part === undefined) fail(path, "a signature must be sent as an attachment part so the LRS can check it");
      await verifySignature(statement, part.content.toString("utf8").trim(), path);
    }
  }
}

async function verifySignature(statement: Statement, jws: string, path: string): Promise<void> {
  const segments = jws.split(".");
  if (segments.length !== 3) fail(path, "the signature is not a JWS in compact serialization");
  let header: ProtectedHeaderParameters;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jws);
    payload = JSON.parse(new TextDecoder().decode(base64url.decode(segments[1] ?? ""))) as unknown;
  } catch (error) {
    throw ValidationError.at(path, "the signature is not a JWS with a JSON payload", { cause: error });
  }
  const alg = header.alg ?? "";
  if (!(SIGNATURE_ALGORITHMS as readonly string[]).includes(alg)) fail(path, `the signature algorithm must be RS256, RS384 or RS512, not "${alg}"`);
  if (header.x5c !== undefined) await verifyWithCertificate(jws, header.x5c, alg, path);
  if (!signedMatches(payload, statement)) fail(path, "the signed payload does not match the statement");
}

async function verifyWithCertificate(jws: string, chain: unknown, alg: string, path: string): Promise<void> {
  const first = Array.isArray(chain) ? (chain[0] as unknown) : undefined;
  if (typeof first !== "string") fail(path, "the x5c header must list base64 certificates");
  const pem = `-----BEGIN CERTIFICATE-----\n${first.match(/.{1,64}/g)?.join("\n") ?? ""}\n-----END CERTIFICATE-----`;
  let key: CryptoKey;
  try {
    key = await importX509(pem, alg);
  } catch (error) {
    throw ValidationError.at(path, "the x5c certificate cannot be read", { cause: error });
  }
  try {
    await compactVerify(jws, key, { algorithms: [alg] });
  } catch (error) {
    throw ValidationError.at(path, "the signature does not verify with its x5c certificate", { cause: error });
  }
}

/** The payload, as a statement, equals the received one minus its signature attachments. */
function signedMatches(payload: unknown, received: Statement): boolean {
  let signed: Statement;
  try {
    signed = parseStatement(withoutSignatures(payload));
  } catch {
    return false;
  }
  // The LRS assigns an id only when the statement has none, so a signed id must be kept.
  if (signed.id !== undefined && signed.id.toLowerCase() !== received.id?.toLowerCase()) return false;
  return sameStatement(withoutSignatures(signed) as Statement, withoutSignatures(received) as Statement);
}

function withoutSignatures(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const { attachments, ...rest } = value as Record<string, unknown>;
  if (!Array.isArray(attachments)) return attachments === undefined ? rest : value;
  const kept = attachments.filter((a) => (a as { usageType?: unknown } | null)?.usageType !== SIGNATURE_USAGE_TYPE);
  return kept.length === 0 ? rest : { ...rest, attachments: kept };
}
