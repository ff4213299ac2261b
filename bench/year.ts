/** A full year of the default scenario at 60 s steps, headless; prints one JSON line. */
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../server/scenarios/load';
import { compileScenario } from '../server/sim/compile';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../server/sim/engine';

const loaded = loadScenario('espoo-district');
const model = compileScenario(loaded.scenario);
const startS = dateToS(loaded.scenario.simulation.start);
const sim = createSimulation(model, { startS, seed: loaded.scenario.simulation.seed });
const inputs = createOperatorInputs(model);
const steps = (365 * DAY_S) / 60;
const t0 = performance.now();
for (let i = 0; i < steps; i++) stepSimulation(sim, inputs, 60);
const seconds = (performance.now() - t0) / 1000;
const s = summarizeSimulation(sim);
console.log(
  JSON.stringify({
    case: 'year',
    buildings: model.buildings.count,
    pipes: model.topology.pipeCount,
    steps,
    seconds,
    microsecondsPerStep: (seconds * 1e6) / steps,
    balanceErrorPct: s.balanceErrorPct,
    wasteHeatSharePct: s.wasteHeatSharePct,
  }),
);
