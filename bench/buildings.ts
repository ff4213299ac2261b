/**
 * Per-building work of one step, in ns per building per step: space-heating demand, DHW demand, substations
 * and the indoor advance, each timed on its own and the whole step together (which adds the engine's
 * space + DHW sum). 275 and 10,000 buildings, 60 s steps over a winter day (-20 ... -8 °C; plant supply
 * 89-106 °C on a curve from 115 °C at -26 °C to 70 °C at +5 °C) and a summer day (+13 ... +25 °C, supply
 * 70-75 °C), each building's supply up to 6 K below the plant's (distance losses); 30 % of buildings have a 2 K night setback, and "winter0" is the winter day without
 * setbacks (no morning recovery, so no limits: the substations' common case). A Float64Array multiply-add
 * pass over the same count calibrates the machine.
 *
 * Each function is timed alone by replaying recorded inputs of a realistic coupled day (one timer pair per pass:
 * a timer read between short calls disturbs them by several ns per building), the whole step by running the
 * coupled day. "limited": share of building-steps where a limit (supply too cold, valve) cut the heat.
 *
 * `npx tsx bench/buildings.ts [passes]`: prints a table and one JSON line per case (each case in its own process).
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildingSchema, type BuildingSpec, type BuildingUse } from '../shared/scenario/schema';
import { advanceIndoor, createBuildingArrays, createBuildingState, spaceHeatDemandW } from '../server/sim/consumers/buildings';
import { dhwDemandW } from '../server/sim/consumers/dhw';
import { createSubstationArrays, solveSubstations } from '../server/sim/consumers/substation';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { createRng } from '../server/sim/random';

const ROUNDS = Number(process.argv[2] ?? 5);
const DT_S = 60;
const STEPS = DAY_S / DT_S;

// A Finnish city's mix: mostly blocks of flats, some services, a few industrial sites.
const USE_MIX: [BuildingUse, number][] = [
  ['residential', 0.7],
  ['office', 0.1],
  ['school', 0.05],
  ['retail', 0.06],
  ['supermarket', 0.03],
  ['industrial', 0.04],
  ['datacentre', 0.01],
  ['plant', 0.01],
];

function makeSpecs(n: number, setbackShare: number): BuildingSpec[] {
  const rng = createRng(42);
  return Array.from({ length: n }, (_, i) => {
    let u = rng.next();
    let use: BuildingUse = 'residential';
    for (const [name, share] of USE_MIX) {
      if (u < share) {
        use = name;
        break;
      }
      u -= share;
    }
    return buildingSchema.parse({
      id: `b${i}`,
      use,
      footprint: [[0, 0], [40, 0], [40, 12]],
      heightM: 20,
      floorAreaM2: 300 + rng.next() * 9700,
      yearBuilt: 1900 + Math.floor(rng.next() * 125),
      nightSetbackK: rng.next() < setbackShare ? 2 : 0,
    });
  });
}

interface Season {
  name: string;
  dayS: number;
  meanC: number;
  swingK: number;
  /** Plant supply (°C) as a function of outdoor temperature. */
  plantSupplyC: (outdoorC: number) => number;
  peakGhiWm2: number;
  /** Share of buildings with a 2 K night setback: their morning recovery is where limits bind. */
  setbackShare: number;
}

// Outdoor-compensated supply: 115 °C at -26 °C falling to 70 °C at +5 °C and above (the design point in
// docs/reference-figures.md, Buildings and substations).
const compensated = (to: number): number => Math.min(115, Math.max(70, 70 + ((5 - to) * 45) / 31));
const SEASONS: Season[] = [
  { name: 'winter', dayS: dateToS('2025-01-15'), meanC: -14, swingK: 6, plantSupplyC: compensated, peakGhiWm2: 60, setbackShare: 0.3 },
  // The same day without setbacks: no recovery peaks, so the substations stay in the common case.
  { name: 'winter0', dayS: dateToS('2025-01-15'), meanC: -14, swingK: 6, plantSupplyC: compensated, peakGhiWm2: 60, setbackShare: 0 },
  { name: 'summer', dayS: dateToS('2025-07-09'), meanC: 19, swingK: 6, plantSupplyC: (to) => 75 - (to - 13) * (5 / 12), peakGhiWm2: 700, setbackShare: 0.3 },
];

