/**
 * Per-socket command rate limit: a token bucket. The bucket holds at most `burst` tokens and refills at
 * `ratePerS` tokens per second; each request takes one, and a request finding the bucket empty is refused.
 * So a client may send `burst` requests at once, then `ratePerS` per second sustained.
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
    // A clock going backwards (should not happen with performance.now) must not mint tokens.
    const elapsedMs = Math.max(0, nowMs - this.lastMs);
    this.lastMs = Math.max(this.lastMs, nowMs);
    this.tokens = Math.min(this.limit.burst, this.tokens + (this.limit.ratePerS * elapsedMs) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token, for the error message. */
  retryAfterMs(): number {
    // The small epsilon keeps float noise (0.01 / 10 · 1000 = 1.0000000000000009) from adding a millisecond.
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.limit.ratePerS) * 1000 - 1e-9);
  }
}
