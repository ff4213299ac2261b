/**
 * The district heating network of a generated city, laid along its streets.
 *
 * Every street segment carries a pipe, cut into sections at the taps where buildings connect: service
 * connections within 12 m of each other along a street share one tap (typically the two buildings facing each
 * other across it), so the street pipe count stays near the building count. Each connected building (and each
 * plant) has its own node at its wall with a service pipe to its tap. Segments of role 'split' (see streets.ts)
 * lose their middle section, so they are fed from both ends as two dead-end branches. Dead-end street pipes that
 * serve nothing are pruned. Node coordinates are rounded to 0.1 m and pipe lengths are straight distances.
 * Nodes and pipes are listed depth first from the root (the main plant's connection), the order in which the
 * plug-flow transport visits them, so a big city's per-pipe records and parcels sit together in memory (a
 * 10,000-building city steps about a third faster than with the streets' own order).
 */
import { distance, round, roundPoint, type Point } from './geometry';
import type { StreetGrid } from './streets';

/** Service connections closer than this along a street share a tap. */
export const TAP_MERGE_M = 12;
/** A tap this close to an intersection is placed on the intersection itself. */
const SNAP_TO_END_M = 5;
/** Two taps closer than this become one. */
const MIN_TAP_SPACING_M = 4;

export interface Attachment {
  /** Node id of the building or plant connection. */
  nodeId: string;
  point: Point;
  /** Street segment the connection runs to. */
  segment: number;
  kind: 'service' | 'plant';
}

export type PipeKind = 'street' | 'service' | 'plant';

export interface NetworkNode {
  id: string;
  x: number;
  y: number;
}

export interface NetworkPipe {
  id: string;
  from: number;
  to: number;
  lengthM: number;
  kind: PipeKind;
}

export interface StreetNetwork {
  nodes: NetworkNode[];
  pipes: NetworkPipe[];
  nodeIndex: Map<string, number>;
}

interface Draft {
  nodes: Array<{ id: string; p: Point; keep: boolean }>;
  pipes: Array<{ from: number; to: number; kind: PipeKind }>;
}

export function buildStreetNetwork(grid: StreetGrid, attachments: ReadonlyArray<Attachment>, rootNodeId: string): StreetNetwork {
  const draft: Draft = { nodes: [], pipes: [] };
  const addNode = (id: string, p: Point, keep: boolean) => draft.nodes.push({ id, p: roundPoint(p), keep }) - 1;
  const intersectionNode = grid.intersections.map((p, i) => addNode(`J${i}`, p, grid.loopNode[i]));

  const bySegment: number[][] = grid.segments.map(() => []);
  attachments.forEach((a, i) => bySegment[a.segment].push(i));
  const attachmentNode = attachments.map((a) => addNode(a.nodeId, a.point, true));
  let tapCount = 0;

  for (const seg of grid.segments) {
    const a = grid.intersections[seg.a];
    const b = grid.intersections[seg.b];
    const lengthM = distance(a, b);
    const u: Point = [(b[0] - a[0]) / lengthM, (b[1] - a[1]) / lengthM];
    const along = (i: number) => {
      const p = attachments[i].point;
      return Math.min(lengthM, Math.max(0, (p[0] - a[0]) * u[0] + (p[1] - a[1]) * u[1]));
    };
    const members = bySegment[seg.index].map((i) => ({ i, s: along(i) })).sort((p, q) => p.s - q.s || p.i - q.i);
    const chain: number[] = [intersectionNode[seg.a]];
    let lastTapS = -Infinity;
    for (let k = 0; k < members.length; ) {
      const first = members[k].s;
      let sum = 0;
      let n = 0;
      const cluster: number[] = [];
      while (k < members.length && members[k].s - first <= TAP_MERGE_M) {
        sum += members[k].s;
        n++;
        cluster.push(members[k].i);
        k++;
      }
      const s = sum / n;
      let tap: number;
      if (s < SNAP_TO_END_M) tap = intersectionNode[seg.a];
      else if (s > lengthM - SNAP_TO_END_M) tap = intersectionNode[seg.b];
      else if (s - lastTapS < MIN_TAP_SPACING_M) tap = chain[chain.length - 1];
      else {
        tap = addNode(`T${++tapCount}`, [a[0] + u[0] * s, a[1] + u[1] * s], true);
        lastTapS = s;
      }
      if (chain[chain.length - 1] !== tap) chain.push(tap);
      for (const i of cluster) {
        draft.nodes[tap].keep = true;
        draft.pipes.push({ from: tap, to: attachmentNode[i], kind: attachments[i].kind });
      }
    }
    if (chain[chain.length - 1] !== intersectionNode[seg.b]) chain.push(intersectionNode[seg.b]);
    const open = seg.role === 'split' ? Math.floor((chain.length - 1) / 2) : -1;
    for (let k = 0; k + 1 < chain.length; k++) {
      if (k === open) continue; // the open section of a split street (the only one if the street has no taps)
      draft.pipes.push({ from: chain[k], to: chain[k + 1], kind: 'street' });
    }
  }
  return compact(depthFirst(pruneDeadEnds(draft), rootNodeId));
}