function outdoorC(s: Season, k: number): number {
  const hour = (k * DT_S) / 3600;
  return s.meanC + s.swingK * Math.cos((2 * Math.PI * (hour - 15)) / 24);
}
function ghi(s: Season, k: number): number {
  const hour = (k * DT_S) / 3600;
  return Math.max(0, s.peakGhiWm2 * Math.sin((Math.PI * (hour - 6)) / 12));
}

/** Inputs of one recorded step, replayed to time each function on its own. */
interface Recorded {
  timeS: number;
  outdoorC: number;
  ghiWm2: number;
  indoorC: Float64Array;
  supplyC: Float64Array;
  spaceW: Float64Array;
  totalW: Float64Array;
  deliveredSpaceW: Float64Array;
}

function bench(n: number, season: Season) {
  const specs = makeSpecs(n, season.setbackShare);
  const a = createBuildingArrays(specs, { seed: 1 });
  const sub = createSubstationArrays(a, specs);
  const st = createBuildingState(a);
  const space = new Float64Array(n);
  const dhw = new Float64Array(n);
  const total = new Float64Array(n);
  const supply = new Float64Array(n);
  const flow = new Float64Array(n);
  const ret = new Float64Array(n);
  const delivered = new Float64Array(n);
  const deliveredSpace = new Float64Array(n);
  const rng = createRng(5);
  const dropK = Float64Array.from({ length: n }, () => rng.next() * 6); // distance losses
  const fillSupply = (k: number): void => {
    const ts = season.plantSupplyC(outdoorC(season, k));
    for (let i = 0; i < n; i++) supply[i] = ts - dropK[i];
  };
  const step = (k: number): void => {
    const t = season.dayS + k * DT_S;
    const to = outdoorC(season, k);
    const g = ghi(season, k);
    spaceHeatDemandW(a, st, to, g, t, space);
    dhwDemandW(a, t, dhw);
    for (let i = 0; i < n; i++) total[i] = space[i] + dhw[i];
    solveSubstations(sub, supply, 1, total, space, flow, ret, delivered, deliveredSpace);
    advanceIndoor(a, st, deliveredSpace, to, g, t, DT_S);
  };

  // Warm-up day (JIT, indoor temperatures settle), then a day that records every `every`-th step's inputs
  // (about 40 MB at most) and counts the substations a limit binds.
  for (let k = 0; k < STEPS; k++) {
    fillSupply(k);
    step(k);
  }
  const every = Math.max(1, Math.round((STEPS * n) / 1.5e6));
  const rec: Recorded[] = [];
  let limited = 0;
  let heated = 0;
  for (let k = 0; k < STEPS; k++) {
    fillSupply(k);
    if (k % every === 0) {
      rec.push({
        timeS: season.dayS + k * DT_S,
        outdoorC: outdoorC(season, k),
        ghiWm2: ghi(season, k),
        indoorC: Float64Array.from(st.indoorC),
        supplyC: Float64Array.from(supply),
        spaceW: new Float64Array(n),
        totalW: new Float64Array(n),
        deliveredSpaceW: new Float64Array(n),
      });
    }
    step(k);
    for (let i = 0; i < n; i++) {
      if (space[i] > 0) heated++;
      if (delivered[i] < total[i] * (1 - 1e-9)) limited++;
    }
    if (k % every === 0) {
      const r = rec[rec.length - 1];
      r.spaceW.set(space);
      r.totalW.set(total);
      r.deliveredSpaceW.set(deliveredSpace);
    }
  }

  // Each function alone over the recorded steps: one timer pair per pass (timers between calls disturb
  // short loops), best of ROUNDS passes.
  const perRec = (ms: number): number => (ms * 1e6) / (n * rec.length);
  const states = rec.map((r) => ({ indoorC: new Float64Array(r.indoorC) }));
  // Passes of at least 30 ms after 0.3 s of warm-up, so the optimizing compiler has finished with the loop.
  const time = (body: () => void): number => {
    let reps = 0;
    const w0 = performance.now();
    while (performance.now() - w0 < 300 || reps < 3) {
      body();
      reps++;
    }
    reps = Math.max(1, Math.ceil((30 * reps) / (performance.now() - w0)));
    let best = Infinity;
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      for (let q = 0; q < reps; q++) body();
      best = Math.min(best, (performance.now() - t0) / reps);
    }
    return perRec(best);
  };
  const demand = time(() => {
    for (let k = 0; k < rec.length; k++) {
      const r = rec[k];
      spaceHeatDemandW(a, states[k], r.outdoorC, r.ghiWm2, r.timeS, space);
    }
  });
  const dhwNs = time(() => {
    for (let k = 0; k < rec.length; k++) dhwDemandW(a, rec[k].timeS, dhw);
  });
  const substation = time(() => {
    for (let k = 0; k < rec.length; k++) {
      const r = rec[k];
      solveSubstations(sub, r.supplyC, 1, r.totalW, r.spaceW, flow, ret, delivered, deliveredSpace);
    }
  });
  // The advance moves the states on; re-running it from the moved states is the same work.
  const advance = time(() => {
    for (let k = 0; k < rec.length; k++) {
      const r = rec[k];
      advanceIndoor(a, states[k], r.deliveredSpaceW, r.outdoorC, r.ghiWm2, r.timeS, DT_S);
    }
  });

  // The whole coupled step over a day (plus the engine's space + DHW sum), minus the supply filling.
  const together =
    ((time(() => {
      for (let k = 0; k < STEPS; k++) {
        fillSupply(k);
        step(k);
      }
    }) -
      time(() => {
        for (let k = 0; k < STEPS; k++) fillSupply(k);
      })) *
      rec.length) /
    STEPS;
  // Reference: a plain multiply-add pass over n elements.
  const x = a.uaWPerK;
  const ref = time(() => {
    for (let k = 0; k < rec.length; k++) {
      const c = 1 + k * 1e-6;
      for (let i = 0; i < n; i++) total[i] = x[i] * c + space[i];
    }
  });
  let finite = true;
  for (let i = 0; i < n; i++) if (!Number.isFinite(ret[i]) || !(flow[i] >= 0)) finite = false;
  return {
    case: 'buildings',
    season: season.name,
    buildings: n,
    heatedShare: heated / (n * STEPS),
    limitedShare: limited / (n * STEPS),
    finite,
    demand,
    dhw: dhwNs,
    substation,
    advance,
    together,
    ref,
  };
}

