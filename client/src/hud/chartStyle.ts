/** What the HUD's uPlot charts share: UTC calendar (simulation time has no zone), dark-theme axes, sizing to their box. */
import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import uPlot from 'uplot';
import { TIME_INCRS_S, TIME_TICK_SPACE_PX, timeTickLabels } from './timeAxis';

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

/** Width of one character of the axis font, about (CSS px): enough to tell whether a label fits. */
const AXIS_CHAR_PX = 7.5;

/**
 * Time axis in simulated time: whole minutes, hours or days, each label once (timeAxis.ts). A label centred on
 * a tick too near the chart's right end would be cut by the canvas edge, so it is left out.
 */
export function timeAxis(): uPlot.Axis {
  return {
    ...chartAxis(),
    space: TIME_TICK_SPACE_PX,
    incrs: TIME_INCRS_S,
    values: (u, ticks, _axis, _space, stepS) => {
      const widthPx = u.ctx.canvas.width / uPlot.pxRatio;
      const plotLeftPx = u.bbox.left / uPlot.pxRatio;
      return timeTickLabels(ticks, stepS).map((label, i) => {
        const rightEndPx = plotLeftPx + u.valToPos(ticks[i], 'x') + (label.length * AXIS_CHAR_PX) / 2;
        return rightEndPx > widthPx ? '' : label;
      });
    },
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
