/**
 * The control room's process alarms (server/alarms/processAlarms.ts) on a hand-made sequence of readings: the
 * on-delay, the deadband, the states an acknowledgement moves an alarm through, the order of the list and the
 * count over ten minutes.
 */
import { describe, expect, it } from 'vitest';
import { acknowledgeAlarms, alarmsInLastWindow, createProcessAlarms, sortedAlarms, watchAlarms, type ProcessAlarm } from '../server/alarms/processAlarms';
import { createLedger, FLOW } from '../server/sim/ledger';
import { HP_OFF, HP_TRIPPED } from '../server/sim/plant/heatPump';
import type { SimulationOutputs } from '../server/sim';
import { createPressureHolding } from '../server/sim/network/pressureHolding';

const DP_SET_PA = 100e3;

function outputs() {
  const ledger = createLedger();
  ledger.step[FLOW.heatDemandW] = 10e6;
  return {
    timeS: 0,
    supplySetpointC: 90,
    measured: { supplyC: 90, worstDpPa: DP_SET_PA },
    units: [{ kind: 'heatPump', id: 'hp-a', name: 'A', state: { mode: HP_OFF, tripReason: '' } }],
    ledger,
    pressureHolding: createPressureHolding(3e5),
  };
}

/** Hand-made outputs watched by the alarms: each change noted as `<time> <line>`, step(dt) advancing the time. */
function watching(line: (a: ProcessAlarm) => string) {
  const out = outputs();
  const o = out as unknown as SimulationOutputs;
  const alarms = createProcessAlarms(o, DP_SET_PA);
  const seen: string[] = [];
  const step = (dtS: number) => {
    out.timeS += dtS;
    watchAlarms(alarms, o, dtS, (a: ProcessAlarm) => seen.push(`${out.timeS} ${line(a)}`));
  };
  return { out, o, alarms, seen, step };
}

describe('process alarms', () => {
  it('raise after the on-delay, hold in the deadband, clear beyond it; acknowledgement moves them off the list', () => {
    const { out, alarms, seen, step } = watching((a) => `${a.tag} ${a.state}`);
    out.measured.supplyC = 86.5; // 3.5 K below: beyond the 3 K limit
    step(60);
    expect(seen).toEqual([]); // 60 s of the 120 s on-delay
    step(60);
    expect(seen).toEqual(['120 SUPPLY-TEMP-LOW active']);
    out.measured.supplyC = 87.5; // 2.5 K below: inside the deadband (clears above set-point - 2 K)
    step(60);
    expect(seen).toHaveLength(1);
    out.measured.supplyC = 88.5;
    step(60);
    expect(seen.at(-1)).toBe('240 SUPPLY-TEMP-LOW cleared'); // cleared, still unacknowledged: on the list
    expect(sortedAlarms(alarms).map((a) => a.state)).toEqual(['cleared']);
    expect(acknowledgeAlarms(alarms, 250).map((a) => a.tag)).toEqual(['SUPPLY-TEMP-LOW']);
    expect(alarms.list).toEqual([]); // cleared and acknowledged: gone

    // A trip raises at once (medium); acknowledged while active it stays listed until it clears.
    out.units[0].state.mode = HP_TRIPPED;
    out.units[0].state.tripReason = 'protection trip';
    out.measured.worstDpPa = 70e3; // below 80 %: high, after 60 s
    step(60);
    expect(sortedAlarms(alarms).map((a) => `${a.priority} ${a.tag} ${a.state}`)).toEqual([
      'high DP-WORST-LOW active',
      'medium HP-A-TRIP active',
    ]);
    expect(alarms.list.find((a) => a.tag === 'HP-A-TRIP')!.message).toBe('Heat pump A tripped: protection trip');
    expect(acknowledgeAlarms(alarms, 310, 'HP-A-TRIP')).toHaveLength(1);
    out.units[0].state.mode = HP_OFF;
    step(60);
    expect(alarms.list.map((a) => a.tag)).toEqual(['DP-WORST-LOW']);
    // A failed transmitter: no reading raises its own alarm at once.
    out.measured.supplyC = NaN;
    step(60);
    expect(alarms.list.map((a) => a.tag)).toContain('SUPPLY-TEMP-SENSOR-FAIL');
    // Raised in the last ten minutes: supply low (120 s) and its like are counted by time.
    expect(alarmsInLastWindow(alarms)).toBe(4);
    step(600);
    expect(alarmsInLastWindow(alarms)).toBe(0);
  });

  it('static pressure low (high, 30 s) and make-up at capacity (medium, 60 s), each with its deadband', () => {
    const { out, seen, step } = watching((a) => `${a.priority} ${a.tag} ${a.state}`);
    const h = out.pressureHolding;
    h.makeUpCapacityKgS = 5;
    h.leakKgS = 8;
    h.makeUpKgS = 5;
    h.staticPressurePa = 2.3e5; // below 80 % of 3 bar
    step(30);
    expect(seen).toEqual(['30 high STATIC-PRESSURE-LOW active']);
    step(30);
    expect(seen).toEqual(['30 high STATIC-PRESSURE-LOW active', '60 medium MAKEUP-AT-CAPACITY active']);
    h.staticPressurePa = 2.6e5; // inside the deadband (clears at 90 %)
    h.leakKgS = 4.7;
    h.makeUpKgS = 4.7; // above 90 % of the capacity: held
    step(60);
    expect(seen).toHaveLength(2);
    h.staticPressurePa = 2.8e5;
    h.leakKgS = 0;
    h.makeUpKgS = 0;
    step(60);
    expect(seen.slice(2)).toEqual(['180 high STATIC-PRESSURE-LOW cleared', '180 medium MAKEUP-AT-CAPACITY cleared']);
  });
});
