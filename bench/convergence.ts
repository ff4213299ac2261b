/**
 * `npm run bench:convergence`: the step-length convergence study. A year of the default scenario at 30, 60, 300
 * and 900 s steps; every annual figure of the summary beside its deviation from the 30 s run and the target
 * (1 % at 60 and 300 s, 3 % at 900 s), and the seconds each year took. It is a benchmark, not a test: the four
 * years take minutes. `-- --from 2025-01-06 --days 28 --steps 30,300` studies a shorter period.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadScenario } from '../server/scenarios/load';
import { compileScenario } from '../server/sim/compile';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../server/sim';
import type { LedgerSummary } from '../server/sim/ledger';

/** The reference step and the steps compared with it, each with its target (relative deviation). */
const REFERENCE_STEP_S = 30;
const STEP_TARGETS: ReadonlyMap<number, number> = new Map([
  [60, 0.01],
  [300, 0.01],
  [900, 0.03],
]);

/**
 * Figures that cannot converge with the step, and why. Everything else in the summary is compared.
 */
const NOT_COMPARED: Readonly<Record<string, string>> = {
  coldBuildingHours:
    'counts buildings below a comfort threshold: a few hundredths of a kelvin in one building move it by whole building-hours',
  peakColdBuildings: 'the most buildings below the threshold at once: a count, moved by a single building',
  balanceErrorPct: 'rounding (about 1e-12 %): held near zero at every step length instead',
};

interface StudyRun {
  stepS: number;
  seconds: number;
  figures: Map<string, number>;
  nonConvergedSteps: number;
}

/** The summary's figures by name, heat by source flattened to `heatBySourceMWh.<kind>`; districts left out. */
function flattenSummary(s: LedgerSummary): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, value] of Object.entries(s)) {
    if (name === 'districts') continue;
    if (typeof value === 'number') out.set(name, value);
    else for (const [kind, mwh] of Object.entries(value as Record<string, number>)) out.set(`${name}.${kind}`, mwh);
  }
  return out;
}

/** Runs the default scenario over `days` from `from` (the scenario's own start and length by default). */
function runStudyPeriod(stepS: number, period: { from?: string; days?: number } = {}): StudyRun {
  const loaded = loadScenario('espoo-district');
  const model = compileScenario(loaded.scenario, { epwText: loaded.epwText });
  const startS = dateToS(period.from ?? loaded.scenario.simulation.start);
  const endS = startS + (period.days ?? loaded.scenario.simulation.days) * DAY_S;
  const sim = createSimulation(model, { startS });
  const inputs = createOperatorInputs(model);
  const t0 = performance.now();
  while (sim.outputs.timeS < endS - 1e-9) stepSimulation(sim, inputs, Math.min(stepS, endS - sim.outputs.timeS));
  const seconds = (performance.now() - t0) / 1000;
  return { stepS, seconds, figures: flattenSummary(summarizeSimulation(sim)), nonConvergedSteps: sim.outputs.hydraulicHealth.nonConvergedSteps };
}

/** Relative deviation of `value` from `reference`; 0 when both are zero. */
function relativeDeviation(value: number, reference: number): number {
  if (value === reference) return 0;
  return Math.abs(value - reference) / Math.abs(reference);
}

const argsSchema = z.object({
  from: z.iso.date().optional(),
  days: z.coerce.number().int().min(1).max(366).optional(),
  steps: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of steps in seconds')
    .transform((s) => s.split(',').map(Number))
    .refine((steps) => steps.every((s) => s > 0 && DAY_S % s === 0), 'every step must divide a day evenly')
    .optional(),
});

function main(): void {
  const { values } = parseArgs({ options: { from: { type: 'string' }, days: { type: 'string' }, steps: { type: 'string' } } });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${issue.path.join('.')}: ${issue.message}`);
  }
  const { from, days } = parsed.data;
  const steps = parsed.data.steps ?? [REFERENCE_STEP_S, ...STEP_TARGETS.keys()];
  const runs = steps.map((stepS) => {
    process.stderr.write(`running at ${stepS} s steps...\n`);
    return runStudyPeriod(stepS, { from, days });
  });
  const reference = runs[0];
  const header = ['figure', ...runs.map((r) => `${r.stepS} s`), ...runs.slice(1).map((r) => `dev ${r.stepS} s`)];
  const rows: string[][] = [];
  for (const [name, ref] of reference.figures) {
    if (name in NOT_COMPARED) continue;
    const row = [name, ...runs.map((r) => fmt(r.figures.get(name)!))];
    for (const r of runs.slice(1)) {
      const dev = relativeDeviation(r.figures.get(name)!, ref);
      const target = STEP_TARGETS.get(r.stepS);
      row.push(`${(100 * dev).toFixed(3)} %${target !== undefined && dev > target ? ' !' : ''}`);
    }
    rows.push(row);
  }
  rows.push(['seconds taken', ...runs.map((r) => r.seconds.toFixed(1)), ...runs.slice(1).map(() => '')]);
  rows.push(['non-converged steps', ...runs.map((r) => String(r.nonConvergedSteps)), ...runs.slice(1).map(() => '')]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
  const period = from ? `${days ?? 365} days from ${from}` : 'a year';
  console.log(`Default scenario, ${period}: each figure at every step and its deviation from ${reference.stepS} s`);
  console.log(
    `targets: ${[...STEP_TARGETS].map(([s, t]) => `${100 * t} % at ${s} s`).join(', ')} (! marks a figure beyond its target)\n`,
  );
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log('\nnot compared:');
  for (const [name, why] of Object.entries(NOT_COMPARED)) console.log(`  ${name}: ${why}`);
}

function fmt(v: number): string {
  const a = Math.abs(v);
  return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(2) : v.toFixed(4);
}

main();
