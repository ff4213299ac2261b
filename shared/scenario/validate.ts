/**
 * Scenario validation: the zod schema for shape, then the cross-references zod cannot see
 * (ids that must exist, be unique, a network that must hang together). Every problem becomes
 * one line that names the field path, e.g. `network.pipes[12].to: no node "J99"`.
 */
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema';

export interface ScenarioProblem {
  path: string;
  message: string;
}

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}

export function formatProblem(p: ScenarioProblem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** Renders a zod path the way a reader writes it: `plants[0].units[2].capacityW`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function zodProblems(error: z.ZodError): ScenarioProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export function validateScenario(input: unknown): ScenarioResult {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const problems = crossReferenceProblems(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, scenario: parsed.data };
}

/** Parses or throws a ScenarioError whose message lists every problem, one per line. */
export function parseScenario(input: unknown): Scenario {
  const result = validateScenario(input);
  if (!result.ok) throw new ScenarioError(result.problems);
  return result.scenario;
}

function crossReferenceProblems(s: Scenario): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const indexIds = <T extends { id: string }>(items: T[], path: string): Map<string, number> => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) add(`${path}[${i}].id`, `duplicate id "${item.id}" (also ${path}[${seen.get(item.id)}])`);
      else seen.set(item.id, i);
    });
    return seen;
  };

  const nodes = indexIds(s.network.nodes, 'network.nodes');
  indexIds(s.network.pipes, 'network.pipes');
  const buildings = indexIds(s.buildings, 'buildings');
  const sources = indexIds(s.sources, 'sources');
  indexIds(s.plants, 'plants');
  const units = new Map<string, string>();

  const districts = indexIds(s.districts ?? [], 'districts');
  s.network.nodes.forEach((n, i) => {
    if (n.district !== undefined && !districts.has(n.district)) add(`network.nodes[${i}].district`, `no district "${n.district}"`);
  });
  s.network.pipes.forEach((p, i) => {
    if (!nodes.has(p.from)) add(`network.pipes[${i}].from`, `no node "${p.from}"`);
    if (!nodes.has(p.to)) add(`network.pipes[${i}].to`, `no node "${p.to}"`);
    if (p.from === p.to) add(`network.pipes[${i}].to`, `pipe starts and ends at node "${p.to}"`);
  });
  s.sources.forEach((src, i) => {
    if (src.buildingId && !buildings.has(src.buildingId))
      add(`sources[${i}].buildingId`, `no building "${src.buildingId}"`);
  });
  s.buildings.forEach((b, i) => {
    if (b.node !== undefined && !nodes.has(b.node)) add(`buildings[${i}].node`, `no node "${b.node}"`);
    if (b.prosumer && b.node === undefined) add(`buildings[${i}].node`, 'a prosumer must be connected to a node');
  });
  s.plants.forEach((plant, i) => {
    if (!nodes.has(plant.node)) add(`plants[${i}].node`, `no node "${plant.node}"`);
    plant.units.forEach((u, j) => {
      const path = `plants[${i}].units[${j}]`;
      if (units.has(u.id)) add(`${path}.id`, `duplicate unit id "${u.id}" (also ${units.get(u.id)})`);
      else units.set(u.id, path);
      if (u.kind === 'heatPump' && !sources.has(u.source)) add(`${path}.source`, `no source "${u.source}"`);
      if (u.kind === 'boiler' && u.fuel !== 'electric' && s.prices.fuelEurPerMWh[u.fuel] === undefined)
        add(`${path}.fuel`, `no price for "${u.fuel}" in prices.fuelEurPerMWh`);
    });
  });

  if (s.baseline.fuel !== 'electric' && s.prices.fuelEurPerMWh[s.baseline.fuel] === undefined)
    add('baseline.fuel', `no price for "${s.baseline.fuel}" in prices.fuelEurPerMWh`);
  const mains = s.plants.filter((p) => p.main).length;
  if (mains !== 1) add('plants', `exactly one plant must have "main": true (found ${mains})`);

  const curve = s.supplyCurve.points;
  for (let i = 1; i < curve.length; i++) {
    if (curve[i][0] <= curve[i - 1][0])
      add(`supplyCurve.points[${i}]`, 'outdoor temperatures must increase from point to point');
  }
  if (s.supplyCurve.minC > s.supplyCurve.maxC) add('supplyCurve.minC', 'must not exceed supplyCurve.maxC');

  if (problems.length === 0) problems.push(...connectivityProblems(s, nodes));
  return problems;
}

/** Every node must be reachable from the main plant, or its consumers could never be fed. */
function connectivityProblems(s: Scenario, nodes: Map<string, number>): ScenarioProblem[] {
  const main = s.plants.find((p) => p.main);
  if (!main) return [];
  const adjacency: number[][] = s.network.nodes.map(() => []);
  for (const p of s.network.pipes) {
    const a = nodes.get(p.from)!;
    const b = nodes.get(p.to)!;
    adjacency[a].push(b);
    adjacency[b].push(a);
  }
  const reached = new Uint8Array(s.network.nodes.length);
  const stack = [nodes.get(main.node)!];
  reached[stack[0]] = 1;
  while (stack.length) {
    const n = stack.pop()!;
    for (const m of adjacency[n]) {
      if (reached[m]) continue;
      reached[m] = 1;
      stack.push(m);
    }
  }
  const problems: ScenarioProblem[] = [];
  s.network.nodes.forEach((node, i) => {
    if (!reached[i]) problems.push({ path: `network.nodes[${i}]`, message: `node "${node.id}" is not connected to the main plant` });
  });
  return problems.slice(0, 20);
}
