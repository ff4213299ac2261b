/**
 * Books one engine step into the ledger: heat, electricity, fuel, emissions and money, from the state the
 * step left behind. Prices and factors come from the scenario:
 *   fuel cost (EUR/MWh fuel)  = fuel price + CO2 price x factor (t/MWh)
 *   CO2 (g/s)                 = sum_fuel fuel W x factor (g/kWh) / 3.6e6  +  electricity W x grid factor / 3.6e6
 *   cost (EUR/s)              = electricity W x (spot + grid fee) / 3.6e9 + fuel W x fuel cost / 3.6e9
 *   baseline                  = the scenario's heat-only plant making the heat the city received (network feed
 *                               plus prosumers' own use): fuel = heat / efficiency.
 *   leak                      = water lost, make-up fed and the heat the leak carries (network/pressureHolding.ts).
 *   waste heat to the network = plants' waste-heat part (plant/plants.ts: storage by the origin of its heat)
 *                               + exports of prosumers on waste-heat sources (W; the share's definition, ledger.ts).
 * The prices and factors per fuel are gathered once per run (costFactors.ts).
 */
import { closeStep, FLOW, WASTE_HEAT_FLOW, type Ledger } from './ledger';
import type { CompiledModel } from './compile';
import type { CostFactors } from './costFactors';
import type { SimulationOutputs } from './simulation';
import { J_PER_KWH, J_PER_MWH } from './units';

/** The step's results the books read. */
export type BookedStep = Pick<
  SimulationOutputs,
  | 'electricityPriceEurPerMWh'
  | 'demandW'
  | 'deliveredW'
  | 'unmetW'
  | 'units'
  | 'prosumers'
  | 'plants'
  | 'sources'
  | 'supply'
  | 'return'
  | 'pump'
  | 'pressureHolding'
>;

/**
 * `sourceTakenW`: heat the units took from each source this step; `coldBuildings`: connected buildings more than
 * 1 K below their set-point now.
 */
export function bookStep(
  ledger: Ledger,
  model: CompiledModel,
  c: CostFactors,
  s: BookedStep,
  sourceTakenW: Float64Array,
  coldBuildings: number,
  dtS: number,
): void {
  const f = ledger.step;
  f.fill(0);
  const electricityEurPerJ = (s.electricityPriceEurPerMWh + c.electricityFeeEurPerMWh) / J_PER_MWH;

  let demand = 0;
  let delivered = 0;
  let unmet = 0;
  for (let i = 0; i < s.demandW.length; i++) {
    demand += s.demandW[i];
    delivered += s.deliveredW[i];
    unmet += s.unmetW[i];
  }
  ledger.coldBuildings = coldBuildings;
  f[FLOW.heatDemandW] = demand;
  f[FLOW.heatDeliveredW] = delivered;
  f[FLOW.unmetHeatW] = unmet;

  let fuelCo2 = 0;
  let fuelCost = 0;
  for (const u of s.units) {
    if (u.kind === 'storage') {
      if (u.heatW > 0) f[FLOW.storageDischargeW] += u.heatW;
      else f[FLOW.storageChargeW] -= u.heatW;
      f[FLOW.storageLossW] += u.state.lossW;
      f[FLOW.heat_storage] += u.heatW > 0 ? u.heatW : 0;
      continue;
    }
    f[FLOW.unitHeatW] += u.heatW;
    f[u.heatFlow] += u.heatW;
    if (u.kind === 'heatPump') {
      f[FLOW.heatPumpHeatW] += u.heatW;
      f[FLOW.heatPumpElectricityW] += u.electricityW;
      f[u.electricityFlow] += u.electricityW;
      f[FLOW.coolingDeliveredW] += u.state.coolingW;
    } else {
      f[FLOW.boilerElectricityW] += u.electricityW;
      f[FLOW.fuelW] += u.fuelW;
      if (u.spec.fuel !== 'electric') {
        fuelCo2 += (u.fuelW * c.fuelGPerKWh[u.spec.fuel]) / J_PER_KWH;
        fuelCost += (u.fuelW * c.fuelCostEurPerMWh[u.spec.fuel]) / J_PER_MWH;
      }
    }
  }
  let ownUse = 0;
  for (const p of s.prosumers) {
    const ps = p.state;
    f[FLOW.unitHeatW] += ps.heatW;
    f[p.heatFlow] += ps.heatW;
    f[FLOW.heatPumpHeatW] += ps.heatW;
    f[FLOW.heatPumpElectricityW] += ps.electricityW;
    f[p.electricityFlow] += ps.electricityW;
    f[FLOW.coolingDeliveredW] += ps.coolingW;
    f[FLOW.prosumerExportW] += p.exportW;
    f[FLOW.prosumerImportW] += s.deliveredW[p.building] - p.ownW;
    f[FLOW.heatToNetworkW] += p.exportW;
    if (WASTE_HEAT_FLOW[p.heatFlow] === 1) f[FLOW.wasteHeatToNetworkW] += p.exportW;
    f[FLOW.curtailedW] += p.curtailedW;
    ownUse += p.ownW;
  }
  for (const plant of s.plants) {
    f[FLOW.heatToNetworkW] += plant.heatToNetworkW;
    f[FLOW.wasteHeatToNetworkW] += plant.wasteHeatToNetworkW;
    f[FLOW.curtailedW] += plant.curtailedW;
  }
  for (let i = 0; i < s.sources.length; i++) {
    if (model.sources[i].kind !== 'datacentre') continue;
    const taken = sourceTakenW[i];
    const rejected = s.sources[i].rejectedW;
    f[FLOW.dryCoolerW] += rejected > taken ? rejected - taken : 0;
  }
  f[FLOW.networkLossW] = s.supply.totalHeatLossW + s.return.totalHeatLossW;
  f[FLOW.pumpElectricityW] = s.pump.electricityW;
  f[FLOW.waterLostKgS] = s.pressureHolding.leakKgS;
  f[FLOW.makeUpKgS] = s.pressureHolding.makeUpKgS;
  f[FLOW.leakHeatW] = s.pressureHolding.leakHeatW;
  const electricity = f[FLOW.heatPumpElectricityW] + f[FLOW.boilerElectricityW] + f[FLOW.pumpElectricityW];
  f[FLOW.electricityW] = electricity;
  f[FLOW.co2GPerS] = fuelCo2 + (electricity * c.gridGPerKWh) / J_PER_KWH;
  f[FLOW.costEurPerS] = fuelCost + electricity * electricityEurPerJ;

  const baselineHeat = f[FLOW.heatToNetworkW] + ownUse;
  const baselineFuelW = baselineHeat / c.baselineEfficiency;
  f[FLOW.baselineFuelW] = baselineFuelW;
  if (c.baselineFuel === 'electric') {
    f[FLOW.baselineCo2GPerS] = (baselineFuelW * c.gridGPerKWh) / J_PER_KWH;
    f[FLOW.baselineCostEurPerS] = baselineFuelW * electricityEurPerJ;
  } else {
    f[FLOW.baselineCo2GPerS] = (baselineFuelW * c.fuelGPerKWh[c.baselineFuel]) / J_PER_KWH;
    f[FLOW.baselineCostEurPerS] = (baselineFuelW * c.fuelCostEurPerMWh[c.baselineFuel]) / J_PER_MWH;
  }
  closeStep(ledger, dtS);
}

