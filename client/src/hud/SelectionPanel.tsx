/**
 * The panel for the clicked building, plant or pipe (store.selection): its facts, its live values (sampled on the
 * HUD tick, re-rendered only when their text changes) and a time series of them collected while it is selected.
 */
import { useEffect, useRef, useState } from 'react';
import { liveFrame } from '../net/liveFrame';
import { twinStore, useTwin } from '../state/store';
import type { Selection } from '../state/store';
import type { Scenario } from '../../../shared/scenario/schema';
import { useHudTick } from './hudTicker';
import { describeSelection, readSelection, sameReadings } from './selectionReadings';
import type { Row, SelectionLive } from './selectionReadings';
import { useLiveSeriesChart } from './useLiveSeriesChart';
import { HudPanel } from './HudPanel';

export function SelectionPanel() {
  const selection = useTwin((s) => s.selection);
  const scenario = useTwin((s) => s.scenario);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') twinStore.getState().select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!selection || !scenario) return null;
  // Keyed by the selection: a new one starts with fresh readings and an empty chart.
  return <SelectionDetails key={`${selection.kind}:${selection.index}`} scenario={scenario} selection={selection} />;
}

function SelectionDetails({ scenario, selection }: { scenario: Scenario; selection: NonNullable<Selection> }) {
  const view = describeSelection(scenario, selection);
  const read = (): SelectionLive | null => (liveFrame.frame ? readSelection(liveFrame.frame, scenario, selection) : null);
  const [live, setLive] = useState(read);
  const last = useRef({ version: -1, live });
  const chartBox = useRef<HTMLDivElement>(null);
  const push = useLiveSeriesChart(chartBox, view?.series ?? [], view?.leftUnit ?? '');
  useHudTick(() => {
    const frame = liveFrame.frame;
    if (!frame || liveFrame.version === last.current.version) return;
    last.current.version = liveFrame.version;
    const next = readSelection(frame, scenario, selection);
    if (next) push(frame.header.simTimeS, next.values);
    if (!sameReadings(last.current.live, next)) {
      last.current.live = next;
      setLive(next);
    }
  });
  if (!view) return null;
  const close = (
    <button type="button" className="hud-close" onClick={() => twinStore.getState().select(null)} aria-label="Close">
      ×
    </button>
  );
  return (
    <HudPanel
      id="selection"
      title={`${view.kind}: ${view.title}`}
      className="hud-selection"
      testId="selection-panel"
      headExtra={close}
    >
      <Rows rows={view.facts} className="hud-facts" />
      <div className="hud-label hud-period">Now</div>
      <Rows rows={live?.rows ?? []} className="hud-live" />
      {live && live.units.length > 0 && <Rows rows={live.units} className="hud-units" />}
      <div className="hud-label hud-period">Since selected</div>
      <ul className="hud-swatches hud-series-key">
        {view.series.map((s) => (
          <li key={s.label}>
            <span className="hud-swatch" style={{ background: s.color }} />
            {s.label} ({s.axis === 'left' ? view.leftUnit : '°C'})
          </li>
        ))}
      </ul>
      <div className="hud-chart hud-chart-small" ref={chartBox} />
    </HudPanel>
  );
}

function Rows({ rows, className }: { rows: Row[]; className: string }) {
  return (
    <dl className={`hud-rows ${className}`}>
      {rows.map((r) => (
        <div key={r.label} className="hud-row">
          <dt>{r.label}</dt>
          <dd>{r.text}</dd>
        </div>
      ))}
    </dl>
  );
}
