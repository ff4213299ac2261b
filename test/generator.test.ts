/**
 * City generator (server/generator): determinism, the default scenario's contents, network structure, pipe sizing
 * limits, big-city generation and the benchmark comb. Sizing checks recompute flows and friction here, with
 * Darcy-Weisbach and Swamee-Jain (docs/reference-figures.md, Network), not with the
 * generator's own helpers.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { plantSchema, type ScenarioInput } from '../shared/scenario/schema';
import { parseScenario } from '../shared/scenario/validate';
import { PIPE_CATALOGUE } from '../server/sim/network/pipeCatalogue';
import { buildCity, generateCity, MAX_BUILDINGS, MIN_BUILDINGS } from '../server/generator/city';
import { generateComb } from '../server/generator/comb';
import { ESPOO_DISTRICT } from '../server/generator/espooDistrict';
import { REAL_SCALE_SCENARIOS } from '../server/generator/scenarios/realScaleScenarios';
import { project } from '../server/generator/scenarios/districtNetwork';
import { SHORE_GAP_M } from '../server/generator/shore';
import { formatJson } from '../server/generator/json';
import { designHeatW } from '../server/generator/pipeSizing';
import { deriveBuildingParams } from '../server/sim/consumers/buildingParams';
import { capacityForShare, coveredShare, dailyMeanC, designPlants, estimateDemand, splitBoiler, type PlantKey } from '../server/generator/plants';
import { polygonAreaM2 } from './fixtures/polygonArea';

const RHO = 970;
const MU = 3.5e-4;
const CP = 4190;

/** Friction gradient (Pa/m): Darcy-Weisbach, 64/Re laminar, Swamee-Jain turbulent. */
function gradientPaPerM(m: number, d: number, eps: number): number {
  const v = m / (RHO * Math.PI * d * d * 0.25);
  const re = (RHO * v * d) / MU;
  if (re === 0) return 0;
  const f = re < 2300 ? 64 / re : 0.25 / Math.log10(eps / (3.7 * d) + 5.74 / re ** 0.9) ** 2;
  return (f * RHO * v * v) / (2 * d);
}

/** Separating-axis test for two convex polygons (true when their interiors overlap by more than `slackM`). */
function overlaps(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>, slackM: number): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const [x0, y0] = poly[i];
      const [x1, y1] = poly[(i + 1) % poly.length];
      const len = Math.hypot(x1 - x0, y1 - y0);
      const nx = -(y1 - y0) / len;
      const ny = (x1 - x0) / len;
      const proj = (p: readonly [number, number]) => p[0] * nx + p[1] * ny;
      const pa = a.map(proj);
      const pb = b.map(proj);
      if (Math.max(...pa) - slackM <= Math.min(...pb) || Math.max(...pb) - slackM <= Math.min(...pa)) return false;
    }
  }
  return true;
}

/** Breadth-first tree from root in pipe order; design flows leaf to root; chords take the larger end flow. */
function treeFlows(s: ScenarioInput, root: string, withdrawal: Map<string, number>) {
  const nodes = s.network.nodes.map((n) => n.id);
  const index = new Map(nodes.map((id, i) => [id, i]));
  const pipes = s.network.pipes.map((p) => [index.get(p.from)!, index.get(p.to)!] as const);
  const adj: number[][] = nodes.map(() => []);
  pipes.forEach(([a, b], i) => (adj[a].push(i), adj[b].push(i)));
  const parent = new Array<number>(nodes.length).fill(-1);
  const seen = new Array<boolean>(nodes.length).fill(false);
  const order = [index.get(root)!];
  seen[order[0]] = true;
  for (let h = 0; h < order.length; h++) {
    for (const p of adj[order[h]]) {
      const m = pipes[p][0] === order[h] ? pipes[p][1] : pipes[p][0];
      if (seen[m]) continue;
      seen[m] = true;
      parent[m] = p;
      order.push(m);
    }
  }
  const sub = nodes.map((id) => withdrawal.get(id) ?? 0);
  const flow = new Array<number>(pipes.length).fill(NaN);
  for (let k = order.length - 1; k > 0; k--) {
    const n = order[k];
    const p = parent[n];
    flow[p] = sub[n];
    sub[pipes[p][0] === n ? pipes[p][1] : pipes[p][0]] += sub[n];
  }
  const inflow = (n: number) => (parent[n] >= 0 ? flow[parent[n]] : sub[n]);
  const chord = flow.map((f) => Number.isNaN(f));
  pipes.forEach(([a, b], i) => {
    if (chord[i]) flow[i] = Math.max(inflow(a), inflow(b));
  });
  return { flow, chord, reached: seen.every(Boolean) };
}

