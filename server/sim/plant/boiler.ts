/**
 * A heat-only boiler (gas, oil, woodchips, coal, or an electric / electrode boiler).
 *
 * Output (W): off, or within [minPartLoad·capacity, capacity]; a request below the minimum turns the boiler off
 * (the dispatcher asks for the minimum explicitly if it wants it to stay lit). Output changes by at most
 * rampPerS·capacity per second on the way up and down; shutting off is immediate (the burner or the
 * electrodes cut out). The heat, fuel and electricity reported are the step's means (the ramp integrated over
 * the step), so the energy does not depend on the step length; `levelW` keeps where the ramp stands. Electric boilers ramp at least ELECTRIC_MIN_RAMP_PER_S: electrode boilers go from
 * zero to full load within a minute or two, so the slow fuel-boiler default must not hold them back.
 * Efficiency at part load, a standing-loss model (as in EN 15316-4-1, where a boiler loses a roughly constant
 * stand-by heat through its casing whatever the load): fuel in = (Q + s·Q_cap) / eta_c, with the combustion
 * efficiency eta_c chosen so that the full-load efficiency equals spec.efficiency:
 *   eta(PLR) = eta_full · PLR·(1 + s) / (PLR + s),  PLR = Q / Q_cap,  s = STANDING_LOSS_SHARE = 0.01.
 * That is mild: -0.1 % at 90 % load, -8 % at 10 % load (relative).
 * Energy: fuelW = Q / eta (lower heating value) for fuel boilers, electricityW = Q / eta for electric ones.
 * Units: W, s. Plain mutable state, updated in place.
 */
import type { BoilerSpec } from '../../../shared/scenario/schema';
import { rampOver } from './ramp';

export const STANDING_LOSS_SHARE = 0.01;
export const ELECTRIC_MIN_RAMP_PER_S = 1 / 60;

export interface BoilerState {
  /** Operator override: 'on' runs at full capacity, 'off' stops at once. */
  force: 'auto' | 'on' | 'off';
  /** False during an outage or maintenance: the boiler gives nothing. */
  available: boolean;
  /** Heat out, the mean over the last step (W). */
  heatW: number;
  /** Output at the end of the last step (W): where the next step's ramp starts. */
  levelW: number;
  /** Fuel energy in, lower heating value (W); 0 for electric boilers. */
  fuelW: number;
  /** Electricity in (W); electric boilers only. */
  electricityW: number;
  /** Heat out / energy in at the present load; 0 when off. */
  efficiency: number;
  /** A fault in force this step (malfunctions.ts): the burner or electrodes do not light, so an unlit boiler
   *  stays off; a lit one burns on. */
  startFails: boolean;
}

export function createBoilerState(): BoilerState {
  return { force: 'auto', available: true, heatW: 0, levelW: 0, fuelW: 0, electricityW: 0, efficiency: 0, startFails: false };
}

/** Efficiency at part-load ratio plr in (0, 1] (standing-loss model, see header). */
export function boilerEfficiency(spec: BoilerSpec, plr: number): number {
  return (spec.efficiency * plr * (1 + STANDING_LOSS_SHARE)) / (plr + STANDING_LOSS_SHARE);
}

export function boilerRampPerS(spec: BoilerSpec): number {
  return spec.fuel === 'electric' && spec.rampPerS < ELECTRIC_MIN_RAMP_PER_S ? ELECTRIC_MIN_RAMP_PER_S : spec.rampPerS;
}

/** Advance the boiler by dtS seconds towards requestW (W); returns the heat delivered, the step's mean (W). */
export function stepBoiler(spec: BoilerSpec, state: BoilerState, requestW: number, dtS: number): number {
  const capW = spec.capacityW;
  const minW = spec.minPartLoad * capW;
  let targetW: number;
  if (!state.available || state.force === 'off') targetW = 0;
  else if (state.force === 'on') targetW = capW;
  else if (!(requestW >= minW) || requestW <= 0) targetW = 0; // also catches NaN
  else targetW = requestW > capW ? capW : requestW;
  if (state.startFails && state.levelW === 0) targetW = 0;

  let heatW = 0;
  if (targetW === 0) {
    state.levelW = 0;
  } else {
    const ramp = rampOver(state.levelW, targetW, boilerRampPerS(spec) * capW, dtS);
    heatW = ramp.meanW;
    state.levelW = ramp.endW;
  }

  state.heatW = heatW;
  if (heatW > 0) {
    const eta = boilerEfficiency(spec, heatW / capW);
    const inW = heatW / eta;
    state.efficiency = eta;
    state.fuelW = spec.fuel === 'electric' ? 0 : inW;
    state.electricityW = spec.fuel === 'electric' ? inW : 0;
  } else {
    state.efficiency = 0;
    state.fuelW = 0;
    state.electricityW = 0;
  }
  return heatW;
}
