/**
 * A run's debrief on one time axis, minutes from the exercise's start: where that start is, and the moments worth
 * a marker on the trend (the malfunctions the instructor's record holds, the trainee's commands that were carried
 * out, the alarms), each with words for the timeline's rows.
 */
import { describeCommand } from '../../../../shared/protocol/describe';
import type { RunDetail, RunTrendAnswer } from '../../../../shared/protocol/runs';

export type MarkerKind = 'malfunction' | 'action' | 'alarm';

export interface Marker {
  /** Minutes from the exercise's start. */
  minute: number;
  kind: MarkerKind;
  text: string;
}

/** The exercise's start (simulation time, s): the trend's, else what the first event tells, else the first point. */
export function startOf(detail: RunDetail, trend: RunTrendAnswer): number {
  const first = detail.events[0];
  return trend.startS ?? (first ? first.simTimeS - first.atS : (trend.points[0]?.simTimeS ?? 0));
}

export function markersOf(detail: RunDetail, startS: number): Marker[] {
  const minute = (simTimeS: number) => (simTimeS - startS) / 60;
  const markers: Marker[] = [];
  for (const e of detail.events) {
    if (e.kind !== 'malfunction' && e.kind !== 'alarm') continue;
    markers.push({ minute: minute(e.simTimeS), kind: e.kind, text: e.text });
  }
  for (const a of detail.actions)
    if (a.who.kind === 'trainee' && a.ok && !a.undone && a.simTimeS !== null)
      markers.push({ minute: minute(a.simTimeS), kind: 'action', text: `${a.who.name}: ${describeCommand(a.command)}` });
  return markers.sort((a, b) => a.minute - b.minute);
}

/** Minutes from the start as the page writes them: T+12.5 min. */
export const minuteText = (minute: number): string => `T+${(Math.round(minute * 10) / 10).toFixed(1)} min`;
