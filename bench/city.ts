/**
 * A generated 10,000-building city at 1 s steps: how many times faster than real time, and the process's
 * peak memory (RSS), and how long the generator takes to make and validate it. Warm-up of one simulated hour, then one simulated hour timed.
 */
import { performance } from 'node:perf_hooks';
import { parseScenario } from '../shared/scenario/validate';
import { generateCity } from '../server/generator/city';
import { compileScenario } from '../server/sim/compile';
import { dateToS } from '../server/sim/calendar';
import { createOperatorInputs, createSimulation, stepSimulation } from '../server/sim';

const buildings = Number(process.argv[2] ?? 10_000);
const g0 = performance.now();
const scenario = parseScenario(generateCity({ seed: 1, buildings }));
const generateSeconds = (performance.now() - g0) / 1000;
const model = compileScenario(scenario);
const sim = createSimulation(model, { startS: dateToS('2025-01-15'), seed: 1 });
const inputs = createOperatorInputs(model);
for (let i = 0; i < 3600; i++) stepSimulation(sim, inputs, 1);
const simulatedS = 3600;
const t0 = performance.now();
for (let i = 0; i < simulatedS; i++) stepSimulation(sim, inputs, 1);
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    case: 'city',
    buildings: model.buildings.count,
    pipes: model.topology.pipeCount,
    generateSeconds,
    simulatedS,
    seconds,
    realTimeFactor: simulatedS / seconds,
    microsecondsPerStep: (seconds * 1e6) / simulatedS,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
