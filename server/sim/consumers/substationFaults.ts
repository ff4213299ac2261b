/**
 * Short circuits in faulty substations (scenario `network.substationFaults`): a fixed opening that passes
 * shortCircuitShare of the substation's design flow (kg/s) from supply to return whatever the load. Which
 * substations are faulty is drawn once, from the scenario's seed: exactly round(share · n) of the connected ones.
 * The flow scales with the differential pressure the pump holds (networkStages.ts), like the consumer branch.
 * Sources: Gadd & Werner 2015, "Fault detection in district heating substations", Applied Energy 157 (faults in
 * 74 % of 135 substations); Månsson et al. 2019, Energy 180 (leakages among the most common faults).
 */
import type { Rng } from '../random';

export interface SubstationFaultSpec {
  share: number;
  shortCircuitShare: number;
}

/** Short-circuit flow per building at full differential pressure (kg/s; 0 where the substation is sound). */
export function shortCircuitFlowsKgS(
  spec: SubstationFaultSpec | undefined,
  designMassFlowKgS: Float64Array,
  buildingNode: Int32Array,
  rng: Rng,
): Float64Array {
  const flows = new Float64Array(designMassFlowKgS.length);
  if (!spec || spec.share <= 0 || spec.shortCircuitShare <= 0) return flows;
  const connected: number[] = [];
  buildingNode.forEach((node, i) => {
    if (node >= 0) connected.push(i);
  });
  // Partial Fisher-Yates: the first `faulty` entries become a uniform random subset.
  const faulty = Math.round(spec.share * connected.length);
  for (let k = 0; k < faulty; k++) {
    const j = k + Math.floor(rng.next() * (connected.length - k));
    [connected[k], connected[j]] = [connected[j], connected[k]];
    const b = connected[k];
    flows[b] = spec.shortCircuitShare * designMassFlowKgS[b];
  }
  return flows;
}
