/**
 * Plug-flow transport, checked against analytic solutions and the reference
 * (docs/reference-figures.md, Network; the cases are listed in docs/validation.md, Heat transport):
 * - steady outlet T_out = T_env + (T_in - T_env)·exp(-U·L/(m·cp)) (required within 0.05 K);
 * - transport delay L/v, fronts carried without smearing, flow reversal (Modelica Buildings PlugFlowPipe,
 *   van der Heijde et al. 2017);
 * - node mixing as the mass-weighted mean; energy conservation of the whole network.
 */
import { describe, it, expect } from 'vitest';
import { createPlugFlow } from '../server/sim/network/plugFlow';
import type { PlugFlowOptions } from '../server/sim/network/plugFlow';
import type { NetworkTopology } from '../server/sim/network/topology';
import { PIPE_CATALOGUE, heatLossForOuterMm } from '../server/sim/network/pipeCatalogue';
import { createRng } from '../server/sim/random';
import { DH_WATER, waterEnthalpyJPerKg, waterTemperatureFromEnthalpyC } from '../server/sim/water';
import { ENGINE_PLUG_FLOW } from '../server/sim/engineSettings';

const RHO = DH_WATER.densityKgM3;
const CP = DH_WATER.cpJPerKgK;

interface PipeDef {
  from: number;
  to: number;
  lengthM: number;
  diameterM: number;
  uWPerMK: number;
}

function topology(nodeCount: number, pipes: PipeDef[]): NetworkTopology {
  return {
    nodeCount,
    pipeCount: pipes.length,
    pipeFrom: Int32Array.from(pipes.map((p) => p.from)),
    pipeTo: Int32Array.from(pipes.map((p) => p.to)),
    pipeLengthM: Float64Array.from(pipes.map((p) => p.lengthM)),
    pipeDiameterM: Float64Array.from(pipes.map((p) => p.diameterM)),
    pipeRoughnessM: new Float64Array(pipes.length).fill(1e-4),
    pipeHeatLossWPerMK: Float64Array.from(pipes.map((p) => p.uWPerMK)),
    nodeElevationM: new Float64Array(nodeCount),
  };
}

/**
 * The engine's pipes carry enthalpy (its heat capacity follows temperature): streams mix, and the water held
 * averages, by enthalpy, on the scale h/c_p,ref (plugFlow.ts). Exact checks of the transport's arithmetic are
 * made on that scale; checks against the reference formulas keep their 0.05 K.
 */
const toScale = (tC: number): number => waterEnthalpyJPerKg(tC) / CP;
const fromScale = (s: number): number => waterTemperatureFromEnthalpyC(s * CP);
/** Temperature of the mix of [mass, °C] streams (or parts of a pipe's water), by enthalpy. */
const mixC = (...parts: Array<[number, number]>): number =>
  fromScale(parts.reduce((sum, [m, t]) => sum + m * toScale(t), 0) / parts.reduce((sum, [m]) => sum + m, 0));

const waterMassKg = (p: PipeDef): number => RHO * (Math.PI / 4) * p.diameterM ** 2 * p.lengthM;
/** Reference (Network): steady outlet temperature of a pipe. */
const steadyOutletC = (inC: number, groundC: number, p: PipeDef, mKgS: number): number =>
  groundC + (inC - groundC) * Math.exp((-p.uWPerMK * p.lengthM) / (Math.abs(mKgS) * CP));

/** One pipe 0 -> 1 fed at node 0 (forward) or node 1 (reverse), merging parcels as the engine does by default. */
function singlePipe(pipe: PipeDef, options: PlugFlowOptions = ENGINE_PLUG_FLOW, initialC = 70) {
  const topo = topology(2, [pipe]);
  const net = createPlugFlow(topo, DH_WATER, initialC, options);
  const flow = new Float64Array(1);
  const inj = new Float64Array(2);
  const injC = new Float64Array(2);
  const run = (mKgS: number, inC: number, groundC: number, dtS: number): void => {
    flow[0] = mKgS;
    inj.fill(0);
    const feed = mKgS >= 0 ? 0 : 1;
    inj[feed] = Math.abs(mKgS);
    injC[feed] = inC;
    net.step(flow, inj, injC, groundC, dtS);
  };
  return { net, run };
}

