/**
 * Comb network for the hydraulic/thermal benchmark against pandapipes (bench/network.ts): a tree that is easy to
 * rebuild in any tool.
 *
 * Layout: the plant at the origin; a main line along +x with a branch every 40 m running north (+y); on each
 * branch a node every 20 m, each with one consumer (sides alternating east and west) at the end of a 15 m
 * service pipe. Square-ish: with B branches of k consumers the main line is 40·B m and a branch 20·k m long;
 * 40·B = 20·k and B·k = N give B = round(sqrt(N/2)) (N = 1,000: 22 branches of 45-46 consumers, 880 m x 920 m;
 * N = 10,000: 71 branches of 140-141, 2,840 m x 2,820 m). Consumers are spread evenly, the first N mod B
 * branches getting one more.
 * Loads 5-30 kW, uniform from createRng(seed).fork('comb-loads'), whole watts. Supply 80 °C, return 40 °C; pipes
 * sized at that 40 K difference with the same rules as the city (pipeSizing.ts: v <= 1.5 m/s, <= 150 Pa/m,
 * at least DN25), roughness 0.1 mm, heat loss U = 0.12 + 0.9·D W/(m·K) (D inner diameter, m); ground 10 °C.
 * Each consumer is drawn as a small house (floor area = load / 50 W/m2) just beyond its node.
 */
import type { ScenarioInput } from '../../shared/scenario/schema';
import { createRng } from '../sim/random';
import { coalBaseline, ESPOO_LOCATION, finnishEmissions, finnishPrices, helsinkiWeather } from './climate';
import { round, type Point } from './geometry';
import { accumulateDesignFlows, designFlowKgS, PIPE_ROUGHNESS_M, selectPipe } from './pipeSizing';

export const COMB_BRANCH_SPACING_M = 40;
export const COMB_CONSUMER_SPACING_M = 20;
export const COMB_SERVICE_LENGTH_M = 15;
export const COMB_SUPPLY_C = 80;
export const COMB_RETURN_C = 40;
export const COMB_GROUND_C = 10;

export interface CombOptions {
  consumers: number;
  seed: number;
}

export interface GeneratedComb {
  scenario: ScenarioInput;
  /** Heat load per consumer (W), in the order of the consumer buildings (and their nodes). */
  loadsW: number[];
  branches: number;
  consumersPerBranch: number[];
}

/** Heat loss per metre of pipe per kelvin for the benchmark (W/(m·K)), from the inner diameter (m). */
export function combHeatLossWPerMK(innerDiameterM: number): number {
  return 0.12 + 0.9 * innerDiameterM;
}

export function combBranchCount(consumers: number): number {
  return Math.max(1, Math.round(Math.sqrt(consumers / 2)));
}

