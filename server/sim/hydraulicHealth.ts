/**
 * How well the network's hydraulics held up: whether the last loop solves of the supply and the return converged,
 * their largest loop residual,
 * how many pipes closed a directed cycle in the last transport step (tiny circulating flows that the plug-flow
 * order had to break; 0 in a healthy flow field) and how many steps since the start ended unconverged.
 * Updated in place every step: no allocation.
 */
import type { HydraulicSolver } from './network/hydraulics';
import type { PlugFlow } from './network/plugFlow';

export interface HydraulicHealth {
  converged: boolean;
  /** Largest |loop residual| of the last solve (Pa). */
  residualPa: number;
  /** Back pipes of the last step: the larger count of the supply and the return network. */
  backPipes: number;
  /** Steps since the start whose loop solve did not converge. */
  nonConvergedSteps: number;
}

export function createHydraulicHealth(): HydraulicHealth {
  return { converged: true, residualPa: 0, backPipes: 0, nonConvergedSteps: 0 };
}

export function recordHydraulicHealth(
  health: HydraulicHealth,
  supplySolver: HydraulicSolver,
  returnSolver: HydraulicSolver,
  supply: PlugFlow,
  ret: PlugFlow,
): void {
  health.converged = supplySolver.converged && returnSolver.converged;
  health.residualPa = Math.max(supplySolver.maxResidualPa, returnSolver.maxResidualPa);
  health.backPipes = Math.max(supply.backPipeCount, ret.backPipeCount);
  if (!health.converged) health.nonConvergedSteps++;
}
