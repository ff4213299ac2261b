/**
 * The scenario's prices and emission factors as one step's bookkeeping (bookkeeping.ts) reads them: fuel cost per
 * MWh of fuel including its CO2 price, emission factors by fuel and of grid electricity, the baseline plant.
 * Factors the scenario leaves out default to IPCC 2006 Vol. 2 Table 1.4 (docs/reference-figures.md, Emissions):
 * coal 341, natural gas 202, fuel oil 267 g/kWh of fuel, wood chips 0 (biogenic).
 */
import type { Fuel, Scenario } from '../../shared/scenario/schema';

export const IPCC_FUEL_G_PER_KWH: Record<Exclude<Fuel, 'electric'>, number> = { coal: 341, gas: 202, oil: 267, woodchips: 0 };

export interface CostFactors {
  electricityFeeEurPerMWh: number;
  gridGPerKWh: number;
  /** Fuel price plus CO2 cost, per MWh of fuel, by fuel. */
  fuelCostEurPerMWh: Record<string, number>;
  fuelGPerKWh: Record<string, number>;
  baselineFuel: Fuel;
  baselineEfficiency: number;
}

export function createCostFactors(s: Scenario): CostFactors {
  const fuelGPerKWh: Record<string, number> = { ...IPCC_FUEL_G_PER_KWH, ...s.emissions.fuelGPerKWh };
  const fuelCostEurPerMWh: Record<string, number> = {};
  for (const fuel of Object.keys(IPCC_FUEL_G_PER_KWH)) {
    const price = s.prices.fuelEurPerMWh[fuel as keyof typeof s.prices.fuelEurPerMWh] ?? 0;
    fuelCostEurPerMWh[fuel] = price + (s.prices.co2EurPerTonne * fuelGPerKWh[fuel]) / 1000;
  }
  return {
    electricityFeeEurPerMWh: s.prices.electricityNetworkEurPerMWh,
    gridGPerKWh: s.emissions.electricityGPerKWh,
    fuelCostEurPerMWh,
    fuelGPerKWh,
    baselineFuel: s.baseline.fuel,
    baselineEfficiency: s.baseline.efficiency,
  };
}
