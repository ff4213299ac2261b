/**
 * A simulated year of a scenario, as a story caption binds it (`{year.<key>}`): the ledger summary of a run
 * from 1 January of the scenario's year for 365 days (server/story/yearRun.ts), at the step the simulate CLI
 * uses for long runs. Units as the key's name says: MWh, t, EUR, %, MW; COPs are ratios.
 *   heatBySourceMWh.<key>   heat booked to a heat source (shared/protocol/heatSources.ts);
 *   district*MWh            the districts' use, production and net export, summed over districts;
 *   co2AvoidedTonnes, costSavedEur, fuelSavedMWh   baseline minus actual, signed (KpiPresentation.negativeLabel).
 */
import { z } from 'zod';
import { SOURCE_KEYS, type HeatSourceKey } from '../protocol/heatSources';
import { SOURCE_LABEL, type KpiPresentation } from './kpis';

/** Plain numeric fields of the ledger summary (server/sim/ledger.ts LedgerSummary), by the same names. */
export const YEAR_SUMMARY_FIELDS = [
  'heatDemandMWh',
  'heatDeliveredMWh',
  'unmetHeatMWh',
  'peakDemandMW',
  'heatProducedMWh',
  'heatToNetworkMWh',
  'wasteHeatToNetworkMWh',
  'wasteHeatSharePct',
  'prosumerExportMWh',
  'networkLossesMWh',
  'networkLossPct',
  'electricityMWh',
  'heatPumpElectricityMWh',
  'fuelMWh',
  'baselineFuelMWh',
  'coolingDeliveredMWh',
  'dryCoolerMWh',
  'co2Tonnes',
  'baselineCo2Tonnes',
  'co2AvoidedTonnes',
  'costEur',
  'baselineCostEur',
  'seasonalCop',
  'combinedCop',
] as const;

export const YEAR_FIGURE_KEYS = [
  ...YEAR_SUMMARY_FIELDS,
  'costSavedEur',
  'fuelSavedMWh',
  'districtUsedMWh',
  'districtProducedMWh',
  'districtNetExportMWh',
  ...SOURCE_KEYS.map((k) => `heatBySourceMWh.${k}` as const),
] as const;
export type YearFigureKey = (typeof YEAR_FIGURE_KEYS)[number];

/** The year run of one scenario: its period and its figures. */
export const yearFiguresSchema = z
  .object({
    scenario: z.string(),
    /** First simulated day (YYYY-MM-DD), days simulated and the step (s). */
    from: z.string(),
    days: z.number(),
    stepS: z.number(),
    seed: z.number(),
    values: z.object(
      Object.fromEntries(YEAR_FIGURE_KEYS.map((k) => [k, z.number()])) as Record<YearFigureKey, z.ZodNumber>,
    ),
  })
  .strict();
export type YearFigures = z.infer<typeof yearFiguresSchema>;

/** What GET /api/stories/:scenario/figures answers. */
export const yearFiguresReplySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ready'), year: yearFiguresSchema }),
  z.object({ status: z.literal('computing') }),
  z.object({ status: z.literal('failed'), error: z.string() }),
]);
export type YearFiguresReply = z.infer<typeof yearFiguresReplySchema>;

const PRESENTATION: Record<string, KpiPresentation> = {
  heatDemandMWh: { label: 'Heat demand', unit: 'MWh', digits: 0 },
  heatDeliveredMWh: { label: 'Heat delivered', unit: 'MWh', digits: 0 },
  unmetHeatMWh: { label: 'Heat missing', unit: 'MWh', digits: 1 },
  peakDemandMW: { label: 'Peak demand', unit: 'MW', digits: 1 },
  heatProducedMWh: { label: 'Heat produced', unit: 'MWh', digits: 0 },
  heatToNetworkMWh: { label: 'Heat into the network', unit: 'MWh', digits: 0 },
  wasteHeatToNetworkMWh: { label: 'Waste heat into the network', unit: 'MWh', digits: 0 },
  wasteHeatSharePct: { label: 'Waste-heat share', unit: '%', digits: 0 },
  prosumerExportMWh: { label: 'Prosumers sold', unit: 'MWh', digits: 0 },
  networkLossesMWh: { label: 'Network losses', unit: 'MWh', digits: 0 },
  networkLossPct: { label: 'Network losses', unit: '%', digits: 1 },
  electricityMWh: { label: 'Electricity used', unit: 'MWh', digits: 0 },
  heatPumpElectricityMWh: { label: 'Heat pumps’ electricity', unit: 'MWh', digits: 0 },
  fuelMWh: { label: 'Fuel burnt', unit: 'MWh', digits: 0 },
  baselineFuelMWh: { label: 'Fuel, baseline', unit: 'MWh', digits: 0 },
  coolingDeliveredMWh: { label: 'Cooling delivered', unit: 'MWh', digits: 0 },
  dryCoolerMWh: { label: 'Heat to dry coolers', unit: 'MWh', digits: 0 },
  co2Tonnes: { label: 'CO₂ emitted', unit: 't', digits: 0 },
  baselineCo2Tonnes: { label: 'CO₂, baseline', unit: 't', digits: 0 },
  co2AvoidedTonnes: { label: 'CO₂ avoided', unit: 't', digits: 0, negativeLabel: 'CO₂ emitted more' },
  costEur: { label: 'Running cost', unit: '€', digits: 0 },
  baselineCostEur: { label: 'Cost, baseline', unit: '€', digits: 0 },
  seasonalCop: { label: 'Seasonal COP', unit: '', digits: 1 },
  combinedCop: { label: 'COP with cooling', unit: '', digits: 1 },
  costSavedEur: { label: 'Money saved', unit: '€', digits: 0, negativeLabel: 'Cost more' },
  fuelSavedMWh: { label: 'Fuel saved', unit: 'MWh', digits: 0, negativeLabel: 'Fuel burnt more' },
  districtUsedMWh: { label: 'District used', unit: 'MWh', digits: 0 },
  districtProducedMWh: { label: 'District produced', unit: 'MWh', digits: 0 },
  districtNetExportMWh: { label: 'District exported', unit: 'MWh', digits: 0, negativeLabel: 'District imported' },
};

const SOURCE_PREFIX = 'heatBySourceMWh.';

export function yearFigurePresentation(key: YearFigureKey): KpiPresentation {
  if (key.startsWith(SOURCE_PREFIX))
    return { label: SOURCE_LABEL[key.slice(SOURCE_PREFIX.length) as HeatSourceKey], unit: 'MWh', digits: 0 };
  return PRESENTATION[key];
}
