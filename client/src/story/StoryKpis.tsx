/**
 * The chapter's KPI cards: live values of the presenter's session from the latest KPI sample (about once a
 * second), large enough to read across a room, each labelled with its period: "now" for a mean over the
 * sample's interval, "since <start>" for a running total. A difference below zero turns its label ("Fuel burnt
 * more") and shows its magnitude. Each card carries the raw value and the sample's simulated time (data-value,
 * data-sim-time) so a test can compare it with what the server sent.
 */
import { isRunningTotal, kpiValue, type StoryKpiKey } from '../../../shared/story/kpis';
import { periodStartText } from '../hud/format';
import { useTwin } from '../state/store';
import { kpiCard } from './kpiText';

export function StoryKpis({ keys }: { keys: readonly StoryKpiKey[] }) {
  const kpi = useTwin((s) => s.kpi);
  if (keys.length === 0) return null;
  return (
    <section className="story-kpis" aria-label="Key figures">
      {keys.map((key) => {
        const value = kpi ? kpiValue(kpi, key) : null;
        const card = value === null ? null : kpiCard(key, value);
        const period = !kpi ? '' : isRunningTotal(key) ? `since ${periodStartText(kpi.totalsFromS, kpi.simTimeS)}` : 'now';
        return (
          <div
            key={key}
            className="story-kpi story-panel"
            data-testid="story-kpi"
            data-kpi={key}
            data-value={value ?? ''}
            data-sim-time={kpi?.simTimeS ?? ''}
          >
            <div className="story-kpi-label">{card?.label ?? kpiCard(key, 0).label}</div>
            <div className="story-kpi-value">{card?.text ?? '—'}</div>
            <div className="story-kpi-period">{period}</div>
          </div>
        );
      })}
    </section>
  );
}
