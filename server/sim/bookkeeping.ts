/**
 * Books one engine step into the ledger: heat, electricity, fuel, emissions and money, from the state the
 * step left behind. Prices and factors come from the scenario:
 *   fuel cost (EUR/MWh fuel)  = fuel price + CO2 price x factor (t/MWh)
 *   CO2 (g/s)                 = sum_fuel fuel W x factor (g/kWh) / 3.6e6  +  electricity W x grid factor / 3.6e6
 *   cost (EUR/s)              = electricity W x (spot + grid fee) / 3.6e9 + fuel W x fuel cost / 3.6e9
 *   baseline                  = the scenario's heat-only plant making the heat the city received (network feed
 *                               plus prosumers' own use): fuel = heat / efficiency.
 * The prices and factors per fuel are gathered once per run (costFactors.ts).
 */
import { closeStep, FLOW } from './ledger';
import { countColdBuildings } from './consumers/buildings';
import type { Simulation } from './simulation';
import { J_PER_KWH, J_PER_MWH } from './units';

export function bookStep(sim: Simulation, dtS: number): void {
  const f = sim.ledger.step;
  f.fill(0);
  const c = sim.costs;
  const electricityEurPerJ = (sim.electricityPriceEurPerMWh + c.electricityFeeEurPerMWh) / J_PER_MWH;

  let demand = 0;
  let delivered = 0;
  let unmet = 0;
  for (let i = 0; i < sim.demandW.length; i++) {
    demand += sim.demandW[i];
    delivered += sim.deliveredW[i];
    unmet += sim.unmetW[i];
  }
  sim.ledger.coldBuildings = countColdBuildings(sim.model.buildings, sim.buildings, sim.timeS, 1, sim.model.buildingNode);
  f[FLOW.heatDemandW] = demand;
  f[FLOW.heatDeliveredW] = delivered;
  f[FLOW.unmetHeatW] = unmet;

  let fuelCo2 = 0;
  let fuelCost = 0;
  for (const u of sim.units) {
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
  for (const p of sim.prosumers) {
    const s = p.state;
    f[FLOW.unitHeatW] += s.heatW;
    f[p.heatFlow] += s.heatW;
    f[FLOW.heatPumpHeatW] += s.heatW;
    f[FLOW.heatPumpElectricityW] += s.electricityW;
    f[p.electricityFlow] += s.electricityW;
    f[FLOW.coolingDeliveredW] += s.coolingW;
    f[FLOW.prosumerExportW] += p.exportW;
    f[FLOW.prosumerImportW] += sim.deliveredW[p.building] - p.ownW;
    f[FLOW.heatToNetworkW] += p.exportW;
    f[FLOW.curtailedW] += p.curtailedW;
    ownUse += p.ownW;
  }
  for (const plant of sim.plants) {
    f[FLOW.heatToNetworkW] += plant.heatToNetworkW;
    f[FLOW.curtailedW] += plant.curtailedW;
  }
  for (let i = 0; i < sim.sources.length; i++) {
    if (sim.model.sources[i].kind !== 'datacentre') continue;
    const taken = sim.unitConditions.sourceTakenW[i];
    const rejected = sim.sources[i].rejectedW;
    f[FLOW.dryCoolerW] += rejected > taken ? rejected - taken : 0;
  }
  f[FLOW.networkLossW] = sim.supply.totalHeatLossW + sim.return.totalHeatLossW;
  f[FLOW.pumpElectricityW] = sim.pump.electricityW;
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
  closeStep(sim.ledger, dtS);
}

