/**
 * Speed of the plug-flow transport step (server/sim/network/plugFlow.ts) on street-like tree networks:
 * a plant feeds a trunk, feeders branch off the trunk, streets off the feeders, and a service pipe runs from every
 * street node to a building. Pipes are catalogue sizes (smallest with v <= 1-1.5 m/s for the design flow of the
 * buildings downstream), so flows and diameters shrink toward the leaves. Like the engine, every time step runs two
 * instances: the supply (flows as given, fed at the plant) and the return (flows negated, fed at the buildings).
 *
 * Cases: ~600 and ~25,000 pipes, steady flow and slowly varying flow (daily swing of the demand and the supply
 * temperature), at 60 s and 1 s steps. Prints one line per case: µs per step() call and ns per pipe per call
 * (median over batches after a warm-up that fills every pipe with water that entered during the run).
 *
 * Usage: npx tsx bench/plugFlow.ts [path of a module exporting createPlugFlow, default the project's]
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { PIPE_CATALOGUE, heatLossForOuterMm } from '../server/sim/network/pipeCatalogue';
import type { NetworkTopology } from '../server/sim/network/topology';
import { createRng } from '../server/sim/random';
import { DH_WATER } from '../server/sim/water';
import type { createPlugFlow as CreatePlugFlow } from '../server/sim/network/plugFlow';

const RHO = DH_WATER.densityKgM3;

interface Tree {
  topology: NetworkTopology;
  /** Design flow per pipe (kg/s, + = from -> to, i.e. away from the plant). */
  pipeFlowKgS: Float64Array;
  /** Building demand per node (kg/s; 0 where there is no building). */
  demandKgS: Float64Array;
  /** Phase of each building's daily demand swing (rad). */
  phase: Float64Array;
  /** Pipe count of each depth class: trunk, feeder, street, service. */
  counts: number[];
}

/** trunk segments; feeders per trunk node; segments per feeder; streets per feeder node; segments per street. */
function buildTree(trunk: number, feeders: number, feederSegs: number, streets: number, streetSegs: number, seed: number): Tree {
  const rng = createRng(seed);
  const from: number[] = [];
  const to: number[] = [];
  const len: number[] = [];
  const level: number[] = [];
  let nodes = 1; // node 0: the plant
  const addPipe = (u: number, lengthM: number, lvl: number): number => {
    const v = nodes++;
    from.push(u);
    to.push(v);
    len.push(lengthM * (0.6 + 0.8 * rng.next()));
    level.push(lvl);
    return v;
  };
  const street = (u: number, segs: number): void => {
    let s = u;
    for (let k = 0; k < segs; k++) {
      s = addPipe(s, 40, 2);
      addPipe(s, 15, 3); // service pipe to a building on each side... one building per street node
      addPipe(s, 15, 3);
    }
  };
  let t = 0;
  for (let i = 0; i < trunk; i++) {
    t = addPipe(t, 250, 0);
    for (let f = 0; f < feeders; f++) {
      let u = t;
      for (let k = 0; k < feederSegs; k++) {
        u = addPipe(u, 120, 1);
        for (let s = 0; s < streets; s++) street(u, streetSegs);
      }
      if (feederSegs === 0) for (let s = 0; s < streets; s++) street(t, streetSegs);
    }
  }
  const np = from.length;
  const demandKgS = new Float64Array(nodes);
  const phase = new Float64Array(nodes);
  const isLeaf = new Uint8Array(nodes).fill(1);
  for (let p = 0; p < np; p++) isLeaf[from[p]] = 0;
  isLeaf[0] = 0;
  for (let v = 1; v < nodes; v++) {
    if (isLeaf[v]) {
      demandKgS[v] = 0.03 + 0.25 * rng.next() ** 2; // houses ~10 kW, some blocks of flats ~100 kW at 35 K
      phase[v] = 0.5 * (rng.next() - 0.5);
    }
  }
  // Subtree sums: children were numbered after their parents, so one backward sweep over the pipes suffices.
  const sub = Float64Array.from(demandKgS);
  const pipeFlowKgS = new Float64Array(np);
  for (let p = np - 1; p >= 0; p--) {
    pipeFlowKgS[p] = sub[to[p]];
    sub[from[p]] += sub[to[p]];
  }
  const diameterM = new Float64Array(np);
  const uWPerMK = new Float64Array(np);
  for (let p = 0; p < np; p++) {
    const minDn = level[p] === 3 ? 20 : level[p] === 2 ? 40 : 65;
    const vMax = level[p] >= 2 ? 1.0 : 1.5;
    const size =
      PIPE_CATALOGUE.find(
        (c) => c.dn >= minDn && pipeFlowKgS[p] / (RHO * (Math.PI / 4) * c.innerDiameterM ** 2) <= vMax,
      ) ?? PIPE_CATALOGUE[PIPE_CATALOGUE.length - 1];
    diameterM[p] = size.innerDiameterM;
    uWPerMK[p] = heatLossForOuterMm(size.outerMm);
  }
  const counts = [0, 0, 0, 0];
  for (const l of level) counts[l]++;
  return {
    topology: {
      nodeCount: nodes,
      pipeCount: np,
      pipeFrom: Int32Array.from(from),
      pipeTo: Int32Array.from(to),
      pipeLengthM: Float64Array.from(len),
      pipeDiameterM: diameterM,
      pipeRoughnessM: new Float64Array(np).fill(1e-4),
      pipeHeatLossWPerMK: uWPerMK,
      nodeElevationM: new Float64Array(nodes),
    },
    pipeFlowKgS,
    demandKgS,
    phase,
    counts,
  };
}

