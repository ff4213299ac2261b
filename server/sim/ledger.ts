/**
 * Accounting: every energy, fuel, emission and money flow of a step (W, g/s, EUR/s) and their running totals
 * (J, g, EUR), in one Float64Array each so a step allocates nothing.
 *
 * Energy balance the engine keeps (all W, over a step):
 *   unitHeat = heatToNetwork + storageCharge - storageDischarge + curtailed + prosumers' own use
 *   heatToNetwork (plants and prosumer exports) + prosumers' own use
 *     = delivered + networkLoss + d(pipe water heat content)/dt + leakHeat
 * so over a run: produced = delivered + network losses + pipe content change + storage change + storage losses
 * + curtailed + leak heat, which `balanceErrorPct` checks. leakHeat = m_leak·(h(T_leak) - h(T_makeUp)): the water
 * a leak loses takes its heat with it, and the main plant heats the make-up water that replaces it
 * (network/pressureHolding.ts). Water flows (kg/s, totals kg): lost through a leak, fed by the make-up pumps.
 * Emissions: fuel energy x factor per kWh of fuel (IPCC 2006 Vol. 2 Table 1.4 via the scenario), grid electricity x
 * the scenario's factor (Finnish residual mix 179 g/kWh, 2020). Baseline: the scenario's heat-only plant producing
 * the same heat into the network, fuel = heat / efficiency, CO2 = fuel x its fuel factor.
 * Waste-heat share, the one definition every view reads (`wasteHeatSharePct`):
 *   share = 100 · wasteHeatToNetwork / heatToNetwork      (%, both W or both J over a period)
 *   heatToNetwork      = heat into the network from the units and storage, net: plants' units + discharge -
 *                        charge - curtailed, and prosumer exports;
 *   wasteHeatToNetwork = its waste-heat part: heat from heat pumps on waste-heat sources (WASTE_HEAT_KEYS; outdoor
 *                        air is ambient heat, not waste), storage discharge at the waste fraction of the heat the
 *                        store holds, storage charging at the fraction of the heat that charged it taken out
 *                        (plant/storage.ts, plant/plants.ts).
 * Why: a store only shifts heat in time; counting its discharge by its origin, and its charging out of the
 * producers' mix, neither drops heat that the data centre made yesterday nor counts today's twice, and the share
 * of a period is that of the heat the city got from the plants in it.
 */
import { HEAT_PUMP_SOURCE_KEYS, SOURCE_KEYS, WASTE_HEAT_KEYS, type HeatSourceKey } from '../../shared/protocol/heatSources';
import type { DistrictSummary } from './districts';
import { J_PER_MWH } from './units';

const FLOW_NAMES = [
  'heatDemandW',
  'heatDeliveredW',
  'unmetHeatW',
  'unitHeatW',
  'heatToNetworkW',
  'prosumerExportW',
  /** Heat the prosumer buildings took from the network (their substations), the other way round. */
  'prosumerImportW',
  'networkLossW',
  'storageChargeW',
  'storageDischargeW',
  'storageLossW',
  'curtailedW',
  'heatPumpHeatW',
  'heatPumpElectricityW',
  'pumpElectricityW',
  'boilerElectricityW',
  'electricityW',
  'fuelW',
  'coolingDeliveredW',
  'dryCoolerW',
  'co2GPerS',
  'baselineCo2GPerS',
  'costEurPerS',
  'baselineCostEurPerS',
  'baselineFuelW',
  'waterLostKgS',
  'makeUpKgS',
  'leakHeatW',
  ...SOURCE_KEYS.map((k) => `heat_${k}` as const),
  // Heat-pump electricity by source kind: with heat_k it gives each source's own COP (the HUD's energy flows).
  ...HEAT_PUMP_SOURCE_KEYS.map((k) => `hpElectricity_${k}` as const),
  // The waste-heat part of heatToNetworkW (the share's numerator, see the header); last, so the flows of a state
  // saved before it keep their places.
  'wasteHeatToNetworkW',
] as const;
export type LedgerFlow = (typeof FLOW_NAMES)[number];

