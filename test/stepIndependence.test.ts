/**
 * Results must not depend on the step length: every control acts in seconds. Each control is run at two step
 * lengths and compared, at sample times, with its trajectory worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { heatPumpSchema, sourceSchema } from '../shared/scenario/schema';
import { createProsumer, planProsumer, runProsumer, type Prosumer } from '../server/sim/consumers/prosumer';
import { HP_RUNNING, HP_STARTING, HP_TRIPPED } from '../server/sim/plant/heatPump';

const STEPS_S = [30, 300];

describe('a prosumer heat pump after a trip', () => {
  // Unit defaults: start-up delay 300 s, ramp to full in 300 s, min off 900 s. Return water too hot for the
  // condenser (above 85 - 2 °C) from 1200 s to 1500 s trips the running unit at 1200 s.
  const HOT_FROM_S = 1200;
  const HOT_UNTIL_S = 1500;
  const CAPACITY_W = 150e3;

  function prosumer(): Prosumer {
    return createProsumer({
      building: 0,
      node: 0,
      source: sourceSchema.parse({ id: 'dc', kind: 'datacentre', itLoadW: 1e6, coolingType: 'liquid', dailySwing: 0, weeklySwing: 0 }),
      heatPump: heatPumpSchema.parse({ id: 'hp', kind: 'heatPump', source: 'dc', capacityW: CAPACITY_W, maxSinkC: 85 }),
      exports: true,
    });
  }

  /** Mode and heat after the step that ends at each sample time. */
  function run(dtS: number, samplesS: number[]): { mode: number; heatW: number }[] {
    const p = prosumer();
    const out: { mode: number; heatW: number }[] = [];
    for (let t = 0; t < Math.max(...samplesS); t += dtS) {
      const returnC = t >= HOT_FROM_S && t < HOT_UNTIL_S ? 84 : 50;
      const c = { timeS: t, outdoorC: 15, ghiWm2: 0, supplySetpointC: 75, powerAvailable: true };
      planProsumer(p, returnC, 20e3, c, dtS);
      runProsumer(p, 20e3, 1e6, dtS);
      if (samplesS.includes(t + dtS)) out.push({ mode: p.state.mode, heatW: p.state.heatW });
    }
    return out;
  }

  it('restarts by itself once its min off time has passed, at the same moment at every step length', () => {
    // Tripped at 1200 s; cleared at 1200 + 900 = 2100 s, starting until 2400 s, at full output by 2700 s.
    for (const dtS of STEPS_S) {
      const [tripped, starting, running] = run(dtS, [1800, 2400, 3000]);
      expect(tripped.mode, `tripped at ${dtS} s steps`).toBe(HP_TRIPPED);
      expect(starting.mode, `starting at ${dtS} s steps`).toBe(HP_STARTING);
      expect(running.mode, `running at ${dtS} s steps`).toBe(HP_RUNNING);
      expect(running.heatW).toBeCloseTo(CAPACITY_W, 0);
    }
  });
});
