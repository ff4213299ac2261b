/**
 * `npm run bench`: the simulation core's speed against its targets (docs/validation.md, Speed references). Each case
 * runs in its own process (so memory and JIT state don't leak between them) and prints figures, not verdicts
 * a test runner would time.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');

type BenchLine = Record<string, number | string | boolean>;

function run(script: string, ...args: string[]): BenchLine[] {
  const out = execFileSync(tsx, [join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as BenchLine);
}

const f = (v: unknown, d = 2) => Number(v).toFixed(d);
console.log(`HeatTwin simulation benchmarks — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}\n`);

const pandapipesS: Record<number, number> = { 1000: 0.11, 10000: 1.23 };
for (const r of run('network.ts')) {
  const target = (pandapipesS[r.consumers as number] * 1000) / 100;
  const speedup = (pandapipesS[r.consumers as number] * 1000) / (r.medianMs as number);
  console.log(
    `Comb network, ${r.consumers} consumers (${r.pipes} pipes), steady hydraulic + thermal solve: ` +
      `median ${f(r.medianMs, 3)} ms, best ${f(r.bestMs, 3)} ms — target <= ${f(target, 1)} ms ` +
      `(100x pandapipes' ${pandapipesS[r.consumers as number]} s); ${f(speedup, 0)}x faster than pandapipes`,
  );
}
// The year's target is for 300 s steps, which test/stepIndependence.test.ts holds against 30 s steps over two weeks;
// 60 s is shown beside it with its annual heat, for comparison.
for (const stepS of [60, 300]) {
  for (const r of run('year.ts', String(stepS))) {
    console.log(
      `Default scenario (${r.buildings} buildings, ${r.pipes} pipes), one year at ${stepS} s steps: ${f(r.seconds)} s ` +
        `(${f(r.microsecondsPerStep, 1)} µs/step)${stepS === 300 ? ' — target <= 5 s' : ''}; ` +
        `heat delivered ${f(r.heatDeliveredMWh, 0)} MWh, energy balance error ${f(r.balanceErrorPct, 5)} %`,
    );
  }
}
for (const r of run('city.ts', '10000')) {
  console.log(
    `Generated city (${r.buildings} buildings, ${r.pipes} pipes) at 1 s steps: ${f(r.realTimeFactor, 0)}x real time ` +
      `(${f(r.microsecondsPerStep, 0)} µs/step) — target >= 100x; peak RSS ${f(r.peakRssMB, 0)} MB`,
  );
  console.log(`  generated and validated in ${f(r.generateSeconds, 1)} s — target <= 5 s`);
}
