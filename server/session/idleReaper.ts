/**
 * Deletes private sessions nobody has watched for a while. Presentations, "watch live" and training each start a
 * session (a worker thread); a browser that closes without deleting its session would otherwise hold one of the
 * registry's few slots for good. The public session is never reaped.
 *
 * A session counts as watched at a sweep when it has at least one socket client; it is deleted at the first sweep
 * that finds it unwatched for idleMs or longer (so the delay is idleMs to idleMs + the sweep interval).
 */
import type { SessionDirectory } from '../transport/types';

export interface IdleReaperOptions {
  sessions: SessionDirectory;
  clientsOf(sessionId: string): number;
  idleMs: number;
  /** Wall clock (ms); injectable for tests. */
  now?: () => number;
  onReaped?(sessionId: string): void;
}

export interface IdleReaper {
  /** Looks at every private session once; resolves when the idle ones are deleted. */
  sweep(): Promise<void>;
}

export function createIdleReaper(opts: IdleReaperOptions): IdleReaper {
  const now = opts.now ?? Date.now;
  const lastWatchedMs = new Map<string, number>();
  return {
    async sweep() {
      const t = now();
      const live = new Set<string>();
      for (const s of opts.sessions.list()) {
        if (s.isPublic) continue;
        live.add(s.id);
        const seen = lastWatchedMs.get(s.id);
        if (opts.clientsOf(s.id) > 0 || seen === undefined) lastWatchedMs.set(s.id, t);
        else if (t - seen >= opts.idleMs && (await opts.sessions.delete(s.id))) {
          lastWatchedMs.delete(s.id);
          live.delete(s.id);
          opts.onReaped?.(s.id);
        }
      }
      for (const id of lastWatchedMs.keys()) if (!live.has(id)) lastWatchedMs.delete(id);
    },
  };
}
