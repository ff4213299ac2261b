import { describe, it, expect } from 'vitest';
import { buildingSchema, type BuildingSpec } from '../shared/scenario/schema';
import {
  accumulateUnderheatingKh,
  advanceIndoor,
  countColdBuildings,
  createBuildingArrays,
  createBuildingState,
  resetBuildingCaches,
  spaceHeatDemandW,
} from '../server/sim/consumers/buildings';
import { DESIGN_OUTDOOR_C, BUILDING_USES } from '../server/sim/consumers/buildingParams';
import { dateToS, DAY_S } from '../server/sim/calendar';

function building(over: Partial<BuildingSpec> & { yearBuilt: number }): BuildingSpec {
  return buildingSchema.parse({
    id: `b${over.yearBuilt}`,
    use: 'residential',
    footprint: [[0, 0], [40, 0], [40, 12]],
    heightM: 20,
    floorAreaM2: 4000,
    ...over,
  });
}

const T0 = dateToS('2023-01-09'); // a Monday, 00:00

// Helsinki-Vantaa IWEC monthly means, Jan..Dec (reference: Climate (Helsinki-Vantaa)).
const MONTHLY_MEAN_C = [-3.9, -5.7, -1.0, 3.7, 9.9, 14.0, 16.7, 15.8, 10.2, 5.9, -1.3, -3.0];

/** Outdoor temperature: the monthly means interpolated between mid-months, plus a ±3 K daily swing. */
function outdoorC(secondsIntoYear: number): number {
  const m = (secondsIntoYear / DAY_S - 15.2) / (365 / 12);
  const i = Math.floor(m);
  const a = MONTHLY_MEAN_C[(i + 12) % 12];
  const b = MONTHLY_MEAN_C[(i + 13) % 12];
  const hour = (secondsIntoYear % DAY_S) / 3600;
  return a + (m - i) * (b - a) + 3 * Math.cos((2 * Math.PI * (hour - 15)) / 24);
}

/** Clear-sky-times-0.63 global horizontal irradiance at 60.3° N (solar geometry, Cooper's declination). */
function ghiWm2(secondsIntoYear: number): number {
  const day = secondsIntoYear / DAY_S;
  const dec = ((23.45 * Math.PI) / 180) * Math.sin((2 * Math.PI * (284 + day)) / 365);
  const lat = (60.3 * Math.PI) / 180;
  const hourAngle = (((secondsIntoYear % DAY_S) / 3600 - 12) * Math.PI) / 12;
  const s = Math.sin(lat) * Math.sin(dec) + Math.cos(lat) * Math.cos(dec) * Math.cos(hourAngle);
  return s > 0 ? 630 * s : 0;
}

describe('building parameters', () => {
  it('heavy residential buildings have time constants C/UA of 1-5 days in every age class', () => {
    const a = createBuildingArrays([1930, 1970, 1980, 1995, 2008, 2020].map((y) => building({ yearBuilt: y })));
    for (let i = 0; i < a.count; i++) {
      const days = a.capacitanceJPerK[i] / a.uaWPerK[i] / DAY_S;
      expect(days).toBeGreaterThan(1);
      expect(days).toBeLessThan(5);
    }
  });

  it('design load is UA x (set-point - (-26 °C)) and older blocks lose more heat per m2', () => {
    const a = createBuildingArrays([1970, 2020].map((y) => building({ yearBuilt: y })));
    for (let i = 0; i < a.count; i++) expect(a.designHeatW[i]).toBeCloseTo(a.uaWPerK[i] * (21 - DESIGN_OUTDOOR_C), 6);
    expect(a.uaWPerK[0]).toBeGreaterThan(2 * a.uaWPerK[1]);
  });

  it('every use gets finite positive parameters', () => {
    const a = createBuildingArrays(BUILDING_USES.map((use) => building({ yearBuilt: 1990, use, id: use })));
    for (let i = 0; i < a.count; i++) {
      for (const v of [a.uaWPerK[i], a.capacitanceJPerK[i], a.designHeatW[i], a.solarApertureM2[i], a.dhwAnnualJ[i]]) {
        expect(Number.isFinite(v) && v > 0).toBe(true);
      }
    }
  });
});

