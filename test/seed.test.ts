/**
 * The seed drives every stochastic input (weather noise, spot prices, hot-water timing, faulty substations):
 * the same seed gives the same run to the bit, another seed another weather and other figures, and a live
 * session created with a seed runs the weather the headless simulator runs with that seed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../shared/scenario/validate';
import { decodeFrame } from '../shared/protocol/frame';
import { loadScenario } from '../server/scenarios/load';
import { compileScenario, type CompiledModel } from '../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../server/sim';
import { dateToS, DAY_S } from '../server/sim/calendar';
import { sampleWeather } from '../server/sim/weather/series';
import { SessionRegistry } from '../server/session/registry';
import { smallCity } from './fixtures/smallCity';

const small = parseScenario(smallCity());
const espoo = loadScenario('espoo-district').scenario;

function bytes(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function run(model: CompiledModel, days: number) {
  const sim = createSimulation(model, { startS: dateToS('2025-01-10') });
  const inputs = createOperatorInputs(model);
  for (let i = 0; i < (days * DAY_S) / 60; i++) stepSimulation(sim, inputs, 60);
  return { sim, summary: summarizeSimulation(sim) };
}

describe('the seed', () => {
  it('defaults to the scenario seed and draws every stochastic input from the given one', () => {
    const byDefault = compileScenario(espoo);
    const same = compileScenario(espoo, { seed: espoo.simulation.seed });
    const other = compileScenario(espoo, { seed: espoo.simulation.seed + 1 });
    expect(byDefault.seed).toBe(espoo.simulation.seed);
    expect(other.seed).toBe(espoo.simulation.seed + 1);
    const inputs = (m: CompiledModel) => [
      m.weather.temperatureC,
      m.weather.ghiWm2,
      m.weather.windMs,
      m.electricityPrice,
      m.buildings.dhwVariant,
      m.shortCircuitKgS,
    ];
    const a = inputs(byDefault);
    const b = inputs(same);
    const c = inputs(other);
    for (let i = 0; i < a.length; i++) {
      expect(bytes(b[i]).equals(bytes(a[i]))).toBe(true);
      expect(bytes(c[i]).equals(bytes(a[i]))).toBe(false);
    }
  });

  it('same seed: byte-identical state and summary; another seed: other weather and other figures', () => {
    const a = run(compileScenario(small, { seed: 11 }), 2);
    const b = run(compileScenario(small, { seed: 11 }), 2);
    const c = run(compileScenario(small, { seed: 12 }), 2);
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
    for (const pick of [
      (s: typeof a.sim) => s.outputs.indoorC,
      (s: typeof a.sim) => s.outputs.supply.nodeC,
      (s: typeof a.sim) => s.outputs.return.nodeC,
      (s: typeof a.sim) => s.outputs.massFlowKgS,
      (s: typeof a.sim) => s.outputs.deliveredW,
    ]) {
      expect(bytes(pick(b.sim)).equals(bytes(pick(a.sim)))).toBe(true);
    }
    expect(c.sim.outputs.outdoorC).not.toBe(a.sim.outputs.outdoorC);
    expect(c.summary.heatDemandMWh).not.toBe(a.summary.heatDemandMWh);
    expect(c.summary.costEur).not.toBe(a.summary.costEur);
  }, 30_000);

  it('a simulation refuses a seed other than the one its model was compiled with', () => {
    const model = compileScenario(small, { seed: 3 });
    expect(() => createSimulation(model, { startS: 0, seed: 4 })).toThrow(/^seed: 4 differs .*\(3\)/);
    expect(createSimulation(model, { startS: 0, seed: 3 }).model.seed).toBe(3);
  });
});

describe('a live session with a seed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heattwin-seed-'));
  writeFileSync(join(dir, 'small-city.json'), JSON.stringify(smallCity()));
  const registry = new SessionRegistry({ scenarioDir: dir, frameHz: 10, kpiIntervalMs: 250 });
  afterAll(async () => {
    await registry.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the weather the simulator compiles with that seed, not the scenario default', async () => {
    const seed = 12345;
    const session = await registry.create({ scenario: 'small-city', start: '2025-01-10', speed: 3600, seed });
    const withSeed = compileScenario(small, { seed });
    const byDefault = compileScenario(small);
    const stepS = small.simulation.stepS;
    const sample = { temperatureC: 0, ghiWm2: 0, windMs: 0 };
    const outdoorAt = (m: CompiledModel, t: number) => sampleWeather(m.weather, t, sample).temperatureC;
    let checked = 0;
    let apart = 0;
    const deadline = Date.now() + 15_000;
    while (checked < 10 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 150));
      const buffer = session.latestFrame();
      if (!buffer) continue;
      const { header } = decodeFrame(buffer.slice(0));
      if (header.simTimeS <= dateToS('2025-01-10')) continue;
      // The frame carries the outdoor temperature its last step sampled, one step before the frame's time.
      const t = header.simTimeS - stepS;
      expect(header.outdoorC).toBeCloseTo(outdoorAt(withSeed, t), 4);
      apart = Math.max(apart, Math.abs(outdoorAt(byDefault, t) - outdoorAt(withSeed, t)));
      checked++;
    }
    expect(checked).toBe(10);
    expect(apart).toBeGreaterThan(0.5); // the default seed's weather would have been told apart
  }, 30_000);
});
