/**
 * Steady hydraulic solve of a pipe network (one of the twin supply/return networks): mass flow, friction
 * pressure drop and velocity of every pipe, node pressures on demand.
 *
 * Method (docs/reference-figures.md, Network: a meshed network needs a simultaneous solve, a tree is solved
 * from the leaves to the root):
 *  - Continuity: with the chord (loop) flows q fixed, every tree pipe's flow is the sum of the withdrawals below
 *    it (leaf to root over the spanning tree of graph.ts, chords acting as a withdrawal at their from-node and an injection at
 *    their to-node). The root balances.
 *  - Loops: Newton-Raphson on the loop equations r_l(q) = sum_i(sign_li·(dp_i(m_i) + rho_i·g·dz_i)) = 0 (the
 *    hydrostatic heads cancel around a loop of uniform density; where the water's density varies they drive a
 *    buoyant circulation, a few Pa in a district loop) with the Jacobian
 *    J_lk = sum_i(sign_li·sign_ki·d(dp_i)/dm_i) (symmetric positive definite; envelope Cholesky), with
 *    step halving when |r|² grows. Converged when every |r_l| < 1e-3 Pa or < 1e-9 of the loop's sum |dp|.
 *    Chord flows are kept between solves (warm start), so a time step usually needs 0-2 iterations.
 *  - Pipe law: Darcy-Weisbach dp = f·(L/D)·m·|m|/(2·rho·A²), f and dlnf/dlnRe from tables per relative roughness
 *    (frictionTable.ts: within 3e-9 of friction.ts's Colebrook), d(dp)/dm = (2 + dlnf/dlnRe)·dp/m, needed by
 *    the loop pipes alone (the Jacobian); in laminar flow dp = 128·mu·L·m/(pi·rho·D⁴) exactly (finite slope at zero flow, so no NaN).
 *    Or a quadratic law dp = k·m·|m| in the caller's units (Hardy Cross validation case); its slope is floored
 *    at 2·k·1e-9 so zero flows keep J invertible.
 *  - Pressures: down the tree, p_to = p_from - dp - rho·g·(z_to - z_from) (friction + hydrostatic head, the
 *    latter kept per pipe with its density).
 *  - Water properties: a solver starts with the constant fluid it is given; once told each pipe's mean
 *    temperature (setNodeTemperatures), every pipe's density and viscosity follow it (water.ts's tables of its
 *    fits, within 1e-9), so a supply at 80 °C and a return at 45 °C, solved as two networks, each get their own
 *    friction and hydrostatic heads.
 *    With propertyRefreshK a pipe keeps its properties until its temperature has moved by that much.
 * Units: kg/s, Pa, m, m/s, °C. Allocation only at creation.
 */
import { waterDensityTabulatedKgM3, waterViscosityTabulatedPaS, type Fluid } from '../water';
import type { NetworkTopology } from './topology';
import { buildNetworkGraph, type NetworkGraph } from './graph';
import { LAMINAR_RE, type FrictionModel } from './friction';
import { createPipeFrictionTable, type PipeFrictionTable } from './frictionTable';

export const GRAVITY_M_S2 = 9.80665;

export type ResistanceLaw = { kind: 'darcy' } | { kind: 'quadratic'; k: Float64Array };

export interface HydraulicOptions {
  rootNode: number;
  friction?: FrictionModel;
  law?: ResistanceLaw;
  /** Newton iteration cap per solve (default 50). */
  maxIterations?: number;
  /**
   * Reuse a pipe's turbulent friction factor until its Reynolds number has moved by more than this share
   * (default 0: always exact). Above Re 4000 |dlnf/dlnRe| < 0.3, so 0.02 keeps f within 0.6 % and spares the
   * table's logarithm and interpolation in nine of ten evaluations of a slowly changing network.
   */
  frictionRefreshRel?: number;
  /** Absolute loop residual tolerance (default 1e-3, Pa for the Darcy law). */
  toleranceAbs?: number;
  /** Relative loop residual tolerance against the loop's sum of |dp| (default 1e-9). */
  toleranceRel?: number;
  /** A pipe keeps its water properties until its temperature has moved by more than this (K; default 0: exact). */
  propertyRefreshK?: number;
}

