/**
 * The pane the city shares with the trends: two tabs (arrow keys move between them, as the ARIA tabs pattern
 * has it). The city stays mounted under the trends, so switching back never rebuilds the 3D scene; the trends
 * mount when their tab opens (and then fetch the session's earlier history and the run's earlier samples).
 */
import { useId, useState } from 'react';
import { CityScene } from '../../scene/CityScene';
import { TabList, tabPanelProps, type Tab } from './TabList';
import { TrendPanel } from './TrendPanel';
import type { DrawnObjectives, TrendBuffer } from './trendSeries';

type View = 'city' | 'trends';
const VIEWS: ReadonlyArray<Tab<View>> = [
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
  return (
    <section className={className ? `tr-citypane ${className}` : 'tr-citypane'}>
      <TabList tabs={VIEWS} open={view} onOpen={setView} idBase={id} label="City or trends" />
      <div className="tr-citypane-body">
        <div className="tr-city" {...tabPanelProps(id, 'city')} aria-hidden={view !== 'city'}>
          <CityScene />
        </div>
        {view === 'trends' && (
          <div className="tr-trends-over" {...tabPanelProps(id, 'trends')}>
            <TrendPanel buffer={buffer} objectives={objectives} />
          </div>
        )}
      </div>
    </section>
  );
}