// Each case in its own process, as bench/run.ts does: JIT feedback from one case's objects must not slow
// the next (a second BuildingArrays in the same process measurably does).
const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[3] === '--case') {
  const r = bench(Number(process.argv[4]), SEASONS.find((s) => s.name === process.argv[5])!);
  console.log(JSON.stringify(r));
} else {
  console.log(`load average (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' / ')}; best of ${ROUNDS} passes`);
  console.log(
    'ns per building per step:  demand     dhw  substation  advance  d+dhw+adv  together  (ref madd)  heated  limited',
  );
  const tsx = join(here, '..', 'node_modules', '.bin', 'tsx');
  const lines: string[] = [];
  for (const n of [275, 10_000]) {
    for (const s of SEASONS) {
      const out = execFileSync(tsx, [fileURLToPath(import.meta.url), String(ROUNDS), '--case', String(n), s.name], { encoding: 'utf8' });
      const line = out.split('\n').find((l) => l.startsWith('{'))!;
      lines.push(line);
      const r = JSON.parse(line) as ReturnType<typeof bench>;
      const f = (v: number) => v.toFixed(2).padStart(8);
      const pct = (v: number) => `${(100 * v).toFixed(1)}%`.padStart(7);
      console.log(
        `${String(n).padStart(6)} ${s.name.padEnd(7)}       ${f(r.demand)}${f(r.dhw)}${f(r.substation)}   ${f(r.advance)}   ${f(r.demand + r.dhw + r.advance)}  ${f(r.together)}    (${r.ref.toFixed(2)})  ${pct(r.heatedShare)} ${pct(r.limitedShare)}`,
      );
    }
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  for (const l of lines) console.log(l);
}