describe('single pipe at steady flow (reference: steady outlet formula)', () => {
  const pipe: PipeDef = { from: 0, to: 1, lengthM: 800, diameterM: 0.0703, uWPerMK: 0.216 };
  for (const mKgS of [4, 0.5, 0.05]) {
    it(`outlet within 0.05 K of T_g + (T_in - T_g)·exp(-UL/(m cp)) at ${mKgS} kg/s`, () => {
      const { net, run } = singlePipe(pipe);
      const dtS = 60;
      const transitS = waterMassKg(pipe) / mKgS;
      const steps = Math.ceil((3 * transitS) / dtS) + 10;
      for (let k = 0; k < steps; k++) run(mKgS, 90, 5, dtS);
      const expected = steadyOutletC(90, 5, pipe, mKgS);
      expect(Math.abs(net.pipeOutletC[0] - expected)).toBeLessThan(0.05);
      expect(net.nodeC[1]).toBeCloseTo(net.pipeOutletC[0], 12);
      // Steady loss equals the enthalpy drop of the stream, m·cp·(T_in - T_out).
      const dropW = mKgS * CP * (90 - expected);
      expect(Math.abs(net.pipeHeatLossW[0] - dropW) / dropW).toBeLessThan(0.01);
      // Steady flow must not grow the queue beyond one parcel per step of residence.
      expect(net.parcelCount(0)).toBeLessThanOrEqual(Math.ceil(transitS / dtS) + 2);
    });
  }

  it("at 1 s steps, where the engine's merge tolerance joins seconds into one parcel, the outlet keeps 0.05 K", () => {
    const dn50: PipeDef = { from: 0, to: 1, lengthM: 800, diameterM: 0.0545, uWPerMK: 0.184 };
    const { net, run } = singlePipe(dn50);
    const mKgS = 0.5;
    const dtS = 1;
    const inC = 90;
    const groundC = 5;
    const transitSteps = waterMassKg(dn50) / mKgS / dtS;
    for (let k = 0; k < 3 * transitSteps; k++) run(mKgS, inC, groundC, dtS);
    expect(Math.abs(net.pipeOutletC[0] - steadyOutletC(inC, groundC, dn50, mKgS))).toBeLessThan(0.05);
    // The inlet parcel cools by at most (T_in - T_g)·dt/tau a step (tau = rho·A·c_p/U), so fresh water stays
    // within the merge tolerance of it for tolerance/cooling steps: the pipe holds at most this many parcels
    // (a sixth of one per step here), so merging is exercised.
    const tauS = (RHO * (Math.PI / 4) * dn50.diameterM ** 2 * CP) / dn50.uWPerMK;
    const coolingPerStepK = ((inC - groundC) * dtS) / tauS;
    const mergeK = ENGINE_PLUG_FLOW.mergeToleranceK;
    expect(coolingPerStepK).toBeLessThan(mergeK);
    expect(net.parcelCount(0)).toBeLessThanOrEqual(Math.ceil((transitSteps * coolingPerStepK) / mergeK) + 2);
  });

  it('a pipe shorter than one step of flow passes water through with the right loss', () => {
    const short: PipeDef = { from: 0, to: 1, lengthM: 20, diameterM: 0.0703, uWPerMK: 0.216 };
    const { net, run } = singlePipe(short);
    for (let k = 0; k < 50; k++) run(3, 85, 0, 60); // 75 kg in the pipe, 180 kg per step
    expect(Math.abs(net.pipeOutletC[0] - steadyOutletC(85, 0, short, 3))).toBeLessThan(0.05);
  });
});

