/**
 * The consoles' trend buffer: a ring per tag of the scenario that grows up to its capacity and then lets the
 * oldest go; the plants' and units' values from a frame, the readings' measured values (kPa) and the KPI fields
 * each into their tags' rings; the columns for a window, with the run's recorded samples before the rings'
 * first and gaps where a source had no value; which earlier samples a chart still lacks; time going back starts
 * everything afresh.
 */
import { describe, expect, it } from 'vitest';
import { createFrame, type Frame } from '../../shared/protocol/frame';
import type { History, KpiSample } from '../../shared/protocol/session';
import type { Readings } from '../../shared/protocol/training';
import { parseScenario } from '../../shared/scenario/validate';
import { SUPPLY_TX_TAG, trendTags, WORST_DP_TX_TAG } from '../../shared/training/trendTags';
import {
  askedEarlier,
  createTrendBuffer,
  limitLines,
  missingEarlier,
  pushFrame,
  pushKpi,
  pushReadings,
  SampleRing,
  setEarlier,
  setHistory,
  setTags,
  trendColumns,
  type TrendBuffer,
} from '../../client/src/training/common/trendSeries';
import { smallCity } from '../fixtures/smallCity';

const scenario = parseScenario(smallCity());
const UNITS = scenario.plants.flatMap((p) => p.units);
const HP1 = 'unit:dc-hp1:heatMW';
const T0 = 1_000_000;

function frameAt(simTimeS: number, hp1W: number): Frame {
  const frame = createFrame({ buildings: 0, pipes: 0, plants: scenario.plants.length, units: UNITS.length });
  frame.header.simTimeS = simTimeS;
  frame.units.heatW[UNITS.findIndex((u) => u.id === 'dc-hp1')] = hp1W;
  frame.plants.outletC[0] = 85;
  return frame;
}

const readings = (simTimeS: number, supplyC: number | null): Readings => ({
  simTimeS,
  transmitters: [
    { sensor: 'supplyTemperature', measured: supplyC },
    { sensor: 'worstDp', measured: 80_000 },
  ],
});

function buffer(): TrendBuffer {
  const b = createTrendBuffer();
  setTags(b, trendTags(scenario));
  return b;
}

describe('a sample ring', () => {
  it('grows up to its capacity, then keeps the newest, and starts afresh when time goes back', () => {
    const ring = new SampleRing(1000);
    for (let i = 0; i < 1500; i++) ring.push(i, i * 2);
    expect(ring.length).toBe(1000);
    expect([ring.firstTime(), ring.lastTime()]).toEqual([500, 1499]);
    const [times, values] = ring.between(1495, 1497);
    expect(times).toEqual([1495, 1496, 1497]);
    expect(values).toEqual([2990, 2992, 2994]);
    ring.push(1499, 0);
    expect(ring.length).toBe(1000);
    ring.push(10, NaN);
    expect(ring.length).toBe(1);
    expect(ring.between(-Infinity, Infinity)).toEqual([[10], [null]]);
  });
});

