/**
 * A small uPlot time series that is fed point by point (on the HUD tick) and redrawn imperatively, without React
 * renders. Series on the left axis share one unit (kW, MW, kg/s); series on the right axis are temperatures (°C).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartAxis, timeAxis, useChartSize, utcDate } from './chartStyle';

export interface SeriesSpec {
  label: string;
  color: string;
  axis: 'left' | 'right';
}

/** Points kept: at the 2 Hz HUD tick, six minutes of wall time. */
const MAX_POINTS = 720;

export function useLiveSeriesChart(
  box: RefObject<HTMLDivElement | null>,
  specs: readonly SeriesSpec[],
  leftUnit: string,
): (timeS: number, values: readonly number[]) => void {
  const size = useChartSize(box);
  // The series and the unit are fixed for the chart's life: the panel is keyed by its selection, so only a
  // resize rebuilds the chart.
  const [series] = useState(() => ({ specs, leftUnit }));
  const data = useRef<number[][]>([[], ...specs.map(() => [])]);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const { specs, leftUnit } = series;
    const el = box.current;
    if (!el || !size) return;
    const left = { ...chartAxis(), scale: 'left', label: leftUnit };
    const right = { ...chartAxis(), scale: '°C', side: 1 as const, size: 56, grid: { show: false } };
    const u = new uPlot(
      {
        width: size.width,
        height: size.height,
        tzDate: utcDate,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: true },
          left: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] },
          // At least 2 K tall, so a steady indoor temperature does not fill the chart with tiny ticks.
          '°C': { range: (_u, min, max) => (max - min < 2 ? [(min + max) / 2 - 1, (min + max) / 2 + 1] : [min - 0.5, max + 0.5]) },
        },
        axes: [timeAxis(), left, right],
        series: [{}, ...specs.map((s) => ({ label: s.label, stroke: s.color, width: 2, scale: s.axis === 'left' ? 'left' : '°C', points: { show: false } }))],
      },
      data.current as uPlot.AlignedData,
      el,
    );
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
  }, [box, series, size]);
  return useCallback((timeS: number, values: readonly number[]) => {
    // Time going back (a loop restart, a restore) starts the series afresh.
    const last = data.current[0].at(-1);
    if (last !== undefined && timeS < last) data.current = data.current.map(() => []);
    const d = data.current;
    const times = d[0];
    if (times.length > 0 && timeS === times[times.length - 1]) return;
    times.push(timeS);
    for (let i = 0; i < values.length; i++) d[i + 1].push(values[i]);
    if (times.length > MAX_POINTS) for (const col of d) col.shift();
    plot.current?.setData(d as uPlot.AlignedData);
  }, []);
}
