import { describe, expect, it } from 'vitest';
import { MAP_EXTENT_M, MAX_PLACES, MAX_POLYGON_POINTS, MAX_WATER_AREAS } from '../shared/scenario/schema';
import { parseScenario, validateScenario } from '../shared/scenario/validate';
import { smallCity } from './fixtures/smallCity';

function problemsOf(input: unknown): string[] {
  const r = validateScenario(input);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

describe('scenario validation', () => {
  it('accepts the small test city and fills defaults', () => {
    const s = parseScenario(smallCity());
    expect(s.network.dpSetpointPa).toBe(100e3);
    expect(s.buildings[0].setpointC).toBe(21);
  });

  it('names the field path of a pipe that points to a missing node', () => {
    const input = smallCity();
    input.network.pipes[12] = { ...input.network.pipes[12], to: 'J99' };
    expect(problemsOf(input)).toContain('network.pipes[12].to: no node "J99"');
  });

  it('names a node whose district is not listed', () => {
    const input = smallCity();
    input.districts = [{ id: 'north', name: 'North' }];
    input.network.nodes[3] = { ...input.network.nodes[3], district: 'south' };
    expect(problemsOf(input)).toEqual(['network.nodes[3].district: no district "south"']);
  });

  it('rejects a start date that is not on the calendar instead of rolling it over', () => {
    const input = smallCity();
    input.simulation.start = '2025-02-30';
    expect(problemsOf(input)).toEqual(['simulation.start: day 30: February 2025 has 28 days']);
  });

  it('names shape errors with their path', () => {
    const input = smallCity();
    (input.plants[0].units[0] as { capacityW: number }).capacityW = -5;
    const problems = problemsOf(input);
    expect(problems.some((p) => p.startsWith('plants[0].units[0].capacityW:'))).toBe(true);
  });

  it('rejects duplicate ids, unknown sources, missing fuel prices and a second main plant', () => {
    const input = smallCity();
    input.buildings[1].id = input.buildings[0].id;
    (input.plants[0].units[0] as { source: string }).source = 'nowhere';
    input.prices.fuelEurPerMWh = { coal: 15 };
    input.plants[1].main = true;
    const problems = problemsOf(input);
    expect(problems).toContain('buildings[1].id: duplicate id "B1" (also buildings[0])');
    expect(problems).toContain('plants[0].units[0].source: no source "nowhere"');
    expect(problems).toContain('plants[0].units[3].fuel: no price for "gas" in prices.fuelEurPerMWh');
    expect(problems).toContain('plants: exactly one plant must have "main": true (found 2)');
  });

  it('rejects a node cut off from the main plant', () => {
    const input = smallCity();
    input.network.nodes.push({ id: 'ISLAND', x: 500, y: 500 });
    expect(problemsOf(input)).toContain('network.nodes[13]: node "ISLAND" is not connected to the main plant');
  });

  it('rejects non-finite numbers instead of simulating NaN', () => {
    const input = smallCity();
    input.buildings[0].floorAreaM2 = Number.NaN;
    expect(problemsOf(input).some((p) => p.startsWith('buildings[0].floorAreaM2:'))).toBe(true);
  });
});

describe('map: water polygons and place names', () => {
  const square: [number, number][] = [[-100, -100], [100, -100], [100, -50], [-100, -50]];

  it('accepts water polygons and places, and leaves both out when absent', () => {
    const input = {
      ...smallCity(),
      water: [{ name: 'Gulf of Finland', polygon: square }, { polygon: square }],
      places: [
        { name: 'Matinkylä', kind: 'district', at: [10, 20] },
        { name: 'Gulf of Finland', kind: 'water', at: [0, -80] },
      ],
    };
    const s = parseScenario(input);
    expect(s.water?.[0].polygon).toEqual(square);
    expect(s.places?.map((p) => p.kind)).toEqual(['district', 'water']);
    const plain = parseScenario(smallCity());
    expect(plain.water).toBeUndefined();
    expect(plain.places).toBeUndefined();
  });

  it('names the field of a polygon with too few points, a bad coordinate, a kind it does not know', () => {
    const problems = problemsOf({
      ...smallCity(),
      water: [{ polygon: [[0, 0], [1, 1]] }, { polygon: [[0, 0], [1, 1], [Number.NaN, 2]] }],
      places: [{ name: 'Espoo', kind: 'city', at: [0, 0] }, { name: '', kind: 'town', at: [0, 0] }],
    });
    expect(problems).toContain('water[0].polygon: a water polygon needs at least 3 points');
    expect(problems.some((p) => p.startsWith('water[1].polygon[2][0]:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('places[0].kind:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('places[1].name:'))).toBe(true);
  });

  it('bounds what a file can make it hold: points per polygon, polygons, places, coordinates', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i): [number, number] => [Math.cos(i), Math.sin(i)]);
    const problems = problemsOf({
      ...smallCity(),
      water: [{ polygon: many(MAX_POLYGON_POINTS + 1) }, { polygon: [[0, 0], [1, 0], [0, MAP_EXTENT_M * 2]] }],
      places: Array.from({ length: MAX_PLACES + 1 }, () => ({ name: 'x', kind: 'town', at: [0, 0] })),
    });
    expect(problems).toContain(`water[0].polygon: at most ${MAX_POLYGON_POINTS} points per water polygon`);
    expect(problems.some((p) => p.startsWith('water[1].polygon[2][1]:'))).toBe(true);
    expect(problems).toContain(`places: at most ${MAX_PLACES} places`);
    const tooMany = Array.from({ length: MAX_WATER_AREAS + 1 }, () => ({ polygon: square }));
    const problemsOfMany = problemsOf({ ...smallCity(), water: tooMany });
    expect(problemsOfMany).toEqual([`water: at most ${MAX_WATER_AREAS} water polygons`]);
  });
});
