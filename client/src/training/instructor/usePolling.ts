/**
 * Asks the server for something at once and then every `intervalMs` while `active`, and again at once whenever
 * `trigger` changes (a new line in the run's record that changes the answer). The latest `poll` is used, so a
 * panel passes a plain function.
 */
import { useEffect, useEffectEvent } from 'react';

export function usePolling(poll: () => void, intervalMs: number, active = true, trigger: unknown = null): void {
  const onPoll = useEffectEvent(poll);
  useEffect(() => {
    if (!active) return;
    const first = setTimeout(() => onPoll(), 0);
    const timer = setInterval(() => onPoll(), intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, intervalMs, trigger]);
}