describe('1R1C indoor temperature', () => {
  it('steady state: Ti = To + (Q + gains)/UA (analytic equilibrium of C dTi/dt = Q + G - UA (Ti - To))', () => {
    const a = createBuildingArrays([building({ yearBuilt: 1970 })]);
    const s = createBuildingState(a);
    const q = new Float64Array([150e3]);
    const to = -10;
    for (let k = 0; k < 24 * 60; k++) advanceIndoor(a, s, q, to, 0, T0 + k * 3600, 3600);
    const gains = 3.6 * 4000; // dwellings: 3.6 W/m2 constant (D3/2012 standard use)
    expect(s.indoorC[0]).toBeCloseTo(to + (150e3 + gains) / a.uaWPerK[0], 9);
  });

  it('free cool-down follows Ti = Teq + (Ti0 - Teq) exp(-t UA/C) to 1e-9 K, also when dt changes', () => {
    const a = createBuildingArrays([building({ yearBuilt: 2015 })]);
    const s = createBuildingState(a);
    const zero = new Float64Array(1);
    const to = -20;
    const teq = to + (3.6 * 4000) / a.uaWPerK[0];
    let t = 0;
    for (const dt of [60, 60, 600, 3600, 3600, 1, 900]) {
      for (let k = 0; k < 20; k++) {
        advanceIndoor(a, s, zero, to, 0, T0 + t, dt);
        t += dt;
      }
      const expected = teq + (21 - teq) * Math.exp((-t * a.uaWPerK[0]) / a.capacitanceJPerK[0]);
      expect(Math.abs(s.indoorC[0] - expected)).toBeLessThan(1e-9);
    }
  });

  it('fed what it asks for, a building holds its set-point; the demand then equals UA (Tset - To) - gains', () => {
    const a = createBuildingArrays([building({ yearBuilt: 1980 }), building({ yearBuilt: 2015, id: 'new' })]);
    const s = createBuildingState(a);
    const d = new Float64Array(2);
    const to = -15;
    for (let k = 0; k < 3 * 1440; k++) {
      const t = T0 + 8 * 3600 + (k % 60) * 60; // stay in daytime: no setback question
      spaceHeatDemandW(a, s, to, 0, t, d);
      advanceIndoor(a, s, d, to, 0, t, 60);
    }
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(s.indoorC[i] - 21)).toBeLessThan(1e-6);
      expect(d[i]).toBeCloseTo(a.uaWPerK[i] * (21 - to) - 3.6 * 4000, 2);
    }
  });

  it('demand is UA (Ti - To) - gains + C (Tset - Ti)/1 h in any call order, and after resetBuildingCaches', () => {
    const a = createBuildingArrays([building({ yearBuilt: 1970, nightSetbackK: 2 })]);
    const s = createBuildingState(a);
    const d = new Float64Array(1);
    s.indoorC[0] = 20.5;
    const to = -12;
    const expected = (tSet: number): number => {
      const q = a.uaWPerK[0] * (20.5 - to) - 3.6 * 4000 - a.solarApertureM2[0] * 100 + (a.capacitanceJPerK[0] * (tSet - 20.5)) / 3600;
      return Math.min(Math.max(q, 0), 1.2 * a.designHeatW[0]);
    };
    // Day, night, day again: the per-hour caches must follow the clock both ways.
    for (const [hour, tSet] of [[12, 21], [23, 19], [12, 21], [3, 19]] as const) {
      spaceHeatDemandW(a, s, to, 100, T0 + hour * 3600 + 600, d);
      expect(d[0]).toBeCloseTo(expected(tSet), 6);
    }
    a.setpointC[0] = 20.8;
    resetBuildingCaches(a);
    spaceHeatDemandW(a, s, to, 100, T0 + 12 * 3600 + 600, d);
    expect(d[0]).toBeCloseTo(expected(20.8), 6);
    expect(d[0]).toBeGreaterThan(0);
    expect(d[0]).toBeLessThan(1.2 * a.designHeatW[0]);
  });

  it('demand is clamped to [0, 1.2 x design load]', () => {
    const a = createBuildingArrays([building({ yearBuilt: 1970 })]);
    const s = createBuildingState(a);
    const d = new Float64Array(1);
    s.indoorC[0] = 12;
    spaceHeatDemandW(a, s, -30, 0, T0 + 10 * 3600, d);
    expect(d[0]).toBeCloseTo(1.2 * a.designHeatW[0], 6);
    s.indoorC[0] = 21;
    spaceHeatDemandW(a, s, 25, 800, T0 + 12 * 3600, d);
    expect(d[0]).toBe(0);
  });

  it('night setback (22-06) lowers the set-point, and a starved building cools and is counted cold', () => {
    const a = createBuildingArrays([building({ yearBuilt: 1970, nightSetbackK: 3 })]);
    const s = createBuildingState(a);
    const d = new Float64Array(1);
    spaceHeatDemandW(a, s, -5, 0, T0 + 12 * 3600, d);
    const day = d[0];
    spaceHeatDemandW(a, s, -5, 0, T0 + 23 * 3600, d);
    // At Ti = 21 and an active set-point of 18 the recovery term asks C * 3 K / 1 h less.
    expect(d[0]).toBeCloseTo(Math.max(0, day - (a.capacitanceJPerK[0] * 3) / 3600), 6);

    const half = new Float64Array(1);
    const deficit = new Float64Array(1);
    for (let k = 0; k < 48 * 60; k++) {
      const t = T0 + 8 * 3600 + (k % 600) * 60; // daytime only
      spaceHeatDemandW(a, s, -20, 0, t, d);
      half[0] = 0.5 * d[0];
      advanceIndoor(a, s, half, -20, 0, t, 60);
      accumulateUnderheatingKh(a, s, t, 60, deficit);
    }
    expect(s.indoorC[0]).toBeLessThan(20);
    expect(countColdBuildings(a, s, T0 + 12 * 3600)).toBe(1);
    expect(deficit[0]).toBeGreaterThan(0);
  });
});

