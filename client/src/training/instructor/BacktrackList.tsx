/**
 * The moments the session keeps to jump back to (clock `backtracks`: every 10 simulated minutes and the start),
 * newest first, each with "Jump back" behind a confirmation: a restore takes back everything after it. The
 * session tells the events after that moment again as it runs on, so the log drops them here.
 */
import { useCallback, useState } from 'react';
import { simDateTime } from '../../hud/format';
import { trainingStore } from '../../state/trainingStore';
import { useTwin } from '../../state/store';
import { ConfirmButton } from './ConfirmButton';
import { CommandError, useCommand } from './useCommand';
import { usePolling } from './usePolling';

interface Backtrack {
  snapshotId: string;
  simTimeS: number;
}

/** How often the list is asked for again (ms): a new backtrack comes every 10 simulated minutes. */
const REFRESH_MS = 10_000;

export function BacktrackList() {
  const { busy, error, send } = useCommand();
  const [backtracks, setBacktracks] = useState<Backtrack[]>([]);
  const live = useTwin((s) => s.connection === 'live');

  const refresh = useCallback(async () => {
    const ack = await send({ type: 'clock', action: 'backtracks' });
    if (ack.ok && Array.isArray(ack.result)) setBacktracks((ack.result as Backtrack[]).slice().reverse());
  }, [send]);

  usePolling(() => void refresh(), REFRESH_MS, live);

  async function restore(b: Backtrack) {
    const ack = await send({ type: 'clock', action: 'restore', snapshotId: b.snapshotId });
    if (!ack.ok) return;
    trainingStore.setState((s) => ({ events: s.events.filter((e) => e.simTimeS <= b.simTimeS) }));
    await refresh();
  }

  return (
    <section className="tr-panel ins-panel" aria-labelledby="ins-backtracks-title">
      <h2 className="tr-h" id="ins-backtracks-title">Backtracks</h2>
      {backtracks.length === 0 && <p className="ins-muted">None yet.</p>}
      <ul className="ins-list" data-testid="backtracks">
        {backtracks.map((b) => {
          const t = simDateTime(b.simTimeS);
          return (
            <li key={b.snapshotId}>
              <span className="tr-num">
                {t.date} {t.time}
              </span>
              <ConfirmButton
                label="Jump back"
                question={`Jump back to ${t.time}?`}
                disabled={busy}
                onConfirm={() => void restore(b)}
              />
            </li>
          );
        })}
      </ul>
      <CommandError error={error} />
    </section>
  );
}