interface CaseResult {
  usPerStep: number;
  nsPerPipe: number;
  parcelsPerPipe: number;
  check: number;
}

function runCase(create: typeof CreatePlugFlow, tree: Tree, dtS: number, varying: boolean): CaseResult {
  const topo = tree.topology;
  const n = topo.nodeCount;
  const np = topo.pipeCount;
  const supply = create(topo, DH_WATER, 80);
  const ret = create(topo, DH_WATER, 45);
  const supplyFlow = new Float64Array(np);
  const returnFlow = new Float64Array(np);
  const supplyInj = new Float64Array(n);
  const supplyInjC = new Float64Array(n);
  const returnInj = new Float64Array(n);
  const returnInjC = new Float64Array(n);
  const groundC = 8;
  // Longest residence of water in any pipe at the design flow: warm up for twice that.
  let maxResidenceS = 0;
  for (let p = 0; p < np; p++) {
    const massKg = RHO * (Math.PI / 4) * topo.pipeDiameterM[p] ** 2 * topo.pipeLengthM[p];
    maxResidenceS = Math.max(maxResidenceS, massKg / (0.5 * tree.pipeFlowKgS[p]));
  }
  const flowScale = new Float64Array(n);
  let timeS = 0;
  const setInputs = (): void => {
    // Daily swing: demand 0.5-1.0 of design, supply 80-90 °C; each building a little out of phase.
    const w = (2 * Math.PI * timeS) / 86400;
    for (let v = 0; v < n; v++) flowScale[v] = varying ? 0.75 + 0.25 * Math.sin(w + tree.phase[v]) : 0.75;
    // Flows by a backward sweep (children after parents), as a tree hydraulic solve gives them.
    const sub = returnInj; // scratch: subtree demand per node
    for (let v = 0; v < n; v++) sub[v] = tree.demandKgS[v] * flowScale[v];
    const from = topo.pipeFrom;
    const to = topo.pipeTo;
    for (let p = np - 1; p >= 0; p--) {
      supplyFlow[p] = sub[to[p]];
      returnFlow[p] = -sub[to[p]];
      sub[from[p]] += sub[to[p]];
    }
    supplyInj[0] = sub[0];
    supplyInjC[0] = varying ? 85 + 5 * Math.sin(w) : 85;
    for (let v = 0; v < n; v++) {
      returnInj[v] = tree.demandKgS[v] * flowScale[v];
      returnInjC[v] = varying ? 40 + 3 * Math.sin(w + tree.phase[v]) : 40;
    }
  };
  const step = (): void => {
    if (varying) setInputs();
    supply.step(supplyFlow, supplyInj, supplyInjC, groundC, dtS);
    ret.step(returnFlow, returnInj, returnInjC, groundC, dtS);
    timeS += dtS;
  };
  setInputs();
  const warmSteps = Math.max(300, Math.ceil((2 * maxResidenceS) / dtS));
  for (let k = 0; k < warmSteps; k++) step();
  // Time batches of steps; with varying flows the input update is timed separately and subtracted.
  const batch = Math.max(5, Math.round(4e5 / np)); // ~40 ms per batch at 50 ns/pipe
  const batches = 25;
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    let inputsMs = 0;
    const t0 = performance.now();
    for (let k = 0; k < batch; k++) {
      if (varying) {
        const ti = performance.now();
        setInputs();
        inputsMs += performance.now() - ti;
      }
      if (runSupply) supply.step(supplyFlow, supplyInj, supplyInjC, groundC, dtS);
      if (runReturn) ret.step(returnFlow, returnInj, returnInjC, groundC, dtS);
      timeS += dtS;
    }
    times.push((performance.now() - t0 - inputsMs) / ((runSupply && runReturn ? 2 : 1) * batch));
  }
  times.sort((a, b) => a - b);
  const ms = times[times.length >> 1];
  let check = 0;
  for (let v = 0; v < n; v++) check += supply.nodeC[v] + ret.nodeC[v];
  return {
    usPerStep: ms * 1000,
    nsPerPipe: (ms * 1e6) / np,
    parcelsPerPipe: (supply.parcelCount() + ret.parcelCount()) / (2 * np),
    check: check / (2 * n),
  };
}

