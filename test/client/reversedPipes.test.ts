/**
 * Service pipes running backwards (client/src/scene/reversedPipes.ts): which pipes are prosumers' service pipes
 * and which way is into the building; a pipe feeds in when its flow runs out of the building. Against the
 * simulation of the prosumer block over a June morning: a service pipe is marked exactly while its prosumer sells
 * heat into the network, and never while it buys.
 */
import { describe, expect, it } from 'vitest';
import { feedsIn, MIN_FEED_KG_S, prosumerServicePipes } from '../../client/src/scene/reversedPipes';
import { dateToS } from '../../server/sim/calendar';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../../server/sim';
import { loadScenario } from '../../server/scenarios/load';

const { scenario } = loadScenario('prosumer-block');

describe('prosumer service pipes', () => {
  it("finds each selling prosumer's service pipe and which flow sign goes into the building", () => {
    const found = prosumerServicePipes(scenario);
    const prosumers = scenario.buildings.filter((b) => b.prosumer?.exports);
    expect(found.map((s) => scenario.buildings[s.building].id).sort()).toEqual(prosumers.map((b) => b.id).sort());
    for (const s of found) {
      const pipe = scenario.network.pipes[s.pipe];
      expect(pipe.to).toBe(scenario.buildings[s.building].node);
      expect(s.into).toBe(1);
    }
  });

  it('a pipe drawn from the building to the street has into = -1; buildings that only buy have none', () => {
    const flipped = structuredClone(scenario);
    const pipe = flipped.network.pipes.find((p) => p.id === 'S-sewer-house')!;
    [pipe.from, pipe.to] = [pipe.to, pipe.from];
    const s = prosumerServicePipes(flipped).find((x) => flipped.buildings[x.building].id === 'sewer-house')!;
    expect(s.into).toBe(-1);
    expect(prosumerServicePipes(loadScenario('espoo-clean-heat').scenario)).toEqual([]);
  });

  it('feeds in when the flow runs out of the building beyond a rounding remainder, however the pipe is drawn', () => {
    expect(feedsIn(-0.5, 1)).toBe(true);
    expect(feedsIn(0.5, -1)).toBe(true);
    expect(feedsIn(0.5, 1)).toBe(false);
    expect(feedsIn(-0.5, -1)).toBe(false);
    expect(feedsIn(0, 1)).toBe(false);
    expect(feedsIn(-MIN_FEED_KG_S / 2, 1)).toBe(false);
    expect(feedsIn(Number.NaN, 1)).toBe(false);
  });

  it('in the simulation a service pipe feeds in exactly while its prosumer sells heat', () => {
    const model = compileScenario(scenario);
    const sim = createSimulation(model, { startS: dateToS('2025-06-03') });
    const inputs = createOperatorInputs(model);
    const pipes = prosumerServicePipes(scenario);
    let selling = 0;
    let buying = 0;
    for (let step = 1; step <= 14 * 60; step++) {
      stepSimulation(sim, inputs, 60);
      if (step % 30 !== 0) continue;
      for (const p of sim.outputs.prosumers) {
        const s = pipes.find((x) => x.building === p.building)!;
        const reversed = feedsIn(sim.outputs.massFlowKgS[s.pipe], s.into);
        expect(reversed, `${scenario.buildings[p.building].id} at step ${step}`).toBe(p.exportW > 0);
        if (reversed) selling++;
        else buying++;
      }
    }
    expect(selling).toBeGreaterThan(0);
    expect(buying).toBeGreaterThan(0);
  });
});