describe('transport delay L/v and sharp fronts', () => {
  it('a step at the inlet arrives after L/v within one step and the outlet jumps in one step', () => {
    const pipe: PipeDef = { from: 0, to: 1, lengthM: 1000, diameterM: 0.1071, uWPerMK: 0.225 };
    const mKgS = 6;
    const dtS = 60;
    const velocityMS = mKgS / (RHO * (Math.PI / 4) * pipe.diameterM ** 2);
    const delayS = pipe.lengthM / velocityMS; // L / v
    const { net, run } = singlePipe(pipe, undefined, 70);
    for (let k = 0; k < 200; k++) run(mKgS, 70, 8, dtS);
    const outlets: number[] = [];
    for (let k = 0; k < 200; k++) {
      run(mKgS, 80, 8, dtS); // front enters at the start of step 0
      outlets.push(net.pipeOutletC[0]);
    }
    const oldC = steadyOutletC(70, 8, pipe, mKgS);
    const newC = steadyOutletC(80, 8, pipe, mKgS);
    const arrival = Math.floor(delayS / dtS); // the step whose interval contains t = L/v
    for (let k = 0; k < arrival; k++) expect(Math.abs(outlets[k] - oldC)).toBeLessThan(0.05);
    for (let k = arrival + 1; k < outlets.length; k++) expect(Math.abs(outlets[k] - newC)).toBeLessThan(0.05);
    // In the arrival step the new water is the part of the step after t = L/v.
    const newShare = (arrival + 1 - delayS / dtS);
    expect(Math.abs(outlets[arrival] - (oldC + newShare * (newC - oldC)))).toBeLessThan(0.05);
  });

  it('a step that flushes the pipe (|m|·dt > water held) gives out all it held, then the new water', () => {
    const pipe: PipeDef = { from: 0, to: 1, lengthM: 30, diameterM: 0.0703, uWPerMK: 0 };
    const heldKg = waterMassKg(pipe);
    const dtS = 60;
    const mKgS = (1.5 * heldKg) / dtS;
    const { net, run } = singlePipe(pipe, undefined, 60);
    run(mKgS, 80, 5, dtS);
    // Mean of what leaves: the 60 °C held, then half a pipe of 80 °C feed.
    expect(net.pipeOutletC[0]).toBeCloseTo(mixC([heldKg, 60], [0.5 * heldKg, 80]), 10);
    expect(net.parcelCount(0)).toBe(1);
    expect(net.pipeMeanC(0)).toBeCloseTo(80, 10);
    run(mKgS, 80, 5, dtS);
    expect(net.pipeOutletC[0]).toBeCloseTo(80, 10);
  });

  it('without losses a delay line reproduces every inlet temperature exactly, shifted by L/v', () => {
    // 24 pipes in series, each 10 steps long; jumps of > 1 K every step force new parcels, ring growth and
    // pool compaction (rings start at 2 parcels).
    const n = 24;
    const pipes: PipeDef[] = [];
    for (let i = 0; i < n; i++) pipes.push({ from: i, to: i + 1, lengthM: 100, diameterM: 0.1, uWPerMK: 0 });
    const massKg = waterMassKg(pipes[0]);
    const dtS = 30;
    const mKgS = massKg / (10 * dtS);
    const net = createPlugFlow(topology(n + 1, pipes), DH_WATER, 50, { ...ENGINE_PLUG_FLOW, initialParcelsPerPipe: 2 });
    const flow = new Float64Array(n).fill(mKgS);
    const inj = new Float64Array(n + 1);
    const injC = new Float64Array(n + 1);
    inj[0] = mKgS;
    const inlet: number[] = [];
    const outlet: number[] = [];
    for (let k = 0; k < 400; k++) {
      injC[0] = 60 + 20 * Math.sin(k * 0.7) + (k % 3);
      inlet.push(injC[0]);
      net.step(flow, inj, injC, 0, dtS);
      outlet.push(net.nodeC[n]);
    }
    const delaySteps = 10 * n;
    for (let k = delaySteps; k < 400; k++) expect(outlet[k]).toBeCloseTo(inlet[k - delaySteps], 9);
    for (let k = 0; k < delaySteps; k++) expect(outlet[k]).toBeCloseTo(50, 9);
  });
});

