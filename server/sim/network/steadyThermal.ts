/**
 * Thermal pass of the design-case steady state (steady.ts): supply and return temperatures along the flow order
 * for given pipe flows, with each pipe's inlet and outlet temperature and heat loss.
 *
 * Equations (docs/reference-figures.md, Network):
 *  - Pipe outlet: T_out = T_g + (T_in - T_g)·exp(-U·L/(|m|·c_p)), U per metre (topology.pipeHeatLossWPerMK);
 *    a pipe without flow keeps its inlet temperature (a design solve, not a cool-down).
 *  - Mixing at nodes, mass weighted, processed in flow order (BFS order for a tree, whose flows all run
 *    outward as withdrawals are >= 0; with loops a topological order of the flow directions, Kahn's
 *    algorithm, recomputed each pass); the return in the reverse order.
 *  - A node with no inflow (a dead end at zero load) takes its tree parent's temperature; a pipe whose flow is
 *    below the still threshold (set per solve) counts as still: no loss, outlet = inlet.
 * Units: W, kg/s, °C. Scratch arrays are allocated at creation; the passes allocate nothing.
 */
import type { NetworkTopology } from './topology';
import type { NetworkGraph } from './graph';
import type { SteadyInputs, SteadyResult } from './steadyCase';

/** The result arrays the passes fill (per pipe and per node). */
export type SteadyTemperatures = Pick<
  SteadyResult,
  | 'supplyInletC'
  | 'supplyOutletC'
  | 'returnInletC'
  | 'returnOutletC'
  | 'supplyLossW'
  | 'returnLossW'
  | 'supplyNodeC'
  | 'returnNodeC'
>;

export interface SteadyThermal {
  /** Sets the flow below which a pipe counts as still (kg/s; keeps direction noise of loop solves out of the order). */
  setStillKgS(kgS: number): void;
  /** Fills and returns the nodes upstream-before-downstream for the current supply flows (looped networks). */
  computeFlowOrder(): Int32Array;
  /** Node supply temperatures only, for the fixed-point iterations on a tree (see supplyPassTree). */
  supplyNodesTree(supplyC: number, groundC: number): void;
  /** Tree with outward flows (always so for a tree, as withdrawals are >= 0): one inflow per node. */
  supplyPassTree(supplyC: number, groundC: number): void;
  /** Supply temperatures in flow order; pipes record inlet/outlet/loss. */
  supplyPass(order: Int32Array, supplyC: number, groundC: number): void;
  /** Consumers' return water (flows in kg/s) into the node accumulators. */
  seedReturn(inputs: Pick<SteadyInputs, 'consumerNode' | 'consumerReturnC'>, consumerFlow: Float64Array): void;
  /** Return temperatures on a tree, leaves to root (after seedReturn). */
  returnPassTree(groundC: number): void;
  /** Return temperatures in reverse flow order (after seedReturn). */
  returnPass(order: Int32Array, groundC: number): void;
  /** Zero-flow pipes of the supply or of the return keep their inlet temperature and lose nothing. */
  stillPipes(network: 'supply' | 'return'): void;
}

/**
 * Thermal passes over a network whose pipe flows (kg/s, + = from -> to on the supply; for the return passes the
 * return's flows counted the same way, i.e. its own flows negated) are read from massFlowKgS on each call;
 * results go into `result`.
 */
