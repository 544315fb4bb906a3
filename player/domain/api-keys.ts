import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Portal API keys: `obk_<keyId>_<secret>`, sent as `Authorization: Bearer <key>`. The
 * store keeps the key id and a SHA-256 of the secret; a secret of 32 random bytes needs
 * no slow hash.
 */
export interface IssuedApiKey {
  keyId: string;
  secretHash: string;
  /** The whole key, shown to the admin once. */
  key: string;
}

export function issueApiKey(): IssuedApiKey {
  const keyId = randomBytes(9).toString("base64url").replace(/[-_]/g, "x");
  const secret = randomBytes(32).toString("base64url");
  return { keyId, secretHash: hashSecret(secret), key: `obk_${keyId}_${secret}` };
}

/** Splits a bearer key into id and secret; undefined when it is not one of ours. */
export function parseApiKey(value: string): { keyId: string; secret: string } | undefined {
  const match = /^obk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(value);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), "hex");
  const expected = Buffer.from(secretHash, "hex");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
