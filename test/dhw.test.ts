import { describe, it, expect } from 'vitest';
import { buildingSchema, type BuildingSpec, type BuildingUse } from '../shared/scenario/schema';
import { createBuildingArrays } from '../server/sim/consumers/buildings';
import { BUILDING_USES } from '../server/sim/consumers/buildingParams';
import { dhwDemandW } from '../server/sim/consumers/dhw';
import { dateToS, DAY_S } from '../server/sim/calendar';

function building(id: string, use: BuildingUse, extra: Partial<BuildingSpec> = {}): BuildingSpec {
  return buildingSchema.parse({
    id,
    use,
    footprint: [[0, 0], [30, 0], [30, 30]],
    heightM: 15,
    floorAreaM2: 2500,
    yearBuilt: 1985,
    ...extra,
  });
}

/** Energy (J) of each building between two times, stepping dt from the start of each step. */
function integrate(arrays: ReturnType<typeof createBuildingArrays>, fromS: number, toS: number, dtS: number): Float64Array {
  const p = new Float64Array(arrays.count);
  const e = new Float64Array(arrays.count);
  for (let t = fromS; t < toS; t += dtS) {
    dhwDemandW(arrays, t, p);
    for (let i = 0; i < arrays.count; i++) e[i] += p[i] * dtS;
  }
  return e;
}

describe('domestic hot water', () => {
  it('integrates to exactly dhwKWhPerM2Year x floor area over a calendar year, leap years included', () => {
    const specs = BUILDING_USES.map((use, i) => building(use, use, { dhwKWhPerM2Year: 10 + 5 * i }));
    const a = createBuildingArrays(specs, { dhwShifts: false });
    for (const year of [2023, 2024]) {
      const e = integrate(a, dateToS(`${year}-01-01`), dateToS(`${year + 1}-01-01`), 900);
      specs.forEach((s, i) => {
        const expectedJ = s.dhwKWhPerM2Year! * s.floorAreaM2 * 3.6e6;
        expect(Math.abs(e[i] - expectedJ) / expectedJ).toBeLessThan(1e-9);
      });
    }
  });

  it('uses the Finnish defaults: dwellings 35 kWh/(m2 a) (D3/2012: 600 l/(m2 a) heated 50 K), offices 6', () => {
    const a = createBuildingArrays([building('flat', 'residential'), building('office', 'office')], { dhwShifts: false });
    const e = integrate(a, dateToS('2023-01-01'), dateToS('2024-01-01'), 3600);
    expect(e[0] / 3.6e6 / 2500).toBeCloseTo(35, 6);
    expect(e[1] / 3.6e6 / 2500).toBeCloseTo(6, 6);
  });

  it('with the default per-building shifts the annual energy still holds to 0.01 %', () => {
    const specs = Array.from({ length: 40 }, (_, i) => building(`b${i}`, BUILDING_USES[i % BUILDING_USES.length]));
    const a = createBuildingArrays(specs);
    const variants = new Set(a.dhwVariant);
    expect(variants.size).toBeGreaterThan(BUILDING_USES.length); // the shifts are really there
    const e = integrate(a, dateToS('2023-01-01'), dateToS('2024-01-01'), 900);
    for (let i = 0; i < a.count; i++) expect(Math.abs(e[i] / a.dhwAnnualJ[i] - 1)).toBeLessThan(1e-4);
  });

  it('dwellings peak in the morning (06-09) and evening (18-22) on weekdays, and use little at night', () => {
    const a = createBuildingArrays([building('flat', 'residential')], { dhwShifts: false });
    const monday = dateToS('2023-03-06');
    const p = new Float64Array(1);
    const at = (h: number): number => {
      dhwDemandW(a, monday + h * 3600, p);
      return p[0];
    };
    const night = at(3);
    expect(at(7)).toBeGreaterThan(5 * night);
    expect(at(19)).toBeGreaterThan(5 * night);
    expect(at(7)).toBeGreaterThan(at(13));
    // At the weekend the morning peak moves later: 07:00 Saturday is below 07:00 Monday.
    dhwDemandW(a, monday + 5 * DAY_S + 7 * 3600, p);
    expect(p[0]).toBeLessThan(at(7));
  });

  it('the circulation loss is the night floor of the hot-water profile', () => {
    const a = createBuildingArrays([building('flat', 'residential')], { dhwShifts: false });
    const p = new Float64Array(1);
    let minW = Infinity;
    for (let t = dateToS('2023-03-06'); t < dateToS('2023-03-13'); t += 900) {
      dhwDemandW(a, t, p);
      minW = Math.min(minW, p[0]);
    }
    // Same normaliser up to the calendar year (2023: 260 working days, 105 others) against 261/104.
    expect(Math.abs(a.dhwCirculationW[0] / minW - 1)).toBeLessThan(0.005);
  });

  it('offices draw in office hours on working days only; schools are quiet in the summer break', () => {
    const a = createBuildingArrays([building('office', 'office'), building('school', 'school')], { dhwShifts: false });
    const weekday = integrate(a, dateToS('2023-03-06'), dateToS('2023-03-07'), 900);
    const sunday = integrate(a, dateToS('2023-03-12'), dateToS('2023-03-13'), 900);
    const julyWeekday = integrate(a, dateToS('2023-07-05'), dateToS('2023-07-06'), 900);
    expect(sunday[0]).toBeLessThan(0.2 * weekday[0]);
    // A summer-break weekday is a closed day: the same as a Sunday, and well below a term-time weekday.
    expect(julyWeekday[1]).toBeCloseTo(sunday[1], 3);
    expect(julyWeekday[1]).toBeLessThan(0.25 * weekday[1]);
    const p = new Float64Array(2);
    dhwDemandW(a, dateToS('2023-03-06') + 10 * 3600, p);
    const open = p[0];
    dhwDemandW(a, dateToS('2023-03-06') + 2 * 3600, p);
    expect(p[0]).toBeLessThan(0.2 * open);
  });

  it('is deterministic and zero for a building with no hot water', () => {
    const specs = [building('flat', 'residential'), building('dry', 'plant', { dhwKWhPerM2Year: 0 })];
    const a = createBuildingArrays(specs, { seed: 3 });
    const b = createBuildingArrays(specs, { seed: 3 });
    const pa = new Float64Array(2);
    const pb = new Float64Array(2);
    for (let t = dateToS('2023-05-01'); t < dateToS('2023-05-03'); t += 1800) {
      dhwDemandW(a, t, pa);
      dhwDemandW(b, t, pb);
      expect(pa[0]).toBe(pb[0]);
      expect(pa[1]).toBe(0);
    }
  });
});
