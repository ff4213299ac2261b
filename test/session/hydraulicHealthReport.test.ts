/**
 * Hydraulic non-convergence reaches people: an alarm when the solve stops converging (once, with the residual;
 * again only after it converged in between), and a per-session counter in /metrics. The simulation is a stand-in
 * carrying only what the watch reads (no units, no unmet heat), its hydraulicHealth set by the test.
 */
import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../shared/protocol/session';
import type { SimulationOutputs } from '../../server/sim';
import { LEDGER_FLOWS } from '../../server/sim/ledger';
import type { HydraulicHealth } from '../../server/sim/hydraulicHealth';
import { checkAlarms, createAlarmWatch, syncAlarmWatch } from '../../server/session/alarms';
import { createMetrics } from '../../server/transport/metrics';
import type { SessionDirectory, TwinSession } from '../../server/transport/types';

function standInSim(): { sim: SimulationOutputs; health: HydraulicHealth } {
  const health: HydraulicHealth = { converged: true, residualPa: 0.5, backPipes: 0, nonConvergedSteps: 0 };
  const sim = { timeS: 0, units: [], ledger: { step: new Float64Array(LEDGER_FLOWS.length) }, hydraulicHealth: health };
  return { sim: sim as unknown as SimulationOutputs, health };
}

describe('hydraulic convergence alarms', () => {
  it('warns once when the solve stops converging, with the residual; says when it converges again; re-arms', () => {
    const { sim, health } = standInSim();
    const watch = createAlarmWatch(sim);
    const alarms: Alarm[] = [];
    const step = (converged: boolean, residualPa: number) => {
      health.converged = converged;
      health.residualPa = residualPa;
      if (!converged) health.nonConvergedSteps++;
      (sim as { timeS: number }).timeS += 60;
      checkAlarms(watch, sim, 60, (a) => alarms.push(a));
    };
    step(true, 3);
    expect(alarms).toEqual([]);
    step(false, 1234);
    step(false, 5000);
    step(false, 800);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ severity: 'warning', source: 'hydraulics', simTimeS: 120 });
    expect(alarms[0].message).toContain('1.23e+3 Pa');
    step(true, 4);
    step(true, 2);
    expect(alarms.slice(1)).toEqual([{ simTimeS: 300, severity: 'info', source: 'hydraulics', message: 'Network hydraulics converge again' }]);
    step(false, 99);
    expect(alarms).toHaveLength(3);
    expect(alarms[2]).toMatchObject({ severity: 'warning', simTimeS: 420 });
    expect(alarms[2].message).toContain('99.0 Pa');
  });

  it('a simulation taken over in a non-converged state (restore, jump) raises nothing for it', () => {
    const { sim, health } = standInSim();
    const watch = createAlarmWatch(sim);
    health.converged = false;
    syncAlarmWatch(watch, sim);
    const alarms: Alarm[] = [];
    checkAlarms(watch, sim, 60, (a) => alarms.push(a));
    expect(alarms).toEqual([]);
  });
});

describe('hydraulic convergence in /metrics', () => {
  it('counts the non-converged steps per session', async () => {
    const session = { id: 'abc', stats: () => ({ stepTimeMsAvg: 2, framesSent: 10, stepsPerSecond: 50, hydraulicNonConvergedSteps: 17 }) };
    const sessions = {
      list: () => [session as unknown as TwinSession],
      get: () => undefined,
      create: () => Promise.reject(new Error('not here')),
      delete: () => Promise.resolve(false),
    } as unknown as SessionDirectory;
    // The other gauges read more of a session than this stand-in has: only this counter is collected.
    const metrics = createMetrics({ sessions, clients: () => 0, sessionClients: () => 0 });
    const text = await metrics.registry.getSingleMetricAsString('heattwin_hydraulic_nonconverged_steps_total');
    expect(text).toContain('# TYPE heattwin_hydraulic_nonconverged_steps_total counter');
    expect(text).toContain('heattwin_hydraulic_nonconverged_steps_total{session="abc"} 17');
  });
});
