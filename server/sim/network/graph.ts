/**
 * Structure of a pipe network for the hydraulic and thermal solves: a spanning tree from the root (the main
 * plant; least-resistance paths, breadth-first among identical pipes), the chords (pipes outside the tree, one
 * per independent loop) and each chord's fundamental loop, all as typed arrays (CSR lists). No units.
 *
 * Fundamental loop of chord c = (a -> b): the chord itself (sign +1), then the tree path from b back to a.
 * A pipe's sign is +1 where the loop runs along its from->to direction, -1 against it; a circulating flow q
 * around the loop changes each member pipe's flow by sign·q, and the loop's energy equation is
 * sum(sign·dp) = 0 (Kirchhoff's second law). Loops found this way are independent (one chord each), so the
 * loop Jacobian is symmetric positive definite when every pipe's d(dp)/dm > 0.
 */
import type { NetworkTopology } from './topology';

export interface NetworkGraph {
  nodeCount: number;
  pipeCount: number;
  rootNode: number;
  /** Pipe joining each node to its tree parent; -1 for the root. */
  parentPipe: Int32Array;
  /** Tree parent of each node; -1 for the root. */
  parentNode: Int32Array;
  /** +1 when the parent pipe runs parent->node (from = parent), -1 when node->parent. */
  parentSign: Int8Array;
  /** Tree depth (root 0). */
  depth: Int32Array;
  /** Nodes in the order the tree reached them from the root (parents before children). */
  rootToLeaf: Int32Array;
  /** The same nodes reversed: children before parents (for continuity sums). */
  leafToRoot: Int32Array;
  /** True for pipes in the spanning tree. */
  isTreePipe: Uint8Array;
  /** Pipes outside the tree, one per fundamental loop (loop l belongs to chordPipe[l]). */
  chordPipe: Int32Array;
  /** CSR: members of loop l are loopPipe[loopStart[l] .. loopStart[l+1]) with loopSign (+1/-1). */
  loopStart: Int32Array;
  loopPipe: Int32Array;
  loopSign: Int8Array;
  /** Distinct pipes that lie in at least one loop, and for each (CSR by position) the loops it lies in. */
  loopMemberPipe: Int32Array;
  memberLoopStart: Int32Array;
  memberLoop: Int32Array;
  memberSign: Int8Array;
  /**
   * 1 for a bridge: a pipe whose removal splits the network (in no loop), so a section valve on it cuts off the
   * side away from the root. Every cycle is a sum of fundamental loops, so a pipe in none of them lies on no cycle:
   * the bridges are the tree pipes outside every fundamental loop (a chord always closes one).
   */
  isBridge: Uint8Array;
  /** CSR node -> incident pipes (both directions). */
  nodePipeStart: Int32Array;
  nodePipe: Int32Array;
}