describe('flow reversal', () => {
  it('reversed flow brings back the last water in first (deque), then older water, then the new feed', () => {
    const pipe: PipeDef = { from: 0, to: 1, lengthM: 400, diameterM: 0.1, uWPerMK: 0 };
    const massKg = waterMassKg(pipe);
    const dtS = 10;
    const mKgS = massKg / (40 * dtS); // 40 steps fill the pipe
    const { net, run } = singlePipe(pipe);
    for (let k = 0; k < 100; k++) run(mKgS, 80, 5, dtS); // full of 80 °C water
    for (let k = 0; k < 20; k++) run(mKgS, 60, 5, dtS); // a 60 °C slug, half the pipe, at the `from` end
    const back: number[] = [];
    for (let k = 0; k < 60; k++) {
      run(-mKgS, 40, 5, dtS); // fed at node 1 with 40 °C
      back.push(net.nodeC[0]);
      expect(net.pipeOutletC[0]).toBe(net.nodeC[0]);
    }
    for (let k = 0; k < 20; k++) expect(back[k]).toBeCloseTo(60, 10);
    for (let k = 20; k < 40; k++) expect(back[k]).toBeCloseTo(80, 10);
    for (let k = 40; k < 60; k++) expect(back[k]).toBeCloseTo(40, 10);
  });

  it('after a reversal, still water is reported at the right ends (`to` end = outlet at zero flow)', () => {
    // Lossless pipe, 40 steps of flow fill it: 80 °C, then a 60 °C slug over the `from` half, then 10 steps
    // reversed at 40 °C: the `to` quarter holds 40 °C, the `from` quarter still 60 °C (the rest left at node 0).
    const pipe: PipeDef = { from: 0, to: 1, lengthM: 400, diameterM: 0.1, uWPerMK: 0 };
    const dtS = 10;
    const mKgS = waterMassKg(pipe) / (40 * dtS);
    const { net, run } = singlePipe(pipe);
    for (let k = 0; k < 100; k++) run(mKgS, 80, 5, dtS);
    for (let k = 0; k < 20; k++) run(mKgS, 60, 5, dtS);
    for (let k = 0; k < 10; k++) run(-mKgS, 40, 5, dtS);
    run(0, 0, 5, dtS);
    expect(net.endC(0, true)).toBeCloseTo(40, 10);
    expect(net.endC(0, false)).toBeCloseTo(60, 10);
    expect(net.pipeOutletC[0]).toBeCloseTo(40, 10);
    // Mean of the pipe: a quarter at 40, a quarter at 60 and the middle half at 80 °C.
    expect(net.pipeMeanC(0)).toBeCloseTo(mixC([0.25, 40], [0.25, 60], [0.5, 80]), 9);
    // Forward again: the 60 °C quarter at the `from` end is pushed on; the `to` end delivers the 40 °C first.
    run(mKgS, 90, 5, dtS);
    expect(net.nodeC[1]).toBeCloseTo(40, 10);
  });

  it('with losses, reversed steady flow gives the exponential outlet at the `from` end', () => {
    const pipe: PipeDef = { from: 0, to: 1, lengthM: 600, diameterM: 0.0825, uWPerMK: 0.216 };
    const { net, run } = singlePipe(pipe);
    for (let k = 0; k < 300; k++) run(2, 90, 5, 60);
    for (let k = 0; k < 300; k++) run(-1.5, 50, 5, 60);
    expect(Math.abs(net.nodeC[0] - steadyOutletC(50, 5, pipe, 1.5))).toBeLessThan(0.05);
    expect(net.pipeInletC[0]).toBeCloseTo(50, 10);
  });
});

