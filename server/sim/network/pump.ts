/**
 * Main circulation pump holding a differential-pressure set-point at the worst-placed consumer.
 *
 * The supply and the return are solved as two networks, each with its own flows, friction and water density
 * (hydraulics.ts). With p_s and p_r their node pressures, the pump's head H lifts the return at the plant to its
 * supply, so the consumer at node n sees
 *   dp_n = H - dp_plant - C_n,   C_n = (p_s(root) - p_s(n)) + (p_r(n) - p_r(root)),
 * C_n being the circuit drop out along the supply and back along the return: friction of both paths plus the
 * hydrostatic heads, which cancel only where both networks hold water of the same density. Holding
 * dp_n >= dpSetpoint everywhere needs the head
 *   H_req = dpSetpoint + max_n(C_n) + dp_plant,   H = min(H_req, H_max).
 * In a looped network the tree path drop equals any other path's drop once the loop equations are converged
 * (Kirchhoff's second law), so node pressures from the spanning tree are the network's.
 * When H_req > H_max the set-point is lost. Approximation for the flow the consumers then get: every
 * resistance in the circuit (pipes, plant, and the worst consumer's fully open valve, sized to take dpSetpoint
 * at its design flow) is fixed and quadratic in flow, so the system curve is H = H_req·φ² for flows scaled by φ:
 *   φ = sqrt(H_max / H_req),
 * i.e. the worst consumer's branch gets sqrt(available/required) of its flow with available branch dp =
 * dpSetpoint·H_max/H_req. (Laminar pipes and consumer valves that open further make the real φ somewhat larger.)
 * Pump electricity W = (m·φ/rho)·H/efficiency (hydraulic power over pump-and-motor efficiency), rho being the
 * density of the water the pump moves.
 * Duty and standby: the plant has a duty pump and a standby pump of the same rating. If the duty pump fails
 * and the standby one is not running, no pump makes head: H_max = 0, so φ = 0 and the consumers' flows stop
 * (no natural circulation is counted). Either pump running gives the full H_max (pumps in parallel share the
 * flow at the same head). Low suction pressure (the static pressure at the plant below the pumps' minimum,
 * pressureHolding.ts) stops both pumps by their protection: H_max = 0 the same way.
 */
export interface PumpResult {
  /** Head the pump makes (Pa), at most the maximum head. */
  headPa: number;
  /** Head it would need to hold the set-point (Pa). */
  requiredHeadPa: number;
  setpointHeld: boolean;
  /** Factor on consumer flows (1 when the set-point is held). */
  flowFactor: number;
  electricityW: number;
  /** Index into the consumer list of the worst-placed consumer (-1 if none). */
  worstConsumer: number;
  /** Circuit drop plant -> worst consumer -> plant, supply and return (Pa). */
  worstCircuitDropPa: number;
}

export function createPumpResult(): PumpResult {
  return {
    headPa: 0,
    requiredHeadPa: 0,
    setpointHeld: true,
    flowFactor: 1,
    electricityW: 0,
    worstConsumer: -1,
    worstCircuitDropPa: 0,
  };
}

/**
 * Worst-placed consumer: the largest circuit drop C_n over the consumers' nodes, from the node pressures of the
 * supply and of the return network (any reference each). Fills out.worstConsumer and out.worstCircuitDropPa.
 * Nodes marked in cutNode (cut off behind closed section valves) take no water and are left out: the pump holds
 * the differential pressure where consumers still draw.
 */
export function findWorstConsumer(
  rootNode: number,
  supplyPressurePa: Float64Array,
  returnPressurePa: Float64Array,
  consumerNode: Int32Array,
  out: PumpResult,
  cutNode?: Uint8Array,
): PumpResult {
  const supplyRoot = supplyPressurePa[rootNode];
  const returnRoot = returnPressurePa[rootNode];
  let worst = -1;
  let worstDrop = -Infinity;
  for (let c = 0; c < consumerNode.length; c++) {
    const n = consumerNode[c];
    if (cutNode !== undefined && cutNode[n] !== 0) continue;
    const d = supplyRoot - supplyPressurePa[n] + returnPressurePa[n] - returnRoot;
    if (d > worstDrop) {
      worstDrop = d;
      worst = c;
    }
  }
  out.worstConsumer = worst;
  out.worstCircuitDropPa = worst >= 0 ? worstDrop : 0;
  return out;
}

export interface PumpSpec {
  dpSetpointPa: number;
  pumpMaxHeadPa: number;
  pumpEfficiency: number;
  /** Pressure drop through the plant at the current flow (Pa). */
  plantDpPa: number;
}

/**
 * The most head the plant's pumps can make now (Pa): the rating while the duty or the standby pump runs, else 0;
 * 0 while they are stopped on low suction pressure.
 */
export function availablePumpHeadPa(
  ratedMaxHeadPa: number,
  dutyFailed: boolean,
  standbyOn: boolean,
  lowSuction: boolean,
): number {
  return !lowSuction && (!dutyFailed || standbyOn) ? ratedMaxHeadPa : 0;
}

/** Head, set-point state, flow factor and electricity from the worst circuit drop already in out. */
export function circulationPump(spec: PumpSpec, plantMassFlowKgS: number, densityKgM3: number, out: PumpResult): PumpResult {
  const required = spec.dpSetpointPa + out.worstCircuitDropPa + spec.plantDpPa;
  out.requiredHeadPa = required;
  if (required <= spec.pumpMaxHeadPa) {
    out.headPa = required;
    out.setpointHeld = true;
    out.flowFactor = 1;
  } else {
    out.headPa = spec.pumpMaxHeadPa;
    out.setpointHeld = false;
    out.flowFactor = Math.sqrt(spec.pumpMaxHeadPa / required);
  }
  out.electricityW = ((Math.abs(plantMassFlowKgS) * out.flowFactor) / densityKgM3) * out.headPa / spec.pumpEfficiency;
  return out;
}