export const LEDGER_FLOWS: ReadonlyArray<LedgerFlow> = FLOW_NAMES;
export const FLOW: { readonly [K in LedgerFlow]: number } = Object.fromEntries(
  FLOW_NAMES.map((name, i) => [name, i]),
) as { [K in LedgerFlow]: number };

/** 1 at the heat flows of waste-heat sources (heat_k, k in WASTE_HEAT_KEYS), 0 elsewhere; indexed by FLOW. */
export const WASTE_HEAT_FLOW: Uint8Array = Uint8Array.from(FLOW_NAMES, (name) =>
  WASTE_HEAT_KEYS.some((k) => name === `heat_${k}`) ? 1 : 0,
);

/** The waste-heat share (%) of heat into the network (see the header); 0 while none goes in. */
export function wasteHeatSharePct(wasteHeatToNetwork: number, heatToNetwork: number): number {
  return heatToNetwork > 0 ? (100 * wasteHeatToNetwork) / heatToNetwork : 0;
}

export interface Ledger {
  /** This step's flows (W, g/s, EUR/s), indexed by FLOW. */
  step: Float64Array;
  /** Running totals (J, g, EUR), indexed by FLOW. */
  total: Float64Array;
  elapsedS: number;
  peakDemandW: number;
  /** Connected buildings more than 1 K below their active set-point now, and building-seconds of that so far. */
  coldBuildings: number;
  coldBuildingSeconds: number;
  peakColdBuildings: number;
  /** Change of the heat held in the pipes' water since the start (J), set by the engine. */
  pipeContentChangeJ: number;
}

export function createLedger(): Ledger {
  return {
    step: new Float64Array(FLOW_NAMES.length),
    total: new Float64Array(FLOW_NAMES.length),
    elapsedS: 0,
    peakDemandW: 0,
    coldBuildings: 0,
    coldBuildingSeconds: 0,
    peakColdBuildings: 0,
    pipeContentChangeJ: 0,
  };
}

/** Adds this step's flows to the totals. */
export function closeStep(ledger: Ledger, dtS: number): void {
  const { step, total } = ledger;
  for (let i = 0; i < step.length; i++) total[i] += step[i] * dtS;
  ledger.elapsedS += dtS;
  if (step[FLOW.heatDemandW] > ledger.peakDemandW) ledger.peakDemandW = step[FLOW.heatDemandW];
  ledger.coldBuildingSeconds += ledger.coldBuildings * dtS;
  if (ledger.coldBuildings > ledger.peakColdBuildings) ledger.peakColdBuildings = ledger.coldBuildings;
}

export interface LedgerSummary {
  heatDemandMWh: number;
  heatDeliveredMWh: number;
  unmetHeatMWh: number;
  /** Building-hours spent more than 1 K below the set-point, and the most buildings cold at once. */
  coldBuildingHours: number;
  peakColdBuildings: number;
  heatBySourceMWh: Record<HeatSourceKey, number>;
  heatProducedMWh: number;
  /** Heat into the network from units and storage, net, and its waste-heat part (MWh; the header). */
  heatToNetworkMWh: number;
  wasteHeatToNetworkMWh: number;
  prosumerExportMWh: number;
  /** Heat the prosumer buildings bought from the network (MWh). */
  prosumerImportMWh: number;
  networkLossesMWh: number;
  networkLossPct: number;
  pipeContentChangeMWh: number;
  storageChangeMWh: number;
  storageLossesMWh: number;
  curtailedMWh: number;
  electricityMWh: number;
  heatPumpElectricityMWh: number;
  pumpElectricityMWh: number;
  boilerElectricityMWh: number;
  fuelMWh: number;
  coolingDeliveredMWh: number;
  dryCoolerMWh: number;
  co2Tonnes: number;
  baselineCo2Tonnes: number;
  co2AvoidedTonnes: number;
  costEur: number;
  baselineCostEur: number;
  baselineFuelMWh: number;
  wasteHeatSharePct: number;
  seasonalCop: number;
  /**
   * Heat pumps' (heat + cooling delivered) / electricity: with Q_sink = Q_source + P_el (reference, Heat pumps),
   * COP_heat + COP_cool for units whose cooling counts (`deliversCooling`); equals seasonalCop when none does.
   */
  combinedCop: number;
  balanceErrorPct: number;
  peakDemandMW: number;
  /** Heat the leaks carried away (MWh) and the water they lost and the make-up fed (t). */
  leakHeatMWh: number;
  waterLostTonnes: number;
  makeUpTonnes: number;
  /** Per district (when the scenario names districts): use, production, losses, net export. */
  districts?: DistrictSummary[];
}

