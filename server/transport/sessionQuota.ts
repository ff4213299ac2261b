/**
 * Who may create a private session: each is a worker thread running a simulation, and there are few slots.
 * One address may create `sessionCreationRate` sessions over time and keep `sessionsPerAddress` alive at once,
 * and training sessions leave `reservedSessions` slots free for presentations and kiosks, so that a busy
 * classroom cannot stop an exhibit screen from starting its story. The registry keeps the overall limit.
 * Creators' addresses live here, by session id; sessions that ended (deleted, reaped when idle) drop out at
 * the next check.
 */
import type { SessionPurpose } from '../../shared/protocol/session';
import { AddressRateLimiter } from './rateLimit';
import type { EdgeLimits } from './limits';

export type QuotaVerdict = { ok: true } | { ok: false; status: 429 | 503; error: string; retryAfterS: number };

/** How long a refusal for lack of slots asks the client to wait: sessions end when deleted or idle. */
export const SLOT_RETRY_S = 60;

export class SessionQuota {
  private readonly creators = new Map<string, string>();
  private readonly rate: AddressRateLimiter;

  constructor(
    private readonly limits: Pick<EdgeLimits, 'sessionCreationRate' | 'sessionsPerAddress' | 'reservedSessions'>,
    private readonly maxSessions: number,
  ) {
    this.rate = new AddressRateLimiter(limits.sessionCreationRate);
  }

  /** May `address` create a session for `purpose` now? Takes a creation token when the answer is yes. */
  admit(address: string, purpose: SessionPurpose, liveSessionIds: readonly string[], nowMs: number): QuotaVerdict {
    const live = new Set(liveSessionIds);
    for (const id of this.creators.keys()) if (!live.has(id)) this.creators.delete(id);
    const { sessionsPerAddress, reservedSessions, sessionCreationRate } = this.limits;
    let mine = 0;
    for (const a of this.creators.values()) if (a === address) mine++;
    if (mine >= sessionsPerAddress)
      return { ok: false, status: 429, error: `sessions: at most ${sessionsPerAddress} live sessions per address; delete one first`, retryAfterS: SLOT_RETRY_S };
    const generalSlots = Math.max(0, this.maxSessions - reservedSessions);
    if (purpose === 'training' && live.size >= generalSlots)
      return {
        ok: false,
        status: 503,
        error: `sessions: all ${generalSlots} training slots are taken (${reservedSessions} of ${this.maxSessions} kept for presentations and kiosks)`,
        retryAfterS: SLOT_RETRY_S,
      };
    if (!this.rate.take(address, nowMs)) {
      const retryAfterS = Math.ceil(this.rate.retryAfterMs(address) / 1000);
      return {
        ok: false,
        status: 429,
        error: `sessions: too many created from this address (burst ${sessionCreationRate.burst}, then one per ${Math.round(1 / sessionCreationRate.ratePerS)} s)`,
        retryAfterS,
      };
    }
    return { ok: true };
  }

  /** Records who created a session. */
  created(sessionId: string, address: string): void {
    this.creators.set(sessionId, address);
  }
}
