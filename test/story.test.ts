/**
 * Story files (assets/stories/*.json, presentation mode): every one validates against the story schema
 * (shared/story/schema.ts), its scenario exists in assets/scenarios and loads, every plant, building and source
 * it names exists there, and every KPI key is one the KPI stream carries (shared/story/kpis.ts).
 * The KPI keys are checked against a real KpiSample from the live server's sampler after one simulated hour, so
 * a key the sampler does not fill would read as undefined and fail. The schema and cross-checks are shown to
 * reject what they must (a mistyped id, an unknown KPI key, too few chapters).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, listScenarioIds, SCENARIO_DIR } from '../server/scenarios/load';
import { compileScenario } from '../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../server/sim';
import { createKpiMeter, sampleKpi } from '../server/session/kpi';
import { dateToS } from '../server/sim/calendar';
import { FLOW } from '../server/sim/ledger';
import { kpiValue, STORY_KPI_KEYS } from '../shared/story/kpis';
import { storyScenarioProblems, validateStory } from '../shared/story/validate';
import type { Story } from '../shared/story/schema';

const STORY_DIR = resolve(SCENARIO_DIR, '../stories');
const storyFiles = readdirSync(STORY_DIR).filter((f) => f.endsWith('.json')).sort();
const readJson = (f: string): unknown => JSON.parse(readFileSync(join(STORY_DIR, f), 'utf8'));

describe('story files', () => {
  it('include one for the default scenario', () => {
    expect(storyFiles).toContain('espoo-district.json');
  });

  for (const file of storyFiles) {
    describe(file, () => {
      const result = validateStory(readJson(file));
      it('validates against the story schema', () => {
        expect(result.ok ? [] : result.problems).toEqual([]);
      });
      if (!result.ok) return;
      const story = result.story;

      it('is named after its scenario, which exists and loads', () => {
        expect(file).toBe(`${story.scenario}.json`);
        expect(listScenarioIds()).toContain(story.scenario);
        expect(() => loadScenario(story.scenario)).not.toThrow();
      });

      it('names only plants, buildings and sources of its scenario, and times within its year', () => {
        const { scenario } = loadScenario(story.scenario);
        expect(storyScenarioProblems(story, scenario)).toEqual([]);
      });

      it('uses only known KPI keys', () => {
        for (const c of story.chapters) for (const k of c.kpis) expect(STORY_KPI_KEYS).toContain(k);
      });
    });
  }
});

describe('story validation rejects what it must', () => {
  const base = validateStory(readJson('espoo-district.json'));
  if (!base.ok) throw new Error('espoo-district story must validate for these checks');
  const story: Story = base.story;
  const { scenario } = loadScenario('espoo-district');

  it('a plant, building or source id that is not in the scenario', () => {
    const broken = structuredClone(story);
    broken.chapters[0].camera.focus = { plant: 'no-such-plant' };
    broken.chapters[1].camera.path = [{ building: 'B9999' }];
    broken.chapters[2].camera.focus = { source: 'no-such-source' };
    const paths = storyScenarioProblems(broken, scenario).map((p) => p.path);
    expect(paths).toEqual(['chapters[0].camera.focus', 'chapters[1].camera.path[0]', 'chapters[2].camera.focus']);
  });

  it('a chapter time outside the scenario year, or a story of another scenario', () => {
    const broken = structuredClone(story);
    broken.chapters[0].at = '2031-01-01T00:00';
    broken.scenario = 'other';
    expect(storyScenarioProblems(broken, scenario).map((p) => p.path)).toEqual(['scenario', 'chapters[0].at']);
  });

  it('an unknown KPI key, a bad view, fewer than four chapters', () => {
    const json = readJson('espoo-district.json') as { chapters: { kpis: string[]; view: string }[] };
    json.chapters[0].kpis = ['wasteHeatShare'];
    json.chapters[1].view = 'before';
    const r = validateStory(json);
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['chapters[0].kpis[0]', 'chapters[1].view']);
    json.chapters.splice(3);
    const short = validateStory(json);
    expect(short.ok ? [] : short.problems.map((p) => p.path)).toContain('chapters');
  });
});

describe('KPI keys against the live sampler', () => {
  // One simulated hour of the default scenario on a January morning, sampled as the live server samples.
  const { scenario } = loadScenario('espoo-district');
  const model = compileScenario(scenario);
  const sim = createSimulation(model, { startS: dateToS('2025-01-20'), seed: 1 });
  const inputs = createOperatorInputs(model);
  const meter = createKpiMeter(sim.outputs);
  for (let t = 0; t < 3600; t += scenario.simulation.stepS) stepSimulation(sim, inputs, scenario.simulation.stepS);
  const k = sampleKpi(meter, sim.outputs);

  it('every key reads a finite number from a real sample', () => {
    for (const key of STORY_KPI_KEYS) expect(Number.isFinite(kpiValue(k, key)), key).toBe(true);
  });

  it('baseline fuel is the baseline plant fuel for the same heat: heat / efficiency (bookkeeping.ts)', () => {
    // Analytic: fuel = heat into the network (plus prosumers' own use) / 0.88 for the coal baseline; with the
    // ledger's own heat total, the ratio must be the scenario's efficiency exactly.
    const heatMWh = sim.outputs.ledger.total[FLOW.heatToNetworkW] / 3.6e9;
    expect(k.baselineFuelMWh).toBeGreaterThan(0);
    expect(heatMWh / k.baselineFuelMWh).toBeLessThanOrEqual(scenario.baseline.efficiency + 1e-9);
    // CO2 of that fuel at the baseline factor (coal 341 g/kWh, IPCC 2006 Table 1.4) is the baseline CO2 total.
    expect(k.baselineCo2Tonnes).toBeCloseTo(k.baselineFuelMWh * 0.341, 6);
    // Its cost: coal 15 EUR/MWh plus CO2 at 80 EUR/t x 0.341 t/MWh (the scenario's prices).
    expect(k.baselineCostEur).toBeCloseTo(k.baselineFuelMWh * (15 + 80 * 0.341), 4);
    // Derived keys are baseline minus actual, the ledger summary's definition of CO2 avoided.
    expect(kpiValue(k, 'co2AvoidedTonnes')).toBeCloseTo(k.baselineCo2Tonnes - k.co2Tonnes, 9);
    expect(kpiValue(k, 'fuelSavedMWh')).toBeCloseTo(k.baselineFuelMWh - k.fuelMWh, 9);
    expect(kpiValue(k, 'costSavedEur')).toBeCloseTo(k.baselineCostEur - k.costEur, 9);
    // The totals cover the hour simulated.
    expect(k.simTimeS - k.totalsFromS).toBe(3600);
  });
});