describe('annual space heating in a Helsinki year', () => {
  // Source for the ranges: Finnish building statistics (docs/reference-figures.md, Buildings and substations: old
  // blocks of flats about
  // 150-200 kWh/(m2 a) for space heating, new about 50-80); VTT (Kanerva & Lappalainen, Energy properties in
  // urban building stock) finds 1960s-early-1970s buildings the most heat-hungry of the stock.
  it('a 1970 block of flats needs 150-200 kWh/(m2 a), a 2015 block 50-80, driven by the IWEC monthly means', () => {
    const a = createBuildingArrays([building({ yearBuilt: 1970 }), building({ yearBuilt: 2015, id: 'new' })]);
    const s = createBuildingState(a);
    const d = new Float64Array(2);
    const heatJ = new Float64Array(2);
    const start = dateToS('2023-01-01');
    const dt = 600;
    let degreeDays = 0;
    for (let t = 0; t < 365 * DAY_S; t += dt) {
      const to = outdoorC(t);
      const g = ghiWm2(t);
      degreeDays += (Math.max(0, 17 - to) * dt) / DAY_S;
      spaceHeatDemandW(a, s, to, g, start + t, d);
      advanceIndoor(a, s, d, to, g, start + t, dt);
      heatJ[0] += d[0] * dt;
      heatJ[1] += d[1] * dt;
    }
    // The driver itself lands near the reference's 4,420 K·d (base 17 °C) within 5 %.
    expect(Math.abs(degreeDays - 4420) / 4420).toBeLessThan(0.05);
    const old = heatJ[0] / 3.6e6 / 4000;
    const modern = heatJ[1] / 3.6e6 / 4000;
    expect(old).toBeGreaterThan(150);
    expect(old).toBeLessThan(200);
    expect(modern).toBeGreaterThan(50);
    expect(modern).toBeLessThan(80);
  });
});
