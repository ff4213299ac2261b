/**
 * prosumer-block: a year of a new block whose prosumer buildings sell heat from refrigeration, cooling and sewage
 * (docs/reference-figures.md, What the product models: buildings use district heat and
 * sell heat back through bidirectional networks). Checks: exports and imports both happen, every prosumer sells,
 * most service pipes carry water both ways over the year, and the energy balance closes
 * (produced = delivered + losses + pipe content change + curtailed, ledger.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../../server/sim';
import { DAY_S, dateToS } from '../../server/sim/calendar';
import { formatJson } from '../../server/generator/json';
import { PROSUMER_BLOCK_ID, PROSUMER_IDS, prosumerBlockScenario } from '../../server/generator/scenarios/prosumerBlock';

const text = readFileSync(resolve(__dirname, '../../assets/scenarios', `${PROSUMER_BLOCK_ID}.json`), 'utf8');
const scenario = parseScenario(JSON.parse(text));

describe('prosumer-block scenario', () => {
  it('is valid and equals its generator output', () => {
    expect(text).toBe(formatJson(prosumerBlockScenario()));
    expect(scenario.buildings.filter((b) => b.prosumer).map((b) => b.id)).toEqual([...PROSUMER_IDS]);
    const kinds = new Set(scenario.buildings.flatMap((b) => (b.prosumer ? [b.prosumer.source.kind] : [])));
    expect([...kinds].sort()).toEqual(['buildingCooling', 'supermarket', 'wastewater']);
  });

  it('runs a year: heat flows both ways and the books balance', () => {
    const model = compileScenario(scenario);
    const sim = createSimulation(model, { startS: dateToS(scenario.simulation.start), seed: scenario.simulation.seed });
    const inputs = createOperatorInputs(model);
    const dt = scenario.simulation.stepS;
    // Service pipe of each prosumer: from the street (J) to the building (N); + = into the building.
    const pipes = PROSUMER_IDS.map((id) => model.pipeIds.indexOf(`S-${id}`));
    expect(pipes.every((p) => p >= 0)).toBe(true);
    const inwardS = new Float64Array(pipes.length);
    const outwardS = new Float64Array(pipes.length);
    const n = Math.round((365 * DAY_S) / dt);
    for (let k = 0; k < n; k++) {
      stepSimulation(sim, inputs, dt);
      pipes.forEach((p, i) => {
        const m = sim.outputs.massFlowKgS[p];
        if (m > 0.01) inwardS[i] += dt;
        else if (m < -0.01) outwardS[i] += dt;
      });
    }
    const s = summarizeSimulation(sim);
    expect(s.prosumerExportMWh).toBeGreaterThan(0.1 * s.heatDemandMWh);
    expect(s.prosumerImportMWh).toBeGreaterThan(0);
    // Every prosumer sells for more than a day, and service pipes reverse in the year: most take water from the
    // street (buying) for days as well. A shop whose refrigeration heat always exceeds its own use may never buy.
    for (let i = 0; i < pipes.length; i++) expect(outwardS[i]).toBeGreaterThan(DAY_S);
    const bothWays = pipes.filter((_, i) => inwardS[i] > DAY_S && outwardS[i] > DAY_S).length;
    expect(bothWays).toBeGreaterThanOrEqual(3);
    expect(Math.max(...inwardS)).toBeGreaterThan(7 * DAY_S);
    expect(Math.max(...outwardS)).toBeGreaterThan(30 * DAY_S);
    expect(Math.abs(s.balanceErrorPct)).toBeLessThan(0.5);
    expect(s.unmetHeatMWh / s.heatDemandMWh).toBeLessThan(0.01);
    // Supermarket heat pumps on a 35 °C loop: COP in the reference's supermarket range 2.6-7.3 (Heat sources).
    expect(s.seasonalCop).toBeGreaterThan(2.6);
    expect(s.seasonalCop).toBeLessThan(7.3);
  }, 120_000);
});
