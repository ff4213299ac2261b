/**
 * The energy flows of one KPI sample (shared/protocol/session.ts), as a four-column Sankey diagram:
 *   heat taken (waste heat, ambient air), electricity, fuels -> heat pumps by source, boilers, storage -> network
 *   -> buildings, losses, stored.
 *
 * Equations (all MW, interval means of the sample):
 *   heat-pump heat by source kind k: Q_k = heatBySourceMW[k]                  (ledger: heat-pump output by its source)
 *   electricity into them:           P_k = heatPumpElectricityBySourceMW[k]    (ledger: their electricity by source)
 *   heat taken from source k:        Q_k - P_k                                 (Q_sink = Q_source + P_el,
 *                                                                              docs/reference-figures.md, Heat pumps)
 * The heat-pump column has one node per source kind, named after the source and carrying Q_k: the heat the
 * production chart stacks for that source (productionStack.ts), so "Data centre" reads the same MW in both views
 * of one sample. Into it flow the heat taken from the source (from "Waste heat" for the waste-heat sources, from
 * "Ambient heat" for outdoor air, both marked "taken") and its electricity, so each band carries its own source's
 * COP (a data centre's lift is not a supermarket's). Boilers are drawn by the heat they make (fuel and electricity
 * in at their efficiency is not in the sample), storage by its discharge. Every band into the network is one
 * source's heat (`source`), heatBySourceMW of that source: the network's inflow is the chart's stack at the sample.
 * Network -> buildings is heatDeliveredMW, network -> losses networkLossMW; what enters the network but does not
 * leave it in this interval (storage charging, warming the pipes' water, curtailment) is drawn as "Stored".
 */
import { ELECTRICITY_COLOR, FUEL_COLOR, LOSS_COLOR, NETWORK_COLOR, sourceColor, sourceLabel } from './sourceColors';
import type { KpiSample } from '../../../shared/protocol/session';
import {
  HEAT_PUMP_SOURCE_KEYS,
  WASTE_HEAT_KEYS,
  type HeatPumpSourceKey,
  type HeatSourceKey,
} from '../../../shared/protocol/heatSources';

export const FUELS = ['gas', 'oil', 'woodchips', 'coal'] as const;
/** What boilers burn, electricity first, as the ledger books their heat. */
const BOILER_KEYS = ['electricBoiler', ...FUELS] as const;

/** Nodes that gather several sources (heat taken, boilers): neutral, their bands carry the sources' colours. */
const GATHER_COLOR = '#ffffff';

export type FlowNodeId =
  | 'wasteHeat'
  | 'ambientHeat'
  | 'electricity'
  | 'fuels'
  | HeatPumpSourceKey
  | 'boilers'
  | 'storage'
  | 'network'
  | 'buildings'
  | 'losses'
  | 'stored';

export interface FlowNode {
  id: FlowNodeId;
  label: string;
  /** Said after the node's value ("taken": heat taken from sources, before the heat pumps' lift). */
  note?: string;
  column: 0 | 1 | 2 | 3;
  color: string;
}

export interface Flow {
  from: FlowNodeId;
  to: FlowNodeId;
  valueMW: number;
  color: string;
  /** For a band into the network: the heat source it carries (KpiSample.heatBySourceMW's key). */
  source?: HeatSourceKey;
}

/** Flows smaller than this share of the network's throughput are left out, so the diagram stays legible. */
const MIN_SHARE = 0.002;

