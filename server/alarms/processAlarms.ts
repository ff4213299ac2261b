/**
 * Control-room process alarms, as an operator's alarm list has them (after ISA-18.2 / EEMUA 191, in outline):
 * each alarm has a tag, a priority (high, medium, low) and a limit on a measured value, raised once the value
 * has been beyond the limit for the alarm's on-delay and cleared once it is back inside the limit by the deadband;
 * the operator acknowledges it. States: active (unacknowledged), acknowledged (still active), cleared (returned
 * to normal, unacknowledged); acknowledged and cleared, it leaves the list.
 *
 * The alarms watch what the transmitters read (SimulationOutputs.measured), so a faulty transmitter raises no
 * alarm for what it hides, and its failure (no reading) is itself an alarm:
 *   SUPPLY-TEMP-LOW     high    supply transmitter below the set-point by more than 3 K for 120 s; clears above
 *                               set-point - 2 K
 *   DP-WORST-LOW        high    worst-point dp transmitter below 80 % of its set-point for 60 s; clears above 85 %
 *   STATIC-PRESSURE-LOW high    static pressure at the main plant below 80 % of its nominal for 30 s (the make-up
 *                               cannot keep up with a leak); clears above 90 %
 *   MAKEUP-AT-CAPACITY  medium  the make-up pumps feed all they can (a leak takes at least their capacity) for 60 s;
 *                               clears below 90 % of the capacity
 *   <sensor>-FAIL       medium  a transmitter gives no reading
 *   <heat pump>-TRIP    medium  a heat pump tripped (with its reason); clears when it is reset
 *   UNMET-HEAT          low     unmet heat above 5 % of demand (and 50 kW) for 15 min; clears below 2.5 %
 * Times are simulated seconds. Raises are counted over the last 10 minutes, so an alarm flood shows.
 * Pure and deterministic; allocation only when an alarm changes state.
 */
import type { SimulationOutputs } from '../sim';
import { FLOW } from '../sim/ledger';
import { HP_TRIPPED } from '../sim/plant/heatPump';

export type AlarmPriority = 'high' | 'medium' | 'low';
export type AlarmState = 'active' | 'acknowledged' | 'cleared';

/** One alarm on the list. */
export interface ProcessAlarm {
  tag: string;
  priority: AlarmPriority;
  message: string;
  state: AlarmState;
  raisedAtS: number;
  acknowledgedAtS: number | null;
  clearedAtS: number | null;
}

/** A condition watched: beyond its limit (true), back inside by the deadband (false), or in between (null). */
interface Rule {
  tag: string;
  priority: AlarmPriority;
  onDelayS: number;
  check(out: SimulationOutputs): boolean | null;
  message(out: SimulationOutputs): string;
}

export const FLOOD_WINDOW_S = 600;

export interface ProcessAlarms {
  readonly rules: Rule[];
  /** Per rule: seconds its condition has held, whether it is raised. */
  heldS: Float64Array;
  raised: Uint8Array;
  /** The alarm list, oldest first. */
  list: ProcessAlarm[];
  /** When alarms were raised (simulated s), for the count over the last FLOOD_WINDOW_S. */
  raisedTimesS: number[];
}

const SUPPLY_LOW_K = 3;
const SUPPLY_DEADBAND_K = 1;
const DP_LOW_SHARE = 0.8;
const DP_CLEAR_SHARE = 0.85;
const STATIC_LOW_SHARE = 0.8;
const STATIC_CLEAR_SHARE = 0.9;
const MAKEUP_CLEAR_SHARE = 0.9;
const UNMET_SHARE = 0.05;
const UNMET_MIN_W = 50e3;

/** Beyond `bad`, back below `good`, or in the deadband between. */
const band = (bad: boolean, good: boolean): boolean | null => (bad ? true : good ? false : null);

