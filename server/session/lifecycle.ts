/**
 * The lifecycle of a session's worker, as an explicit state machine, so that at most one worker is alive:
 *
 *   starting ──ready──> running ──restart──> restarting ──ready──> running
 *      │                  │  ▲                   │
 *      └──error──> failed ┘  └───────restart─────┘ (from failed too)
 *   any of these ──stop──> stopping ──> stopped (final: a stopped session never runs again)
 *
 * A restart while one is under way joins it; a stop wins over a restart under way (no worker survives).
 */
export type LifecycleState = 'starting' | 'running' | 'restarting' | 'failed' | 'stopping' | 'stopped';

const NEXT: Record<LifecycleState, readonly LifecycleState[]> = {
  starting: ['running', 'restarting', 'failed', 'stopping'],
  running: ['restarting', 'failed', 'stopping'],
  restarting: ['running', 'failed', 'stopping'],
  failed: ['restarting', 'stopping'],
  stopping: ['stopped'],
  stopped: [],
};

/** A lifecycle step the session's state does not allow (e.g. restarting a stopped session). */
export class SessionStateError extends Error {
  override name = 'SessionStateError';
}

export class Lifecycle {
  constructor(private current: LifecycleState = 'starting') {}

  get state(): LifecycleState {
    return this.current;
  }

  can(next: LifecycleState): boolean {
    return NEXT[this.current].includes(next);
  }

  to(next: LifecycleState): void {
    if (!this.can(next)) throw new SessionStateError(`session is ${this.current}: it cannot become ${next}`);
    this.current = next;
  }
}