export interface HydraulicSolver {
  readonly graph: NetworkGraph;
  /** Per pipe, + = from -> to (kg/s). */
  readonly massFlowKgS: Float64Array;
  /** Per pipe friction drop from -> to (Pa, signed with the flow). */
  readonly dpPa: Float64Array;
  /** Per pipe mean velocity (m/s, signed like the flow). */
  readonly velocityMS: Float64Array;
  /** Per pipe water density the drops and heads use (kg/m3). */
  readonly pipeDensityKgM3: Float64Array;
  /** Mass flow the root supplies in the last solve (kg/s; negative when it takes water out). */
  rootSupplyKgS: number;
  /** Newton iterations (Jacobian solves) of the last solve. */
  iterations: number;
  converged: boolean;
  /** Largest |loop residual| at the end of the last solve (Pa). */
  maxResidualPa: number;
  /** Flows, drops and velocities for the given withdrawals (kg/s per node, + leaves; root entry ignored). */
  solve(nodeWithdrawalKgS: Float64Array): void;
  /** Flows only (drops computed for loop pipes alone); call updateDrops() before reading dpPa/velocityMS. */
  solveFlows(nodeWithdrawalKgS: Float64Array): void;
  /** Friction drops and velocities of all pipes from the current flows. */
  updateDrops(): void;
  /**
   * Density and viscosity of every pipe from the water temperatures at the network's nodes (°C per node): a
   * pipe's water is taken at the mean of its two ends.
   */
  setNodeTemperatures(nodeC: Float64Array): void;
  /** Node pressures (Pa) into out, with p[refNode] = refPa; uses the current dpPa. */
  nodePressurePa(refNode: number, refPa: number, out: Float64Array): Float64Array;
  /** Forget the warm start (chord flows back to zero, cached friction factors re-evaluated). */
  reset(): void;
  /** The warm-start state carried between solves (chord flows, cached friction): saved with a snapshot. */
  saveWarmStart(): HydraulicWarmStart;
  loadWarmStart(state: HydraulicWarmStart): void;
}

export interface HydraulicWarmStart {
  chordFlowKgS: Float64Array;
  cachedF: Float64Array;
  cachedSlope: Float64Array;
  cachedRe: Float64Array;
  /** Outputs of the last solve, so a restored solver reads as the saved one did. */
  massFlowKgS: Float64Array;
  dpPa: Float64Array;
  velocityMS: Float64Array;
  rootSupplyKgS: number;
  /** Temperature each pipe's properties were last set at (NaN: the constant fluid's). */
  propertyC: Float64Array;
}

