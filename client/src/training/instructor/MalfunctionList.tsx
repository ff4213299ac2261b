/**
 * The malfunctions in force (each with "Clear") and those still to enter or end, the exercise's and the
 * instructor's (malfunction `list`). Asked for again whenever the run's record gains a malfunction line, and every
 * few seconds for the schedule's own entries.
 */
import { useCallback, useState } from 'react';
import type { Malfunction } from '../../../../shared/protocol/commands';
import type { RunEventKind } from '../../../../shared/protocol/training';
import { useTwin } from '../../state/store';
import { useTraining } from '../../state/trainingStore';
import { clearTarget, describe } from './malfunctionForm';
import { CommandError, useCommand } from './useCommand';
import { usePolling } from './usePolling';

interface Pending {
  atMin: number;
  kind: 'malfunction' | 'cleared';
  text: string;
  by: 'exercise' | 'instructor';
}

const REFRESH_MS = 5000;
const LIST_KINDS: ReadonlySet<RunEventKind> = new Set(['scheduled', 'malfunction', 'cleared']);

export function MalfunctionList() {
  const { busy, error, send } = useCommand();
  const live = useTwin((s) => s.connection === 'live');
  const [active, setActive] = useState<Malfunction[]>([]);
  const [scheduled, setScheduled] = useState<Pending[]>([]);
  // Lines that change the list: a new one asks for it again at once.
  const changes = useTraining((s) => s.events.filter((e) => LIST_KINDS.has(e.kind)).length);

  const refresh = useCallback(async () => {
    const ack = await send({ type: 'malfunction', action: 'list' });
    if (!ack.ok) return;
    const result = ack.result as { active?: Malfunction[]; scheduled?: Pending[] };
    setActive(result.active ?? []);
    setScheduled(result.scheduled ?? []);
  }, [send]);

  usePolling(() => void refresh(), REFRESH_MS, live, changes);

  async function clear(m: Malfunction) {
    if (m.kind === 'heatPumpTrip') return;
    const ack = await send({ type: 'malfunction', action: 'clear', kind: m.kind, ...clearTarget(m) });
    if (ack.ok) await refresh();
  }

  return (
    <div className="ins-malfunction-lists">
      <h3>In force</h3>
      {active.length === 0 && <p className="ins-muted">None.</p>}
      <ul className="ins-list" data-testid="active-malfunctions">
        {active.map((m) => (
          <li key={JSON.stringify(m)}>
            <span>{describe(m)}</span>
            <button type="button" disabled={busy} onClick={() => void clear(m)}>
              Clear
            </button>
          </li>
        ))}
      </ul>
      <h3>Scheduled</h3>
      {scheduled.length === 0 && <p className="ins-muted">Nothing still to come.</p>}
      <ul className="ins-list" data-testid="scheduled-malfunctions">
        {scheduled.map((p, i) => (
          <li key={`${p.atMin}-${p.kind}-${p.text}-${i}`}>
            <span>
              <span className="tr-num">min {Number(p.atMin.toFixed(1))}</span> {p.kind === 'cleared' ? 'ends: ' : ''}
              {p.text} <span className="ins-muted">({p.by})</span>
            </span>
          </li>
        ))}
      </ul>
      <CommandError error={error} />
    </div>
  );
}