const espoo = buildCity(ESPOO_DISTRICT);
const espooScenario = espoo.scenario;

describe('generateCity determinism', () => {
  it('gives identical JSON for the same options and different JSON for another seed', () => {
    const a = formatJson(generateCity({ seed: 42, buildings: 300 }));
    const b = formatJson(generateCity({ seed: 42, buildings: 300 }));
    const c = formatJson(generateCity({ seed: 43, buildings: 300 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('the committed assets/scenarios/espoo-district.json is exactly what the generator makes (npm run generate)', () => {
    const committed = readFileSync(resolve(__dirname, '../assets/scenarios/espoo-district.json'), 'utf8');
    expect(committed).toBe(formatJson(generateCity(ESPOO_DISTRICT)));
  });
});

describe('real-scale scenarios (espoo-clean-heat, tampere-datacenter-95)', () => {
  for (const make of REAL_SCALE_SCENARIOS) {
    const scenario = make();
    it(`the committed assets/scenarios/${scenario.id}.json is exactly what the generator makes (npm run generate)`, () => {
      const committed = readFileSync(resolve(__dirname, `../assets/scenarios/${scenario.id}.json`), 'utf8');
      expect(committed).toBe(formatJson(scenario));
    });
  }
});

describe('espoo-district', () => {
  const s = parseScenario(espooScenario);

  it('parses and has 200-400 buildings, the exact count asked for', () => {
    expect(s.id).toBe('espoo-district');
    expect(s.buildings.length).toBe(ESPOO_DISTRICT.buildings);
    expect(s.buildings.length).toBeGreaterThanOrEqual(200);
    expect(s.buildings.length).toBeLessThanOrEqual(400);
  });

  it('has every source kind and every plant kind the product models', () => {
    expect(new Set(s.sources.map((x) => x.kind))).toEqual(new Set(['datacentre', 'supermarket', 'wastewater', 'buildingCooling', 'outdoorAir']));
    const sourceKind = new Map(s.sources.map((x) => [x.id, x.kind]));
    const units = s.plants.flatMap((p) => p.units.map((u) => ({ plant: p, u })));
    const hpsOn = (kind: string) => units.filter(({ u }) => u.kind === 'heatPump' && sourceKind.get(u.source) === kind);
    const main = s.plants.find((p) => p.main)!;
    const dc = hpsOn('datacentre');
    expect(dc.length).toBeGreaterThanOrEqual(2);
    expect(dc.length).toBeLessThanOrEqual(4);
    for (const { plant, u } of dc) {
      expect(plant).toBe(main);
      expect(u).toMatchObject({ copModel: 'lorenz', efficiency: 0.5, maxSinkC: 95, stages: 3 });
    }
    expect(main.units.some((u) => u.kind === 'boiler' && u.fuel === 'electric')).toBe(true);
    expect(main.units.some((u) => u.kind === 'boiler' && u.fuel === 'gas')).toBe(true);
    expect(main.units.some((u) => u.kind === 'storage')).toBe(true);
    expect(s.sources.find((x) => x.kind === 'datacentre')).toMatchObject({ coolingType: 'air' });
    expect(s.sources.find((x) => x.kind === 'wastewater')).toMatchObject({ minC: 8, maxC: 14, dischargeC: 2 });
    const air = hpsOn('outdoorAir');
    expect(air.length).toBeGreaterThan(0);
    for (const { u } of air) expect(u).toMatchObject({ efficiency: 0.4, minSourceC: -15 });
    expect(hpsOn('wastewater').length).toBeGreaterThan(0);
    expect(hpsOn('supermarket').length).toBeGreaterThan(0);
    expect(hpsOn('buildingCooling').every(({ u }) => u.kind === 'heatPump' && u.deliversCooling)).toBe(true);
    expect(hpsOn('buildingCooling').length).toBeGreaterThan(0);
    expect(units.some(({ u }) => u.kind === 'boiler' && (u.fuel === 'oil' || u.fuel === 'woodchips') && u.reserve)).toBe(true);
    for (const { u } of units) {
      if (u.kind !== 'heatPump') continue;
      expect(u.capacityW).toBeGreaterThanOrEqual(40e3);
      expect(u.capacityW).toBeLessThanOrEqual(80e6);
    }
    // Every plant sits in a plant building of its own.
    expect(s.buildings.filter((b) => b.use === 'plant').length).toBe(s.plants.length);
  });

  it('has two exporting prosumers whose heat pumps (100-400 kW) exceed their summer hot-water load', () => {
    const prosumers = s.buildings.filter((b) => b.prosumer);
    expect(prosumers.length).toBe(2);
    for (const b of prosumers) {
      expect(b.use).toBe('residential');
      expect(b.prosumer!.exports).toBe(true);
      expect(b.prosumer!.heatPump.capacityW).toBeGreaterThanOrEqual(100e3);
      expect(b.prosumer!.heatPump.capacityW).toBeLessThanOrEqual(400e3);
      // Summer: hot water only, 35 kWh/(m2·a) for homes (Finnish typical), flat: export if the heat pump makes more.
      const summerW = (35 * b.floorAreaM2 * 1000) / 8760;
      expect(b.prosumer!.heatPump.capacityW).toBeGreaterThan(3 * summerW);
    }
  });

  it('has a connected network with a meshed ring (>= 2 independent loops) and one node per connected building', () => {
    const { nodes, pipes } = s.network;
    expect(pipes.length - nodes.length + 1).toBeGreaterThanOrEqual(2);
    expect(pipes.length - nodes.length + 1).toBeLessThanOrEqual(3);
    const main = s.plants.find((p) => p.main)!;
    expect(treeFlows(espooScenario, main.node, new Map()).reached).toBe(true);
    const connected = s.buildings.filter((b) => b.node);
    expect(new Set(connected.map((b) => b.node)).size).toBe(connected.length);
    const streetPipes = pipes.filter((p) => p.id.startsWith('S')).length;
    expect(streetPipes).toBeGreaterThan(0.5 * s.buildings.length);
    expect(streetPipes).toBeLessThan(1.5 * s.buildings.length);
    // Each building's node lies on its footprint's boundary (at the wall facing the street).
    const nodeAt = new Map(nodes.map((n) => [n.id, n]));
    for (const b of connected) {
      const n = nodeAt.get(b.node!)!;
      let best = Infinity;
      for (let i = 0; i < b.footprint.length; i++) {
        const [ax, ay] = b.footprint[i];
        const [bx, by] = b.footprint[(i + 1) % b.footprint.length];
        const t = Math.max(0, Math.min(1, ((n.x - ax) * (bx - ax) + (n.y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
        best = Math.min(best, Math.hypot(n.x - ax - t * (bx - ax), n.y - ay - t * (by - ay)));
      }
      expect(best).toBeLessThan(0.2);
    }
  });

  it('has plausible buildings: floor area = footprint x whole floors, apartment blocks of 3-8 floors, no overlaps', () => {
    for (const b of s.buildings) {
      const floors = b.floorAreaM2 / polygonAreaM2(b.footprint);
      expect(Math.abs(floors - Math.round(floors))).toBeLessThan(0.01);
      expect(Math.round(floors)).toBeGreaterThanOrEqual(1);
      expect(Math.round(floors)).toBeLessThanOrEqual(8);
      if (b.use === 'residential') {
        expect(b.yearBuilt).toBeGreaterThanOrEqual(1950);
        expect(b.yearBuilt).toBeLessThanOrEqual(2020);
        expect(b.heightM / Math.round(floors)).toBeCloseTo(3, 6);
      }
    }
    const residential = s.buildings.filter((b) => b.use === 'residential');
    expect(residential.length / s.buildings.length).toBeGreaterThan(0.6);
    const apartments = residential.filter((b) => b.floorAreaM2 / polygonAreaM2(b.footprint) >= 3);
    expect(apartments.length).toBeGreaterThan(residential.length / 2);
    const houses = residential.filter((b) => b.floorAreaM2 / polygonAreaM2(b.footprint) < 3);
    expect(houses.length).toBeGreaterThan(0);
    for (const use of ['office', 'school', 'retail', 'supermarket', 'datacentre'] as const) {
      expect(s.buildings.some((b) => b.use === use)).toBe(true);
    }
    const fp = s.buildings.map((b) => b.footprint);
    for (let i = 0; i < fp.length; i++) for (let j = i + 1; j < fp.length; j++) expect(overlaps(fp[i], fp[j], 0.3)).toBe(false);
  });

  it('sizes every pipe within 1.5 m/s and 150 Pa/m at the 115/45 °C design flow, each the smallest size that is', () => {
    // Design flows recomputed here: floor area x the specific load, m = Q / (c_p · 70 K), summed over the tree.
    const withdrawal = new Map<string, number>();
    for (const b of s.buildings) if (b.node) withdrawal.set(b.node, designHeatW(b.use, b.yearBuilt, b.floorAreaM2) / (CP * 70));
    const main = s.plants.find((p) => p.main)!;
    const { flow, chord } = treeFlows(espooScenario, main.node, withdrawal);
    let checked = 0;
    s.network.pipes.forEach((p, i) => {
      const d = p.innerDiameterM;
      const m = flow[i];
      expect(m / (RHO * Math.PI * d * d * 0.25)).toBeLessThanOrEqual(1.5);
      expect(gradientPaPerM(m, d, p.roughnessM)).toBeLessThanOrEqual(150);
      const dn = PIPE_CATALOGUE.findIndex((c) => Math.abs(c.innerDiameterM - d) < 1e-4);
      expect(dn).toBeGreaterThanOrEqual(1); // DN25 at least
      expect(p.heatLossWPerMK).toBeGreaterThan(0.1);
      if (p.id.startsWith('PC') || chord[i] || PIPE_CATALOGUE[dn].dn === 25) return;
      const smaller = PIPE_CATALOGUE[dn - 1].innerDiameterM;
      const fits = m / (RHO * Math.PI * smaller * smaller * 0.25) <= 1.5 && gradientPaPerM(m, smaller, p.roughnessM) <= 150;
      expect(fits).toBe(false);
      checked++;
    });
    expect(checked).toBeGreaterThan(50);
  });

  it('uses the reference climate, supply curve, emission factors and location', () => {
    expect(s.location).toMatchObject({ latitudeDeg: 60.2055, longitudeDeg: 24.6559 });
    expect(s.weather).toMatchObject({ kind: 'synthetic', designColdC: -23, monthlyMeanC: [-3.9, -5.7, -1.0, 3.7, 9.9, 14.0, 16.7, 15.8, 10.2, 5.9, -1.3, -3.0] });
    const pts = s.supplyCurve.points;
    expect(pts[0][1]).toBe(115);
    expect(pts[pts.length - 1][1]).toBeGreaterThanOrEqual(65);
    expect(pts[pts.length - 1][1]).toBeLessThanOrEqual(70);
    for (let i = 1; i < pts.length; i++) expect(pts[i][1]).toBeLessThan(pts[i - 1][1]);
    expect(s.emissions).toEqual({ electricityGPerKWh: 179, fuelGPerKWh: { gas: 202, oil: 267, woodchips: 0, coal: 341 } });
    expect(s.baseline).toMatchObject({ fuel: 'coal' });
    expect(s.simulation).toMatchObject({ start: '2025-01-01', days: 365, stepS: 60, seed: 1 });
  });
});

describe('sizing assumptions', () => {
  it('sizes for the design loads of the simulation\'s own building model, at 47 K below a 21 °C room', () => {
    for (const [use, year] of [['residential', 1965], ['office', 1990], ['school', 2015]] as const) {
      const p = deriveBuildingParams({ use, yearBuilt: year, floorAreaM2: 1000 });
      expect(designHeatW(use, year, 1000)).toBe(p.designHeatW);
      expect(p.designHeatW).toBeCloseTo(p.uaWPerK * (21 - -26), 6);
    }
    // Older buildings need more per m2 (the age classes of the building model).
    expect(designHeatW('residential', 1965, 1)).toBeGreaterThan(designHeatW('residential', 2015, 1));
  });

  it('merit-order coverage matches the analytic load-duration curve of a uniform load', () => {
    // Loads uniform on [0, 1]: a base-load capacity C covers (C - C²/2) / (1/2) = 2C - C² of the energy.
    const n = 100_000;
    const loads = Float64Array.from({ length: n }, (_, i) => (i + 0.5) / n);
    expect(coveredShare(loads, 0.3)).toBeCloseTo(2 * 0.3 - 0.09, 6);
    expect(capacityForShare(loads, 0.4)).toBeCloseTo(1 - Math.sqrt(0.6), 5);
  });

  it('the daily temperatures used for sizing keep the Helsinki-Vantaa degree-days (4,420 K·d base 17 °C, within 5 %)', () => {
    let hdd = 0;
    for (let d = 0; d < 365; d++) hdd += Math.max(0, 17 - dailyMeanC(d));
    expect(Math.abs(hdd - 4420) / 4420).toBeLessThan(0.05);
  });

  it('plans the data-centre heat pumps for 35-45 % of the annual heat', () => {
    expect(espoo.plantSummary.dataCentreShare).toBeGreaterThan(0.35);
    expect(espoo.plantSummary.dataCentreShare).toBeLessThan(0.45);
    expect(espoo.plantSummary.wastewaterShare).toBeGreaterThan(0.02);
    expect(espoo.plantSummary.wastewaterShare).toBeLessThan(0.1);
  });
});

describe('plants of big cities', () => {
  const node = (k: PlantKey) => `N-${k}`;
  const sites = {
    dataCentreHallId: 'dc',
    treatmentHallId: 'wwtp',
    airPlantBuildingId: 'air',
    supermarketId: 'sm',
    supermarketFloorAreaM2: 3000,
    heatNodeOfficeId: 'office',
    officeClusterFloorAreaM2: 20_000,
    nodes: { main: node('main'), wastewater: node('wastewater'), air: node('air'), supermarket: node('supermarket'), heatNode: node('heatNode'), reserve: node('reserve') },
    heightsM: { main: 20, wastewater: 12, air: 10, supermarket: 8, heatNode: 15, reserve: 18 },
  };

  // 28,000 generated buildings have a design peak of about 2.7 GW, 50,000 (the most the generator makes) about 5 GW.
  it.each([25e6, 2.6e9, 5e9, 12e9])('a city with a %d W design peak gets plants the schema accepts, boilers adding up', (peakW) => {
    const demand = estimateDemand([{ use: 'residential', floorAreaM2: peakW / 30, designHeatW: peakW / 0.85 }]);
    expect(demand.designPeakW).toBeCloseTo(peakW, 0);
    const { plants } = designPlants(demand, sites);
    for (const plant of plants) {
      const parsed = plantSchema.safeParse(plant);
      expect(parsed.success, `${plant.id}: ${parsed.error?.issues[0]?.message}`).toBe(true);
      const ids = plant.units.map((u) => u.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
    const boilerW = (plantId: string, fuel: string) =>
      plants
        .find((p) => p.id === plantId)!
        .units.reduce((sum, u) => sum + (u.kind === 'boiler' && u.fuel === fuel ? u.capacityW : 0), 0);
    // Firm capacities as planned (reserve 20 %, electric boiler 15 % of the peak), to the 10 kW rounding per unit.
    expect(Math.abs(boilerW('reserve', 'oil') - 0.2 * peakW)).toBeLessThan(1e5);
    expect(Math.abs(boilerW('main', 'electric') - 0.15 * peakW)).toBeLessThan(1e5);
  });

  it('splits a boiler above the largest the schema allows into equal numbered units; smaller ones stay whole', () => {
    const oil = { id: 'oil-reserve', kind: 'boiler', name: 'Reserve oil boiler', fuel: 'oil', capacityW: 1.2e9, efficiency: 0.9 } as const;
    expect(splitBoiler(oil)).toEqual([1, 2, 3].map((i) => ({ ...oil, id: `oil-reserve-${i}`, name: `Reserve oil boiler ${i}`, capacityW: 4e8 })));
    expect(splitBoiler({ ...oil, capacityW: 3e8 })).toEqual([{ ...oil, capacityW: 3e8 }]);
  });
});

describe('npm run generate', () => {
  it('refuses sizes it cannot make with one line naming the flag, never a stack trace', async () => {
    const generate = async (...args: string[]) => {
      try {
        await promisify(execFile)(join('node_modules', '.bin', 'tsx'), ['server/generator/cli.ts', ...args, '--out', '/dev/null']);
        return { code: 0, stderr: '' };
      } catch (err) {
        return err as { code: number; stderr: string };
      }
    };
    const results = await Promise.all([String(MAX_BUILDINGS + 1), String(MIN_BUILDINGS - 1)].map((n) => generate('--buildings', n)));
    for (const r of results) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^generate: --buildings: [^\n]+\n$/);
    }
  }, 60_000);
});

/** Ray casting: whether (x, y) lies inside the polygon (even-odd rule). */
function inPolygon(polygon: ReadonlyArray<readonly [number, number]>, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Building corners and nodes that stand in any of the scenario's water. */
function wetThings(s: ScenarioInput): string[] {
  const wet = (x: number, y: number) => (s.water ?? []).some((w) => inPolygon(w.polygon, x, y));
  return [
    ...s.buildings.filter((b) => b.footprint.some(([x, y]) => wet(x, y))).map((b) => b.id),
    ...s.network.nodes.filter((n) => wet(n.x, n.y)).map((n) => n.id),
    ...(s.places ?? []).filter((p) => p.kind !== 'water' && wet(p.at[0], p.at[1])).map((p) => p.name),
  ];
}

describe('map: the shore and place names', () => {
  const cleanHeat = REAL_SCALE_SCENARIOS.map((make) => make()).find((x) => x.id === 'espoo-clean-heat')!;
  const origin = { latDeg: cleanHeat.location.latitudeDeg, lonDeg: cleanHeat.location.longitudeDeg };
  const sea = cleanHeat.water![0].polygon;
  const wetAt = (latDeg: number, lonDeg: number, southM: number) => {
    const [x, y] = project(origin, { latDeg, lonDeg });
    return inPolygon(sea, x, y - southM);
  };

  it('espoo-clean-heat: the Gulf of Finland in a few dozen points, said to be approximate', () => {
    expect(cleanHeat.water).toHaveLength(1);
    expect(cleanHeat.water![0].name).toBe('Gulf of Finland');
    expect(sea.length).toBeGreaterThanOrEqual(12);
    expect(sea.length).toBeLessThanOrEqual(60);
    expect(cleanHeat.assumptions!.some((a) => a.includes('approximate outline'))).toBe(true);
  });

  it('espoo-clean-heat: every building, node, district and town on land; shore districts 1.5 km from the sea', () => {
    expect(wetThings(cleanHeat)).toEqual([]);
    // Approximate coordinates of the shore places (docs/geography.md); the sea lies due south of each.
    const shore = {
      Suomenoja: [60.164, 24.713],
      Matinkylä: [60.159, 24.739],
      Westend: [60.163, 24.789],
      Keilaniemi: [60.1764, 24.8297],
    };
    for (const [name, [lat, lon]] of Object.entries(shore)) {
      expect(wetAt(lat, lon, 0), name).toBe(false);
      expect(wetAt(lat, lon, 1500), name).toBe(true);
    }
    // Inland Espoo (Espoon keskus, Leppävaara) stays dry 4 km south of its centre.
    expect(wetAt(60.2055, 24.6559, 4000)).toBe(false);
    expect(wetAt(60.219, 24.813, 4000)).toBe(false);
  });

  it('espoo-clean-heat: names its districts and the towns round them, Kirkkonummi to the west', () => {
    const places = cleanHeat.places!;
    const byName = new Map(places.map((p) => [p.name, p]));
    const districts = ['Tapiola', 'Matinkylä', 'Westend and Haukilahti', 'Otaniemi', 'Espoon keskus', 'Leppävaara'];
    for (const name of districts) expect(byName.get(name)?.kind, name).toBe('district');
    for (const name of ['Kauniainen', 'Kirkkonummi centre', 'Helsinki', 'Vantaa']) {
      expect(byName.get(name)?.kind, name).toBe('town');
    }
    expect(byName.get('Gulf of Finland')?.kind).toBe('water');
    expect(byName.get('Kirkkonummi centre')!.at[0]).toBeLessThan(-10_000);
    expect(byName.get('Helsinki')!.at[0]).toBeGreaterThan(10_000);
    expect(places.filter((p) => p.kind === 'district').length).toBeGreaterThanOrEqual(25);
  });

  it('espoo-district: a schematic shore south of the district, the sea past the drawn ground (6 radii)', () => {
    expect(wetThings(espooScenario)).toEqual([]);
    const water = espooScenario.water![0].polygon;
    const nodes = espooScenario.network.nodes.map((n): [number, number] => [n.x, n.y]);
    const pts = [...espooScenario.buildings.flatMap((b) => b.footprint), ...nodes];
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    const r = Math.hypot(maxX - minX, maxY - minY) / 2;
    expect(inPolygon(water, cx, minY - SHORE_GAP_M - 50)).toBe(true);
    expect(inPolygon(water, cx, minY - SHORE_GAP_M + 10)).toBe(false);
    for (const dx of [-5.9, 0, 5.9]) expect(inPolygon(water, cx + dx * r, cy - 5.9 * r)).toBe(true);
    expect(espooScenario.places).toEqual([expect.objectContaining({ name: 'Gulf of Finland', kind: 'water' })]);
  });
});

describe('big benchmark city', () => {
  it('generates 10,000 buildings that validate, none of them in the sea', () => {
    const city = generateCity({ seed: 7, buildings: 10_000 });
    const s = parseScenario(city);
    expect(s.buildings.length).toBe(10_000);
    expect(wetThings(city)).toEqual([]);
    expect(city.water![0].polygon.length).toBeLessThanOrEqual(40);
    expect(s.network.pipes.length - s.network.nodes.length + 1).toBeGreaterThanOrEqual(2);
    for (const p of s.plants) for (const u of p.units) if (u.kind === 'heatPump') expect(u.capacityW).toBeLessThanOrEqual(80e6);
  }, 30_000);
});

describe('generateComb', () => {
  for (const consumers of [1000, 999]) {
    it(`lays ${consumers} consumers on a square-ish comb with the stated spacing and loads`, () => {
      const comb = generateComb({ consumers, seed: 3 });
      const s = parseScenario(comb.scenario);
      expect(comb.loadsW.length).toBe(consumers);
      expect(s.buildings.length).toBe(consumers);
      expect(comb.consumersPerBranch.reduce((a, b) => a + b, 0)).toBe(consumers);
      for (const l of comb.loadsW) {
        expect(l).toBeGreaterThanOrEqual(5000);
        expect(l).toBeLessThanOrEqual(30000);
      }
      // A tree: pipes = nodes - 1, connected (parseScenario checks reachability from the plant).
      expect(s.network.pipes.length).toBe(s.network.nodes.length - 1);
      const node = new Map(s.network.nodes.map((n) => [n.id, n]));
      expect(node.get('plant')).toMatchObject({ x: 0, y: 0 });
      const mains = s.network.nodes.filter((n) => n.id.startsWith('M')).sort((a, b) => a.x - b.x);
      mains.forEach((n, i) => expect(n).toMatchObject({ x: 40 * (i + 1), y: 0 }));
      const services = s.network.pipes.filter((p) => p.id.startsWith('service'));
      expect(services.length).toBe(consumers);
      expect(s.network.pipes.filter((p) => p.id.startsWith('branch')).length).toBe(consumers);
      for (const p of s.network.pipes) {
        const a = node.get(p.from)!;
        const b = node.get(p.to)!;
        expect(Math.hypot(b.x - a.x, b.y - a.y)).toBeCloseTo(p.lengthM!, 9);
        const expected = p.id.startsWith('service') ? 15 : p.id.startsWith('branch') ? 20 : 40;
        expect(p.lengthM).toBe(expected);
        expect(p.heatLossWPerMK).toBeCloseTo(0.12 + 0.9 * p.innerDiameterM, 9);
        expect(p.roughnessM).toBe(1e-4);
      }
      // Square-ish: main line length within 25 % of the longest branch.
      const mainLength = 40 * comb.branches;
      const branchLength = 20 * Math.max(...comb.consumersPerBranch); // one consumer every 20 m
      expect(mainLength / branchLength).toBeGreaterThan(0.75);
      expect(mainLength / branchLength).toBeLessThan(1.33);
      expect(s.ground).toMatchObject({ meanC: 10, amplitudeK: 0 });
      expect(s.supplyCurve.points.every(([, c]) => c === 80)).toBe(true);
      // Trunk flow at 80/40 °C within the sizing limits: m = ΣQ / (c_p · 40 K).
      const trunk = s.network.pipes.find((p) => p.id === 'main-1')!;
      const m = comb.loadsW.reduce((a, b) => a + b, 0) / (CP * 40);
      expect(m / (RHO * Math.PI * trunk.innerDiameterM ** 2 * 0.25)).toBeLessThanOrEqual(1.5);
      expect(gradientPaPerM(m, trunk.innerDiameterM, 1e-4)).toBeLessThanOrEqual(150);
    });
  }

  it('is deterministic in its seed', () => {
    expect(generateComb({ consumers: 200, seed: 5 }).loadsW).toEqual(generateComb({ consumers: 200, seed: 5 }).loadsW);
    expect(generateComb({ consumers: 200, seed: 6 }).loadsW).not.toEqual(generateComb({ consumers: 200, seed: 5 }).loadsW);
  });
});