/** Builds the spanning tree and loops. Throws if some node cannot be reached from the root. */
export function buildNetworkGraph(topology: NetworkTopology, rootNode: number): NetworkGraph {
  const { nodeCount, pipeCount, pipeFrom, pipeTo } = topology;
  if (rootNode < 0 || rootNode >= nodeCount) throw new Error(`root node ${rootNode} is not a node of the network`);

  // Node -> pipe incidence (CSR).
  const nodePipeStart = new Int32Array(nodeCount + 1);
  for (let e = 0; e < pipeCount; e++) {
    nodePipeStart[pipeFrom[e] + 1]++;
    if (pipeTo[e] !== pipeFrom[e]) nodePipeStart[pipeTo[e] + 1]++;
  }
  for (let n = 0; n < nodeCount; n++) nodePipeStart[n + 1] += nodePipeStart[n];
  const nodePipe = new Int32Array(nodePipeStart[nodeCount]);
  const fill = nodePipeStart.slice(0, nodeCount);
  for (let e = 0; e < pipeCount; e++) {
    nodePipe[fill[pipeFrom[e]]++] = e;
    if (pipeTo[e] !== pipeFrom[e]) nodePipe[fill[pipeTo[e]]++] = e;
  }

  // Spanning tree of least hydraulic resistance from the root: Dijkstra on R_e = L/D^5 (the turbulent
  // Darcy-Weisbach resistance up to a constant), first offered first among ties, so a network of identical pipes
  // gets the breadth-first tree. The tree then follows the mains and the loops close through the high-resistance
  // links between them, which keeps fundamental loops short and the loop Jacobian sparse (banded).
  const parentPipe = new Int32Array(nodeCount).fill(-1);
  const parentNode = new Int32Array(nodeCount).fill(-1);
  const parentSign = new Int8Array(nodeCount);
  const depth = new Int32Array(nodeCount).fill(-1);
  const isTreePipe = new Uint8Array(pipeCount);
  const rootToLeaf = new Int32Array(nodeCount);
  const heap = createCandidateHeap(2 * pipeCount + 1);
  const distance = new Float64Array(nodeCount);
  depth[rootNode] = 0;
  rootToLeaf[0] = rootNode;
  let tail = 1;
  const offer = (u: number): void => {
    for (let k = nodePipeStart[u]; k < nodePipeStart[u + 1]; k++) {
      const e = nodePipe[k];
      const v = pipeFrom[e] === u ? pipeTo[e] : pipeFrom[e];
      const d = topology.pipeDiameterM[e];
      if (depth[v] < 0) heap.push(e, u, -(distance[u] + topology.pipeLengthM[e] / (d * d * d * d * d)));
    }
  };
  offer(rootNode);
  while (heap.size > 0) {
    heap.pop();
    const e = heap.topPipe;
    const u = heap.topNode;
    const v = pipeFrom[e] === u ? pipeTo[e] : pipeFrom[e];
    if (depth[v] >= 0) continue;
    depth[v] = depth[u] + 1;
    distance[v] = -heap.topKey;
    parentPipe[v] = e;
    parentNode[v] = u;
    parentSign[v] = pipeFrom[e] === u ? 1 : -1;
    isTreePipe[e] = 1;
    rootToLeaf[tail++] = v;
    offer(v);
  }
  if (tail !== nodeCount) {
    throw new Error(`network is not connected: ${nodeCount - tail} of ${nodeCount} nodes cannot be reached from the root`);
  }
  const leafToRoot = rootToLeaf.slice().reverse();

  // Chords and their fundamental loops.
  let chordCount = 0;
  for (let e = 0; e < pipeCount; e++) if (!isTreePipe[e]) chordCount++;
  const chordPipe = new Int32Array(chordCount);
  const loopStart = new Int32Array(chordCount + 1);
  const pipesTmp: number[] = [];
  const signsTmp: number[] = [];
  const downTmp: number[] = [];
  let l = 0;
  for (let c = 0; c < pipeCount; c++) {
    if (isTreePipe[c]) continue;
    chordPipe[l] = c;
    pipesTmp.push(c);
    signsTmp.push(1);
    // Walk from b (chord's to) and a (chord's from) up to their lowest common ancestor.
    let b = pipeTo[c];
    let a = pipeFrom[c];
    downTmp.length = 0;
    while (a !== b) {
      if (depth[b] >= depth[a]) {
        // Loop runs b -> parent(b): along the pipe when the pipe runs b->parent, i.e. parentSign -1.
        pipesTmp.push(parentPipe[b]);
        signsTmp.push(-parentSign[b]);
        b = parentNode[b];
      } else {
        // Loop runs parent(a) -> a (the path from the common ancestor down to a).
        downTmp.push(a);
        a = parentNode[a];
      }
    }
    for (let i = downTmp.length - 1; i >= 0; i--) {
      const n = downTmp[i];
      pipesTmp.push(parentPipe[n]);
      signsTmp.push(parentSign[n]);
    }
    l++;
    loopStart[l] = pipesTmp.length;
  }
  const loopPipe = Int32Array.from(pipesTmp);
  const loopSign = Int8Array.from(signsTmp);

  // Inverse: for each pipe in some loop, the loops it belongs to.
  const countPerPipe = new Int32Array(pipeCount);
  for (let k = 0; k < loopPipe.length; k++) countPerPipe[loopPipe[k]]++;
  let memberCount = 0;
  for (let e = 0; e < pipeCount; e++) if (countPerPipe[e] > 0) memberCount++;
  const loopMemberPipe = new Int32Array(memberCount);
  const memberLoopStart = new Int32Array(memberCount + 1);
  const position = new Int32Array(pipeCount).fill(-1);
  let m = 0;
  for (let e = 0; e < pipeCount; e++) {
    if (countPerPipe[e] === 0) continue;
    loopMemberPipe[m] = e;
    position[e] = m;
    memberLoopStart[m + 1] = memberLoopStart[m] + countPerPipe[e];
    m++;
  }
  const memberLoop = new Int32Array(loopPipe.length);
  const memberSign = new Int8Array(loopPipe.length);
  const memberFill = memberLoopStart.slice(0, memberCount);
  for (let lp = 0; lp < chordCount; lp++) {
    for (let k = loopStart[lp]; k < loopStart[lp + 1]; k++) {
      const slot = memberFill[position[loopPipe[k]]]++;
      memberLoop[slot] = lp;
      memberSign[slot] = loopSign[k];
    }
  }

  const isBridge = isTreePipe.slice();
  for (let m = 0; m < loopMemberPipe.length; m++) isBridge[loopMemberPipe[m]] = 0;
  return {
    nodeCount,
    pipeCount,
    rootNode,
    parentPipe,
    parentNode,
    parentSign,
    depth,
    rootToLeaf,
    leafToRoot,
    isTreePipe,
    chordPipe,
    loopStart,
    loopPipe,
    loopSign,
    loopMemberPipe,
    isBridge,
    memberLoopStart,
    memberLoop,
    memberSign,
    nodePipeStart,
    nodePipe,
  };
}

/** Max-heap of (pipe, node it is reached from) by key, then first offered first. Build-time only. */
function createCandidateHeap(capacity: number) {
  const pipe = new Int32Array(capacity);
  const node = new Int32Array(capacity);
  const key = new Float64Array(capacity);
  const seq = new Int32Array(capacity);
  let counter = 0;
  const before = (i: number, j: number): boolean => key[i] > key[j] || (key[i] === key[j] && seq[i] < seq[j]);
  const swap = (i: number, j: number): void => {
    let t = pipe[i]; pipe[i] = pipe[j]; pipe[j] = t;
    t = node[i]; node[i] = node[j]; node[j] = t;
    t = seq[i]; seq[i] = seq[j]; seq[j] = t;
    const k = key[i]; key[i] = key[j]; key[j] = k;
  };
  const heap = {
    size: 0,
    topPipe: -1,
    topNode: -1,
    topKey: 0,
    push(e: number, u: number, d: number): void {
      let i = heap.size++;
      pipe[i] = e;
      node[i] = u;
      key[i] = d;
      seq[i] = counter++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!before(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop(): void {
      heap.topPipe = pipe[0];
      heap.topNode = node[0];
      heap.topKey = key[0];
      const last = --heap.size;
      if (last > 0) {
        pipe[0] = pipe[last];
        node[0] = node[last];
        key[0] = key[last];
        seq[0] = seq[last];
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let best = i;
          if (l < last && before(l, best)) best = l;
          if (r < last && before(r, best)) best = r;
          if (best === i) break;
          swap(i, best);
          i = best;
        }
      }
    },
  };
  return heap;
}