/** The flows of one sample; only those carrying heat (> 0.2 % of the network's throughput). */
export function energyFlows(k: KpiSample): Flow[] {
  const by = (key: string) => Math.max(0, k.heatBySourceMW[key] ?? 0);
  const flows: Flow[] = [];
  let intoNetworkMW = 0;
  const toNetwork = (from: FlowNodeId, source: HeatSourceKey) => {
    flows.push({ from, to: 'network', valueMW: by(source), color: sourceColor(source), source });
    intoNetworkMW += by(source);
  };
  for (const s of HEAT_PUMP_SOURCE_KEYS) {
    const electricityMW = Math.min(by(s), Math.max(0, k.heatPumpElectricityBySourceMW[s] ?? 0));
    const taken = WASTE_HEAT_KEYS.includes(s) ? 'wasteHeat' : 'ambientHeat';
    flows.push({ from: taken, to: s, valueMW: by(s) - electricityMW, color: sourceColor(s) });
    flows.push({ from: 'electricity', to: s, valueMW: electricityMW, color: ELECTRICITY_COLOR });
    toNetwork(s, s);
  }
  flows.push({ from: 'electricity', to: 'boilers', valueMW: by('electricBoiler'), color: ELECTRICITY_COLOR });
  let fuelMW = 0;
  for (const f of FUELS) fuelMW += by(f);
  flows.push({ from: 'fuels', to: 'boilers', valueMW: fuelMW, color: FUEL_COLOR });
  for (const b of BOILER_KEYS) toNetwork('boilers', b);
  toNetwork('storage', 'storage');
  const deliveredMW = Math.max(0, k.heatDeliveredMW);
  const lossMW = Math.max(0, k.networkLossMW);
  flows.push({ from: 'network', to: 'buildings', valueMW: deliveredMW, color: NETWORK_COLOR });
  flows.push({ from: 'network', to: 'losses', valueMW: lossMW, color: LOSS_COLOR });
  const storedMW = intoNetworkMW - deliveredMW - lossMW;
  flows.push({ from: 'network', to: 'stored', valueMW: storedMW, color: sourceColor('storage') });
  const threshold = MIN_SHARE * Math.max(intoNetworkMW, deliveredMW + lossMW);
  return flows.filter((f) => f.valueMW > threshold);
}

const heatPumpNode = (s: HeatPumpSourceKey): Omit<FlowNode, 'id'> => ({
  label: sourceLabel(s),
  column: 1,
  color: sourceColor(s),
});

const NODE_INFO: Record<FlowNodeId, Omit<FlowNode, 'id'>> = {
  wasteHeat: { label: 'Waste heat', note: 'taken', column: 0, color: GATHER_COLOR },
  ambientHeat: { label: 'Ambient heat', note: 'taken', column: 0, color: GATHER_COLOR },
  electricity: { label: 'Electricity', column: 0, color: ELECTRICITY_COLOR },
  fuels: { label: 'Fuels', column: 0, color: FUEL_COLOR },
  datacentre: heatPumpNode('datacentre'),
  supermarket: heatPumpNode('supermarket'),
  wastewater: heatPumpNode('wastewater'),
  buildingCooling: heatPumpNode('buildingCooling'),
  outdoorAir: heatPumpNode('outdoorAir'),
  boilers: { label: 'Boilers', column: 1, color: GATHER_COLOR },
  storage: { label: 'Storage', column: 1, color: sourceColor('storage') },
  network: { label: 'Network', column: 2, color: NETWORK_COLOR },
  buildings: { label: 'Buildings', column: 3, color: NETWORK_COLOR },
  losses: { label: 'Losses', column: 3, color: LOSS_COLOR },
  stored: { label: 'Stored', column: 3, color: sourceColor('storage') },
};
const NODE_ORDER = Object.keys(NODE_INFO) as FlowNodeId[];

export const flowNodeLabel = (id: FlowNodeId): string => NODE_INFO[id].label;

export interface PlacedNode extends FlowNode {
  x: number;
  y: number;
  height: number;
  valueMW: number;
}

export interface PlacedFlow extends Flow {
  /** Centre of the band where it leaves its source node and where it enters its target, and its width. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  width: number;
}

export interface SankeyLayout {
  nodes: PlacedNode[];
  flows: PlacedFlow[];
  /** Pixels per MW. */
  scale: number;
}

export interface SankeyBox {
  width: number;
  height: number;
  nodeWidth: number;
  /** Vertical gap between nodes of one column. */
  gap: number;
  /** Least height a node's place in its column gets, so the labels of small nodes do not overlap. */
  minSlot: number;
  /**
   * Least distance from each column's nodes to the next column's (left edge to left edge), for the labels drawn
   * between them. The columns stand evenly spaced where that leaves every gap its room.
   */
  columnRoom?: readonly [number, number, number];
}

/** The left edge of each column's nodes: even steps, widened where a gap needs more room, the others narrowed. */
function columnLefts(box: SankeyBox): [number, number, number, number] {
  const span = box.width - box.nodeWidth;
  const room = box.columnRoom ?? [0, 0, 0];
  // Where every gap needs more than its even share, each gives up the same part of what it needs.
  let steps = room.map((r) => (r * span) / (room[0] + room[1] + room[2]));
  const widened = new Set<number>();
  while (widened.size < 3) {
    const even = (span - [...widened].reduce((s, i) => s + room[i], 0)) / (3 - widened.size);
    const more = [0, 1, 2].filter((i) => !widened.has(i) && room[i] > even);
    if (more.length === 0) {
      steps = [0, 1, 2].map((i) => (widened.has(i) ? room[i] : even));
      break;
    }
    for (const i of more) widened.add(i);
  }
  return [0, steps[0], steps[0] + steps[1], steps[0] + steps[1] + steps[2]];
}

