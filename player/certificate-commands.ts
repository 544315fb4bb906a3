// `obuka verify-credential` and `obuka revoke-certificate`: plain async functions taking
// their arguments and io, returning the exit code (player/cli.ts dispatches to them).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { type JSONWebKeySet, decodeJwt } from "jose";
import { type CredentialVerdict, verifyOpenBadgeJwt } from "./domain/open-badge-verification.js";
import { CertificateService } from "./services/certificate-service.js";
import { IssuerKeys } from "./services/issuer-keys.js";
import { openPlayerStore } from "./store/open-player-store.js";

export interface CommandIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Network access for keys and status lists given as URLs (tests pass a stub or the real fetch). */
  fetch?: typeof fetch;
  clock?: () => Date;
}

/** A mistake in how the command was called: exit code 2. */
export class CommandUsageError extends Error {}

export const verifyCredentialHelp = `obuka verify-credential — check an Open Badges 3.0 certificate (VC-JWT) offline

Usage:
  obuka verify-credential <file.jwt> [--jwks <url|file>] [--status-list <url|file>] [--offline]
      Verifies the signature with the issuer's public keys (--jwks, else the issuer's
      /.well-known/jwks.json), the dates, and revocation in the issuer's status list
      (--status-list, else the URL the credential names; --offline skips it).
      Prints the verdict; exit code 0 only when the certificate is valid, 1 otherwise.`;

export const revokeCertificateHelp = `obuka revoke-certificate — revoke a certificate in the player's data

Usage:
  obuka revoke-certificate <code> --reason <text> [--data-dir <dir>]
      Flips the certificate's bit in the status list; the verification page, the
      verifier's lookup and offline verifiers then report it revoked, with the reason.
      The certificates are in <data dir>/player.sqlite, or in PostgreSQL with $DATABASE_URL.`;

export const rotateIssuerKeyHelp = `obuka rotate-issuer-key — start signing with a new issuer key

Usage:
  obuka rotate-issuer-key [--data-dir <dir>]
      Adds a new Ed25519 key to the issuer key file ($OBUKA_ISSUER_KEY, else
      <data dir>/issuer-keys.json); the old keys stay in /.well-known/jwks.json, so
      certificates signed with them still verify. Restart the server(s) afterwards.`;

