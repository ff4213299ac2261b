/**
 * `npm run simulate`: runs a scenario headless with the same engine the live server uses and prints a summary
 * (or one JSON object with --json), optionally the hourly series as CSV; `--steady` runs the design-case
 * network calculation instead. Bad flags, unknown scenarios and broken files exit 1 with a one-line reason.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DAY_S, dateToS, formatTime } from '../sim/calendar';
import { compileScenario } from '../sim/compile';
import { summarizeSimulation } from '../sim';
import { runPeriod, runStepS } from '../sim/runPeriod';
import { solveDesignCase } from '../sim/designCase';
import { loadScenario } from '../scenarios/load';
import { HourlyCsv } from '../report/hourlyCsv';
import { FlagError, parseSimulateFlags, USAGE, type SimulateFlags } from './args';
import { formatSummary } from './summary';

function main(argv: string[]): number {
  let flags: SimulateFlags;
  try {
    flags = parseSimulateFlags(argv);
  } catch (err) {
    if (err instanceof FlagError) return fail(`${err.message}\n${USAGE}`);
    throw err;
  }
  try {
    const loaded = loadScenario(flags.scenario);
    const model = compileScenario(loaded.scenario, { epwText: loaded.epwText, seed: flags.seed });
    if (flags.steady) {
      const result = solveDesignCase(model, { outdoorC: flags.outdoor, supplyC: flags.supply });
      process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${result.summary}\n`);
      return 0;
    }
    const s = loaded.scenario.simulation;
    const startS = flags.from ? dateToS(flags.from) : dateToS(s.start);
    const days = flags.days ?? s.days;
    const stepS = flags.step ?? runStepS(days, s.stepS);
    const t0 = performance.now();
    let csv: HourlyCsv | null = null;
    let lastReport = t0;
    const endS = startS + days * DAY_S;
    const sim = runPeriod(model, { startS, days, stepS }, (run) => {
      csv = flags.csv ? new HourlyCsv(run.outputs) : null;
      return (dt) => {
        csv?.record(dt);
        if (flags.quiet || (run.outputs.stepIndex & 1023) !== 0) return;
        const now = performance.now();
        if (now - t0 > 2000 && now - lastReport > 1000) {
          lastReport = now;
          const pct = (100 * (run.outputs.timeS - startS)) / (endS - startS);
          process.stderr.write(`\r${formatTime(run.outputs.timeS)}  ${pct.toFixed(0)} %`);
        }
      };
    });
    if (lastReport !== t0) process.stderr.write('\n');
    const runtimeSeconds = (performance.now() - t0) / 1000;
    if (csv && flags.csv) writeFileSync(flags.csv, (csv as HourlyCsv).text());
    const summary = {
      scenario: loaded.scenario.id,
      from: formatTime(startS),
      days,
      stepS,
      seed: model.seed,
      ...summarizeSimulation(sim),
      steps: sim.outputs.stepIndex,
      nonConvergedSteps: sim.outputs.hydraulicHealth.nonConvergedSteps,
      runtimeSeconds,
    };
    process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : formatSummary(summary, loaded.scenario));
    return 0;
  } catch (err) {
    return fail((err as Error).message.split('\n').join('; '));
  }
}

function fail(message: string): number {
  process.stderr.write(`simulate: ${message}\n`);
  return 1;
}

process.exitCode = main(process.argv.slice(2));
