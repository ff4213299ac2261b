/**
 * The design-case network calculation planners run (`npm run simulate -- --steady`): the network solved once,
 * hydraulically and thermally, at fixed conditions.
 * - Outdoor temperature: given, or the Finnish design temperature for the Helsinki region (-26 °C, as the
 *   buildings' design loads use). Supply temperature: given, or the scenario's supply curve at that outdoor
 *   temperature.
 * - Each connected building draws its steady heat loss UA·(T_set - T_out) (no gains: the design convention)
 *   plus its mean domestic hot water load; its return temperature is what its substation gives at the
 *   supply temperature (radiator class, heat exchanger approach).
 * - Ground temperature: the scenario's ground model on the coldest day.
 */
import type { CompiledModel } from './compile';
import { DESIGN_OUTDOOR_C } from './consumers/buildingParams';
import { solveSubstations } from './consumers/substation';
import { supplySetpointC } from './control/supplyCurve';
import { createSteadySolver } from './network/steady';
import { DH_WATER } from './water';
import { groundTemperatureC } from './weather/ground';
import { DAY_S } from './calendar';

export interface DesignCaseOptions {
  outdoorC?: number;
  supplyC?: number;
}

const YEAR_S = 365 * DAY_S;

export function solveDesignCase(model: CompiledModel, options: DesignCaseOptions = {}) {
  const { scenario, buildings, buildingNode } = model;
  const outdoorC = options.outdoorC ?? DESIGN_OUTDOOR_C;
  const supplyC = options.supplyC ?? supplySetpointC(model.supplyCurve, outdoorC);
  const groundC = groundTemperatureC(scenario.ground, (scenario.ground.coldestDay - 1) * DAY_S);

  const n = buildings.count;
  const demandW = new Float64Array(n);
  const spaceW = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (buildingNode[i] < 0) continue;
    spaceW[i] = Math.max(0, buildings.uaWPerK[i] * (buildings.setpointC[i] - outdoorC));
    demandW[i] = spaceW[i] + buildings.dhwAnnualJ[i] / YEAR_S;
  }
  const flow = new Float64Array(n);
  const returnC = new Float64Array(n);
  solveSubstations(
    model.substations,
    new Float64Array(n).fill(supplyC),
    1,
    demandW,
    spaceW,
    flow,
    returnC,
    new Float64Array(n),
    new Float64Array(n),
  );

  const connected = Array.from(buildingNode.keys()).filter((i) => buildingNode[i] >= 0);
  const solver = createSteadySolver(model.topology, DH_WATER, model.rootNode);
  const r = solver.solve({
    supplyC,
    groundC,
    consumerNode: Int32Array.from(connected, (i) => buildingNode[i]),
    consumerHeatW: Float64Array.from(connected, (i) => demandW[i]),
    consumerReturnC: Float64Array.from(connected, (i) => returnC[i]),
    staticPressurePa: scenario.network.staticPressurePa,
    dpSetpointPa: scenario.network.dpSetpointPa,
    pumpMaxHeadPa: scenario.network.pumpMaxHeadPa,
    pumpEfficiency: scenario.network.pumpEfficiency,
  });

  const round = (v: number, digits = 4) => Number(v.toFixed(digits));
  const pipes = model.pipeIds.map((id, p) => ({
    id,
    massFlowKgS: round(r.massFlowKgS[p]),
    velocityMS: round(r.velocityMS[p]),
    dpPa: round(r.dpPa[p], 1),
    supplyInletC: round(r.supplyInletC[p], 3),
    supplyOutletC: round(r.supplyOutletC[p], 3),
    returnInletC: round(r.returnInletC[p], 3),
    returnOutletC: round(r.returnOutletC[p], 3),
    heatLossW: round(r.supplyLossW[p] + r.returnLossW[p], 1),
  }));
  const nodes = model.nodeIds.map((id, k) => ({
    id,
    supplyPressurePa: round(r.supplyPressurePa[k], 1),
    returnPressurePa: round(r.returnPressurePa[k], 1),
    supplyC: round(r.supplyNodeC[k], 3),
    returnC: round(r.returnNodeC[k], 3),
  }));
  const totals = {
    outdoorC,
    supplyC,
    groundC: round(groundC, 2),
    consumers: connected.length,
    plantHeatMW: round(r.plantHeatW / 1e6),
    consumerHeatMW: round(r.consumerHeatW / 1e6),
    heatLossMW: round(r.heatLossW / 1e6),
    plantMassFlowKgS: round(r.plantMassFlowKgS, 3),
    plantReturnC: round(r.plantReturnC, 3),
    pumpHeadKPa: round(r.pump.headPa / 1e3, 2),
    pumpElectricityKW: round(r.pump.electricityW / 1e3, 2),
    setpointHeld: r.pump.setpointHeld,
    iterations: r.iterations,
    converged: r.converged,
  };
  const summary = [
    `${scenario.name}: design case at ${outdoorC} °C outdoor, ${supplyC.toFixed(1)} °C supply, ground ${groundC.toFixed(1)} °C`,
    `  ${connected.length} consumers draw ${totals.consumerHeatMW} MW; plant makes ${totals.plantHeatMW} MW at ${totals.plantMassFlowKgS} kg/s, return ${totals.plantReturnC} °C`,
    `  pipe heat losses ${totals.heatLossMW} MW; pump head ${totals.pumpHeadKPa} kPa, ${totals.pumpElectricityKW} kW, set-point ${totals.setpointHeld ? 'held' : 'NOT held'}`,
    `  solved in ${totals.iterations} iterations (${totals.converged ? 'converged' : 'NOT converged'}); --json lists every pipe and node`,
  ].join('\n');
  return { scenario: scenario.id, ...totals, pipes, nodes, summary };
}
