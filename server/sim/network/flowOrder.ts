/**
 * Processing order of the nodes for one time step of thermal transport: a topological order of the directed
 * graph the current mass flows make (a pipe with m > 0 points from -> to, m < 0 points to -> from, m = 0 is
 * left out), so that every pipe's outflow is known before the node it flows into is mixed (Kahn's algorithm).
 *
 * Flows in a potential (pressure-driven) network cannot circulate, but a hydraulic solve leaves tiny flows of
 * either sign in loops, which can close a directed cycle. When Kahn's algorithm stalls on one, the waiting node
 * with the least pending inflow (kg/s) is placed anyway; the pipes that then flow into an already placed node are
 * "back pipes": the transport step takes their outflow before it adds their inflow (valid while the pipe holds
 * more water than passes in one step, which tiny circulating flows do).
 *
 * The ready nodes are taken last-in first-out, so the order runs depth first down a tree: a node's pipes are
 * then mostly processed right after its parent's, which keeps memory access local on networks numbered the same
 * way. Nodes that feed no pipe (consumers at the ends of the supply network) come last, after all nodes that do:
 * they only need mixing, and the transport loop over the feeding nodes then has no empty inner loops.
 *
 * Rebuilt only when the sign pattern of the flows changes; `rebuild` allocates nothing (all arrays are sized at
 * creation). Cost O(nodes + pipes) plus O(nodes) per broken cycle.
 */
import type { NetworkTopology } from './topology';

export interface FlowOrder {
  /** Static incidence (CSR): the pipes at node v are incPipes[incStart[v] .. incStart[v+1]). */
  readonly incStart: Int32Array;
  readonly incPipes: Int32Array;
  /** Nodes in processing order: first the `feedCount` nodes that feed at least one pipe (other than back pipes),
   *  in topological order, then the rest. */
  readonly nodeOrder: Int32Array;
  feedCount: number;
  /** By order position k < feedCount: the pipes leaving node nodeOrder[k] (non-zero flow, back pipes excluded)
   *  are outPipes[outStart[k] .. outStart[k+1]), flowing into outDown[...] (same index). */
  readonly outStart: Int32Array;
  readonly outPipes: Int32Array;
  readonly outDown: Int32Array;
  /** Back pipes: flow into a node placed no later than their upstream node (a broken cycle). backPipes[0 ..
   *  backPipeCount), in the order of their downstream nodes. */
  readonly backPipes: Int32Array;
  backPipeCount: number;
  /** Recompute the order for these flows (kg/s per pipe, + = from -> to). */
  rebuild(massFlowKgS: Float64Array): void;
}

const WAITING = 0;
const QUEUED = 1;
const PLACED = 2;

export function createFlowOrder(topology: NetworkTopology): FlowOrder {
  const nodeCount = topology.nodeCount;
  const pipeCount = topology.pipeCount;
  const from = topology.pipeFrom;
  const to = topology.pipeTo;

  // Static incidence lists (CSR): every pipe once under each of its end nodes, a self-loop once.
  const incStart = new Int32Array(nodeCount + 1);
  for (let p = 0; p < pipeCount; p++) {
    incStart[from[p] + 1]++;
    if (to[p] !== from[p]) incStart[to[p] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) incStart[v + 1] += incStart[v];
  const incPipes = new Int32Array(incStart[nodeCount]);
  const fill = incStart.slice(0, nodeCount);
  for (let p = 0; p < pipeCount; p++) {
    incPipes[fill[from[p]]++] = p;
    if (to[p] !== from[p]) incPipes[fill[to[p]]++] = p;
  }

  const nodeOrder = new Int32Array(nodeCount);
  const outStart = new Int32Array(nodeCount + 1);
  const outPipes = new Int32Array(pipeCount);
  const outDown = new Int32Array(pipeCount);
  const backPipes = new Int32Array(pipeCount);
  const topoOrder = new Int32Array(nodeCount);
  const position = new Int32Array(nodeCount);
  const inDegree = new Int32Array(nodeCount);
  const pendingKgS = new Float64Array(nodeCount);
  const state = new Uint8Array(nodeCount);
  const queue = new Int32Array(nodeCount);

  const order = {
    incStart,
    incPipes,
    nodeOrder,
    feedCount: 0,
    outStart,
    outPipes,
    outDown,
    backPipes,
    backPipeCount: 0,
    rebuild(m: Float64Array): void {
      inDegree.fill(0);
      pendingKgS.fill(0);
      state.fill(WAITING);
      for (let p = 0; p < pipeCount; p++) {
        const f = m[p];
        if (f > 0) {
          inDegree[to[p]]++;
          pendingKgS[to[p]] += f;
        } else if (f < 0) {
          inDegree[from[p]]++;
          pendingKgS[from[p]] -= f;
        }
      }
      let qTail = 0; // `queue` is a stack
      for (let v = 0; v < nodeCount; v++) {
        if (inDegree[v] === 0) {
          state[v] = QUEUED;
          queue[qTail++] = v;
        }
      }
      let placed = 0;
      while (placed < nodeCount) {
        if (qTail === 0) {
          // Stalled on a cycle: place the waiting node with the least pending inflow.
          let best = -1;
          let bestKgS = Infinity;
          for (let v = 0; v < nodeCount; v++) {
            if (state[v] === WAITING && pendingKgS[v] < bestKgS) {
              bestKgS = pendingKgS[v];
              best = v;
            }
          }
          state[best] = QUEUED;
          queue[qTail++] = best;
        }
        const u = queue[--qTail];
        state[u] = PLACED;
        position[u] = placed;
        topoOrder[placed++] = u;
        for (let j = incStart[u]; j < incStart[u + 1]; j++) {
          const p = incPipes[j];
          const f = m[p];
          let d: number;
          if (f > 0 && from[p] === u) d = to[p];
          else if (f < 0 && to[p] === u) d = from[p];
          else continue;
          if (state[d] !== WAITING) continue; // flows into a placed node: a back pipe
          pendingKgS[d] -= f > 0 ? f : -f;
          if (--inDegree[d] === 0) {
            state[d] = QUEUED;
            queue[qTail++] = d;
          }
        }
      }

      // Out-lists of the feeding nodes in topological order; then the other nodes (`queue` collects them).
      let nOut = 0;
      let nBack = 0;
      let nFeed = 0;
      let nSink = 0;
      for (let k = 0; k < nodeCount; k++) {
        const u = topoOrder[k];
        outStart[nFeed] = nOut;
        for (let j = incStart[u]; j < incStart[u + 1]; j++) {
          const p = incPipes[j];
          const f = m[p];
          let d: number;
          if (f > 0 && from[p] === u) d = to[p];
          else if (f < 0 && to[p] === u) d = from[p];
          else continue;
          if (position[d] <= k) {
            backPipes[nBack++] = p;
          } else {
            outDown[nOut] = d;
            outPipes[nOut++] = p;
          }
        }
        if (nOut > outStart[nFeed]) nodeOrder[nFeed++] = u;
        else queue[nSink++] = u;
      }
      outStart[nFeed] = nOut;
      for (let k = 0; k < nSink; k++) nodeOrder[nFeed + k] = queue[k];
      order.feedCount = nFeed;
      order.backPipeCount = nBack;
    },
  };
  return order;
}