export function createSteadyThermal(
  topology: NetworkTopology,
  graph: NetworkGraph,
  cp: number,
  massFlowKgS: Float64Array,
  result: SteadyTemperatures,
): SteadyThermal {
  const { nodeCount, pipeCount, pipeFrom, pipeTo } = topology;
  const { nodePipeStart, nodePipe, rootToLeaf, parentNode, parentPipe } = graph;
  const m = massFlowKgS;

  const lossUL = new Float64Array(pipeCount);
  for (let e = 0; e < pipeCount; e++) lossUL[e] = topology.pipeHeatLossWPerMK[e] * topology.pipeLengthM[e];
  // Per node: U·L/c_p of the tree pipe feeding it, so the iterated supply pass reads node-indexed data only.
  const feedULPerCp = new Float64Array(nodeCount);
  for (let u = 0; u < nodeCount; u++) if (parentPipe[u] >= 0) feedULPerCp[u] = lossUL[parentPipe[u]] / cp;

  const enthalpyIn = new Float64Array(nodeCount);
  const massIn = new Float64Array(nodeCount);
  const inDegree = new Int32Array(nodeCount);
  const flowOrder = new Int32Array(nodeCount);
  const placed = new Uint8Array(nodeCount);

  /** Flow threshold below which a pipe counts as still (keeps direction noise of loop solves out of the order). */
  let stillKgS = 0;

  function setStillKgS(kgS: number): void {
    stillKgS = kgS;
  }

  /** Fills flowOrder with nodes upstream-before-downstream for the current supply flows (looped networks). */
  function computeFlowOrder(): Int32Array {
    // Kahn's algorithm on the flowing pipes.
    inDegree.fill(0);
    for (let e = 0; e < pipeCount; e++) {
      const q = m[e];
      if (q > stillKgS) inDegree[pipeTo[e]]++;
      else if (q < -stillKgS) inDegree[pipeFrom[e]]++;
    }
    placed.fill(0);
    let tail = 0;
    for (let i = 0; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      if (inDegree[u] === 0) {
        flowOrder[tail++] = u;
        placed[u] = 1;
      }
    }
    let head = 0;
    while (tail < nodeCount) {
      if (head === tail) {
        // A cycle of near-still flows: break it at the first unplaced node in BFS order.
        for (let i = 0; i < nodeCount; i++) {
          const u = rootToLeaf[i];
          if (!placed[u]) {
            flowOrder[tail++] = u;
            placed[u] = 1;
            break;
          }
        }
      }
      const u = flowOrder[head++];
      for (let k = nodePipeStart[u]; k < nodePipeStart[u + 1]; k++) {
        const e = nodePipe[k];
        const q = m[e];
        let v = -1;
        if (q > stillKgS && pipeFrom[e] === u) v = pipeTo[e];
        else if (q < -stillKgS && pipeTo[e] === u) v = pipeFrom[e];
        if (v < 0 || placed[v]) continue;
        if (--inDegree[v] === 0) {
          flowOrder[tail++] = v;
          placed[v] = 1;
        }
      }
    }
    return flowOrder;
  }

  /** Node supply temperatures only, for the fixed-point iterations on a tree (see supplyPassTree). */
  function supplyNodesTree(supplyC: number, groundC: number): void {
    const nodeC = result.supplyNodeC;
    nodeC[graph.rootNode] = supplyC;
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      const t = nodeC[parentNode[u]];
      const q = m[parentPipe[u]];
      const aq = q < 0 ? -q : q;
      nodeC[u] = aq > stillKgS ? groundC + (t - groundC) * Math.exp(-feedULPerCp[u] / aq) : t;
    }
  }

  /** Tree with outward flows (always so for a tree, as withdrawals are >= 0): one inflow per node. */
  function supplyPassTree(supplyC: number, groundC: number): void {
    const nodeC = result.supplyNodeC;
    const inletC = result.supplyInletC;
    const outletC = result.supplyOutletC;
    const lossW = result.supplyLossW;
    nodeC[graph.rootNode] = supplyC;
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      const e = parentPipe[u];
      const t = nodeC[parentNode[u]];
      const q = m[e] < 0 ? -m[e] : m[e];
      inletC[e] = t;
      if (q > stillKgS) {
        const out = groundC + (t - groundC) * Math.exp(-lossUL[e] / (q * cp));
        outletC[e] = out;
        lossW[e] = q * cp * (t - out);
        nodeC[u] = out;
      } else {
        outletC[e] = t;
        lossW[e] = 0;
        nodeC[u] = t;
      }
    }
  }

  function returnPassTree(groundC: number): void {
    const nodeC = result.returnNodeC;
    const inletC = result.returnInletC;
    const outletC = result.returnOutletC;
    const lossW = result.returnLossW;
    for (let i = nodeCount - 1; i >= 1; i--) {
      const u = rootToLeaf[i];
      const e = parentPipe[u];
      const q = m[e] < 0 ? -m[e] : m[e];
      if (q > stillKgS && massIn[u] > 0) {
        const t = enthalpyIn[u] / massIn[u];
        nodeC[u] = t;
        const out = groundC + (t - groundC) * Math.exp(-lossUL[e] / (q * cp));
        inletC[e] = t;
        outletC[e] = out;
        lossW[e] = q * cp * (t - out);
        const p = parentNode[u];
        enthalpyIn[p] += q * out;
        massIn[p] += q;
      } else {
        nodeC[u] = massIn[u] > 0 ? enthalpyIn[u] / massIn[u] : NaN; // NaN: filled from the parent below
        lossW[e] = 0;
      }
    }
    const root = graph.rootNode;
    nodeC[root] = massIn[root] > 0 ? enthalpyIn[root] / massIn[root] : result.supplyNodeC[root];
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      if (!(massIn[u] > 0)) nodeC[u] = nodeC[parentNode[u]];
    }
  }

  /** Supply temperatures in flow order; pipes record inlet/outlet/loss. */
  function supplyPass(order: Int32Array, supplyC: number, groundC: number): void {
    const nodeC = result.supplyNodeC;
    enthalpyIn.fill(0);
    massIn.fill(0);
    for (let i = 0; i < nodeCount; i++) {
      const u = order[i];
      let t: number;
      if (u === graph.rootNode) t = supplyC;
      else if (massIn[u] > 0) t = enthalpyIn[u] / massIn[u];
      else t = nodeC[parentNode[u]]; // no inflow: carries no flow on; take the tree parent's (set in the fill pass)
      nodeC[u] = t;
      for (let k = nodePipeStart[u]; k < nodePipeStart[u + 1]; k++) {
        const e = nodePipe[k];
        const q = m[e];
        let v: number;
        if (q > stillKgS && pipeFrom[e] === u) v = pipeTo[e];
        else if (q < -stillKgS && pipeTo[e] === u) v = pipeFrom[e];
        else continue;
        const aq = Math.abs(q);
        const out = groundC + (t - groundC) * Math.exp(-lossUL[e] / (aq * cp));
        result.supplyInletC[e] = t;
        result.supplyOutletC[e] = out;
        result.supplyLossW[e] = aq * cp * (t - out);
        enthalpyIn[v] += aq * out;
        massIn[v] += aq;
      }
    }
    // Nodes without inflow (dead ends at zero load): the parent's temperature, in BFS order.
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      if (!(massIn[u] > 0)) nodeC[u] = nodeC[parentNode[u]];
    }
  }

  /** Consumers' return water into the node accumulators. */
  function seedReturn(inputs: Pick<SteadyInputs, 'consumerNode' | 'consumerReturnC'>, consumerFlow: Float64Array): void {
    enthalpyIn.fill(0);
    massIn.fill(0);
    const { consumerNode, consumerReturnC } = inputs;
    const scalarReturn = typeof consumerReturnC === 'number';
    for (let c = 0; c < consumerNode.length; c++) {
      const n = consumerNode[c];
      const tr = scalarReturn ? consumerReturnC : consumerReturnC[c];
      enthalpyIn[n] += consumerFlow[c] * tr;
      massIn[n] += consumerFlow[c];
    }
  }

  function returnPass(order: Int32Array, groundC: number): void {
    const nodeC = result.returnNodeC;
    for (let i = nodeCount - 1; i >= 0; i--) {
      const u = order[i];
      // No return inflow but a (near-still) outflow can only be threshold noise: any finite value will do.
      const t = massIn[u] > 0 ? enthalpyIn[u] / massIn[u] : result.supplyNodeC[u];
      nodeC[u] = t;
      for (let k = nodePipeStart[u]; k < nodePipeStart[u + 1]; k++) {
        const e = nodePipe[k];
        const q = m[e];
        let v: number;
        // Return water leaves u through the pipes whose supply flow arrives at u.
        if (q > stillKgS && pipeTo[e] === u) v = pipeFrom[e];
        else if (q < -stillKgS && pipeFrom[e] === u) v = pipeTo[e];
        else continue;
        const aq = Math.abs(q);
        const out = groundC + (t - groundC) * Math.exp(-lossUL[e] / (aq * cp));
        result.returnInletC[e] = t;
        result.returnOutletC[e] = out;
        result.returnLossW[e] = aq * cp * (t - out);
        enthalpyIn[v] += aq * out;
        massIn[v] += aq;
      }
    }
    // Nodes without return inflow: the tree parent's return temperature (root first).
    if (!(massIn[graph.rootNode] > 0)) nodeC[graph.rootNode] = result.supplyNodeC[graph.rootNode];
    for (let i = 1; i < nodeCount; i++) {
      const u = rootToLeaf[i];
      if (!(massIn[u] > 0)) nodeC[u] = nodeC[parentNode[u]];
    }
  }

  function stillPipes(network: 'supply' | 'return'): void {
    for (let e = 0; e < pipeCount; e++) {
      const q = m[e];
      if (q > stillKgS || q < -stillKgS) continue;
      if (network === 'supply') {
        const ts = result.supplyNodeC[pipeFrom[e]];
        result.supplyInletC[e] = ts;
        result.supplyOutletC[e] = ts;
        result.supplyLossW[e] = 0;
      } else {
        const tr = result.returnNodeC[pipeTo[e]];
        result.returnInletC[e] = tr;
        result.returnOutletC[e] = tr;
        result.returnLossW[e] = 0;
      }
    }
  }

  return {
    setStillKgS,
    computeFlowOrder,
    supplyNodesTree,
    supplyPassTree,
    supplyPass,
    seedReturn,
    returnPassTree,
    returnPass,
    stillPipes,
  };
}
