/**
 * Steady hydraulic + thermal solve of comb tree networks, the case pandapipes was timed on (0.11 s for
 * 1,000 consumers, 1.23 s for 10,000; docs/validation.md, Speed references). Prints one JSON line per
 * size: median and best of the
 * repeated full solves after warm-up.
 */
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../shared/scenario/validate';
import { generateComb, COMB_GROUND_C, COMB_RETURN_C, COMB_SUPPLY_C } from '../server/generator/comb';
import { compileScenario } from '../server/sim/compile';
import { createSteadySolver } from '../server/sim/network/steady';
import { DH_WATER } from '../server/sim/water';

for (const consumers of [1_000, 10_000]) {
  const comb = generateComb({ consumers, seed: 1 });
  const model = compileScenario(parseScenario(comb.scenario));
  const consumerNode = Int32Array.from(model.buildingNode);
  const solver = createSteadySolver(model.topology, DH_WATER, model.rootNode, { friction: 'colebrook' });
  const inputs = {
    supplyC: COMB_SUPPLY_C,
    groundC: COMB_GROUND_C,
    consumerNode,
    consumerHeatW: Float64Array.from(comb.loadsW),
    consumerReturnC: COMB_RETURN_C,
    staticPressurePa: 3e5,
    dpSetpointPa: 1e5,
  };
  const runs = consumers <= 1000 ? 400 : 60;
  for (let i = 0; i < 20; i++) solver.solve(inputs);
  const times: number[] = [];
  let result = solver.solve(inputs);
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = solver.solve(inputs);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      case: 'network',
      consumers,
      pipes: model.topology.pipeCount,
      medianMs: times[times.length >> 1],
      bestMs: times[0],
      converged: result.converged,
      plantHeatMW: result.plantHeatW / 1e6,
      lossPct: (100 * result.heatLossW) / result.plantHeatW,
    }),
  );
}
