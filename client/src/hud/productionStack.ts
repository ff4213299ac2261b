/**
 * Heat production by source over time, stacked: for the sources in SOURCE_KEYS order that produced anything in
 * the window, top_i(t) = sum_{j <= i} heatBySourceMW[key_j](t) (MW), so the band between top_{i-1} and top_i is
 * source i and the top line is the total heat made. Band i at a sample is heatBySourceMW[key_i]: the MW the
 * energy-flow diagram's band from that source into the network carries for the same sample (energyFlows.ts).
 */
import { SOURCE_KEYS } from './sourceColors';
import type { KpiSample } from '../../../shared/protocol/session';

export interface ProductionStack {
  keys: string[];
  /** Simulation times (s). */
  timesS: number[];
  /** tops[i][t]: the upper edge of source keys[i]'s band (MW). */
  tops: number[][];
}

export function stackProduction(history: readonly KpiSample[]): ProductionStack {
  const keys = SOURCE_KEYS.filter((k) => history.some((h) => (h.heatBySourceMW[k] ?? 0) > 0));
  const timesS = history.map((h) => h.simTimeS);
  const tops: number[][] = [];
  let below = history.map(() => 0);
  for (const k of keys) {
    const top = history.map((h, t) => below[t] + Math.max(0, h.heatBySourceMW[k] ?? 0));
    tops.push(top);
    below = top;
  }
  return { keys, timesS, tops };
}
