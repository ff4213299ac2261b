/** A full year of the default scenario, headless, at 60 s steps or the step given as the first argument (s);
 *  prints one JSON line. */
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../server/scenarios/load';
import { compileScenario } from '../server/sim/compile';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../server/sim';

const loaded = loadScenario('espoo-district');
const model = compileScenario(loaded.scenario);
const startS = dateToS(loaded.scenario.simulation.start);
const sim = createSimulation(model, { startS, seed: loaded.scenario.simulation.seed });
const inputs = createOperatorInputs(model);
const stepS = Number(process.argv[2] ?? 60);
if (!(stepS > 0) || DAY_S % stepS !== 0) throw new Error(`step must divide a day evenly (s), got ${process.argv[2]}`);
const steps = (365 * DAY_S) / stepS;
const t0 = performance.now();
for (let i = 0; i < steps; i++) stepSimulation(sim, inputs, stepS);
const seconds = (performance.now() - t0) / 1000;
const s = summarizeSimulation(sim);
console.log(
  JSON.stringify({
    case: 'year',
    buildings: model.buildings.count,
    pipes: model.topology.pipeCount,
    stepS,
    steps,
    seconds,
    microsecondsPerStep: (seconds * 1e6) / steps,
    balanceErrorPct: s.balanceErrorPct,
    wasteHeatSharePct: s.wasteHeatSharePct,
    heatDeliveredMWh: s.heatDeliveredMWh,
  }),
);
