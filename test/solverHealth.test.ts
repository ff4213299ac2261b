/**
 * The engine's hydraulic health: each step records whether the loop solve converged, its residual and the back
 * pipes of the transport, and counts the steps that ended unconverged.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../server/scenarios/load';
import { compileScenario } from '../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation } from '../server/sim';
import { dateToS, DAY_S } from '../server/sim/calendar';

const loaded = loadScenario('espoo-district');
const model = compileScenario(loaded.scenario, { epwText: loaded.epwText });
const STEP_S = 60;

function run(days: number, hydraulicMaxIterations?: number) {
  const sim = createSimulation(model, { startS: dateToS('2025-01-06'), seed: 1, hydraulicMaxIterations });
  const inputs = createOperatorInputs(model);
  let unconverged = 0;
  let maxBackPipes = 0;
  let worstUnconvergedResidualPa = Infinity;
  for (let i = 0; i < (days * DAY_S) / STEP_S; i++) {
    stepSimulation(sim, inputs, STEP_S);
    const h = sim.outputs.hydraulicHealth;
    expect(h.converged).toBe(sim.state.hydraulics.supply.converged && sim.state.hydraulics.return.converged);
    if (!h.converged) {
      unconverged++;
      worstUnconvergedResidualPa = Math.min(worstUnconvergedResidualPa, h.residualPa);
    }
    maxBackPipes = Math.max(maxBackPipes, h.backPipes);
  }
  return { sim, unconverged, maxBackPipes, worstUnconvergedResidualPa };
}

describe('hydraulic health', () => {
  it('the looped default city runs a winter week with every step converged and no back pipes', () => {
    expect(model.topology.pipeCount).toBeGreaterThan(model.topology.nodeCount - 1); // it has loops to close
    const { sim, unconverged, maxBackPipes } = run(7);
    expect(unconverged).toBe(0);
    expect(sim.outputs.hydraulicHealth.nonConvergedSteps).toBe(0);
    expect(sim.outputs.hydraulicHealth.residualPa).toBeLessThan(10);
    expect(maxBackPipes).toBe(0);
  }, 30_000);

  it('counts the steps whose loop solve ran out of iterations, and reports their residual', () => {
    // One Newton iteration a step cannot follow the cold start and the morning ramps from the warm start.
    const one = run(1, 1);
    expect(one.unconverged).toBeGreaterThan(0);
    expect(one.unconverged).toBeLessThan(DAY_S / STEP_S);
    expect(one.sim.outputs.hydraulicHealth.nonConvergedSteps).toBe(one.unconverged);
    expect(one.worstUnconvergedResidualPa).toBeGreaterThan(10); // above the engine's 10 Pa tolerance
    // No iteration at all leaves every step with its loops open.
    const none = run(0.25, 0);
    expect(none.sim.outputs.hydraulicHealth.nonConvergedSteps).toBe(DAY_S / 4 / STEP_S);
    expect(none.sim.outputs.hydraulicHealth.converged).toBe(false);
  }, 30_000);
});
