import { issueApiKey, parseApiKey, secretMatches } from "../domain/api-keys.js";
import { NotFoundError } from "../errors.js";
import type { ApiKeyRecord, PlayerStore } from "../store/player-store.js";

export type ApiKeySummary = Omit<ApiKeyRecord, "secretHash">;

/** Portal API keys: an admin issues them, portals send them as Bearer tokens. */
export class ApiKeyService {
  constructor(private readonly deps: { store: PlayerStore; clock: () => Date }) {}

  /** Issues a key; the returned `key` is the only time its secret is visible. */
  async create(name: string): Promise<ApiKeySummary & { key: string }> {
    const issued = issueApiKey();
    const record: ApiKeyRecord = { keyId: issued.keyId, secretHash: issued.secretHash, name, createdAt: this.deps.clock().toISOString(), revokedAt: undefined };
    await this.deps.store.createApiKey(record);
    return { ...summarize(record), key: issued.key };
  }

  async list(): Promise<ApiKeySummary[]> {
    return (await this.deps.store.listApiKeys()).map(summarize);
  }

  async revoke(keyId: string): Promise<void> {
    if (!(await this.deps.store.revokeApiKey(keyId, this.deps.clock().toISOString()))) throw new NotFoundError("API key");
  }

  /** The active key a bearer value names, or undefined for anything else. */
  async authenticate(bearer: string): Promise<ApiKeySummary | undefined> {
    const parsed = parseApiKey(bearer);
    if (!parsed) return undefined;
    const record = await this.deps.store.findApiKey(parsed.keyId);
    if (!record || record.revokedAt !== undefined || !secretMatches(parsed.secret, record.secretHash)) return undefined;
    return summarize(record);
  }
}

function summarize(record: ApiKeyRecord): ApiKeySummary {
  return { keyId: record.keyId, name: record.name, createdAt: record.createdAt, revokedAt: record.revokedAt };
}
