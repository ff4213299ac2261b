/**
 * The trend chart (uPlot): the chosen tags over the chosen range of simulated time, the first unit on the left
 * axis and the second on the right, the objectives' limits as dashed horizontal lines. Drawn imperatively
 * whenever the buffer takes a sample, so new samples never re-render React; only a new selection or a resize
 * rebuilds the chart.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartAxis, timeAxis, useChartSize, utcDate } from '../../hud/chartStyle';
import { trainingStore } from '../../state/trainingStore';
import {
  limitLines,
  TAGS,
  trendColumns,
  unitsOf,
  type DrawnObjectives,
  type TagId,
  type TrendBuffer,
} from './trendSeries';

export type TrendRange = '15min' | '1h' | 'run';

export const RANGES: ReadonlyArray<{ id: TrendRange; label: string; seconds: number | null }> = [
  { id: '15min', label: 'Last 15 min', seconds: 15 * 60 },
  { id: '1h', label: 'Last 1 h', seconds: 3600 },
  { id: 'run', label: 'Whole run', seconds: null },
];

/** Time-axis steps (s): whole minutes at least, as the axis writes clock times without seconds. */
const TIME_STEPS_S = [60, 120, 300, 600, 900, 1800, 3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600, 86_400];

/** The run's start (s, simulated): from a line of its record (simulation time less time into the run). */
function runStartS(latestS: number | null): number {
  const { events, score } = trainingStore.getState();
  if (events.length > 0) return events[0].simTimeS - events[0].atS;
  if (score && latestS !== null) return latestS - score.atS;
  return -Infinity;
}

function fromS(range: TrendRange, latestS: number | null): number {
  const seconds = RANGES.find((r) => r.id === range)?.seconds ?? null;
  if (seconds === null) return runStartS(latestS);
  return latestS === null ? -Infinity : latestS - seconds;
}

interface Props {
  buffer: TrendBuffer;
  tags: readonly TagId[];
  range: TrendRange;
  objectives: DrawnObjectives | null;
}

export function TrendChart({ buffer, tags, range, objectives }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const size = useChartSize(box);
  useEffect(() => {
    const el = box.current;
    if (!el || !size) return;
    const units = unitsOf(tags);
    const axisOf = (unit: string) => ({ ...chartAxis(), scale: unit, label: unit, size: 60 });
    let plot: uPlot | null = null;
    let plotted = '';
    const draw = () => {
      const limits = limitLines(objectives, tags, buffer.setpointC);
      const data = trendColumns(buffer, tags, limits, fromS(range, buffer.latestS));
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
          scales: { x: { time: true } },
          axes,
          series: [
            {},
            ...tags.map((t) => ({
              label: TAGS[t].label,
              stroke: TAGS[t].color,
              width: 2,
              scale: TAGS[t].unit,
              spanGaps: true,
              points: { show: false },
            })),
            ...limits.map((l) => ({
              label: l.label,
              stroke: l.color,
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
  }, [buffer, tags, range, objectives, size]);
  return <div className="tr-trend-chart" ref={box} data-testid="trend-chart" />;
}
