/**
 * A plant unit's state as the console writes it, from the frame's unit values (shared/protocol/frame.ts:
 * heatW, copOrSoc, mode 0 off / 1 starting / 2 running / 3 tripped / 4 maintenance): a word and a shape for the
 * state (never colour alone), the load and the COP or state of charge, each with its unit.
 */
import type { UnitSpec } from '../../../../shared/scenario/schema';

export interface UnitReadout {
  /** In words: off, starting, running, tripped, maintenance, charging, discharging, idle. */
  state: string;
  /** Its shape (training.css .tr-icon): ring, half, dot, cross, box, up, down. */
  shape: string;
  load: string;
  extra: string;
}

const HEAT_PUMP: Array<[string, string]> = [
  ['off', 'ring'],
  ['starting', 'half'],
  ['running', 'dot'],
  ['tripped', 'cross'],
  ['maintenance', 'box'],
];

/** Below this a store is idle rather than charging or discharging (W). */
const STORAGE_IDLE_W = 1e3;

export function mwText(w: number): string {
  return Number.isFinite(w) ? `${(w / 1e6).toFixed(2)} MW` : '— MW';
}

export function readUnit(kind: UnitSpec['kind'], heatW: number, copOrSoc: number, mode: number): UnitReadout {
  if (kind === 'storage') {
    const state = heatW > STORAGE_IDLE_W ? 'discharging' : heatW < -STORAGE_IDLE_W ? 'charging' : 'idle';
    const shape = state === 'discharging' ? 'up' : state === 'charging' ? 'down' : 'box';
    return { state, shape, load: mwText(Math.abs(heatW)), extra: `SoC ${(100 * copOrSoc).toFixed(0)} %` };
  }
  if (kind === 'heatPump') {
    const [state, shape] = HEAT_PUMP[Math.round(mode)] ?? ['unknown', 'box'];
    return { state, shape, load: mwText(heatW), extra: `COP ${copOrSoc > 0 ? copOrSoc.toFixed(2) : '–'}` };
  }
  const on = mode >= 1;
  return { state: on ? 'running' : 'off', shape: on ? 'dot' : 'ring', load: mwText(heatW), extra: '' };
}
