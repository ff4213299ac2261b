/**
 * The exercise's limits watched step by step (shared/training/exercise.ts, objectives): the seconds each was
 * broken, from the simulation's outputs.
 *   supply  the main plant's outlet more than supplyBelowSetpointK below the supply curve's set-point for the
 *           outdoor temperature (the operator's offset or override is the trainee's own doing, not the limit)
 *   dp      the differential pressure at the worst-placed consumer, dp = H - C_worst (network/pump.ts: the
 *           plant's own drop is not modelled), below worstConsumerDpPa
 *   indoor  some building below indoor.belowC for longer than indoor.graceMin; a building already below it when
 *           the trainee takes over is left out (its cause is older than the exercise: an undersized or fouled
 *           substation on the coldest day, a night setback)
 * A step counts whole: a limit broken at its end is taken as broken over it (the outputs are the step's).
 */
import type { Objectives } from '../../shared/training/exercise';
import type { SimulationOutputs } from '../sim';
import { supplySetpointC, type SupplyCurve } from '../sim/control/supplyCurve';

export type ObjectiveName = 'supply' | 'dp' | 'indoor';

export interface ObjectiveMeter {
  objectives: Objectives;
  curve: SupplyCurve;
  /** Seconds each limit was broken. */
  brokenS: Record<ObjectiveName, number>;
  /** Per building: seconds it has been below the indoor limit, without a break. */
  coldForS: Float64Array;
  /** Per building: 1 when it was below the indoor limit at the start, and is not watched. */
  coldAtStart: Uint8Array;
}

/** A meter for the objectives, from the buildings' indoor temperatures when the trainee takes over (°C). */
export function createObjectiveMeter(objectives: Objectives, curve: SupplyCurve, indoorAtStartC: ArrayLike<number>): ObjectiveMeter {
  const belowC = objectives.indoor?.belowC ?? -Infinity;
  const coldAtStart = Uint8Array.from({ length: indoorAtStartC.length }, (_, i) => (indoorAtStartC[i] < belowC ? 1 : 0));
  return { objectives, curve, brokenS: { supply: 0, dp: 0, indoor: 0 }, coldForS: new Float64Array(indoorAtStartC.length), coldAtStart };
}

/** Which limits the outputs of the step just taken break; adds dtS to each. */
export function watchObjectives(meter: ObjectiveMeter, out: SimulationOutputs, dtS: number): void {
  const o = meter.objectives;
  if (o.supplyBelowSetpointK !== undefined) {
    const main = out.plants.find((p) => p.isMain);
    const curveC = supplySetpointC(meter.curve, out.outdoorC);
    if (main && main.outletC < curveC - o.supplyBelowSetpointK) meter.brokenS.supply += dtS;
  }
  if (o.worstConsumerDpPa !== undefined && out.pump.headPa - out.pump.worstCircuitDropPa < o.worstConsumerDpPa) {
    meter.brokenS.dp += dtS;
  }
  if (o.indoor !== undefined) {
    const graceS = o.indoor.graceMin * 60;
    let anyTooLong = false;
    for (let i = 0; i < meter.coldForS.length; i++) {
      if (meter.coldAtStart[i]) continue;
      meter.coldForS[i] = out.indoorC[i] < o.indoor.belowC ? meter.coldForS[i] + dtS : 0;
      if (meter.coldForS[i] > graceS) anyTooLong = true;
    }
    if (anyTooLong) meter.brokenS.indoor += dtS;
  }
}