export function createHydraulicSolver(topology: NetworkTopology, fluid: Fluid, options: HydraulicOptions): HydraulicSolver {
  const graph = buildNetworkGraph(topology, options.rootNode);
  const { nodeCount, pipeCount } = topology;
  const law = options.law ?? { kind: 'darcy' };
  if (law.kind === 'quadratic' && law.k.length !== pipeCount) throw new Error('quadratic law needs one k per pipe');
  const quadraticK = law.kind === 'quadratic' ? law.k : null;
  const friction: FrictionModel = options.friction ?? 'colebrook';
  const maxIterations = options.maxIterations ?? 50;
  const tolAbs = options.toleranceAbs ?? 1e-3;
  const tolRel = options.toleranceRel ?? 1e-9;

  // Per-pipe constants: Re = reFactor·|m|; dp = f·dpFactor·m|m|; laminar dp = laminarR·m.
  const reFactor = new Float64Array(pipeCount);
  const dpFactor = new Float64Array(pipeCount);
  const laminarR = new Float64Array(pipeCount);
  const relRoughness = new Float64Array(pipeCount);
  const invRhoArea = new Float64Array(pipeCount);
  const pipeDensityKgM3 = new Float64Array(pipeCount);
  /** Hydrostatic head along each pipe, rho·g·(z_to - z_from) (Pa). */
  const headPa = new Float64Array(pipeCount);
  const propertyC = new Float64Array(pipeCount).fill(NaN);
  // The same constants per unit of 1/mu, 1/rho, mu/rho and rho: the geometry's share, so a change of water
  // costs two divisions and a few products.
  const reGeometry = new Float64Array(pipeCount);
  const dpGeometry = new Float64Array(pipeCount);
  const laminarGeometry = new Float64Array(pipeCount);
  const inverseArea = new Float64Array(pipeCount);
  const headGeometry = new Float64Array(pipeCount);
  for (let e = 0; e < pipeCount; e++) {
    const d = topology.pipeDiameterM[e];
    const area = (Math.PI * d * d) / 4;
    reGeometry[e] = 4 / (Math.PI * d);
    dpGeometry[e] = topology.pipeLengthM[e] / (2 * area * area * d);
    laminarGeometry[e] = (128 * topology.pipeLengthM[e]) / (Math.PI * d * d * d * d);
    inverseArea[e] = 1 / area;
    headGeometry[e] = GRAVITY_M_S2 * (topology.nodeElevationM[topology.pipeTo[e]] - topology.nodeElevationM[topology.pipeFrom[e]]);
  }
  function setProperties(e: number, rho: number, mu: number): void {
    const perRho = 1 / rho;
    reFactor[e] = reGeometry[e] / mu;
    dpFactor[e] = dpGeometry[e] * perRho;
    laminarR[e] = laminarGeometry[e] * mu * perRho;
    invRhoArea[e] = inverseArea[e] * perRho;
    pipeDensityKgM3[e] = rho;
    headPa[e] = rho * headGeometry[e];
  }
  function setFluid(): void {
    for (let e = 0; e < pipeCount; e++) setProperties(e, fluid.densityKgM3, fluid.viscosityPaS);
    propertyC.fill(NaN);
  }
  setFluid();
  for (let e = 0; e < pipeCount; e++) relRoughness[e] = topology.pipeRoughnessM[e] / topology.pipeDiameterM[e];

  const { parentPipe, parentNode, parentSign, leafToRoot, rootToLeaf, chordPipe, loopStart, loopPipe, loopSign } = graph;
  const { loopMemberPipe, memberLoopStart, memberLoop, memberSign } = graph;
  const { pipeFrom, pipeTo } = topology;
  const rootNode = graph.rootNode;
  const loopCount = chordPipe.length;

  const massFlowKgS = new Float64Array(pipeCount);
  const dpPa = new Float64Array(pipeCount);
  const velocityMS = new Float64Array(pipeCount);
  const slope = new Float64Array(pipeCount);
  const subtreeKgS = new Float64Array(nodeCount);
  const chordFlowKgS = new Float64Array(loopCount);
  const residual = new Float64Array(loopCount);
  const residualScale = new Float64Array(loopCount);
  const step = new Float64Array(loopCount);
  const jacobian = new Float64Array(loopCount * loopCount);
  // Envelope of the loop Jacobian: envelopeFirst[i] = lowest loop sharing a pipe with loop i. Cholesky fill-in
  // stays inside it, so the factorisation costs O(sum of envelope widths²), not O(n³), for banded loop sets.
  const envelopeFirst = new Int32Array(loopCount);
  for (let l = 0; l < loopCount; l++) envelopeFirst[l] = l;
  for (let j = 0; j < loopMemberPipe.length; j++) {
    for (let a = memberLoopStart[j]; a < memberLoopStart[j + 1]; a++) {
      for (let b = memberLoopStart[j]; b < memberLoopStart[j + 1]; b++) {
        const la = memberLoop[a];
        const lb = memberLoop[b];
        if (la < envelopeFirst[lb]) envelopeFirst[lb] = la;
      }
    }
  }
  // Local bindings: module-transformed imports can cost a property lookup per call in the hot loops.
  const densityOf = waterDensityTabulatedKgM3;
  const viscosityOf = waterViscosityTabulatedPaS;
  const frictionTable = quadraticK === null ? createPipeFrictionTable(relRoughness, friction) : null;
  const fs = new Float64Array(2);
  const refreshRel = options.frictionRefreshRel ?? 0;
  const propertyRefreshK = options.propertyRefreshK ?? 0;
  /** Per pipe friction factor, dlnf/dlnRe and the Reynolds number they were evaluated at (0 = never). */
  const cachedF = new Float64Array(pipeCount);
  const cachedSlope = new Float64Array(pipeCount);
  const cachedRe = new Float64Array(pipeCount);

  /** Turbulent friction factor and slope of pipe e at Re into the cache. */
  function refreshFriction(e: number, re: number): void {
    (frictionTable as PipeFrictionTable).factorAndSlope(e, re, fs);
    cachedF[e] = fs[0];
    cachedSlope[e] = fs[1];
    cachedRe[e] = re;
  }

  /** Friction drop of pipe e at its current flow (Pa), refreshing its friction factor when due. */
  function dropOf(e: number): number {
    const m = massFlowKgS[e];
    if (quadraticK !== null) return quadraticK[e] * m * Math.abs(m);
    const re = reFactor[e] * Math.abs(m);
    if (re < LAMINAR_RE) return laminarR[e] * m;
    if (Math.abs(re - cachedRe[e]) > refreshRel * cachedRe[e]) refreshFriction(e, re);
    return cachedF[e] * dpFactor[e] * m * Math.abs(m);
  }

  /** Drop and slope d(dp)/dm of a loop pipe at its current flow: the loop equations and their Jacobian. */
  function evalLoopPipe(e: number): void {
    const dp = dropOf(e);
    dpPa[e] = dp;
    const m = massFlowKgS[e];
    if (quadraticK !== null) {
      const am = Math.abs(m);
      slope[e] = 2 * quadraticK[e] * (am > 1e-9 ? am : 1e-9);
    } else if (reFactor[e] * Math.abs(m) < LAMINAR_RE) slope[e] = laminarR[e];
    else slope[e] = ((2 + cachedSlope[e]) * dp) / m;
  }

  /** Tree flows by continuity with the current chord flows. */
  function continuity(w: Float64Array): number {
    subtreeKgS.set(w);
    subtreeKgS[rootNode] = 0;
    for (let l = 0; l < loopCount; l++) {
      const c = chordPipe[l];
      const q = chordFlowKgS[l];
      massFlowKgS[c] = q;
      subtreeKgS[pipeFrom[c]] += q;
      subtreeKgS[pipeTo[c]] -= q;
    }
    // Arrays in locals, as in updateDrops. The root comes last leaf to root and gathers the whole network.
    const order = leafToRoot;
    const up = parentNode;
    const upPipe = parentPipe;
    const upSign = parentSign;
    const subtree = subtreeKgS;
    const flow = massFlowKgS;
    for (let i = 0; i < nodeCount - 1; i++) {
      const u = order[i];
      const s = subtree[u];
      flow[upPipe[u]] = upSign[u] * s;
      subtree[up[u]] += s;
    }
    return subtree[rootNode];
  }

  /** Residuals of all loops at the current flows; returns sum of squares; sets solver.converged flag data. */
  function loopResiduals(): number {
    for (let j = 0; j < loopMemberPipe.length; j++) evalLoopPipe(loopMemberPipe[j]);
    let norm = 0;
    let worst = 0;
    let allConverged = true;
    for (let l = 0; l < loopCount; l++) {
      let r = 0;
      let scale = 0;
      for (let k = loopStart[l]; k < loopStart[l + 1]; k++) {
        const e = loopPipe[k];
        const dp = dpPa[e];
        r += loopSign[k] * (dp + headPa[e]);
        scale += Math.abs(dp);
      }
      residual[l] = r;
      residualScale[l] = scale;
      norm += r * r;
      const ar = Math.abs(r);
      if (ar > worst) worst = ar;
      if (ar > tolAbs && ar > tolRel * scale) allConverged = false;
    }
    solver.maxResidualPa = worst;
    solver.converged = allConverged;
    return norm;
  }

  /** Adds t·step to the chord flows and to every loop pipe's flow. */
  function applyStep(t: number): void {
    for (let l = 0; l < loopCount; l++) {
      const dq = t * step[l];
      if (dq === 0) continue;
      chordFlowKgS[l] += dq;
      for (let k = loopStart[l]; k < loopStart[l + 1]; k++) massFlowKgS[loopPipe[k]] += loopSign[k] * dq;
    }
  }

  /** Solves J·step = -residual (envelope Cholesky of the SPD loop Jacobian, in place). */
  function newtonStep(): void {
    const n = loopCount;
    const first = envelopeFirst;
    // J's upper triangle, column b holding rows first[b]..b, is assembled at jacobian[a·n + b].
    for (let b = 0; b < n; b++) for (let a = first[b]; a <= b; a++) jacobian[a * n + b] = 0;
    for (let j = 0; j < loopMemberPipe.length; j++) {
      const g = slope[loopMemberPipe[j]];
      const k0 = memberLoopStart[j];
      const k1 = memberLoopStart[j + 1];
      for (let a = k0; a < k1; a++) {
        const la = memberLoop[a];
        const ga = g * memberSign[a];
        for (let b = k0; b < k1; b++) {
          const lb = memberLoop[b];
          if (lb >= la) jacobian[la * n + lb] += ga * memberSign[b];
        }
      }
    }
    // J = L·Lᵀ with L in the lower triangle (row i holds columns first[i]..i).
    for (let i = 0; i < n; i++) {
      const fi = first[i];
      for (let j = fi; j <= i; j++) {
        let s = jacobian[j * n + i];
        const k0 = fi > first[j] ? fi : first[j];
        for (let k = k0; k < j; k++) s -= jacobian[i * n + k] * jacobian[j * n + k];
        if (i === j) jacobian[i * n + i] = Math.sqrt(s > 1e-300 ? s : 1e-300);
        else jacobian[i * n + j] = s / jacobian[j * n + j];
      }
    }
    for (let i = 0; i < n; i++) {
      let s = -residual[i];
      for (let k = first[i]; k < i; k++) s -= jacobian[i * n + k] * step[k];
      step[i] = s / jacobian[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      const x = step[i] / jacobian[i * n + i];
      step[i] = x;
      for (let k = first[i]; k < i; k++) step[k] -= jacobian[i * n + k] * x;
    }
  }

  function solveFlows(w: Float64Array): void {
    if (w.length !== nodeCount) throw new Error(`withdrawals need one value per node (${nodeCount}), got ${w.length}`);
    solver.rootSupplyKgS = continuity(w);
    solver.iterations = 0;
    solver.converged = true;
    solver.maxResidualPa = 0;
    if (loopCount === 0) return;
    let norm = loopResiduals();
    while (!solver.converged && solver.iterations < maxIterations) {
      newtonStep();
      solver.iterations++;
      let t = 1;
      let halvings = 0;
      applyStep(1);
      let next = loopResiduals();
      // Step halving: the loop equations are monotone, so a shorter step along Newton's direction reduces |r|.
      while (next > norm && halvings < 10 && !solver.converged) {
        applyStep(-t / 2);
        t /= 2;
        halvings++;
        next = loopResiduals();
      }
      norm = next;
    }
    if (!Number.isFinite(norm)) {
      // Never hand NaN to the engine: fall back to the tree solution without loop flows.
      chordFlowKgS.fill(0);
      continuity(w);
      solver.converged = false;
    }
  }

  /**
   * Drops and velocities of every pipe. Slopes are the Newton solve's alone: loop pipes have theirs from the last
   * loop residuals. The Darcy law is dropOf's with the arrays read into locals once: V8 then keeps them in
   * registers instead of loading them from the closure for every pipe (a fifth faster).
   */
  function updateDrops(): void {
    if (quadraticK !== null) {
      for (let e = 0; e < pipeCount; e++) {
        dpPa[e] = dropOf(e);
        velocityMS[e] = massFlowKgS[e] * invRhoArea[e];
      }
      return;
    }
    const flow = massFlowKgS;
    const drop = dpPa;
    const velocity = velocityMS;
    const perRhoArea = invRhoArea;
    const perFlowRe = reFactor;
    const laminar = laminarR;
    const factorRe = cachedRe;
    const factor = cachedF;
    const perFactorDrop = dpFactor;
    const refresh = refreshRel;
    for (let e = 0; e < pipeCount; e++) {
      const m = flow[e];
      const am = Math.abs(m);
      velocity[e] = m * perRhoArea[e];
      const re = perFlowRe[e] * am;
      if (re < LAMINAR_RE) {
        drop[e] = laminar[e] * m;
        continue;
      }
      const cached = factorRe[e];
      if (Math.abs(re - cached) > refresh * cached) refreshFriction(e, re);
      drop[e] = factor[e] * perFactorDrop[e] * m * am;
    }
  }

  const solver: HydraulicSolver = {
    graph,
    massFlowKgS,
    dpPa,
    velocityMS,
    pipeDensityKgM3,
    rootSupplyKgS: 0,
    iterations: 0,
    converged: true,
    maxResidualPa: 0,
    solve(w) {
      solveFlows(w);
      updateDrops();
    },
    solveFlows,
    updateDrops,
    setNodeTemperatures(nodeC) {
      if (nodeC.length !== nodeCount) throw new Error(`temperatures need one value per node (${nodeCount}), got ${nodeC.length}`);
      // Arrays in locals, as in updateDrops.
      const from = pipeFrom;
      const to = pipeTo;
      const setAtC = propertyC;
      const refreshK = propertyRefreshK;
      for (let e = 0; e < pipeCount; e++) {
        const t = 0.5 * (nodeC[from[e]] + nodeC[to[e]]);
        if (Math.abs(t - setAtC[e]) <= refreshK) continue;
        setProperties(e, densityOf(t), viscosityOf(t));
        setAtC[e] = t;
      }
    },
    nodePressurePa(refNode, refPa, out) {
      out[rootNode] = 0;
      // Arrays in locals, as in updateDrops.
      const order = rootToLeaf;
      const up = parentNode;
      const upPipe = parentPipe;
      const upSign = parentSign;
      const drop = dpPa;
      const head = headPa;
      for (let i = 1; i < nodeCount; i++) {
        const u = order[i];
        const e = upPipe[u];
        // Friction and hydrostatic head of pipe e, from -> to; negated when the tree runs it the other way.
        out[u] = out[up[u]] - upSign[u] * (drop[e] + head[e]);
      }
      const shift = refPa - out[refNode];
      for (let n = 0; n < nodeCount; n++) out[n] += shift;
      return out;
    },
    reset() {
      chordFlowKgS.fill(0);
      cachedRe.fill(0);
    },
    saveWarmStart() {
      return {
        chordFlowKgS: chordFlowKgS.slice(),
        cachedF: cachedF.slice(),
        cachedSlope: cachedSlope.slice(),
        cachedRe: cachedRe.slice(),
        massFlowKgS: massFlowKgS.slice(),
        dpPa: dpPa.slice(),
        velocityMS: velocityMS.slice(),
        rootSupplyKgS: solver.rootSupplyKgS,
        propertyC: propertyC.slice(),
      };
    },
    loadWarmStart(state) {
      chordFlowKgS.set(state.chordFlowKgS);
      cachedF.set(state.cachedF);
      cachedSlope.set(state.cachedSlope);
      cachedRe.set(state.cachedRe);
      massFlowKgS.set(state.massFlowKgS);
      dpPa.set(state.dpPa);
      velocityMS.set(state.velocityMS);
      solver.rootSupplyKgS = state.rootSupplyKgS;
      setFluid();
      for (let e = 0; e < pipeCount; e++) {
        const t = state.propertyC[e];
        if (Number.isNaN(t)) continue;
        setProperties(e, densityOf(t), viscosityOf(t));
        propertyC[e] = t;
      }
    },
  };
  return solver;
}
