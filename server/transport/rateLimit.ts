/**
 * Request rate limits: token buckets, per socket (requests) or per client address (joins, session creation).
 * A bucket holds at most `burst` tokens and refills at `ratePerS` tokens per second; each request takes one,
 * and a request finding the bucket empty is refused. So a client may send `burst` requests at once, then
 * `ratePerS` per second sustained.
 *
 *   tokens(t) = min(burst, tokens(t0) + ratePerS · (t - t0) / 1000)        (t in ms)
 *
 * Time is passed in (ms, monotonic: performance.now()) so the bucket is deterministic under test.
 */
export interface RateLimit {
  ratePerS: number;
  burst: number;
}

export const DEFAULT_COMMAND_RATE: RateLimit = { ratePerS: 10, burst: 20 };

export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    private readonly limit: RateLimit,
    nowMs: number,
  ) {
    if (!(limit.ratePerS > 0) || !(limit.burst >= 1)) throw new RangeError('rate limit: ratePerS > 0 and burst >= 1');
    this.tokens = limit.burst;
    this.lastMs = nowMs;
  }

  /** Takes one token if there is one; false means "refuse this request". */
  take(nowMs: number): boolean {
    this.refill(nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled to its burst: it remembers nothing and may be forgotten. */
  isFull(nowMs: number): boolean {
    this.refill(nowMs);
    return this.tokens >= this.limit.burst;
  }

  private refill(nowMs: number): void {
    // A clock going backwards (should not happen with performance.now) must not mint tokens.
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.tokens = Math.min(this.limit.burst, this.tokens + (this.limit.ratePerS * elapsedMs) / 1000);
  }

  /** Milliseconds until the next token, for the error message. */
  retryAfterMs(): number {
    // The small epsilon keeps float noise (0.01 / 10 · 1000 = 1.0000000000000009) from adding a millisecond.
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.ratePerS) * 1000 - 1e-9);
  }
}

/**
 * One token bucket per client address (clientAddress.ts), for limits that a client must not dodge by opening
 * new sockets. Buckets that have refilled are forgotten, so the map holds only addresses active within about
 * burst / ratePerS seconds.
 */
export class AddressRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private nextSweepMs = 0;

  constructor(readonly limit: RateLimit) {}

  take(address: string, nowMs: number): boolean {
    if (nowMs >= this.nextSweepMs) this.sweep(nowMs);
    let bucket = this.buckets.get(address);
    if (!bucket) this.buckets.set(address, (bucket = new TokenBucket(this.limit, nowMs)));
    return bucket.take(nowMs);
  }

  /** Milliseconds until the address may try again. */
  retryAfterMs(address: string): number {
    return this.buckets.get(address)?.retryAfterMs() ?? 0;
  }

  /** Addresses currently remembered. */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(nowMs: number): void {
    for (const [address, bucket] of this.buckets) if (bucket.isFull(nowMs)) this.buckets.delete(address);
    this.nextSweepMs = nowMs + (1000 * this.limit.burst) / this.limit.ratePerS;
  }
}
