/**
 * Figures bound into story text (shared/story/boundText.ts): the token grammar and the typed-number rule, the
 * scenario facts against hand counts of the small test city, and the year figures against the simulate CLI,
 * the command the README gives for a scenario's year.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBoundText, typedNumbers } from '../shared/story/boundText';
import { scenarioFacts } from '../shared/story/scenarioFacts';
import { validateStory } from '../shared/story/validate';
import { parseScenario } from '../shared/scenario/validate';
import { loadScenario } from '../server/scenarios/load';
import { simulateYear } from '../server/story/yearRun';
import { smallCity } from './fixtures/smallCity';

describe('bound text', () => {
  it('cuts text into plain runs and figures', () => {
    const { segments, problems } = parseBoundText('Now {now.heatDemandMW}, in a year {year.co2Tonnes} of CO₂.');
    expect(problems).toEqual([]);
    expect(segments).toEqual([
      { text: 'Now ' },
      { figure: { period: 'now', key: 'heatDemandMW' }, token: '{now.heatDemandMW}' },
      { text: ', in a year ' },
      { figure: { period: 'year', key: 'co2Tonnes' }, token: '{year.co2Tonnes}' },
      { text: ' of CO₂.' },
    ]);
  });

  it('names what binds nothing: an unknown period or key, a running total read as now, a stray brace', () => {
    const { problems } = parseBoundText('{today.heatDemandMW} {now.heatDemand} {now.co2Tonnes} {scenario.buildingCount');
    expect(problems).toEqual([
      '"today.heatDemandMW": a figure is <now|sinceStart|year|scenario>.<key>',
      '"now.heatDemand": no now figure "heatDemand"',
      '"now.co2Tonnes": no now figure "co2Tonnes" (a running total: sinceStart.co2Tonnes)',
      'a brace outside a {period.key} figure',
    ]);
  });

  it('refuses a figure that can change sign: the words around it cannot turn with it', () => {
    expect(parseBoundText('{year.fuelSavedMWh} saved').problems).toEqual([
      '"year.fuelSavedMWh" can change sign, and the words around it cannot; bind the totals it is the difference of',
    ]);
  });

  it('finds typed numbers, but not dates, years, bound figures or CO₂', () => {
    expect(typedNumbers('about 90 MW at 25-30 °C, 2.5 units, 400,000 t')).toEqual(['90', '25', '30', '2.5', '400,000']);
    expect(typedNumbers('On 2025-01-20, in 2025, {year.co2Tonnes} of CO₂ from {scenario.buildingCount} buildings')).toEqual([]);
  });
});

describe('story text validation', () => {
  const story = {
    scenario: 's',
    title: 'A story',
    chapters: Array.from({ length: 4 }, () => ({ title: 'T', caption: 'C', camera: { focus: { city: true } } })),
  };
  const paths = (input: unknown) => {
    const r = validateStory(input);
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };

  it('accepts bound figures and conditions on the moment', () => {
    const ok = structuredClone(story);
    Object.assign(ok.chapters[0], { caption: '{now.cop} now', expect: [{ figure: 'now.cop', above: 2 }] });
    expect(paths(ok)).toEqual([]);
  });

  it('rejects a typed number in a caption, title or story title, naming the field', () => {
    const bad = structuredClone(story);
    bad.title = 'Heat at 95 °C';
    bad.chapters[1].caption = 'About 90 MW of electricity';
    bad.chapters[2].title = 'Step 3';
    expect(paths(bad)).toEqual([
      'title: "95" is typed in: bind the figure from the simulation ({period.key})',
      'chapters[1].caption: "90" is typed in: bind the figure from the simulation ({period.key})',
      'chapters[2].title: "3" is typed in: bind the figure from the simulation ({period.key})',
    ]);
  });

  it('rejects a condition on a figure that is not of the moment, or without a bound', () => {
    const bad = structuredClone(story);
    Object.assign(bad.chapters[0], { expect: [{ figure: 'year.co2Tonnes', above: 0 }, { figure: 'now.cop' }] });
    expect(paths(bad)).toEqual([
      `chapters[0].expect[0].figure: "year.co2Tonnes": a chapter's moment is checked on now.* or sinceStart.* figures`,
      'chapters[0].expect[1]: a condition needs "above" or "below"',
    ]);
  });
});

describe('scenario facts', () => {
  it('counts and sums the small test city by hand', () => {
    const f = scenarioFacts(parseScenario(smallCity()));
    expect(f.buildingCount).toBe(6);
    expect(f.prosumerCount).toBe(1);
    expect(f.plantCount).toBe(2);
    expect(f.heatPumpCount).toBe(3);
    expect(f.heatPumpCapacityMW).toBeCloseTo(2.1, 12);
    expect(f['heatPumpCapacityMW.datacentre']).toBeCloseTo(1.6, 12);
    expect(f['heatPumpCapacityMW.outdoorAir']).toBeCloseTo(0.5, 12);
    expect(f['heatPumpCapacityMW.wastewater']).toBe(0);
    // Heat pumps sink at most 95 °C unless a scenario says otherwise (the schema's default).
    expect(f.heatPumpMaxSupplyC).toBe(95);
    expect(f.supplyMaxC).toBe(115);
    expect(f.electricBoilerCapacityMW).toBe(1);
    expect(f.fuelBoilerCapacityMW).toBe(3);
    expect(f.storageVolumeM3).toBe(200);
    expect(f.dataCentreItLoadMW).toBeCloseTo(1.2, 12);
    expect(f.baselineEfficiencyPct).toBeCloseTo(88, 12);
    // Seven 100 m mains, a 20 x 10 m service pipe and five 10 x 10 m ones, straight between their nodes.
    expect(f.networkLengthKm).toBeCloseTo((700 + Math.hypot(20, 10) + 5 * Math.hypot(10, 10)) / 1000, 12);
  });
});

describe('year figures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heattwin-year-'));
  const file = join(dir, 'small-city.json');
  writeFileSync(file, JSON.stringify(smallCity()));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are what `npm run simulate -- --json` prints for the same scenario and period', () => {
    // The small city simulates a week: its "year" is that week, at the CLI's step for runs of a week or more.
    const year = simulateYear(loadScenario(file));
    expect([year.from, year.days, year.stepS]).toEqual(['2025-01-01', 7, 300]);
    const cli = JSON.parse(execFileSync('npx', ['tsx', 'server/cli/simulate.ts', '--scenario', file, '--json', '--quiet'], { encoding: 'utf8' })) as Record<
      string,
      number
    > & { heatBySourceMWh: Record<string, number> };
    expect([cli.days, cli.stepS]).toEqual([7, 300]);
    for (const k of ['heatDemandMWh', 'co2Tonnes', 'baselineCo2Tonnes', 'wasteHeatSharePct', 'networkLossPct', 'seasonalCop', 'prosumerExportMWh'])
      expect(year.values[k as keyof typeof year.values], k).toBe(cli[k]);
    expect(year.values['heatBySourceMWh.datacentre']).toBe(cli.heatBySourceMWh.datacentre);
    expect(year.values.costSavedEur).toBe(cli.baselineCostEur - cli.costEur);
    expect(year.values.fuelSavedMWh).toBe(cli.baselineFuelMWh - cli.fuelMWh);
  }, 60_000);
});
