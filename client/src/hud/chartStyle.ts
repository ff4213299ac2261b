/** What the HUD's uPlot charts share: UTC calendar (simulation time has no zone), dark-theme axes, sizing to their box. */
import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import uPlot from 'uplot';

export function utcDate(ts: number): Date {
  return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');
}

export function chartAxis(): uPlot.Axis {
  return {
    stroke: '#e6edf3',
    grid: { stroke: 'rgba(255,255,255,0.12)', width: 1 },
    ticks: { stroke: 'rgba(255,255,255,0.25)', width: 1 },
    font: '600 13px system-ui, sans-serif',
    labelFont: '600 13px system-ui, sans-serif',
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Time axis in 24-hour clock time, with the date under the first tick and at each midnight. */
export function timeAxis(): uPlot.Axis {
  return {
    ...chartAxis(),
    values: (_u, ticks) =>
      ticks.map((t, i) => {
        const d = new Date(t * 1000);
        const hhmm = d.toISOString().slice(11, 16);
        return i === 0 || hhmm === '00:00' ? `${hhmm}\n${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` : hhmm;
      }),
  };
}

export interface ChartSize {
  width: number;
  height: number;
  /** The box's CSS font size, px: labels drawn in the chart keep the HUD's type size. */
  fontPx: number;
}

/** The pixel size and font size of a chart's box, following window resizes; null before layout. */
export function useChartSize(ref: RefObject<HTMLElement | null>): ChartSize | null {
  const [size, setSize] = useState<ChartSize | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      const fontPx = parseFloat(getComputedStyle(el).fontSize);
      if (width > 0 && height > 0) {
        setSize((s) => (s && s.width === width && s.height === height && s.fontPx === fontPx ? s : { width, height, fontPx }));
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
