/**
 * The heat each source throws away, as the KPI sample carries it (server/session/kpi.ts dumpedHeatBySourceMW),
 * on the Tampere data-centre scenario: one entry per scenario source; the data centre's entry is what its dry
 * coolers reject (rejected minus what its heat pumps take), the same heat the ledger books as dry-cooler heat;
 * with every heat pump stopped the data centre throws all its heat away.
 */
import { describe, expect, it } from 'vitest';
import { dateToS } from '../../server/sim/calendar';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../../server/sim';
import { FLOW } from '../../server/sim/ledger';
import { createKpiMeter, sampleKpi } from '../../server/session/kpi';
import { applyPlantCommand } from '../../server/session/commands';
import { loadScenario } from '../../server/scenarios/load';

const { scenario } = loadScenario('tampere-datacenter-95');
const model = compileScenario(scenario);
const dc = scenario.sources.findIndex((s) => s.kind === 'datacentre');

function run(date: string, pumpsStopped: boolean) {
  const sim = createSimulation(model, { startS: dateToS(date) });
  const inputs = createOperatorInputs(model);
  const pumps = pumpsStopped ? scenario.plants.flatMap((p) => p.units).filter((u) => u.kind === 'heatPump') : [];
  for (const u of pumps) {
    const ack = applyPlantCommand({ type: 'heatPump', unitId: u.id, action: 'stop' }, sim.outputs, inputs);
    expect(ack.ok).toBe(true);
  }
  const meter = createKpiMeter(sim.outputs);
  for (let i = 0; i < 90; i++) stepSimulation(sim, inputs, 60);
  return { sim, k: sampleKpi(meter, sim.outputs) };
}

describe('heat dumped by each source', () => {
  it('one entry per source; the data centre dumps what its heat pumps leave, as the ledger books it', () => {
    const { sim, k } = run('2025-06-15', false);
    const dumped = k.dumpedHeatBySourceMW!;
    expect(dumped).toHaveLength(scenario.sources.length);
    let takenW = 0;
    for (const u of sim.outputs.units) if (u.kind === 'heatPump' && u.source === dc) takenW += u.state.sourceHeatW;
    expect(takenW).toBeGreaterThan(0);
    const rejectedW = sim.outputs.sources[dc].rejectedW;
    expect(dumped[dc] * 1e6).toBeCloseTo(Math.max(0, rejectedW - takenW), 3);
    expect(dumped[dc] * 1e6).toBeCloseTo(sim.outputs.ledger.step[FLOW.dryCoolerW], 3);
  });

  it('with its heat pumps stopped the data centre throws away all the heat it rejects', () => {
    const { sim, k } = run('2025-01-20', true);
    const rejectedW = sim.outputs.sources[dc].rejectedW;
    expect(rejectedW).toBeGreaterThan(1e6);
    expect(k.dumpedHeatBySourceMW![dc] * 1e6).toBeCloseTo(rejectedW, 3);
  });
});