// Optional filters for quick runs: PF_TREE=street|city, PF_DT=60|1, PF_FLOW=steady|varying.
const modulePath = process.argv[2]
  ? pathToFileURL(resolve(process.argv[2])).href
  : new URL('../server/sim/network/plugFlow.ts', import.meta.url).href;
const { createPlugFlow } = (await import(modulePath)) as { createPlugFlow: typeof CreatePlugFlow };

const small = buildTree(10, 1, 0, 2, 10, 1); // 10 + 10·2·10·3 = 610 pipes
const large = buildTree(20, 4, 8, 1, 13, 2); // 20 + 20·4·8·(1 + 13·3) = 25,620 pipes
console.log(`module: ${modulePath}`);
// PF_NET=supply|return times one instance only.
const only = (key: string, value: string): boolean => !process.env[key] || process.env[key] === value;
const runSupply = only('PF_NET', 'supply');
const runReturn = only('PF_NET', 'return');
for (const [name, tree] of [['street', small], ['city', large]] as const) {
  if (!only('PF_TREE', name)) continue;
  const t = tree.topology;
  console.log(
    `${name} tree: ${t.pipeCount} pipes (trunk ${tree.counts[0]}, feeder ${tree.counts[1]}, street ${tree.counts[2]}, ` +
      `service ${tree.counts[3]}), ${t.nodeCount} nodes`,
  );
  for (const dtS of [60, 1]) {
    if (!only('PF_DT', String(dtS))) continue;
    for (const varying of [false, true]) {
      if (!only('PF_FLOW', varying ? 'varying' : 'steady')) continue;
      const r = runCase(createPlugFlow, tree, dtS, varying);
      console.log(
        `  dt ${String(dtS).padStart(2)} s ${varying ? 'varying' : 'steady '}: ${r.usPerStep.toFixed(1).padStart(8)} µs/step ` +
          `${r.nsPerPipe.toFixed(1).padStart(6)} ns/pipe  (${r.parcelsPerPipe.toFixed(1)} parcels/pipe, mean node ${r.check.toFixed(6)} °C)`,
      );
    }
  }
}