/** The nodes the flows pass through, in column order, each with the larger of what enters and leaves it; unplaced. */
export function flowNodes(flows: Flow[]): PlacedNode[] {
  const inMW = new Map<FlowNodeId, number>();
  const outMW = new Map<FlowNodeId, number>();
  for (const f of flows) {
    outMW.set(f.from, (outMW.get(f.from) ?? 0) + f.valueMW);
    inMW.set(f.to, (inMW.get(f.to) ?? 0) + f.valueMW);
  }
  const nodes: PlacedNode[] = [];
  for (const id of NODE_ORDER) {
    const valueMW = Math.max(inMW.get(id) ?? 0, outMW.get(id) ?? 0);
    if (valueMW > 0) nodes.push({ id, ...NODE_INFO[id], valueMW, x: 0, y: 0, height: 0 });
  }
  return nodes;
}

/**
 * Places the nodes in four columns and the flows as bands between them. A node is as tall as the larger of what
 * enters and what leaves it, at one scale (px per MW) for the whole diagram: the largest at which every column
 * fits, each node taking at least minSlot (a small node is centred in its slot).
 */
export function layoutSankey(flows: Flow[], box: SankeyBox): SankeyLayout {
  const nodes = flowNodes(flows);
  const columns: PlacedNode[][] = [[], [], [], []];
  for (const n of nodes) columns[n.column].push(n);
  let scale = Infinity;
  for (const col of columns) if (col.length > 0) scale = Math.min(scale, columnScale(col, box));
  if (!Number.isFinite(scale) || scale < 0) scale = 0;
  const slot = (n: PlacedNode) => Math.max(n.valueMW * scale, box.minSlot);
  const lefts = columnLefts(box);
  for (const col of columns) {
    // Centre each column vertically so the network sits level with what feeds it.
    const used = col.reduce((s, n) => s + slot(n), 0) + box.gap * Math.max(0, col.length - 1);
    let y = (box.height - used) / 2;
    for (const n of col) {
      n.x = lefts[n.column];
      n.height = n.valueMW * scale;
      n.y = y + (slot(n) - n.height) / 2;
      y += slot(n) + box.gap;
    }
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const outOffset = new Map<FlowNodeId, number>();
  const inOffset = new Map<FlowNodeId, number>();
  const placed: PlacedFlow[] = [];
  for (const f of flows) {
    const a = byId.get(f.from)!;
    const b = byId.get(f.to)!;
    const width = f.valueMW * scale;
    const o0 = outOffset.get(f.from) ?? 0;
    const o1 = inOffset.get(f.to) ?? 0;
    outOffset.set(f.from, o0 + width);
    inOffset.set(f.to, o1 + width);
    placed.push({ ...f, width, x0: a.x + box.nodeWidth, y0: a.y + o0 + width / 2, x1: b.x, y1: b.y + o1 + width / 2 });
  }
  return { nodes, flows: placed, scale };
}

/**
 * The largest scale at which one column fits: nodes below minSlot take minSlot, the rest value x scale. Found by
 * fixing the nodes that turn out small and solving again (at most one pass per node).
 */
function columnScale(col: PlacedNode[], box: SankeyBox): number {
  const free = box.height - box.gap * (col.length - 1);
  let small = new Set<PlacedNode>();
  for (let pass = 0; pass <= col.length; pass++) {
    const bigMW = col.reduce((s, n) => (small.has(n) ? s : s + n.valueMW), 0);
    const room = free - small.size * box.minSlot;
    if (room <= 0) return 0;
    // Every node small: any scale that keeps the largest within its slot.
    if (bigMW <= 0) return box.minSlot / Math.max(...col.map((n) => n.valueMW));
    const scale = room / bigMW;
    const nextSmall = new Set(col.filter((n) => n.valueMW * scale < box.minSlot));
    if (nextSmall.size === small.size) return scale;
    small = nextSmall;
  }
  return 0;
}