describe('mixing at a junction', () => {
  it('node temperature is the enthalpy mean of the incoming streams (steady outlets by the reference formula)', () => {
    const a: PipeDef = { from: 0, to: 2, lengthM: 300, diameterM: 0.0825, uWPerMK: 0.216 };
    const b: PipeDef = { from: 1, to: 2, lengthM: 500, diameterM: 0.0545, uWPerMK: 0.184 };
    const c: PipeDef = { from: 3, to: 2, lengthM: 200, diameterM: 0.1071, uWPerMK: 0.225 };
    const net = createPlugFlow(topology(4, [a, b, c]), DH_WATER, 60, ENGINE_PLUG_FLOW);
    // Third pipe carries its flow the other way (negative): node 2 feeds node 3 through it.
    const flow = Float64Array.from([3, 1.2, -2]);
    const inj = Float64Array.from([3, 1.2, 0, 0]);
    const injC = Float64Array.from([90, 45, 0, 0]);
    for (let k = 0; k < 400; k++) net.step(flow, inj, injC, 6, 60);
    const outA = steadyOutletC(90, 6, a, 3);
    const outB = steadyOutletC(45, 6, b, 1.2);
    const mixedC = mixC([3, outA], [1.2, outB]);
    expect(Math.abs(net.nodeC[2] - mixedC)).toBeLessThan(0.05);
    expect(net.nodeC[2]).toBeCloseTo(mixC([3, net.pipeOutletC[0]], [1.2, net.pipeOutletC[1]]), 10);
    // By enthalpy, not by temperature: 90 °C and 45 °C streams differ in heat capacity by 0.6 %.
    expect(Math.abs(net.nodeC[2] - (3 * net.pipeOutletC[0] + 1.2 * net.pipeOutletC[1]) / 4.2)).toBeGreaterThan(0.005);
    expect(Math.abs(net.nodeC[3] - steadyOutletC(mixedC, 6, c, 2))).toBeLessThan(0.05);
    // Withdrawals: 2.2 kg/s stays at node 2, 2 kg/s leaves at node 3.
    expect(net.nodeWithdrawalKgS[2]).toBeCloseTo(2.2, 10);
    expect(net.nodeWithdrawalKgS[3]).toBeCloseTo(2, 10);
  });
});