export function generateComb({ consumers, seed }: CombOptions): GeneratedComb {
  if (!Number.isInteger(consumers) || consumers < 1 || consumers > 200_000) throw new RangeError('consumers must be an integer in 1..200000');
  const rng = createRng(seed).fork('comb-loads');
  const branches = combBranchCount(consumers);
  const consumersPerBranch = Array.from({ length: branches }, (_, b) => Math.floor(consumers / branches) + (b < consumers % branches ? 1 : 0));

  const nodes: Array<{ id: string; x: number; y: number }> = [{ id: 'plant', x: 0, y: 0 }];
  const pipes: Array<{ id: string; from: number; to: number; lengthM: number }> = [];
  const consumerNodes: number[] = [];
  const loadsW: number[] = [];
  const buildings: ScenarioInput['buildings'] = [];
  const addNode = (id: string, x: number, y: number) => nodes.push({ id, x, y }) - 1;
  const addPipe = (id: string, from: number, to: number, lengthM: number) => pipes.push({ id, from, to, lengthM });

  let previousMain = 0;
  for (let b = 0; b < branches; b++) {
    const x = COMB_BRANCH_SPACING_M * (b + 1);
    const main = addNode(`M${b + 1}`, x, 0);
    addPipe(`main-${b + 1}`, previousMain, main, COMB_BRANCH_SPACING_M);
    previousMain = main;
    let previous = main;
    for (let j = 0; j < consumersPerBranch[b]; j++) {
      const position = j + 1;
      const y = COMB_CONSUMER_SPACING_M * position;
      const branchNode = addNode(`B${b + 1}-${position}`, x, y);
      addPipe(`branch-${b + 1}-${position}`, previous, branchNode, COMB_CONSUMER_SPACING_M);
      previous = branchNode;
      const side = j % 2 === 0 ? 1 : -1;
      const index = loadsW.length + 1;
      const consumerNode = addNode(`K${index}`, x + side * COMB_SERVICE_LENGTH_M, y);
      addPipe(`service-${index}`, previous, consumerNode, COMB_SERVICE_LENGTH_M);
      consumerNodes.push(consumerNode);
      const loadW = Math.round(5000 + 25000 * rng.next());
      loadsW.push(loadW);
      buildings.push(house(`H${index}`, `K${index}`, [x + side * COMB_SERVICE_LENGTH_M, y], side, loadW));
    }
  }

  const nodeFlow = new Array<number>(nodes.length).fill(0);
  consumerNodes.forEach((n, i) => (nodeFlow[n] = designFlowKgS(loadsW[i], COMB_SUPPLY_C - COMB_RETURN_C)));
  const flows = accumulateDesignFlows({ nodeCount: nodes.length, pipeFrom: pipes.map((p) => p.from), pipeTo: pipes.map((p) => p.to) }, 0, nodeFlow);
  const totalLoadW = loadsW.reduce((s, l) => s + l, 0);

  const scenario: ScenarioInput = {
    id: `comb-${consumers}-s${seed}`,
    name: `Comb network, ${consumers} consumers`,
    description:
      `Benchmark comb tree: plant at the origin, main line along x with ${branches} branches every ${COMB_BRANCH_SPACING_M} m, ` +
      `a consumer every ${COMB_CONSUMER_SPACING_M} m along each branch (sides alternating) on ${COMB_SERVICE_LENGTH_M} m service pipes, ` +
      `loads 5-30 kW (total ${round(totalLoadW / 1e6, 3)} MW), supply ${COMB_SUPPLY_C} °C, return ${COMB_RETURN_C} °C, ground ${COMB_GROUND_C} °C.`,
    assumptions: [
      'Pipes sized at 80/40 °C for velocity <= 1.5 m/s and friction <= 150 Pa/m (Darcy, Swamee-Jain), EN 253 inner diameters, at least DN25.',
      'Heat loss per pipe U = 0.12 + 0.9·D W/(m·K), D inner diameter in m; roughness 0.1 mm (benchmark definition).',
    ],
    location: { ...ESPOO_LOCATION },
    simulation: { start: '2025-01-01', days: 1, stepS: 60, seed },
    weather: helsinkiWeather(),
    ground: { meanC: COMB_GROUND_C, amplitudeK: 0, coldestDay: 1, depthM: 1 },
    sources: [],
    buildings,
    network: {
      nodes,
      pipes: pipes.map((p, i) => {
        const d = round(selectPipe(flows.pipeFlowKgS[i]).innerDiameterM, 4);
        return {
          id: p.id,
          from: nodes[p.from].id,
          to: nodes[p.to].id,
          lengthM: p.lengthM,
          innerDiameterM: d,
          roughnessM: PIPE_ROUGHNESS_M,
          heatLossWPerMK: round(combHeatLossWPerMK(d), 6),
        };
      }),
    },
    supplyCurve: { points: [[-40, COMB_SUPPLY_C], [40, COMB_SUPPLY_C]], minC: COMB_SUPPLY_C, maxC: COMB_SUPPLY_C },
    plants: [
      {
        id: 'plant',
        name: 'Comb plant',
        node: 'plant',
        main: true,
        units: [{ id: 'boiler', kind: 'boiler', name: 'Gas boiler', fuel: 'gas', capacityW: Math.ceil((1.2 * totalLoadW) / 1e4) * 1e4, efficiency: 0.92 }],
      },
    ],
    prices: finnishPrices(),
    emissions: finnishEmissions(),
    baseline: coalBaseline(),
  };
  return { scenario, loadsW, branches, consumersPerBranch };
}

/** A small house beyond the consumer node, on the side away from the branch. */
function house(id: string, node: string, at: Point, side: number, loadW: number): ScenarioInput['buildings'][number] {
  const floorAreaM2 = Math.max(50, Math.round(loadW / 50));
  const floors = floorAreaM2 > 200 ? 2 : 1;
  const sideM = round(Math.sqrt(floorAreaM2 / floors), 1);
  const x0 = at[0] + side * 1;
  const x1 = at[0] + side * (1 + sideM);
  const [xa, xb] = side > 0 ? [x0, x1] : [x1, x0];
  const y0 = round(at[1] - sideM / 2, 2);
  const y1 = round(at[1] + sideM / 2, 2);
  return {
    id,
    use: 'residential',
    footprint: [[round(xa, 2), y0], [round(xb, 2), y0], [round(xb, 2), y1], [round(xa, 2), y1]],
    heightM: 3 * floors,
    floorAreaM2: round(sideM * sideM * floors, 1),
    yearBuilt: 1990,
    node,
  };
}
