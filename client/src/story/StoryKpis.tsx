/**
 * The chapter's KPI cards: live values of the presenter's session from the latest KPI sample (about once a
 * second), large enough to read across a room. Each card carries the raw value and the sample's simulated time
 * (data-value, data-sim-time) so a test can compare it with what the server sent.
 */
import { kpiPresentation, kpiValue, type StoryKpiKey } from '../../../shared/story/kpis';
import { useTwin } from '../state/store';
import { kpiText } from './kpiText';

export function StoryKpis({ keys }: { keys: readonly StoryKpiKey[] }) {
  const kpi = useTwin((s) => s.kpi);
  if (keys.length === 0) return null;
  return (
    <section className="story-kpis" aria-label="Key figures">
      {keys.map((key) => {
        const value = kpi ? kpiValue(kpi, key) : null;
        return (
          <div
            key={key}
            className="story-kpi story-panel"
            data-testid="story-kpi"
            data-kpi={key}
            data-value={value ?? ''}
            data-sim-time={kpi?.simTimeS ?? ''}
          >
            <div className="story-kpi-label">{kpiPresentation(key).label}</div>
            <div className="story-kpi-value">{value === null ? '—' : kpiText(key, value)}</div>
          </div>
        );
      })}
    </section>
  );
}