/** Nodes in depth-first order from the root; each pipe listed when the search first reaches it. */
function depthFirst(draft: Draft, rootNodeId: string): Draft {
  const incident = incidentPipes(draft);
  const nodeOrder: number[] = [];
  const pipeOrder: number[] = [];
  const seenNode = new Uint8Array(draft.nodes.length);
  const seenPipe = new Uint8Array(draft.pipes.length);
  const root = draft.nodes.findIndex((n) => n.id === rootNodeId);
  // From the root, then from any node it cannot reach (none in a connected network), in their own order.
  for (const start of [root, ...draft.nodes.keys()]) {
    if (start < 0 || seenNode[start]) continue;
    const stack = [start];
    while (stack.length) {
      const u = stack.pop()!;
      if (seenNode[u]) continue;
      seenNode[u] = 1;
      nodeOrder.push(u);
      // Pushed in reverse so the first incident pipe's far node is visited next.
      for (let k = incident[u].length - 1; k >= 0; k--) {
        const pi = incident[u][k];
        const p = draft.pipes[pi];
        const v = p.from === u ? p.to : p.from;
        if (!seenNode[v]) stack.push(v);
      }
      for (const pi of incident[u]) {
        if (!seenPipe[pi]) {
          seenPipe[pi] = 1;
          pipeOrder.push(pi);
        }
      }
    }
  }
  const map = new Int32Array(draft.nodes.length);
  nodeOrder.forEach((n, i) => (map[n] = i));
  return {
    nodes: nodeOrder.map((n) => draft.nodes[n]),
    pipes: pipeOrder.map((pi) => ({ ...draft.pipes[pi], from: map[draft.pipes[pi].from], to: map[draft.pipes[pi].to] })),
  };
}

/** The pipes at each node, in pipe order. */
function incidentPipes(draft: Draft): number[][] {
  const incident: number[][] = draft.nodes.map(() => []);
  draft.pipes.forEach((p, i) => {
    incident[p.from].push(i);
    incident[p.to].push(i);
  });
  return incident;
}

/** Removes street pipes leading only to unprotected dead-end intersections, repeatedly. */
function pruneDeadEnds(draft: Draft): Draft {
  const incident = incidentPipes(draft);
  const removedPipe = new Uint8Array(draft.pipes.length);
  const degree = incident.map((list) => list.length);
  const stack: number[] = [];
  draft.nodes.forEach((n, i) => {
    if (!n.keep && degree[i] <= 1) stack.push(i);
  });
  const removedNode = new Uint8Array(draft.nodes.length);
  while (stack.length) {
    const n = stack.pop()!;
    if (removedNode[n]) continue;
    removedNode[n] = 1;
    for (const pi of incident[n]) {
      if (removedPipe[pi]) continue;
      removedPipe[pi] = 1;
      const p = draft.pipes[pi];
      const m = p.from === n ? p.to : p.from;
      degree[m]--;
      if (!draft.nodes[m].keep && degree[m] <= 1 && !removedNode[m]) stack.push(m);
    }
  }
  const keepNode = draft.nodes.map((_, i) => !removedNode[i]);
  const map = new Int32Array(draft.nodes.length).fill(-1);
  const nodes: Draft['nodes'] = [];
  draft.nodes.forEach((n, i) => {
    if (keepNode[i]) map[i] = nodes.push(n) - 1;
  });
  const pipes = draft.pipes.filter((_, i) => !removedPipe[i]).map((p) => ({ ...p, from: map[p.from], to: map[p.to] }));
  return { nodes, pipes };
}

function compact(draft: Draft): StreetNetwork {
  const nodes = draft.nodes.map((n) => ({ id: n.id, x: n.p[0], y: n.p[1] }));
  const counters: Record<PipeKind, number> = { street: 0, service: 0, plant: 0 };
  const prefix: Record<PipeKind, string> = { street: 'S', service: 'C', plant: 'PC' };
  const pipes = draft.pipes.map((p) => ({
    id: `${prefix[p.kind]}${++counters[p.kind]}`,
    from: p.from,
    to: p.to,
    lengthM: Math.max(0.5, round(distance(draft.nodes[p.from].p, draft.nodes[p.to].p), 1)),
    kind: p.kind,
  }));
  return { nodes, pipes, nodeIndex: new Map(nodes.map((n, i) => [n.id, i])) };
}
