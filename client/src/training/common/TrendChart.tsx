/**
 * The trend chart (uPlot): the chosen tags over the chosen window of simulated time (the last minutes, the
 * whole run, or minutes of the run from and to), the first unit on the left axis and the second on the right,
 * the objectives' limits as dashed horizontal lines. Drawn imperatively whenever the buffer takes a sample, so
 * new samples never re-render React; only a new selection, window or size rebuilds the chart.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TrendTag } from '../../../../shared/training/trendTags';
import { chartAxis, timeAxis, useChartSize, utcDate } from '../../hud/chartStyle';
import { trainingStore } from '../../state/trainingStore';
import { limitLines, trendColumns, unitsOf, type DrawnObjectives, type TrendBuffer } from './trendSeries';

export type PresetRange = '15min' | '1h' | 'run';
/** A preset, or minutes of the run (from its start) from and to. */
export type TrendRange = PresetRange | { fromMin: number; toMin: number };

export const PRESETS: ReadonlyArray<{ id: PresetRange; label: string; seconds: number | null }> = [
  { id: '15min', label: 'Last 15 min', seconds: 15 * 60 },
  { id: '1h', label: 'Last 1 h', seconds: 3600 },
  { id: 'run', label: 'Whole run', seconds: null },
];

/** Time-axis steps (s): whole minutes at least, as the axis writes clock times without seconds. */
const TIME_STEPS_S = [60, 120, 300, 600, 900, 1800, 3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600, 86_400];

/** The run's start (s, simulated), from a line of its record or its score; null before either has come. */
export function runStartS(latestS: number | null): number | null {
  const { events, score } = trainingStore.getState();
  if (events.length > 0) return events[0].simTimeS - events[0].atS;
  if (score && latestS !== null) return latestS - score.atS;
  return null;
}

/** The window of simulated time (s) a range shows now: unbounded ends where what bounds them is not known. */
export function rangeWindow(range: TrendRange, latestS: number | null): [number, number] {
  const toS = latestS ?? Infinity;
  const startS = runStartS(latestS);
  if (typeof range !== 'string') {
    if (startS === null) return [-Infinity, Infinity];
    return [startS + 60 * range.fromMin, startS + 60 * range.toMin];
  }
  const seconds = PRESETS.find((r) => r.id === range)?.seconds ?? null;
  if (seconds === null) return [startS ?? -Infinity, toS];
  return [toS - seconds, toS];
}

/** A tag as drawn: its colour on this chart. */
export interface DrawnTag {
  tag: TrendTag;
  color: string;
}

interface Props {
  buffer: TrendBuffer;
  drawn: readonly DrawnTag[];
  range: TrendRange;
  objectives: DrawnObjectives | null;
}

export function TrendChart({ buffer, drawn, range, objectives }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const size = useChartSize(box);
  useEffect(() => {
    const el = box.current;
    if (!el || !size) return;
    const ids = drawn.map((d) => d.tag.id);
    const colorOf = (id: string) => drawn.find((d) => d.tag.id === id)?.color ?? '';
    const units = unitsOf(drawn.map((d) => d.tag));
    const axisOf = (unit: string) => ({ ...chartAxis(), scale: unit, label: unit, size: 60 });
    let plot: uPlot | null = null;
    let plotted = '';
    let shown: [number, number] = [-Infinity, Infinity];
    // The x axis spans the window where it is known, else what the samples span.
    const xRange = (_u: uPlot, min: number, max: number): uPlot.Range.MinMax => [
      Number.isFinite(shown[0]) ? shown[0] : min,
      Number.isFinite(shown[1]) ? shown[1] : max,
    ];
    const draw = () => {
      const limits = limitLines(objectives, ids, buffer.setpointC);
      shown = rangeWindow(range, buffer.latestS);
      const data = trendColumns(buffer, ids, limits, shown[0], shown[1]);
      const limitsId = limits.map((l) => l.label).join();
      if (plot && limitsId === plotted) {
        plot.setData(data);
        return;
      }
      plot?.destroy();
      plotted = limitsId;
      const axes = [{ ...timeAxis(), incrs: TIME_STEPS_S }, axisOf(units[0] ?? '')];
      if (units[1]) axes.push({ ...axisOf(units[1]), side: 1, grid: { show: false } });
      plot = new uPlot(
        {
          width: size.width,
          height: size.height,
          tzDate: utcDate,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: true, range: xRange } },
          axes,
          series: [
            {},
            ...drawn.map((d) => ({
              label: d.tag.label,
              stroke: d.color,
              width: 2,
              scale: d.tag.unit,
              points: { show: false },
            })),
            ...limits.map((l) => ({
              label: l.label,
              stroke: colorOf(l.tagId),
              width: 1.5,
              dash: [8, 6],
              scale: l.unit,
              points: { show: false },
            })),
          ],
        },
        data,
        el,
      );
    };
    draw();
    buffer.listeners.add(draw);
    return () => {
      buffer.listeners.delete(draw);
      plot?.destroy();
    };
  }, [buffer, drawn, range, objectives, size]);
  return <div className="tr-trend-chart" ref={box} data-testid="trend-chart" />;
}