export function summarize(ledger: Ledger): LedgerSummary {
  const t = ledger.total;
  const mwh = (k: LedgerFlow) => t[FLOW[k]] / J_PER_MWH;
  const heatBySourceMWh = Object.fromEntries(SOURCE_KEYS.map((k) => [k, mwh(`heat_${k}`)])) as Record<HeatSourceKey, number>;
  const produced = mwh('unitHeatW');
  const pipeChange = ledger.pipeContentChangeJ / J_PER_MWH;
  const storageChange = mwh('storageChargeW') - mwh('storageDischargeW') - mwh('storageLossW');
  const accounted =
    mwh('heatDeliveredW') +
    mwh('networkLossW') +
    pipeChange +
    storageChange +
    mwh('storageLossW') +
    mwh('curtailedW') +
    mwh('leakHeatW');
  const co2 = t[FLOW.co2GPerS] / 1e6;
  const baseline = t[FLOW.baselineCo2GPerS] / 1e6;
  const hpElec = mwh('heatPumpElectricityW');
  return {
    heatDemandMWh: mwh('heatDemandW'),
    heatDeliveredMWh: mwh('heatDeliveredW'),
    unmetHeatMWh: mwh('unmetHeatW'),
    coldBuildingHours: ledger.coldBuildingSeconds / 3600,
    peakColdBuildings: ledger.peakColdBuildings,
    heatBySourceMWh,
    heatProducedMWh: produced,
    heatToNetworkMWh: mwh('heatToNetworkW'),
    wasteHeatToNetworkMWh: mwh('wasteHeatToNetworkW'),
    prosumerExportMWh: mwh('prosumerExportW'),
    prosumerImportMWh: mwh('prosumerImportW'),
    networkLossesMWh: mwh('networkLossW'),
    networkLossPct: produced > 0 ? (100 * mwh('networkLossW')) / produced : 0,
    pipeContentChangeMWh: pipeChange,
    storageChangeMWh: storageChange,
    storageLossesMWh: mwh('storageLossW'),
    curtailedMWh: mwh('curtailedW'),
    electricityMWh: mwh('electricityW'),
    heatPumpElectricityMWh: hpElec,
    pumpElectricityMWh: mwh('pumpElectricityW'),
    boilerElectricityMWh: mwh('boilerElectricityW'),
    fuelMWh: mwh('fuelW'),
    coolingDeliveredMWh: mwh('coolingDeliveredW'),
    dryCoolerMWh: mwh('dryCoolerW'),
    co2Tonnes: co2,
    baselineCo2Tonnes: baseline,
    co2AvoidedTonnes: baseline - co2,
    costEur: t[FLOW.costEurPerS],
    baselineCostEur: t[FLOW.baselineCostEurPerS],
    baselineFuelMWh: mwh('baselineFuelW'),
    wasteHeatSharePct: wasteHeatSharePct(t[FLOW.wasteHeatToNetworkW], t[FLOW.heatToNetworkW]),
    seasonalCop: hpElec > 0 ? mwh('heatPumpHeatW') / hpElec : 0,
    combinedCop: hpElec > 0 ? (mwh('heatPumpHeatW') + mwh('coolingDeliveredW')) / hpElec : 0,
    leakHeatMWh: mwh('leakHeatW'),
    waterLostTonnes: t[FLOW.waterLostKgS] / 1e3,
    makeUpTonnes: t[FLOW.makeUpKgS] / 1e3,
    balanceErrorPct: produced > 0 ? (100 * (produced - accounted)) / produced : 0,
    peakDemandMW: ledger.peakDemandW / 1e6,
  };
}
