/**
 * The fossil baseline plant of the story's before view (client/src/scene/fossilPlant.ts): its boiler house covers
 * the main plant's building in the baseline view and stands clear beside it in compare, with two chimneys taller
 * than the house; its fuel burn now comes from the KPI stream's running fuel total, and equals the mean of the
 * ledger's baseline fuel flow over the interval, as the server takes every rate.
 */
import { describe, expect, it } from 'vitest';
import { baselineFuelRateMW, burnsFuel, fossilSite, FUEL_WORDS } from '../../client/src/scene/fossilPlant';
import { BOX_STRIDE, buildCityLayout } from '../../client/src/scene/cityLayout';
import { mainPlant } from '../../client/src/scene/initialView';
import { dateToS } from '../../server/sim/calendar';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../../server/sim';
import { FLOW } from '../../server/sim/ledger';
import { createKpiMeter, sampleKpi } from '../../server/session/kpi';
import { loadScenario } from '../../server/scenarios/load';
import { kpiSample } from '../fixtures/kpiSample';

describe('the fossil plant on the main plant site', () => {
  for (const id of ['espoo-district', 'espoo-clean-heat', 'prosumer-block']) {
    it(`${id}: covers the main plant's building; beside it in compare; two chimneys above the house`, () => {
      const { scenario } = loadScenario(id);
      const layout = buildCityLayout(scenario);
      const b = layout.plantBuilding[mainPlant(scenario)] * BOX_STRIDE;
      const [bx, by, bw, bd, angle, bh] = layout.boxes.subarray(b, b + BOX_STRIDE);
      const here = fossilSite(scenario, layout, false);
      const hall = here.boxes[0];
      expect(hall.x).toBeCloseTo(bx, 6);
      expect(hall.y).toBeCloseTo(by, 6);
      expect(hall.w).toBeGreaterThanOrEqual(bw);
      expect(hall.d).toBeGreaterThanOrEqual(bd);
      expect(hall.h).toBeGreaterThanOrEqual(bh);
      expect(here.angle).toBe(angle);
      expect(here.chimneys).toHaveLength(2);
      for (const c of here.chimneys) expect(c.heightM).toBeGreaterThan(2 * Math.max(...here.boxes.map((x) => x.h)));

      const beside = fossilSite(scenario, layout, true);
      const along = (beside.boxes[0].x - bx) * Math.cos(angle) + (beside.boxes[0].y - by) * Math.sin(angle);
      expect(Math.abs(along)).toBeGreaterThan(bw / 2 + beside.boxes[0].w / 2);
      // Away from the city's centre.
      const out = (bx - layout.bounds.centreX) * Math.cos(angle) + (by - layout.bounds.centreY) * Math.sin(angle);
      expect(Math.sign(along)).toBe(out >= 0 ? 1 : -1);
    });
  }

  it('what it burns, in words; electric boilers burn nothing', () => {
    expect(FUEL_WORDS.coal).toBe('coal');
    expect(FUEL_WORDS.gas).toBe('natural gas');
    expect(burnsFuel('gas')).toBe(true);
    expect(burnsFuel('electric')).toBe(false);
  });
});

describe('the baseline fuel burn now from the KPI totals', () => {
  it('the growth of the fuel total over the simulated hours between the two latest samples', () => {
    const a = kpiSample({ simTimeS: 3600, totalsFromS: 0, baselineFuelMWh: 10 });
    const b = kpiSample({ simTimeS: 5400, totalsFromS: 0, baselineFuelMWh: 40 });
    expect(baselineFuelRateMW([a, b])).toBeCloseTo(60, 9);
  });

  it('none before two samples; a paused clock keeps the last rate; new totals start over', () => {
    const a = kpiSample({ simTimeS: 3600, totalsFromS: 0, baselineFuelMWh: 10 });
    const b = kpiSample({ simTimeS: 5400, totalsFromS: 0, baselineFuelMWh: 40 });
    const paused = kpiSample({ simTimeS: 5400, totalsFromS: 0, baselineFuelMWh: 40 });
    expect(baselineFuelRateMW([])).toBeNull();
    expect(baselineFuelRateMW([a])).toBeNull();
    expect(baselineFuelRateMW([a, b, paused])).toBeCloseTo(60, 9);
    const jumped = kpiSample({ simTimeS: 90_000, totalsFromS: 86_400, baselineFuelMWh: 5 });
    expect(baselineFuelRateMW([a, b, jumped])).toBeNull();
  });

  it("equals the mean of the ledger's baseline fuel flow over the interval (a real simulation)", () => {
    const { scenario } = loadScenario('prosumer-block');
    const model = compileScenario(scenario);
    const sim = createSimulation(model, { startS: dateToS('2025-01-20') });
    const inputs = createOperatorInputs(model);
    const meter = createKpiMeter(sim.outputs);
    for (let i = 0; i < 30; i++) stepSimulation(sim, inputs, 60);
    const first = sampleKpi(meter, sim.outputs);
    let fuelJ = 0;
    for (let i = 0; i < 10; i++) {
      stepSimulation(sim, inputs, 60);
      fuelJ += sim.outputs.ledger.step[FLOW.baselineFuelW] * 60;
    }
    const second = sampleKpi(meter, sim.outputs);
    expect(fuelJ).toBeGreaterThan(0);
    expect(baselineFuelRateMW([first, second])).toBeCloseTo(fuelJ / 600 / 1e6, 6);
  });
});