export function createProcessAlarms(out: SimulationOutputs, dpSetpointPa: number): ProcessAlarms {
  const rules: Rule[] = [
    {
      tag: 'SUPPLY-TEMP-LOW',
      priority: 'high',
      onDelayS: 120,
      check: (o) =>
        band(o.measured.supplyC < o.supplySetpointC - SUPPLY_LOW_K, o.measured.supplyC >= o.supplySetpointC - SUPPLY_LOW_K + SUPPLY_DEADBAND_K),
      message: (o) => `Supply temperature ${o.measured.supplyC.toFixed(1)} °C, set-point ${o.supplySetpointC.toFixed(1)} °C`,
    },
    {
      tag: 'DP-WORST-LOW',
      priority: 'high',
      onDelayS: 60,
      check: (o) => band(o.measured.worstDpPa < DP_LOW_SHARE * dpSetpointPa, o.measured.worstDpPa >= DP_CLEAR_SHARE * dpSetpointPa),
      message: (o) => `Differential pressure at the worst point ${(o.measured.worstDpPa / 1e3).toFixed(0)} kPa, set-point ${(dpSetpointPa / 1e3).toFixed(0)} kPa`,
    },
    {
      tag: 'STATIC-PRESSURE-LOW',
      priority: 'high',
      onDelayS: 30,
      check: (o) => {
        const h = o.pressureHolding;
        const nominal = h.nominalStaticPressurePa;
        const p = h.staticPressurePa;
        return band(p < STATIC_LOW_SHARE * nominal, p >= STATIC_CLEAR_SHARE * nominal);
      },
      message: (o) => {
        const h = o.pressureHolding;
        const kPa = (p: number) => (p / 1e3).toFixed(0);
        const stop = h.lowSuctionStop ? ': circulation pumps stopped on low suction pressure' : '';
        return `Static pressure ${kPa(h.staticPressurePa)} kPa, nominal ${kPa(h.nominalStaticPressurePa)} kPa${stop}`;
      },
    },
    {
      tag: 'MAKEUP-AT-CAPACITY',
      priority: 'medium',
      onDelayS: 60,
      check: (o) => {
        const h = o.pressureHolding;
        const atCapacity = h.leakKgS > 0 && h.makeUpKgS >= h.makeUpCapacityKgS;
        return band(atCapacity, h.makeUpKgS < MAKEUP_CLEAR_SHARE * h.makeUpCapacityKgS || h.leakKgS === 0);
      },
      message: (o) =>
        `Make-up water ${o.pressureHolding.makeUpKgS.toFixed(1)} kg/s, at the capacity of the pumps in service`,
    },
    {
      tag: 'SUPPLY-TEMP-SENSOR-FAIL',
      priority: 'medium',
      onDelayS: 0,
      check: (o) => Number.isNaN(o.measured.supplyC),
      message: () => 'Supply temperature transmitter: no reading',
    },
    {
      tag: 'DP-WORST-SENSOR-FAIL',
      priority: 'medium',
      onDelayS: 0,
      check: (o) => Number.isNaN(o.measured.worstDpPa),
      message: () => 'Worst-point differential pressure transmitter: no reading',
    },
    ...out.units.flatMap((u, i): Rule[] =>
      u.kind === 'heatPump'
        ? [
            {
              tag: `${u.id.toUpperCase()}-TRIP`,
              priority: 'medium',
              onDelayS: 0,
              check: (o) => {
                const unit = o.units[i];
                return unit.kind === 'heatPump' && unit.state.mode === HP_TRIPPED;
              },
              message: (o) => {
                const unit = o.units[i];
                return `Heat pump ${u.name} tripped${unit.kind === 'heatPump' && unit.state.tripReason ? `: ${unit.state.tripReason}` : ''}`;
              },
            },
          ]
        : [],
    ),
    {
      tag: 'UNMET-HEAT',
      priority: 'low',
      onDelayS: 900,
      check: (o) => {
        const demand = o.ledger.step[FLOW.heatDemandW];
        const unmet = o.ledger.step[FLOW.unmetHeatW];
        return band(unmet > UNMET_MIN_W && unmet > UNMET_SHARE * demand, unmet < 0.5 * UNMET_SHARE * demand || unmet < 0.5 * UNMET_MIN_W);
      },
      message: (o) => `Unmet heat ${(o.ledger.step[FLOW.unmetHeatW] / 1e6).toFixed(2)} MW`,
    },
  ];
  return { rules, heldS: new Float64Array(rules.length), raised: new Uint8Array(rules.length), list: [], raisedTimesS: [] };
}

