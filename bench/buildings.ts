/**
 * Per-building work of one step, in ns per building per step: space-heating demand, DHW demand, substations
 * and the indoor advance, each timed on its own and the whole step together (which adds the engine's
 * space + DHW sum). 275 and 10,000 buildings, 60 s steps over a winter day (-20 ... -8 °C, supply 100-115 °C)
 * and a summer day (+13 ... +25 °C, supply 70-75 °C), each building's supply a few kelvin below the plant's
 * (distance losses). A Float64Array multiply-add pass over the same count calibrates the machine.
 *
 * `npx tsx bench/buildings.ts [rounds]`: prints a table and one JSON line per case.
 */
import { loadavg } from 'node:os';
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

function makeSpecs(n: number): BuildingSpec[] {
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
      nightSetbackK: rng.next() < 0.3 ? 2 : 0,
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
}

// Outdoor-compensated supply: 115 °C at -26 °C falling to 70 °C at +5 °C and above (brief B design point).
const compensated = (to: number): number => Math.min(115, Math.max(70, 70 + ((5 - to) * 45) / 31));
const SEASONS: Season[] = [
  { name: 'winter', dayS: dateToS('2025-01-15'), meanC: -14, swingK: 6, plantSupplyC: compensated, peakGhiWm2: 60 },
  { name: 'summer', dayS: dateToS('2025-07-09'), meanC: 19, swingK: 6, plantSupplyC: (to) => 75 - (to - 13) * (5 / 12), peakGhiWm2: 700 },
];

function outdoorC(s: Season, k: number): number {
  const hour = (k * DT_S) / 3600;
  return s.meanC + s.swingK * Math.cos((2 * Math.PI * (hour - 15)) / 24);
}
function ghi(s: Season, k: number): number {
  const hour = (k * DT_S) / 3600;
  return Math.max(0, s.peakGhiWm2 * Math.sin((Math.PI * (hour - 6)) / 12));
}

function bench(n: number, season: Season) {
  const specs = makeSpecs(n);
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

  const acc = { demand: 0, dhw: 0, sum: 0, substation: 0, advance: 0 };
  const instrumentedDay = (): void => {
    for (let k = 0; k < STEPS; k++) {
      const t = season.dayS + k * DT_S;
      const to = outdoorC(season, k);
      const g = ghi(season, k);
      fillSupply(k);
      let t0 = performance.now();
      spaceHeatDemandW(a, st, to, g, t, space);
      let t1 = performance.now();
      acc.demand += t1 - t0;
      t0 = t1;
      dhwDemandW(a, t, dhw);
      t1 = performance.now();
      acc.dhw += t1 - t0;
      t0 = t1;
      for (let i = 0; i < n; i++) total[i] = space[i] + dhw[i];
      t1 = performance.now();
      acc.sum += t1 - t0;
      t0 = t1;
      solveSubstations(sub, supply, 1, total, space, flow, ret, delivered, deliveredSpace);
      t1 = performance.now();
      acc.substation += t1 - t0;
      t0 = t1;
      advanceIndoor(a, st, deliveredSpace, to, g, t, DT_S);
      acc.advance += performance.now() - t0;
    }
  };
  // Whole step without timers in between; supply filling is outside the timed part.
  let togetherMs = 0;
  const plainDay = (): void => {
    for (let k = 0; k < STEPS; k++) {
      const t = season.dayS + k * DT_S;
      const to = outdoorC(season, k);
      const g = ghi(season, k);
      fillSupply(k);
      const t0 = performance.now();
      spaceHeatDemandW(a, st, to, g, t, space);
      dhwDemandW(a, t, dhw);
      for (let i = 0; i < n; i++) total[i] = space[i] + dhw[i];
      solveSubstations(sub, supply, 1, total, space, flow, ret, delivered, deliveredSpace);
      advanceIndoor(a, st, deliveredSpace, to, g, t, DT_S);
      togetherMs += performance.now() - t0;
    }
  };
  // Reference: a plain multiply-add pass over n elements.
  let refMs = 0;
  const refDay = (): void => {
    const x = a.uaWPerK;
    for (let k = 0; k < STEPS; k++) {
      const c = 1 + k * 1e-6;
      const t0 = performance.now();
      for (let i = 0; i < n; i++) total[i] = x[i] * c + space[i];
      refMs += performance.now() - t0;
    }
  };

  // Warm-up (JIT), then rounds; per round a day of each kind, best round reported (least disturbed by load).
  instrumentedDay();
  plainDay();
  refDay();
  const per = (ms: number): number => (ms * 1e6) / (n * STEPS);
  const best = { demand: Infinity, dhw: Infinity, sum: Infinity, substation: Infinity, advance: Infinity, together: Infinity, ref: Infinity };
  let spaceShare = 0;
  for (let r = 0; r < ROUNDS; r++) {
    acc.demand = acc.dhw = acc.sum = acc.substation = acc.advance = 0;
    togetherMs = refMs = 0;
    instrumentedDay();
    plainDay();
    refDay();
    best.demand = Math.min(best.demand, per(acc.demand));
    best.dhw = Math.min(best.dhw, per(acc.dhw));
    best.sum = Math.min(best.sum, per(acc.sum));
    best.substation = Math.min(best.substation, per(acc.substation));
    best.advance = Math.min(best.advance, per(acc.advance));
    best.together = Math.min(best.together, per(togetherMs));
    best.ref = Math.min(best.ref, per(refMs));
  }
  for (let i = 0; i < n; i++) if (space[i] > 0) spaceShare++;
  let finite = true;
  for (let i = 0; i < n; i++) if (!Number.isFinite(ret[i]) || !(flow[i] >= 0)) finite = false;
  return { case: 'buildings', season: season.name, buildings: n, spaceHeatedShare: spaceShare / n, finite, ...best };
}

console.log(`load average (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' / ')}; ${ROUNDS} rounds, best round`);
console.log('ns per building per step:   demand    dhw  substation  advance  d+dhw+adv  together  (ref madd)');
const results = [];
for (const n of [275, 10_000]) {
  for (const s of SEASONS) {
    const r = bench(n, s);
    results.push(r);
    const f = (v: number) => v.toFixed(2).padStart(8);
    console.log(
      `${String(n).padStart(6)} ${s.name.padEnd(7)}        ${f(r.demand)}${f(r.dhw)}${f(r.substation)}   ${f(r.advance)}   ${f(r.demand + r.dhw + r.advance)}  ${f(r.together)}  (${r.ref.toFixed(2)})`,
    );
  }
}
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
for (const r of results) console.log(JSON.stringify(r));
