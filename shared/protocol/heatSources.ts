/**
 * The heat source keys the ledger books heat to and KpiSample.heatBySourceMW carries: heat-pump source kinds,
 * boilers by fuel (electric boilers apart) and storage discharge. One list for server and client.
 */
export const SOURCE_KEYS = [
  'datacentre',
  'supermarket',
  'wastewater',
  'buildingCooling',
  'outdoorAir',
  'electricBoiler',
  'gas',
  'oil',
  'woodchips',
  'coal',
  'storage',
] as const;
export type HeatSourceKey = (typeof SOURCE_KEYS)[number];

/** The heat-pump source kinds: the ledger also books each one's heat-pump electricity. */
export const HEAT_PUMP_SOURCE_KEYS = ['datacentre', 'supermarket', 'wastewater', 'buildingCooling', 'outdoorAir'] as const;
export type HeatPumpSourceKey = (typeof HEAT_PUMP_SOURCE_KEYS)[number];

/** Heat-pump source kinds whose heat is recovered waste heat (outdoor air is ambient heat, not waste). */
export const WASTE_HEAT_KEYS: ReadonlyArray<HeatSourceKey> = ['datacentre', 'supermarket', 'wastewater', 'buildingCooling'];