export async function rotateIssuerKeyCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = parse(() => parseArgs({ args, options: { "data-dir": { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: false, strict: true }));
  if (parsed.values.help) {
    io.stdout(rotateIssuerKeyHelp);
    return 0;
  }
  const keys = await IssuerKeys.open(issuerKeyFile(parsed.values["data-dir"], io), io.clock ?? (() => new Date()));
  const kid = await keys.rotate();
  io.stdout(`new signing key: ${kid}; the JWKS lists ${keys.jwks().keys.length} keys. Restart the server(s) to sign with it.`);
  return 0;
}

function issuerKeyFile(dataDirOption: string | undefined, io: CommandIo): string {
  const dataDir = path.resolve(io.cwd, dataDirOption ?? (io.env["OBUKA_DATA_DIR"] || "data"));
  return io.env["OBUKA_ISSUER_KEY"] ? path.resolve(io.cwd, io.env["OBUKA_ISSUER_KEY"]) : path.join(dataDir, "issuer-keys.json");
}

export async function verifyCredentialCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = parse(() => parseArgs({ args, options: { jwks: { type: "string" }, "status-list": { type: "string" }, offline: { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true }));
  if (parsed.values.help) {
    io.stdout(verifyCredentialHelp);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new CommandUsageError("verify-credential needs exactly one <file.jwt>; run obuka verify-credential --help");
  const file = parsed.positionals[0]!;
  const jwt = (await readFile(path.resolve(io.cwd, file), "utf8").catch(() => {
    throw new CommandUsageError(`${file}: no such file`);
  })).trim();
  const claims = safeClaims(jwt);
  const jwksSource = parsed.values.jwks ?? (claims.iss ? `${new URL(claims.iss).origin}/.well-known/jwks.json` : undefined);
  let verdict: CredentialVerdict;
  if (jwksSource === undefined) {
    verdict = { status: "malformed", detail: "the credential names no issuer and no --jwks was given", revocationChecked: false };
  } else {
    const jwks = await load(jwksSource, io).then((text) => JSON.parse(text) as JSONWebKeySet).catch((error: Error) => {
      throw new CommandUsageError(`--jwks ${jwksSource}: cannot read the issuer's keys (${error.message})`);
    });
    io.stdout(`keys: ${jwksSource}`);
    const listSource = parsed.values.offline ? parsed.values["status-list"] : (parsed.values["status-list"] ?? claims.statusList);
    // An unreadable status list is passed on as garbage, so the verdict is "status-unverifiable", never "valid".
    const statusListJwt = listSource === undefined ? undefined : await load(listSource, io).catch(() => "unreadable status list");
    if (listSource !== undefined) io.stdout(`status list: ${listSource}`);
    verdict = await verifyOpenBadgeJwt(jwt, jwks, { now: (io.clock ?? (() => new Date()))(), ...(statusListJwt === undefined ? {} : { statusListJwt }) });
  }
  io.stdout(`${verdict.status}: ${verdict.detail}`);
  const c = verdict.credential;
  if (c) {
    io.stdout(`  holder:      ${c.credentialSubject.identifier[0]?.identityHash ?? c.credentialSubject.id}`);
    io.stdout(`  programme:   ${c.credentialSubject.achievement.name} (${c.credentialSubject.achievement.humanCode})`);
    io.stdout(`  points:      ${c.credentialSubject.creditsEarned}`);
    io.stdout(`  valid:       ${c.validFrom} – ${c.validUntil}`);
    io.stdout(`  issuer:      ${c.issuer.name} (${c.issuer.id})`);
  }
  return verdict.status === "valid" ? 0 : 1;
}

export async function revokeCertificateCommand(args: string[], io: CommandIo): Promise<number> {
  const parsed = parse(() => parseArgs({ args, options: { reason: { type: "string" }, "data-dir": { type: "string" }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true }));
  if (parsed.values.help) {
    io.stdout(revokeCertificateHelp);
    return 0;
  }
  if (parsed.positionals.length !== 1 || parsed.values.reason === undefined) throw new CommandUsageError("revoke-certificate needs <code> and --reason <text>; run obuka revoke-certificate --help");
  const dataDir = path.resolve(io.cwd, parsed.values["data-dir"] ?? (io.env["OBUKA_DATA_DIR"] || "data"));
  // With $DATABASE_URL the certificates are in PostgreSQL, as the server keeps them.
  const store = await openPlayerStore({ databaseUrl: io.env["DATABASE_URL"], sqliteFile: path.join(dataDir, "player.sqlite") });
  try {
    const keyFile = issuerKeyFile(parsed.values["data-dir"], io);
    const clock = io.clock ?? (() => new Date());
    const service = new CertificateService({ store, keys: await IssuerKeys.open(keyFile, clock), issuerName: "obuka", clock });
    const status = await service.revoke("cli", parsed.positionals[0]!, parsed.values.reason);
    io.stdout(`revoked: ${status.code} (${status.revocationReason ?? ""}) at ${status.revokedAt ?? ""}`);
    return 0;
  } finally {
    await store.close();
  }
}

function parse<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new CommandUsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The issuer and status list URL the credential claims, read without trusting them (only to know where to look). */
function safeClaims(jwt: string): { iss?: string; statusList?: string } {
  try {
    const payload = decodeJwt(jwt) as { iss?: unknown; credentialStatus?: { statusListCredential?: unknown } };
    const iss = typeof payload.iss === "string" && /^https?:\/\//.test(payload.iss) ? payload.iss : undefined;
    const list = payload.credentialStatus?.statusListCredential;
    return { ...(iss ? { iss } : {}), ...(typeof list === "string" && /^https?:\/\//.test(list) ? { statusList: list } : {}) };
  } catch {
    return {};
  }
}

async function load(source: string, io: CommandIo): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const response = await (io.fetch ?? fetch)(source);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  }
  return readFile(path.resolve(io.cwd, source), "utf8");
}