describe('energy conservation', () => {
  it('heat in - heat out - losses = change in stored heat (relative error < 1e-9) with varying, reversing and zero flows', () => {
    // Two loops: 0-1-2-0 and 1-3-4-2-1... plus a very short pipe 4-5 (water passes through within a step).
    const pipes: PipeDef[] = [
      { from: 0, to: 1, lengthM: 300, diameterM: 0.1071, uWPerMK: 0.225 },
      { from: 1, to: 2, lengthM: 200, diameterM: 0.0825, uWPerMK: 0.216 },
      { from: 0, to: 2, lengthM: 450, diameterM: 0.0703, uWPerMK: 0.2 },
      { from: 1, to: 3, lengthM: 150, diameterM: 0.0545, uWPerMK: 0.184 },
      { from: 3, to: 4, lengthM: 120, diameterM: 0.0545, uWPerMK: 0.184 },
      { from: 2, to: 4, lengthM: 250, diameterM: 0.0703, uWPerMK: 0.2 },
      { from: 4, to: 5, lengthM: 3, diameterM: 0.0372, uWPerMK: 0.15 },
    ];
    const nodeCount = 6;
    const net = createPlugFlow(topology(nodeCount, pipes), DH_WATER, 65, ENGINE_PLUG_FLOW);
    const rng = createRng(42);
    const flow = new Float64Array(pipes.length);
    const inj = new Float64Array(nodeCount);
    const injC = new Float64Array(nodeCount);
    const storedStart = net.storedHeatJ(0);
    let inJ = 0;
    let outJ = 0;
    let lossJ = 0;
    let backPipeSteps = 0;
    for (let k = 0; k < 20000; k++) {
      const phase = Math.floor(k / 500) % 5;
      const dtS = k % 7 === 0 ? 1 : 60;
      // Demand flows d3, d4, d5 (withdrawn) and a plant at node 0; loop circulations c1 (0-1-2) and c2 (1-3-4-2).
      const scale = phase === 2 ? 0 : 0.5 + rng.next();
      const d3 = scale * 0.6;
      const d4 = scale * 0.4;
      const d5 = scale * (phase === 4 ? 2.5 : 0.3);
      const c1 = phase === 1 ? -0.8 : phase === 2 ? 1e-4 * (rng.next() - 0.3) : 0.3 * (rng.next() - 0.5);
      const c2 = phase === 2 ? -2e-4 * rng.next() : 0.2 * (rng.next() - 0.5);
      // Tree part: 0->1->3 carries d3, 0->2->4->5 carries d4 + d5; loop c1 runs 0->1->2->0, c2 runs 1->3->4->2->1.
      flow[0] = d3 + c1;
      flow[1] = c1 - c2;
      flow[2] = d4 + d5 - c1;
      flow[3] = d3 + c2;
      flow[4] = c2;
      flow[5] = d4 + d5 - c2;
      flow[6] = d5;
      // node 3 withdraws d3 (1->3 brings d3 + c2, 3->4 takes c2); node 4 withdraws d4; node 5 d5.
      // Feeds: the plant at node 0 and (return-style) a small injection at node 3.
      inj.fill(0);
      inj[0] = d3 + d4 + d5;
      injC[0] = 70 + 20 * rng.next();
      inj[3] = phase === 3 ? 0.2 : 0;
      injC[3] = 40;
      const groundC = 5 + 3 * Math.sin(k / 1000);
      net.step(flow, inj, injC, groundC, dtS);
      inJ += net.injectedHeatW * dtS;
      outJ += net.withdrawnHeatW * dtS;
      lossJ += net.totalHeatLossW * dtS;
      // Withdrawals follow from continuity of the given flows.
      const expectedW = [0, 0, 0, d3 + inj[3], d4, d5];
      for (let v = 0; v < nodeCount; v++) expect(net.nodeWithdrawalKgS[v]).toBeCloseTo(expectedW[v], 9);
      for (let v = 0; v < nodeCount; v++) expect(Number.isFinite(net.nodeC[v])).toBe(true);
      if (net.backPipeCount > 0) backPipeSteps++;
    }
    expect(backPipeSteps).toBeGreaterThan(0);
    const storedChange = net.storedHeatJ(0) - storedStart;
    const residual = inJ - outJ - lossJ - storedChange;
    expect(Math.abs(residual) / inJ).toBeLessThan(1e-9);
    // Stricter: the residual is tiny even against the losses alone.
    expect(Math.abs(residual) / lossJ).toBeLessThan(1e-7);
    expect(lossJ).toBeGreaterThan(0);
  });

  it('a pure circulation (a directed cycle, no feed) conserves energy and stays finite', () => {
    const pipes: PipeDef[] = [
      { from: 0, to: 1, lengthM: 100, diameterM: 0.0703, uWPerMK: 0.2 },
      { from: 1, to: 2, lengthM: 100, diameterM: 0.0703, uWPerMK: 0.2 },
      { from: 2, to: 0, lengthM: 100, diameterM: 0.0703, uWPerMK: 0.2 },
    ];
    const net = createPlugFlow(topology(3, pipes), DH_WATER, Float64Array.from([80, 60, 40]), ENGINE_PLUG_FLOW);
    const flow = new Float64Array(3);
    const zero = new Float64Array(3);
    const before = net.storedHeatJ(10);
    let lossJ = 0;
    for (let k = 0; k < 2000; k++) {
      // Includes a circulation bigger than a pipe's water per step (owed water settled as a booked loss).
      flow.fill(k < 1000 ? 0.01 : k < 1500 ? -0.02 : 8);
      net.step(flow, zero, zero, 10, 60);
      lossJ += net.totalHeatLossW * 60;
      for (let v = 0; v < 3; v++) expect(Number.isFinite(net.nodeC[v])).toBe(true);
      expect(net.nodeWithdrawalKgS[0]).toBeCloseTo(0, 12);
    }
    const residual = before - lossJ - net.storedHeatJ(10);
    expect(Math.abs(residual) / before).toBeLessThan(1e-9);
  });
});

