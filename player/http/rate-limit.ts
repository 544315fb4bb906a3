import type { NextFunction, Request, Response } from "express";

export interface RateLimit {
  /** Requests a client may make at once. */
  burst: number;
  /** Requests a client regains per minute. */
  perMinute: number;
}

/**
 * In-memory token buckets, one per client key; enough for one node (several nodes each
 * allow the limit). Full buckets are forgotten, so memory follows active clients only.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: () => Date,
    private readonly maxClients = 10_000,
  ) {
    if (!(limit.burst >= 1) || !(limit.perMinute > 0)) throw new RangeError("rate limit: burst must be ≥ 1 and perMinute > 0");
  }

  /** Takes one token for `key`; when none is left, says how many seconds until one is. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.clock().getTime();
    const perMs = this.limit.perMinute / 60_000;
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * perMs) : this.limit.burst;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
    }
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    this.forgetOldest();
    return { allowed: true };
  }

  private forgetOldest(): void {
    // Map keeps insertion order and take() re-inserts, so the first keys are the least recently seen.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxClients) return;
      this.buckets.delete(key);
    }
  }
}

/** Middleware: one token per request from the client's IP; 429 with Retry-After when none is left. */
export function rateLimitByIp(buckets: TokenBuckets, onLimited: (req: Request, res: Response, retryAfterSeconds: number) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const result = buckets.take(req.ip ?? req.socket.remoteAddress ?? "unknown");
    if (result.allowed) return next();
    res.setHeader("Retry-After", String(result.retryAfterSeconds));
    onLimited(req, res, result.retryAfterSeconds);
  };
}
