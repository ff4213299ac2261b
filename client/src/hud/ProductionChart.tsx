/**
 * Heat production by source over the last 48 simulated hours (store.kpiHistory), as a stacked area chart
 * (uPlot). The chart is drawn imperatively from a store subscription, so new samples never re-render React; the
 * legend below it shows the latest sample's values and re-renders when the KPI does (about once a second).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { twinStore, useTwin } from '../state/store';
import { sourceColor, sourceLabel, SOURCE_KEYS } from './sourceColors';
import { stackProduction } from './productionStack';
import { mwText } from './format';
import { useChartSize, chartAxis, timeAxis, utcDate } from './chartStyle';

export function ProductionChart() {
  const box = useRef<HTMLDivElement>(null);
  const size = useChartSize(box);
  useEffect(() => {
    const el = box.current;
    if (!el || !size) return;
    let plot: uPlot | null = null;
    let plotted = '';
    const draw = () => {
      const stack = stackProduction(twinStore.getState().kpiHistory);
      const keysId = stack.keys.join();
      if (!plot || keysId !== plotted) {
        plot?.destroy();
        plotted = keysId;
        // Drawn top band first so each lower band paints over the one above it: stacked areas from plain fills.
        const order = stack.keys.map((_, i) => stack.keys.length - 1 - i);
        plot = new uPlot(
          {
            width: size.width,
            height: size.height,
            tzDate: utcDate,
            legend: { show: false },
            cursor: { show: false },
            scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.05)] } },
            axes: [timeAxis(), { ...chartAxis(), values: (_u, ticks) => ticks.map((t) => `${t}`), label: 'MW' }],
            series: [{}, ...order.map((i) => ({ label: sourceLabel(stack.keys[i]), stroke: sourceColor(stack.keys[i]), fill: sourceColor(stack.keys[i]), width: 1, points: { show: false } }))],
          },
          [stack.timesS, ...order.map((i) => stack.tops[i])],
          el,
        );
      } else {
        const order = stack.keys.map((_, i) => stack.keys.length - 1 - i);
        plot.setData([stack.timesS, ...order.map((i) => stack.tops[i])]);
      }
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
  return (
    <section className="hud-panel hud-production" aria-label="Heat production by source, last 48 hours">
      <h2 className="hud-h">Heat production · last 48 h</h2>
      <div className="hud-chart" ref={box} />
      <ProductionLegend />
    </section>
  );
}

function ProductionLegend() {
  const kpi = useTwin((s) => s.kpi);
  if (!kpi) return null;
  const shown = SOURCE_KEYS.filter((k) => (kpi.heatBySourceMW[k] ?? 0) > 0.0005);
  return (
    <ul className="hud-swatches">
      {shown.map((k) => (
        <li key={k}>
          <span className="hud-swatch" style={{ background: sourceColor(k) }} />
          {sourceLabel(k)} <b>{mwText(kpi.heatBySourceMW[k])}</b>
        </li>
      ))}
    </ul>
  );
}