describe('a generated tree network', () => {
  // Random tree (seeded) with catalogue pipes; consumers at every non-root node; pipe directions and node numbering
  // scrambled so the flow order is non-trivial. Flows accumulate leaf to root, as a tree hydraulic solve gives.
  const rng = createRng(7);
  const nodeCount = 200;
  const perm = Array.from({ length: nodeCount }, (_, i) => i);
  for (let i = nodeCount - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  const parent = new Array<number>(nodeCount).fill(-1);
  const pipes: PipeDef[] = [];
  const pipeOfChild = new Array<number>(nodeCount).fill(-1);
  const reversed: boolean[] = [];
  const demandKgS = new Array<number>(nodeCount).fill(0);
  for (let i = 1; i < nodeCount; i++) {
    parent[i] = Math.floor(rng.next() * i);
    demandKgS[i] = 0.05 + 0.4 * rng.next();
  }
  const subtreeKgS = demandKgS.slice();
  for (let i = nodeCount - 1; i > 0; i--) subtreeKgS[parent[i]] += subtreeKgS[i];
  for (let i = 1; i < nodeCount; i++) {
    // Smallest catalogue pipe with v <= 1.5 m/s.
    const size =
      PIPE_CATALOGUE.find((c) => subtreeKgS[i] / (RHO * (Math.PI / 4) * c.innerDiameterM ** 2) <= 1.5) ??
      PIPE_CATALOGUE[PIPE_CATALOGUE.length - 1];
    const rev = rng.next() < 0.4;
    reversed.push(rev);
    pipeOfChild[i] = pipes.length;
    pipes.push({
      from: rev ? perm[i] : perm[parent[i]],
      to: rev ? perm[parent[i]] : perm[i],
      lengthM: 20 + 200 * rng.next(),
      diameterM: size.innerDiameterM,
      uWPerMK: heatLossForOuterMm(size.outerMm),
    });
  }
  const topo = topology(nodeCount, pipes);
  const supplyFlow = new Float64Array(pipes.length);
  for (let i = 1; i < nodeCount; i++) {
    const p = pipeOfChild[i];
    supplyFlow[p] = reversed[p] ? -subtreeKgS[i] : subtreeKgS[i];
  }
  const groundC = 4;
  const dtS = 60;
  const steps = 1500;

  it('supply: every node at the exponential-formula temperature along its path from the plant (within 0.05 K)', () => {
    const net = createPlugFlow(topo, DH_WATER, 70, ENGINE_PLUG_FLOW);
    const inj = new Float64Array(nodeCount);
    const injC = new Float64Array(nodeCount);
    inj[perm[0]] = subtreeKgS[0];
    injC[perm[0]] = 95;
    for (let k = 0; k < steps; k++) net.step(supplyFlow, inj, injC, groundC, dtS);
    const expected = new Array<number>(nodeCount);
    expected[0] = 95;
    for (let i = 1; i < nodeCount; i++) {
      expected[i] = steadyOutletC(expected[parent[i]], groundC, pipes[pipeOfChild[i]], subtreeKgS[i]);
    }
    let worst = 0;
    for (let i = 0; i < nodeCount; i++) worst = Math.max(worst, Math.abs(net.nodeC[perm[i]] - expected[i]));
    expect(worst).toBeLessThan(0.05);
    for (let i = 1; i < nodeCount; i++) expect(net.nodeWithdrawalKgS[perm[i]]).toBeCloseTo(demandKgS[i], 9);
  });

  it('return (flows negated): junctions mix the branch returns by mass (within 0.05 K)', () => {
    const net = createPlugFlow(topo, DH_WATER, 45, ENGINE_PLUG_FLOW);
    const returnFlow = supplyFlow.map((m) => -m);
    const inj = new Float64Array(nodeCount);
    const injC = new Float64Array(nodeCount);
    const consumerC = new Array<number>(nodeCount).fill(0);
    for (let i = 1; i < nodeCount; i++) {
      consumerC[i] = 35 + 20 * rng.next();
      inj[perm[i]] = demandKgS[i];
      injC[perm[i]] = consumerC[i];
    }
    for (let k = 0; k < steps; k++) net.step(returnFlow, inj, injC, groundC, dtS);
    // Leaf to root: node T = (own return + children's pipe outlets) mixed by mass.
    const massC = consumerC.map((c, i) => c * demandKgS[i]);
    const expected = new Array<number>(nodeCount).fill(0);
    for (let i = nodeCount - 1; i >= 0; i--) {
      expected[i] = massC[i] / subtreeKgS[i];
      if (i > 0) massC[parent[i]] += subtreeKgS[i] * steadyOutletC(expected[i], groundC, pipes[pipeOfChild[i]], subtreeKgS[i]);
    }
    let worst = 0;
    for (let i = 0; i < nodeCount; i++) worst = Math.max(worst, Math.abs(net.nodeC[perm[i]] - expected[i]));
    expect(worst).toBeLessThan(0.05);
    expect(net.nodeWithdrawalKgS[perm[0]]).toBeCloseTo(subtreeKgS[0], 9);
  });
});

describe('zero flow', () => {
  it('no NaN after years at zero flow; still water cools as h_g + (h0 - h_g)·exp(-t/tau), within 0.05 K of T_g + (T0 - T_g)·exp(-t/tau)', () => {
    const pipe: PipeDef = { from: 0, to: 1, lengthM: 100, diameterM: 0.0273, uWPerMK: 0.113 };
    const net = createPlugFlow(topology(2, [pipe]), DH_WATER, 80, ENGINE_PLUG_FLOW);
    const zero = new Float64Array(2);
    const flow = new Float64Array(1);
    const tauS = (RHO * (Math.PI / 4) * pipe.diameterM ** 2 * CP) / pipe.uWPerMK;
    for (let k = 0; k < 10; k++) net.step(flow, zero, zero, 10, 360);
    const t = 3600;
    const cooledC = fromScale(toScale(10) + (toScale(80) - toScale(10)) * Math.exp(-t / tauS));
    expect(net.pipeMeanC(0)).toBeCloseTo(cooledC, 9);
    expect(net.pipeOutletC[0]).toBeCloseTo(cooledC, 9);
    expect(Math.abs(cooledC - (10 + 70 * Math.exp(-t / tauS)))).toBeLessThan(0.05);
    for (let k = 0; k < 100000; k++) net.step(flow, zero, zero, 10, 3600); // 11 years: the decay factor underflows
    expect(net.pipeMeanC(0)).toBeCloseTo(10, 9);
    expect(net.nodeC[0]).toBeCloseTo(80, 10); // no inflow: nodes keep their temperature
    expect(Number.isFinite(net.storedHeatJ(0))).toBe(true);
    expect(Number.isFinite(net.pipeHeatLossW[0])).toBe(true);
    // Flow restarts: the cold water comes out, then the feed.
    net.step(Float64Array.of(0.2), Float64Array.of(0.2, 0), Float64Array.of(90, 0), 10, 60);
    expect(net.nodeC[1]).toBeCloseTo(10, 6);
  });
});

describe('forecast of the water arriving at a node over a step (arrivingC)', () => {
  // A return branch: leaves 2 and 3 feed junction 1, which feeds the plant at node 0. Pipe 2 -> 1 is shorter
  // than one step of flow, so part of what reaches the plant this step enters the network during the step.
  const pipes: PipeDef[] = [
    { from: 2, to: 1, lengthM: 30, diameterM: 0.0703, uWPerMK: 0 },
    { from: 3, to: 1, lengthM: 400, diameterM: 0.0703, uWPerMK: 0 },
    { from: 1, to: 0, lengthM: 120, diameterM: 0.0825, uWPerMK: 0 },
  ];
  const flow = Float64Array.of(1.5, 0.8, 2.3);
  const inj = Float64Array.of(0, 0, 1.5, 0.8);

  function branch(uWPerMK: number) {
    const net = createPlugFlow(topology(4, pipes.map((p) => ({ ...p, uWPerMK }))), DH_WATER, 45, ENGINE_PLUG_FLOW);
    const injC = new Float64Array(4);
    // A history of changing returns, so the pipes hold fronts.
    for (let k = 0; k < 12; k++) {
      injC[2] = 40 + 6 * Math.sin(k);
      injC[3] = 48 - 5 * Math.cos(0.7 * k);
      net.step(flow, inj, injC, 8, 60);
    }
    injC[2] = 31;
    injC[3] = 52;
    return { net, injC };
  }

  it('without losses it is what the step then delivers, exactly (by enthalpy)', () => {
    const { net, injC } = branch(0);
    const forecastC = net.arrivingC(0, flow, inj, injC, 8, 60);
    net.step(flow, inj, injC, 8, 60);
    expect(forecastC).toBeCloseTo(net.nodeC[0], 9);
    // The step brought water fed during it: the forecast is not just the water held at the plant's end.
    expect(Math.abs(net.endC(2, true) - forecastC)).toBeGreaterThan(0.1);
  });

  it('with losses, cooled as the step cools it: again what the step delivers', () => {
    const { net, injC } = branch(0.4);
    const forecastC = net.arrivingC(0, flow, inj, injC, 8, 60);
    net.step(flow, inj, injC, 8, 60);
    expect(forecastC).toBeCloseTo(net.nodeC[0], 9);
  });
});
