// The issuer's Ed25519 signing keys: generated on first start and kept in one JSON file in
// the data directory (never in the repository), readable only by the server's user. Keys
// that were rotated out stay listed in the JWKS, so certificates signed with them still verify.
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { type JSONWebKeySet, type JWK, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK } from "jose";
import type { SigningKey } from "../domain/open-badge.js";

interface StoredKey {
  kid: string;
  createdAt: string;
  /** Set when a newer key took over; the key then only verifies. */
  retiredAt?: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

interface KeyFile {
  keys: StoredKey[];
}

export class IssuerKeys {
  private constructor(
    private readonly file: string,
    private keys: StoredKey[],
    private readonly clock: () => Date,
  ) {}

  /** Reads the key file, creating it with a fresh key pair when it does not exist. */
  static async open(file: string, clock: () => Date = () => new Date()): Promise<IssuerKeys> {
    const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    const issuerKeys = new IssuerKeys(file, text === undefined ? [] : parseKeyFile(text, file), clock);
    if (issuerKeys.keys.length > 0) return issuerKeys;
    // Nodes starting together on one shared key file: the first to link its file wins, the others read it.
    if (await issuerKeys.addKey({ replace: false })) return issuerKeys;
    return IssuerKeys.open(file, clock);
  }

  /** Adds a new signing key; the previous one is retired but stays in the JWKS. */
  async rotate(): Promise<string> {
    await this.addKey({ replace: true });
    return this.keys[this.keys.length - 1]!.kid;
  }

  /** Writes the key file with one more key; false when `replace` is off and another process created the file first. */
  private async addKey(options: { replace: boolean }): Promise<boolean> {
    const { privateKey, publicKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const at = this.clock().toISOString();
    const keys: StoredKey[] = [
      ...this.keys.map((k) => (k.retiredAt === undefined ? { ...k, retiredAt: at } : k)),
      { kid, createdAt: at, privateJwk: { ...(await exportJWK(privateKey)), kid }, publicJwk: { ...publicJwk, kid, alg: "EdDSA", use: "sig" } },
    ];
    await mkdir(path.dirname(this.file), { recursive: true });
    // Write then rename, so a crash never leaves half a key file.
    const temp = `${this.file}.${process.pid}.${kid}.tmp`;
    await writeFile(temp, `${JSON.stringify({ keys } satisfies KeyFile, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    if (options.replace) {
      await rename(temp, this.file);
    } else {
      const linked = await link(temp, this.file).then(() => true, (error: NodeJS.ErrnoException) => {
        if (error.code === "EEXIST") return false;
        throw error;
      });
      await unlink(temp);
      if (!linked) return false;
    }
    this.keys = keys;
    return true;
  }

  /** The key that signs new credentials. */
  async signingKey(): Promise<SigningKey> {
    const current = this.keys.find((k) => k.retiredAt === undefined) ?? this.keys[this.keys.length - 1]!;
    return { kid: current.kid, privateKey: (await importJWK(current.privateJwk, "EdDSA")) as CryptoKey };
  }

  /** Every public key, current and retired: what /.well-known/jwks.json serves. */
  jwks(): JSONWebKeySet {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk })) };
  }
}

function parseKeyFile(text: string, file: string): StoredKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: the issuer key file is not JSON`, { cause: error });
  }
  const keys = (parsed as Partial<KeyFile> | null)?.keys;
  if (!Array.isArray(keys) || keys.some((k: Partial<StoredKey>) => typeof k?.kid !== "string" || k.privateJwk?.crv !== "Ed25519" || k.publicJwk?.crv !== "Ed25519")) {
    throw new Error(`${file}: the issuer key file must hold {"keys": [...]} with Ed25519 keys`);
  }
  return keys as StoredKey[];
}
