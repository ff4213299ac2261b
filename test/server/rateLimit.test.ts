import { describe, it, expect } from 'vitest';
import { TokenBucket } from '../../server/transport/rateLimit';

// Token bucket, analytic: n(t) = min(burst, n0 + rate·t); a request needs one token.
describe('TokenBucket', () => {
  it('allows exactly `burst` requests at once, then refuses', () => {
    const b = new TokenBucket({ ratePerS: 10, burst: 20 }, 0);
    let ok = 0;
    for (let i = 0; i < 50; i++) if (b.take(0)) ok++;
    expect(ok).toBe(20);
  });

  it('refills at ratePerS: one token per 100 ms at 10/s', () => {
    const b = new TokenBucket({ ratePerS: 10, burst: 20 }, 0);
    for (let i = 0; i < 20; i++) b.take(0);
    expect(b.take(99)).toBe(false);
    expect(b.retryAfterMs()).toBe(1);
    expect(b.take(100)).toBe(true);
    expect(b.take(100)).toBe(false);
  });

  it('sustains ratePerS over a long run: burst + rate·T requests in T seconds', () => {
    const b = new TokenBucket({ ratePerS: 10, burst: 20 }, 0);
    let ok = 0;
    // A client hammering every millisecond for 10 s.
    for (let t = 0; t <= 10_000; t++) if (b.take(t)) ok++;
    expect(ok).toBe(20 + 10 * 10);
  });

  it('never holds more than burst, and a clock going backwards mints nothing', () => {
    const b = new TokenBucket({ ratePerS: 10, burst: 5 }, 0);
    let ok = 0;
    for (let i = 0; i < 10; i++) if (b.take(1e9)) ok++;
    expect(ok).toBe(5);
    expect(b.take(0)).toBe(false);
  });
});
