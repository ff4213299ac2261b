/** The readable summary `npm run simulate` prints without --json. */
import type { Scenario } from '../../shared/scenario/schema';
import type { LedgerSummary } from '../sim/ledger';

interface RunSummary extends LedgerSummary {
  from: string;
  days: number;
  stepS: number;
  seed: number;
  steps: number;
  /** Steps whose hydraulic loop solve did not converge. */
  nonConvergedSteps: number;
  runtimeSeconds: number;
}

const f = (v: number, digits = 1) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function formatSummary(s: RunSummary, scenario: Scenario): string {
  const sources = Object.entries(s.heatBySourceMWh)
    .filter(([, v]) => Math.abs(v) > 1e-6)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `    ${k.padEnd(16)} ${f(v).padStart(12)} MWh  ${f((100 * v) / (s.heatProducedMWh || 1)).padStart(5)} %`);
  const districts = (s.districts ?? []).map(
    (d) =>
      `  District ${d.name}: used ${f(d.usedMWh)} MWh, produced ${f(d.producedMWh)} MWh, own pipe losses ${f(d.lossesMWh)} MWh, ` +
      `net export ${f(d.netExportMWh)} MWh (${d.surplusMWh >= 0 ? 'energy-positive' : 'net importer'})`,
  );
  return [
    `${scenario.name} — ${s.days} days from ${s.from}, ${s.stepS} s steps, seed ${s.seed}`,
    '',
    `  Heat demand          ${f(s.heatDemandMWh).padStart(12)} MWh   peak ${f(s.peakDemandMW, 2)} MW`,
    `  Heat delivered       ${f(s.heatDeliveredMWh).padStart(12)} MWh   unmet ${f(s.unmetHeatMWh)} MWh`,
    `  Cold buildings       ${f(s.coldBuildingHours).padStart(12)} building-hours more than 1 K below set-point, at most ${s.peakColdBuildings} at once`,
    `  Heat produced        ${f(s.heatProducedMWh).padStart(12)} MWh   of which prosumer exports ${f(s.prosumerExportMWh)} MWh (prosumers bought ${f(s.prosumerImportMWh)} MWh)`,
    ...sources,
    `  Network losses       ${f(s.networkLossesMWh).padStart(12)} MWh   ${f(s.networkLossPct)} % of production`,
    `  Storage change       ${f(s.storageChangeMWh).padStart(12)} MWh   losses ${f(s.storageLossesMWh)} MWh`,
    `  Electricity          ${f(s.electricityMWh).padStart(12)} MWh   heat pumps ${f(s.heatPumpElectricityMWh)}, pumps ${f(s.pumpElectricityMWh)}, boilers ${f(s.boilerElectricityMWh)}`,
    `  Fuel                 ${f(s.fuelMWh).padStart(12)} MWh`,
    `  Cooling delivered    ${f(s.coolingDeliveredMWh).padStart(12)} MWh   data-centre heat to dry coolers ${f(s.dryCoolerMWh)} MWh`,
    `  Heat into network    ${f(s.heatToNetworkMWh).padStart(12)} MWh   ` +
      `of which waste heat ${f(s.wasteHeatToNetworkMWh)} MWh (storage by the origin of its heat)`,
    `  Waste-heat share     ${f(s.wasteHeatSharePct).padStart(12)} %     of heat into the network; ` +
      `seasonal COP ${f(s.seasonalCop, 2)}${s.coolingDeliveredMWh > 0 ? `, with cooling ${f(s.combinedCop, 2)}` : ''}`,
    ...districts,
    `  CO2                  ${f(s.co2Tonnes).padStart(12)} t     baseline (${scenario.baseline.name}) ${f(s.baselineCo2Tonnes)} t, avoided ${f(s.co2AvoidedTonnes)} t`,
    `  Cost                 ${f(s.costEur, 0).padStart(12)} EUR   baseline ${f(s.baselineCostEur, 0)} EUR`,
    `  Energy balance error ${f(s.balanceErrorPct, 4).padStart(12)} %`,
    `  Hydraulics           ${String(s.nonConvergedSteps).padStart(12)} of ${s.steps} steps did not converge`,
    `  Runtime              ${f(s.runtimeSeconds, 2).padStart(12)} s`,
    '',
  ].join('\n');
}
