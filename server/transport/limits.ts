/**
 * What one client may take from the server, counted per client address (clientAddress.ts) or per socket.
 * Anonymous clients are the norm (exhibit screens, viewers), so these limits, not logins, keep one of them
 * from taking memory or session slots from the rest. Defaults allow a classroom or an exhibit hall behind
 * one NAT address.
 */
import { DEFAULT_MAX_SESSIONS } from '../session/registry';
import type { RateLimit } from './rateLimit';

export interface EdgeLimits {
  /** Sockets open at once from one address. */
  socketsPerAddress: number;
  /** Joins from one address (every socket together). */
  joinRate: RateLimit;
  /**
   * Bytes queued for one socket (engine.io's write buffer plus the WebSocket's buffered amount) past which the
   * socket is dropped, on top of the scenario it was sent on joining (which may itself be megabytes).
   */
  maxQueuedBytes: number;
  /** Private sessions created by one address. */
  sessionCreationRate: RateLimit;
  /** Private sessions alive at once that one address created. */
  sessionsPerAddress: number;
  /** Session slots kept for presentation and kiosk sessions; training sessions use the rest. */
  reservedSessions: number;
  /** Instructor login attempts from one address: a password guesser gets a few tries a minute. */
  loginRate: RateLimit;
  /** Trainees joining runs by code from one address: a classroom at once, no code guessing. */
  runJoinRate: RateLimit;
}

export function defaultEdgeLimits(maxSessions = DEFAULT_MAX_SESSIONS): EdgeLimits {
  return {
    socketsPerAddress: 32,
    joinRate: { ratePerS: 1, burst: 32 },
    maxQueuedBytes: 4 * 1024 * 1024,
    sessionCreationRate: { ratePerS: 1 / 30, burst: 6 },
    sessionsPerAddress: 4,
    reservedSessions: Math.ceil(maxSessions / 4),
    loginRate: { ratePerS: 1 / 10, burst: 10 },
    runJoinRate: { ratePerS: 1 / 2, burst: 40 },
  };
}
