import { describe, it, expect } from 'vitest';
import { pipeVelocityMS } from '../client/src/hud/hydraulics';
import { readSelection, describeSelection } from '../client/src/hud/selectionReadings';
import { simDateTime, speedText } from '../client/src/hud/format';
import { createFrame } from '../shared/protocol/frame';
import type { Scenario } from '../shared/scenario/schema';

describe('pipe velocity', () => {
  it('is mass flow over density x area (v = m / (rho pi d^2 / 4), rho 970 kg/m3)', () => {
    // DN200 (d = 0.2 m): area 0.0314159 m2; 30.47 kg/s -> 30.47 / (970 * 0.0314159) = 1.0 m/s.
    expect(pipeVelocityMS(970 * Math.PI * 0.01, 0.2)).toBeCloseTo(1, 12);
    expect(pipeVelocityMS(-10, 0.1)).toBeCloseTo(-10 / (970 * Math.PI * 0.0025), 12);
  });
});

describe('simulation clock text', () => {
  it('reads the calendar in UTC (local standard time, no zone): 2025-01-20 is a Monday', () => {
    const t = Date.UTC(2025, 0, 20, 8, 30) / 1000;
    expect(simDateTime(t)).toEqual({ date: '2025-01-20', time: '08:30', weekday: 'Mon' });
    expect(speedText(3600)).toBe('x3600');
    expect(speedText(0)).toBe('paused');
  });
});

describe('selection readings from a frame', () => {
  const scenario = {
    buildings: [{ id: 'B1', use: 'office', footprint: [[0, 0], [1, 0], [1, 1]], heightM: 10, floorAreaM2: 2000, yearBuilt: 1975, setpointC: 21, nightSetbackK: 0 }],
    sources: [],
    network: { pipes: [{ id: 'P1', from: 'A', to: 'B', innerDiameterM: 0.1, roughnessM: 1e-4 }] },
    plants: [
      { id: 'p0', name: 'First', node: 'A', units: [{ id: 'b0', kind: 'boiler', fuel: 'gas', capacityW: 1e6, efficiency: 0.9 }] },
      {
        id: 'p1',
        name: 'Second',
        node: 'B',
        units: [
          { id: 'hp', kind: 'heatPump', source: 's', capacityW: 2e6 },
          { id: 'tank', kind: 'storage', volumeM3: 100, maxChargeW: 1e6, maxDischargeW: 1e6, lossWPerK: 1 },
        ],
      },
    ],
  } as unknown as Scenario;
  const frame = createFrame({ buildings: 1, pipes: 1, plants: 2, units: 3 });
  frame.buildings.demandW[0] = 45_000;
  frame.buildings.indoorC[0] = 20.5;
  frame.pipes.massFlowKgS[0] = -3;
  frame.plants.heatW[1] = 1.5e6;
  // Units plant by plant (frame.ts): the second plant's units are 1 and 2.
  frame.units.heatW[1] = 1.5e6;
  frame.units.copOrSoc[1] = 3.2;
  frame.units.mode[1] = 2;
  frame.units.heatW[2] = -2e5;
  frame.units.copOrSoc[2] = 0.4;

  it('finds a plant\'s units after the earlier plants\' units', () => {
    const r = readSelection(frame, scenario, { kind: 'plant', index: 1 })!;
    expect(r.units.map((u) => u.label)).toEqual(['hp', 'tank']);
    expect(r.units[0].text).toBe('1.50 MW · COP 3.20 · running');
    expect(r.units[1].text).toBe('200 kW charging · 40 % full');
    expect(r.values[0]).toBeCloseTo(1.5, 6);
  });

  it('shows a pipe\'s reversed flow and its speed', () => {
    const r = readSelection(frame, scenario, { kind: 'pipe', index: 0 })!;
    expect(r.rows[0].text).toBe('3.00 kg/s (B → A)');
    expect(r.rows[1].text).toBe(`${(3 / (970 * Math.PI * 0.0025)).toFixed(2)} m/s`);
  });

  it('gives a building\'s demand in kW for its chart and its facts', () => {
    const r = readSelection(frame, scenario, { kind: 'building', index: 0 })!;
    expect(r.values).toEqual([45, 0, 20.5]);
    const v = describeSelection(scenario, { kind: 'building', index: 0 })!;
    expect(v.facts.map((f) => f.text)).toEqual(['Office', '1975', '2,000 m²', 'not connected']);
  });
});