describe('the trend buffer', () => {
  it('keeps a ring per tag of the scenario, fed by frames, readings and KPI samples', () => {
    const b = buffer();
    expect(b.rings.size).toBe(trendTags(scenario).length);
    let told = 0;
    b.listeners.add(() => told++);
    pushFrame(b, frameAt(T0, 3e5));
    pushReadings(b, readings(T0 + 1, 84));
    pushKpi(b, { simTimeS: T0 + 2, unmetHeatMW: 0.2, supplySetpointC: 90 } as KpiSample);
    pushFrame(b, frameAt(T0 + 3, 4e5));
    expect(told).toBe(4);
    expect(b.latestS).toBe(T0 + 3);
    expect(b.setpointC).toBe(90);
    const [times, hp1, supply, dp, unmet, outlet] = trendColumns(
      b,
      [HP1, SUPPLY_TX_TAG, WORST_DP_TX_TAG, 'kpi:unmetHeatMW', 'plant:main:supplyC'],
      [],
      -Infinity,
      Infinity,
    );
    expect(times).toEqual([T0, T0 + 1, T0 + 2, T0 + 3]);
    // A tag without a sample at a time is left undefined there (spanned); the frames' values in MW.
    expect(hp1).toEqual([0.3, undefined, undefined, 0.4]);
    expect(supply).toEqual([undefined, 84, undefined, undefined]);
    expect(dp).toEqual([undefined, 80, undefined, undefined]);
    expect(unmet).toEqual([undefined, undefined, 0.2, undefined]);
    expect(outlet).toEqual([85, undefined, undefined, 85]);
  });

  it('leaves a gap (null) where a transmitter gave no reading, and draws the limits across', () => {
    const b = buffer();
    for (const [t, c] of [[0, 80], [1, null], [2, 81]] as const) pushReadings(b, readings(T0 + t, c));
    const limits = limitLines({ supplyBelowSetpointK: 3 }, [SUPPLY_TX_TAG], 90);
    expect(limits).toEqual([expect.objectContaining({ tagId: SUPPLY_TX_TAG, unit: '°C', value: 87 })]);
    expect(trendColumns(b, [SUPPLY_TX_TAG], limits, T0, T0 + 2)).toEqual([
      [T0, T0 + 1, T0 + 2],
      [80, null, 81],
      [87, 87, 87],
    ]);
  });

  it('asks once for the recorded samples before the rings\' first, and draws them before the ring', () => {
    const b = buffer();
    expect(missingEarlier(b, [HP1], -Infinity), 'nothing live yet').toBeNull();
    pushFrame(b, frameAt(T0 + 600, 5e5));
    pushFrame(b, frameAt(T0 + 601, 5e5));
    expect(missingEarlier(b, [HP1], T0 + 600), 'the window begins with the ring').toBeNull();
    const missing = missingEarlier(b, [HP1, SUPPLY_TX_TAG], T0);
    expect(missing).toEqual({ tags: [HP1, SUPPLY_TX_TAG], toS: T0 + 600 });
    askedEarlier(b, missing!.tags, missing!.toS);
    expect(missingEarlier(b, [HP1, SUPPLY_TX_TAG], T0), 'asked already').toBeNull();
    setEarlier(b, { times: [T0, T0 + 60, T0 + 600], columns: { [HP1]: [0.1, null, 0.2] } }, T0 + 600);
    const [times, hp1] = trendColumns(b, [HP1], [], T0 + 30, Infinity);
    expect(times).toEqual([T0 + 60, T0 + 600, T0 + 601]);
    // The recorded sample at the ring's first time gives way to the ring's.
    expect(hp1).toEqual([null, 0.5, 0.5]);
  });

  it('takes the session\'s KPI history where the run\'s record gave nothing', () => {
    const b = buffer();
    pushKpi(b, { simTimeS: T0 + 900, unmetHeatMW: 0.3, supplySetpointC: 90 } as KpiSample);
    const rows = [
      [T0, 0.1],
      [T0 + 300, 0.2],
    ];
    const history: History = { resolutionS: 300, columns: ['simTimeS', 'unmetHeatMW'], rows };
    setHistory(b, history);
    expect(trendColumns(b, ['kpi:unmetHeatMW'], [], -Infinity, Infinity)).toEqual([
      [T0, T0 + 300, T0 + 900],
      [0.1, 0.2, 0.3],
    ]);
  });

  it('starts afresh when time goes back, and ignores what was asked before', () => {
    const b = buffer();
    pushFrame(b, frameAt(T0 + 600, 5e5));
    askedEarlier(b, [HP1], T0 + 600);
    const epoch = b.epoch;
    pushKpi(b, { simTimeS: T0 + 700, unmetHeatMW: 0, supplySetpointC: 90 } as KpiSample);
    pushKpi(b, { simTimeS: T0 + 100, unmetHeatMW: 0, supplySetpointC: 90 } as KpiSample);
    expect(b.epoch).toBe(epoch + 1);
    expect(b.latestS).toBe(T0 + 100);
    expect(b.rings.get(HP1)!.length).toBe(0);
    expect(b.earlier.size).toBe(0);
    pushFrame(b, frameAt(T0 + 101, 5e5));
    expect(missingEarlier(b, [HP1], T0)).toEqual({ tags: [HP1], toS: T0 + 101 });
  });
});
