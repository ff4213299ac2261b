/**
 * Heat production by source over the last 48 simulated hours (store.kpiHistory: the session's 5-minute history
 * from the join, then the live samples), as a stacked area chart (uPlot). The chart is drawn imperatively from a
 * store subscription, so new samples never re-render React; the legend below it shows the latest sample's
 * values ("now") and re-renders when the KPI does (about once a second).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { twinStore, useTwin } from '../state/store';
import { sourceColor, sourceLabel, SOURCE_KEYS } from './sourceColors';
import { stackProduction } from './productionStack';
import { mwText } from './format';
import { useChartSize, chartAxis, timeAxis, utcDate } from './chartStyle';
import { HudPanel } from './HudPanel';

export function ProductionChart() {
  return (
    <HudPanel id="production" title="Heat production · last 48 h" label="Heat production by source, last 48 hours">
      <ProductionPlot />
      <ProductionLegend />
    </HudPanel>
  );
}

function ProductionPlot() {
  const box = useRef<HTMLDivElement>(null);
  const size = useChartSize(box);
  useEffect(() => {
    const el = box.current;
    if (!el || !size) return;
    let plot: uPlot | null = null;
    let plotted = '';
    const draw = () => {
      const stack = stackProduction(twinStore.getState().kpiHistory);
      // Drawn top band first so each lower band paints over the one above it: stacked areas from plain fills.
      const order = stack.keys.map((_, i) => stack.keys.length - 1 - i);
      const data: uPlot.AlignedData = [stack.timesS, ...order.map((i) => stack.tops[i])];
      // How much simulated time the chart covers, for the browser test (history filled on join).
      el.dataset.spanS = String(stack.timesS.length > 1 ? stack.timesS[stack.timesS.length - 1] - stack.timesS[0] : 0);
      const keysId = stack.keys.join();
      if (plot && keysId === plotted) return plot.setData(data);
      plot?.destroy();
      plotted = keysId;
      const bands = order.map((i) => {
        const color = sourceColor(stack.keys[i]);
        return { label: sourceLabel(stack.keys[i]), stroke: color, fill: color, width: 1, points: { show: false } };
      });
      plot = new uPlot(
        {
          width: size.width,
          height: size.height,
          tzDate: utcDate,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.05)] } },
          axes: [timeAxis(), { ...chartAxis(), values: (_u, ticks) => ticks.map((t) => `${t}`), label: 'MW' }],
          series: [{}, ...bands],
        },
        data,
        el,
      );
    };
    draw();
    const unsubscribe = twinStore.subscribe((s, prev) => {
      if (s.kpiHistory !== prev.kpiHistory) draw();
    });
    return () => {
      unsubscribe();
      plot?.destroy();
    };
  }, [size]);
  return <div className="hud-chart" ref={box} data-testid="production-chart" />;
}

function ProductionLegend() {
  const kpi = useTwin((s) => s.kpi);
  if (!kpi) return null;
  const shown = SOURCE_KEYS.filter((k) => (kpi.heatBySourceMW[k] ?? 0) > 0.0005);
  return (
    <ul className="hud-swatches">
      <li className="hud-label">Now</li>
      {shown.map((k) => (
        <li key={k}>
          <span className="hud-swatch" style={{ background: sourceColor(k) }} />
          {sourceLabel(k)} <b>{mwText(kpi.heatBySourceMW[k])}</b>
        </li>
      ))}
    </ul>
  );
}
