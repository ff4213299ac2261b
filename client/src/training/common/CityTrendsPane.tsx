/**
 * The pane the city shares with the trends: two tabs (arrow keys move between them, as the ARIA tabs pattern
 * has it). The city stays mounted under the trends, so switching back never rebuilds the 3D scene; the trends
 * mount when their tab opens (and then fetch the session's earlier history and the run's earlier samples).
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { CityScene } from '../../scene/CityScene';
import { TrendPanel } from './TrendPanel';
import type { DrawnObjectives, TrendBuffer } from './trendSeries';

type View = 'city' | 'trends';
const VIEWS: ReadonlyArray<{ id: View; label: string }> = [
  { id: 'city', label: 'City' },
  { id: 'trends', label: 'Trends' },
];

interface Props {
  className?: string;
  buffer: TrendBuffer;
  objectives: DrawnObjectives | null;
}

export function CityTrendsPane({ className, buffer, objectives }: Props) {
  const [view, setView] = useState<View>('city');
  const id = useId();
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = view === 'city' ? 'trends' : 'city';
    setView(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  return (
    <section className={className ? `tr-citypane ${className}` : 'tr-citypane'}>
      <div className="tr-tabs" role="tablist" aria-label="City or trends" onKeyDown={onKeyDown}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={`${id}-tab-${v.id}`}
            aria-selected={view === v.id}
            aria-controls={`${id}-panel-${v.id}`}
            tabIndex={view === v.id ? 0 : -1}
            onClick={() => setView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div className="tr-citypane-body">
        <div
          className="tr-city"
          role="tabpanel"
          id={`${id}-panel-city`}
          aria-labelledby={`${id}-tab-city`}
          aria-hidden={view !== 'city'}
        >
          <CityScene />
        </div>
        {view === 'trends' && (
          <div
            className="tr-trends-over"
            role="tabpanel"
            id={`${id}-panel-trends`}
            aria-labelledby={`${id}-tab-trends`}
          >
            <TrendPanel buffer={buffer} objectives={objectives} />
          </div>
        )}
      </div>
    </section>
  );
}
