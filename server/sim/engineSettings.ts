/**
 * The numerical settings the engine runs its network solvers with, defined once: the engine reads them here and
 * the validation cases (docs/validation.md) run with them, so what is validated is what runs.
 */
import type { HydraulicOptions } from './network/hydraulics';
import type { PlugFlowOptions } from './network/plugFlow';

type EngineHydraulicSetting = 'frictionRefreshRel' | 'toleranceAbs' | 'toleranceRel' | 'propertyRefreshK';

/**
 * Water entering a pipe within 0.01 K of its newest parcel joins it. A parcel that entered one step earlier has
 * cooled by (T - T_g)·dt/tau, about 1e-3 K at 1 s steps in a DN50 pipe (tau ~ 14 h), so the solver's default
 * 1e-3 K would give every second its own parcel; 0.01 K keeps outlet errors well inside the 0.05 K the transport
 * must keep (docs/validation.md, Heat transport). The water's heat capacity follows its temperature, so the
 * pipes carry enthalpy (plugFlow.ts).
 */
export const ENGINE_PLUG_FLOW: Readonly<Required<Pick<PlugFlowOptions, 'mergeToleranceK' | 'waterProperties'>>> =
  Object.freeze({
    mergeToleranceK: 0.01,
    waterProperties: 'fromTemperature',
  });

/**
 * Loops closed to 10 Pa or 1e-4 of their drop (the solver's defaults are 1e-3 Pa and 1e-9): far finer than the
 * pump's dp control resolves on loops of kPa, and one Newton iteration a step instead of three or four.
 * A turbulent friction factor is reused until its Reynolds number has moved by 2 %: above Re 4000
 * |dlnf/dlnRe| < 0.3, so f stays within 0.6 % of exact (docs/validation.md, Hydraulics: what both cost in flow);
 * nine evaluations in ten are spared, and even from the friction table, with its logarithm, evaluating every
 * pipe every step made a solve half as slow again.
 * A pipe's density and viscosity follow its water once it has moved by 0.1 K: viscosity changes by about
 * 2 %/K at 50 °C and the turbulent friction drop by a fifth of that, so a drop stays within 0.05 % of exact.
 * At 300 s steps a third of the pipes move that far each step; refreshing all of them doubles the cost.
 */
export const ENGINE_HYDRAULICS: Readonly<Required<Pick<HydraulicOptions, EngineHydraulicSetting>>> = Object.freeze({
  frictionRefreshRel: 0.02,
  propertyRefreshK: 0.1,
  toleranceAbs: 10,
  toleranceRel: 1e-4,
});
