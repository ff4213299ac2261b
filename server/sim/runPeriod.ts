/**
 * A headless run of a compiled scenario over a period, as the simulate CLI and a story's year figures make it:
 * from startS for `days` days in steps of stepS seconds (the last one shorter if the period asks), with the
 * operator inputs left at their defaults. Runs of LONG_RUN_DAYS or more step at least LONG_RUN_STEP_S: in the
 * convergence study (README, `npm run bench:convergence`) a year at 300 s is within 1 % of the 30 s run on every
 * figure but two tiny ones (the reserve boiler's heat, 0.03 % of the heat made, and curtailed heat, half a MWh),
 * at a tenth of the time. Shorter runs keep the scenario's own step.
 */
import type { CompiledModel } from './compile';
import { DAY_S } from './calendar';
import { createOperatorInputs, createSimulation, stepSimulation } from './engine';
import type { Simulation } from './simulation';

const LONG_RUN_DAYS = 7;
const LONG_RUN_STEP_S = 300;

/** The step a run of `days` days takes when not told: the scenario's own, or LONG_RUN_STEP_S for long runs. */
export function runStepS(days: number, scenarioStepS: number): number {
  return days >= LONG_RUN_DAYS ? Math.max(scenarioStepS, LONG_RUN_STEP_S) : scenarioStepS;
}

export interface Period {
  startS: number;
  days: number;
  stepS: number;
}

/**
 * Runs the period. `watch` is given the run before its first step and returns what to call after every step
 * with the step's length (a CSV recorder, a progress report).
 */
export function runPeriod(model: CompiledModel, period: Period, watch?: (sim: Simulation) => (dtS: number) => void): Simulation {
  const sim = createSimulation(model, { startS: period.startS });
  const inputs = createOperatorInputs(model);
  const afterStep = watch?.(sim);
  const endS = period.startS + period.days * DAY_S;
  while (sim.outputs.timeS < endS - 1e-9) {
    const dt = Math.min(period.stepS, endS - sim.outputs.timeS);
    stepSimulation(sim, inputs, dt);
    afterStep?.(dt);
  }
  return sim;
}
