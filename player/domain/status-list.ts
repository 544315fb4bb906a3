// W3C Bitstring Status List v1.0: one bit per issued certificate, index 0 the most
// significant bit of the first byte, GZIP-compressed and multibase base64url-encoded
// ("u" prefix) in the status list credential's `encodedList`.
import { gunzipSync, gzipSync } from "node:zlib";

/** The spec's minimum list length (16 KiB of bits), so one list does not reveal how many certificates exist. */
export const minimumStatusListBits = 131_072;

export const statusListContexts = ["https://www.w3.org/ns/credentials/v2"] as const;

/** Encodes the set bits (revoked indexes) as an `encodedList`, at least `minimumStatusListBits` long. */
export function encodeStatusList(setIndexes: readonly number[], minimumBits = minimumStatusListBits): string {
  const highest = setIndexes.reduce((max, index) => Math.max(max, index), -1);
  // Grow in whole multiples of the minimum, so the size changes rarely.
  const bits = Math.max(minimumBits, Math.ceil((highest + 1) / minimumBits) * minimumBits);
  const bytes = new Uint8Array(bits / 8);
  for (const index of setIndexes) {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`status list index must be a non-negative integer, got ${index}`);
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  // mtime 0 and a fixed level: the same bits always give the same encodedList.
  return `u${gzipSync(bytes, { level: 9 }).toString("base64url")}`;
}

/** Reads one bit of an `encodedList`; throws when the list cannot be decoded or is too short. */
export function isStatusBitSet(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith("u")) throw new StatusListFormatError("encodedList must be multibase base64url (start with \"u\")");
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(encodedList.slice(1), "base64url"));
  } catch (error) {
    throw new StatusListFormatError("encodedList is not GZIP-compressed data", { cause: error });
  }
  if (!Number.isInteger(index) || index < 0 || index >= bytes.length * 8) throw new StatusListFormatError(`status list index ${index} is outside the list (${bytes.length * 8} bits)`);
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

export class StatusListFormatError extends Error {}

export interface StatusListEntry {
  id: string;
  type: "BitstringStatusListEntry";
  statusPurpose: "revocation";
  /** A string, as the spec defines it. */
  statusListIndex: string;
  statusListCredential: string;
}

/** The `credentialStatus` of a certificate whose bit is `index` in the list at `listUrl`. */
export function statusListEntry(listUrl: string, index: number): StatusListEntry {
  return {
    id: `${listUrl}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

export interface StatusListCredential {
  "@context": string[];
  id: string;
  type: ["VerifiableCredential", "BitstringStatusListCredential"];
  issuer: { id: string; type: ["Profile"]; name: string };
  validFrom: string;
  credentialSubject: { id: string; type: "BitstringStatusList"; statusPurpose: "revocation"; encodedList: string };
}

/** The status list credential served at `listUrl` (signed by the caller as a VC-JWT). */
export function statusListCredential(input: { listUrl: string; issuer: { id: string; name: string }; validFrom: string; encodedList: string }): StatusListCredential {
  return {
    "@context": [...statusListContexts],
    id: input.listUrl,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: { id: input.issuer.id, type: ["Profile"], name: input.issuer.name },
    validFrom: input.validFrom,
    credentialSubject: { id: `${input.listUrl}#list`, type: "BitstringStatusList", statusPurpose: "revocation", encodedList: input.encodedList },
  };
}
