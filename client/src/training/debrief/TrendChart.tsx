/**
 * The run's trend on one axis of minutes from the exercise's start (uPlot): the measured supply temperature (°C,
 * left) and worst-point differential pressure (kPa, right), the truth behind them dashed for the instructor, the
 * dp objective as a dashed line, and a vertical marker per malfunction, trainee's action and alarm (each its own
 * dash, not colour alone). The caption says what is drawn and what cannot be: the supply limit is relative to a
 * set-point the record does not hold.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartAxis, useChartSize } from '../../hud/chartStyle';
import type { RunTrendAnswer } from '../../../../shared/protocol/runs';
import type { Marker, MarkerKind } from './timeline';

export const MARKER_STYLE: Record<MarkerKind, { color: string; dash: number[]; words: string }> = {
  malfunction: { color: '#ff6b6b', dash: [], words: 'solid red: malfunction' },
  action: { color: '#69f0ae', dash: [8, 5], words: "dashed green: trainee's action" },
  alarm: { color: '#ffca28', dash: [2, 4], words: 'dotted yellow: alarm' },
};

interface Props {
  trend: RunTrendAnswer;
  startS: number;
  durationMin: number | null;
  markers: readonly Marker[];
  withTruth: boolean;
}

type Column = Array<number | null>;

function drawMarkers(u: uPlot, markers: readonly Marker[]): void {
  const { ctx, bbox } = u;
  for (const m of markers) {
    const style = MARKER_STYLE[m.kind];
    const x = Math.round(u.valToPos(m.minute, 'x', true));
    ctx.save();
    ctx.strokeStyle = style.color;
    ctx.lineWidth = 2 * uPlot.pxRatio;
    ctx.setLineDash(style.dash.map((d) => d * uPlot.pxRatio));
    ctx.beginPath();
    ctx.moveTo(x, bbox.top);
    ctx.lineTo(x, bbox.top + bbox.height);
    ctx.stroke();
    ctx.restore();
  }
}

export function TrendChart({ trend, startS, durationMin, markers, withTruth }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const size = useChartSize(box);
  useEffect(() => {
    const el = box.current;
    if (!el || !size) return;
    const pts = trend.points;
    const kPa = (pa: number | null | undefined) => (pa === null || pa === undefined ? null : pa / 1000);
    const dpLimit = trend.limits.worstConsumerDpPa;
    const line = (label: string, stroke: string, scale: string, dash?: number[]) => ({
      label,
      stroke,
      scale,
      width: 2,
      dash,
      points: { show: false },
    });
    const series: uPlot.Series[] = [{ label: 'Minutes from start' }, line('Supply, measured (°C)', '#ffb74d', '°C')];
    const data: Column[] = [pts.map((p) => (p.simTimeS - startS) / 60), pts.map((p) => p.supplyC)];
    if (withTruth) {
      series.push(line('Supply, truth (°C)', '#ffe0b2', '°C', [6, 4]));
      data.push(pts.map((p) => p.supplyTruthC ?? null));
    }
    series.push(line('Worst-point dp, measured (kPa)', '#4fc3f7', 'kPa'));
    data.push(pts.map((p) => kPa(p.worstDpPa)));
    if (withTruth) {
      series.push(line('Worst-point dp, truth (kPa)', '#b3e5fc', 'kPa', [6, 4]));
      data.push(pts.map((p) => kPa(p.worstDpTruthPa)));
    }
    if (dpLimit !== undefined) {
      series.push(line('dp limit (kPa)', '#f48fb1', 'kPa', [12, 6]));
      data.push(pts.map(() => dpLimit / 1000));
    }
    const xMax = Math.max(durationMin ?? 0, ...(data[0] as number[]), ...markers.map((m) => m.minute));
    const u = new uPlot(
      {
        width: size.width,
        height: size.height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [0, Math.max(1, xMax)] } },
        axes: [
          { ...chartAxis(), label: 'Minutes from the exercise\'s start (min)' },
          { ...chartAxis(), scale: '°C', label: 'Supply (°C)' },
          { ...chartAxis(), scale: 'kPa', label: 'Worst-point dp (kPa)', side: 1, grid: { show: false } },
        ],
        series,
        hooks: { draw: [(plot) => drawMarkers(plot, markers)] },
      },
      data as uPlot.AlignedData,
      el,
    );
    return () => u.destroy();
  }, [trend, startS, durationMin, markers, withTruth, size]);
  return <div ref={box} className="db-chart" data-testid="trend-chart" />;
}
