/**
 * Key performance indicators of a running simulation (KpiSample, shared/protocol/session.ts), as means over an
 * interval: for a ledger flow F (W, g/s, EUR/s) the mean over the interval is
 *   (total_F(now) - total_F(then)) / (elapsed(now) - elapsed(then))
 * from the ledger's running totals (ledger.ts), so a sample taken every 5 simulated minutes is the true 5-minute
 * mean and a 1 Hz sample at x3600 averages the simulated hour. With no simulated time in the interval (paused),
 * the last step's flows are used. Units out: MW, t/h, t, EUR, %; temperatures °C, price EUR/MWh and the heat
 * each source dumps are the last step's. Running totals (t, EUR, MWh of fuel, the districts' MWh) count from
 * totalsFromS = now - the ledger's elapsed time.
 * Waste-heat share: the ledger's one definition (ledger.ts `wasteHeatSharePct`), waste heat into the network with
 * storage counted by the origin of its heat, over heat into the network from units and storage, over the
 * interval; COP: heat pump heat over heat pump electricity.
 */
import { FLOW, LEDGER_FLOWS, wasteHeatSharePct } from '../sim/ledger';
import { HEAT_PUMP_SOURCE_KEYS, SOURCE_KEYS } from '../../shared/protocol/heatSources';
import type { SimulationOutputs } from '../sim';
import type { KpiSample } from '../../shared/protocol/session';
import { J_PER_MWH } from '../sim/units';
import { dryCoolerW } from '../sim/sources';

const sum = (a: Float64Array): number => a.reduce((s, x) => s + x, 0);

export interface KpiMeter {
  /** Ledger totals at the start of the interval. */
  lastTotal: Float64Array;
  lastElapsedS: number;
  /** Interval means (scratch). */
  mean: Float64Array;
}

export function createKpiMeter(out: SimulationOutputs): KpiMeter {
  const m: KpiMeter = { lastTotal: new Float64Array(LEDGER_FLOWS.length), lastElapsedS: 0, mean: new Float64Array(LEDGER_FLOWS.length) };
  resetKpiMeter(m, out);
  return m;
}

/** Starts a new interval now (after a restore, a jump or a new simulation). */
export function resetKpiMeter(m: KpiMeter, out: SimulationOutputs): void {
  m.lastTotal.set(out.ledger.total);
  m.lastElapsedS = out.ledger.elapsedS;
}

/**
 * Per source, the heat it rejected in the last step that its heat pumps did not take (MW): the same split of
 * rejected heat as the ledger's dry-cooler flow (bookkeeping.ts), kept apart for each source.
 */
export function dumpedHeatBySourceMW(out: SimulationOutputs): number[] {
  const takenW = out.sources.map(() => 0);
  for (const u of out.units) if (u.kind === 'heatPump') takenW[u.source] += u.state.sourceHeatW;
  return out.sources.map((s, i) => dryCoolerW(s.rejectedW, takenW[i]) / 1e6);
}

/** The KPIs over the interval since the last sample (or reset); starts the next interval. */
export function sampleKpi(m: KpiMeter, out: SimulationOutputs): KpiSample {
  const { total, step, elapsedS } = out.ledger;
  const dt = elapsedS - m.lastElapsedS;
  const mean = m.mean;
  for (let i = 0; i < mean.length; i++) mean[i] = dt > 0 ? (total[i] - m.lastTotal[i]) / dt : step[i];
  resetKpiMeter(m, out);
  const mw = (k: keyof typeof FLOW) => mean[FLOW[k]] / 1e6;
  const heatBySourceMW: Record<string, number> = {};
  for (const k of SOURCE_KEYS) heatBySourceMW[k] = mw(`heat_${k}`);
  const heatPumpElectricityBySourceMW: Record<string, number> = {};
  for (const k of HEAT_PUMP_SOURCE_KEYS) heatPumpElectricityBySourceMW[k] = mw(`hpElectricity_${k}`);
  const hpElec = mw('heatPumpElectricityW');
  return {
    simTimeS: out.timeS,
    outdoorC: out.outdoorC,
    supplySetpointC: out.supplySetpointC,
    priceEurPerMWh: out.electricityPriceEurPerMWh,
    heatDemandMW: mw('heatDemandW'),
    heatDeliveredMW: mw('heatDeliveredW'),
    unmetHeatMW: mw('unmetHeatW'),
    networkLossMW: mw('networkLossW'),
    prosumerExportMW: mw('prosumerExportW'),
    electricityMW: mw('electricityW'),
    heatBySourceMW,
    heatPumpElectricityBySourceMW,
    wasteHeatSharePct: wasteHeatSharePct(mean[FLOW.wasteHeatToNetworkW], mean[FLOW.heatToNetworkW]),
    cop: hpElec > 0 ? mw('heatPumpHeatW') / hpElec : 0,
    co2TonnesPerH: (mean[FLOW.co2GPerS] * 3600) / 1e6,
    baselineCo2TonnesPerH: (mean[FLOW.baselineCo2GPerS] * 3600) / 1e6,
    co2Tonnes: total[FLOW.co2GPerS] / 1e6,
    baselineCo2Tonnes: total[FLOW.baselineCo2GPerS] / 1e6,
    costEur: total[FLOW.costEurPerS],
    baselineCostEur: total[FLOW.baselineCostEurPerS],
    fuelMWh: total[FLOW.fuelW] / J_PER_MWH,
    baselineFuelMWh: total[FLOW.baselineFuelW] / J_PER_MWH,
    districtUsedMWh: out.districts ? sum(out.districts.usedJ) / J_PER_MWH : 0,
    districtProducedMWh: out.districts ? sum(out.districts.producedJ) / J_PER_MWH : 0,
    districtNetExportMWh: out.districts ? sum(out.districts.exportJ) / J_PER_MWH : 0,
    totalsFromS: out.timeS - elapsedS,
    dumpedHeatBySourceMW: dumpedHeatBySourceMW(out),
  };
}