/**
 * Watches the step just taken (dtS long, ending at out.timeS); calls onChange with each alarm raised or cleared.
 * A condition must hold for its on-delay before it raises; one back inside its deadband clears at once.
 */
export function watchAlarms(a: ProcessAlarms, out: SimulationOutputs, dtS: number, onChange: (alarm: ProcessAlarm) => void): void {
  const t = out.timeS;
  for (let r = 0; r < a.rules.length; r++) {
    const rule = a.rules[r];
    const beyond = rule.check(out);
    if (beyond === true && !a.raised[r]) {
      a.heldS[r] += dtS;
      if (a.heldS[r] < rule.onDelayS) continue;
      a.raised[r] = 1;
      a.heldS[r] = 0;
      const alarm: ProcessAlarm = { tag: rule.tag, priority: rule.priority, message: rule.message(out), state: 'active', raisedAtS: t, acknowledgedAtS: null, clearedAtS: null };
      // A tag still on the list unacknowledged from before comes back active: one line per tag.
      a.list = a.list.filter((x) => x.tag !== rule.tag);
      a.list.push(alarm);
      a.raisedTimesS.push(t);
      onChange(alarm);
    } else if (beyond === false) {
      a.heldS[r] = 0;
      if (!a.raised[r]) continue;
      a.raised[r] = 0;
      const alarm = a.list.find((x) => x.tag === rule.tag);
      if (!alarm) continue;
      alarm.clearedAtS = t;
      if (alarm.state === 'acknowledged') a.list = a.list.filter((x) => x !== alarm);
      else alarm.state = 'cleared';
      onChange(alarm);
    } else if (beyond === null && !a.raised[r]) {
      a.heldS[r] = 0;
    }
  }
  while (a.raisedTimesS.length > 0 && a.raisedTimesS[0] <= t - FLOOD_WINDOW_S) a.raisedTimesS.shift();
}

/**
 * Acknowledges one alarm by tag, or every alarm on the list (`tag` undefined), at time t. Returns the alarms
 * acknowledged; a cleared one leaves the list.
 */
export function acknowledgeAlarms(a: ProcessAlarms, t: number, tag?: string): ProcessAlarm[] {
  const done: ProcessAlarm[] = [];
  for (const alarm of a.list) {
    if (tag !== undefined && alarm.tag !== tag) continue;
    if (alarm.state === 'acknowledged') continue;
    alarm.acknowledgedAtS = t;
    alarm.state = alarm.state === 'cleared' ? 'cleared' : 'acknowledged';
    done.push(alarm);
  }
  a.list = a.list.filter((x) => !(x.state === 'cleared' && x.acknowledgedAtS !== null));
  return done;
}

/** The alarm list in the control room's order: priority, then newest first. */
export function sortedAlarms(a: ProcessAlarms): ProcessAlarm[] {
  const rank: Record<AlarmPriority, number> = { high: 0, medium: 1, low: 2 };
  return [...a.list].sort((x, y) => rank[x.priority] - rank[y.priority] || y.raisedAtS - x.raisedAtS);
}

/** Alarms raised in the last FLOOD_WINDOW_S (10 minutes). */
export function alarmsInLastWindow(a: ProcessAlarms): number {
  return a.raisedTimesS.length;
}
