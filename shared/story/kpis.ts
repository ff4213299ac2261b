/**
 * The KPI keys a story chapter may show, and how to read each from a KpiSample (shared/protocol/session.ts):
 *   - a numeric KpiSample field ("wasteHeatSharePct", "cop", "co2Tonnes", ...);
 *   - "heatBySourceMW.<key>" for a heat source key of the ledger (shared/protocol/heatSources.ts);
 *   - derived running totals since the simulation's totals began (KpiSample.totalsFromS), baseline minus actual:
 *       co2AvoidedTonnes = baselineCo2Tonnes - co2Tonnes   (the ledger's co2AvoidedTonnes, server/sim/ledger.ts)
 *       costSavedEur     = baselineCostEur   - costEur
 *       fuelSavedMWh     = baselineFuelMWh   - fuelMWh
 * Labels and units are here too, so the story test, the server and the client agree on one list.
 */
import { KPI_FIELDS, type KpiField, type KpiSample } from '../protocol/session';
import { SOURCE_KEYS, type HeatSourceKey } from '../protocol/heatSources';

export const DERIVED_KPI_KEYS = ['co2AvoidedTonnes', 'costSavedEur', 'fuelSavedMWh'] as const;

export const STORY_KPI_KEYS = [
  ...KPI_FIELDS,
  ...SOURCE_KEYS.map((k) => `heatBySourceMW.${k}` as const),
  ...DERIVED_KPI_KEYS,
] as const;
export type StoryKpiKey = (typeof STORY_KPI_KEYS)[number];

const SOURCE_PREFIX = 'heatBySourceMW.';

/** The value of a KPI key in a sample (units as the key's name says: MW, t, EUR, MWh, %, °C). */
export function kpiValue(k: KpiSample, key: StoryKpiKey): number {
  switch (key) {
    case 'co2AvoidedTonnes':
      return k.baselineCo2Tonnes - k.co2Tonnes;
    case 'costSavedEur':
      return k.baselineCostEur - k.costEur;
    case 'fuelSavedMWh':
      return k.baselineFuelMWh - k.fuelMWh;
  }
  if (key.startsWith(SOURCE_PREFIX)) return k.heatBySourceMW[key.slice(SOURCE_PREFIX.length)] ?? 0;
  return k[key as KpiField];
}

export interface KpiPresentation {
  label: string;
  unit: string;
  digits: number;
  /** For a difference that can go either way: the label of a negative value, shown as its magnitude. */
  negativeLabel?: string;
}

/**
 * Running totals since KpiSample.totalsFromS; every other key but the two times is a mean over the last sample's
 * interval or the last step's value ("now").
 */
export const RUNNING_TOTAL_KEYS = [
  'co2Tonnes',
  'baselineCo2Tonnes',
  'costEur',
  'baselineCostEur',
  'fuelMWh',
  'baselineFuelMWh',
  'districtUsedMWh',
  'districtProducedMWh',
  'districtNetExportMWh',
  ...DERIVED_KPI_KEYS,
] as const satisfies readonly StoryKpiKey[];
export type RunningTotalKey = (typeof RUNNING_TOTAL_KEYS)[number];

/** Keys that are times, not figures to show. */
const TIME_KEYS: readonly StoryKpiKey[] = ['simTimeS', 'totalsFromS'];

export const isRunningTotal = (key: StoryKpiKey): key is RunningTotalKey =>
  (RUNNING_TOTAL_KEYS as readonly string[]).includes(key);

export const NOW_KPI_KEYS = STORY_KPI_KEYS.filter(
  (k): k is Exclude<StoryKpiKey, RunningTotalKey> => !isRunningTotal(k) && !TIME_KEYS.includes(k),
);
export type NowKpiKey = (typeof NOW_KPI_KEYS)[number];

/** What each heat source's heat is called on a card, whatever the period. */
export const SOURCE_LABEL: Record<HeatSourceKey, string> = {
  datacentre: 'Heat from data centres',
  supermarket: 'Heat from supermarkets',
  wastewater: 'Heat from wastewater',
  buildingCooling: 'Heat from building cooling',
  outdoorAir: 'Heat from outdoor air',
  electricBoiler: 'Electric boilers',
  gas: 'Gas boilers',
  oil: 'Oil boilers',
  woodchips: 'Wood-chip boilers',
  coal: 'Coal boilers',
  storage: 'From heat storage',
};

const PRESENTATION: Record<string, KpiPresentation> = {
  simTimeS: { label: 'Simulated time', unit: 's', digits: 0 },
  outdoorC: { label: 'Outdoors', unit: '°C', digits: 1 },
  supplySetpointC: { label: 'Supply temperature', unit: '°C', digits: 0 },
  priceEurPerMWh: { label: 'Electricity price', unit: '€/MWh', digits: 0 },
  heatDemandMW: { label: 'Heat demand', unit: 'MW', digits: 1 },
  heatDeliveredMW: { label: 'Heat delivered', unit: 'MW', digits: 1 },
  unmetHeatMW: { label: 'Heat missing', unit: 'MW', digits: 2 },
  networkLossMW: { label: 'Network losses', unit: 'MW', digits: 2 },
  prosumerExportMW: { label: 'Prosumers selling', unit: 'MW', digits: 2 },
  electricityMW: { label: 'Electricity used', unit: 'MW', digits: 2 },
  wasteHeatSharePct: { label: 'Waste-heat share', unit: '%', digits: 0 },
  cop: { label: 'Heat-pump COP', unit: '', digits: 2 },
  co2TonnesPerH: { label: 'CO₂ now', unit: 't/h', digits: 2 },
  baselineCo2TonnesPerH: { label: 'CO₂ now, baseline', unit: 't/h', digits: 2 },
  co2Tonnes: { label: 'CO₂ emitted', unit: 't', digits: 1 },
  baselineCo2Tonnes: { label: 'CO₂, baseline', unit: 't', digits: 1 },
  costEur: { label: 'Running cost', unit: '€', digits: 0 },
  baselineCostEur: { label: 'Cost, baseline', unit: '€', digits: 0 },
  fuelMWh: { label: 'Fuel burnt', unit: 'MWh', digits: 1 },
  baselineFuelMWh: { label: 'Fuel, baseline', unit: 'MWh', digits: 1 },
  totalsFromS: { label: 'Totals since', unit: 's', digits: 0 },
  co2AvoidedTonnes: { label: 'CO₂ avoided', unit: 't', digits: 1, negativeLabel: 'CO₂ emitted more' },
  costSavedEur: { label: 'Money saved', unit: '€', digits: 0, negativeLabel: 'Cost more' },
  fuelSavedMWh: { label: 'Fuel saved', unit: 'MWh', digits: 1, negativeLabel: 'Fuel burnt more' },
  districtUsedMWh: { label: 'District used', unit: 'MWh', digits: 1 },
  districtProducedMWh: { label: 'District produced', unit: 'MWh', digits: 1 },
  districtNetExportMWh: { label: 'District exported', unit: 'MWh', digits: 1, negativeLabel: 'District imported' },
};

export function kpiPresentation(key: StoryKpiKey): KpiPresentation {
  if (key.startsWith(SOURCE_PREFIX))
    return { label: SOURCE_LABEL[key.slice(SOURCE_PREFIX.length) as HeatSourceKey], unit: 'MW', digits: 2 };
  return PRESENTATION[key];
}
