/**
 * One colour per heat source kind, used by every chart and diagram in the app (production chart, Sankey, legend,
 * and the scene if it wants them), so a source reads the same everywhere. Keys are the simulation ledger's
 * source keys (shared/protocol/heatSources.ts, carried in KpiSample.heatBySourceMW). Chosen to stay distinct
 * on a dark background and to keep the temperature scale's blue -> red free for water temperatures. Storage,
 * on top of the production stack above whichever source is highest, is a vivid violet: at least 3:1 against
 * the panels and apart from every other source also as seen with protanopia, deuteranopia or tritanopia
 * (test/client/sourceColors.test.ts); near-white read as a gap in the stack.
 */
import type { HeatSourceKey } from '../../../shared/protocol/heatSources';
export { SOURCE_KEYS } from '../../../shared/protocol/heatSources';
export const SOURCE_COLORS: Record<HeatSourceKey, string> = {
  datacentre: '#b388ff',
  wastewater: '#26a69a',
  supermarket: '#9ccc65',
  buildingCooling: '#f06292',
  outdoorAir: '#81d4fa',
  electricBoiler: '#ffee58',
  gas: '#ff9800',
  oil: '#a1887f',
  woodchips: '#d4b483',
  coal: '#9e9e9e',
  storage: '#aa00ff',
};

export const SOURCE_LABELS: Record<HeatSourceKey, string> = {
  datacentre: 'Data centre',
  wastewater: 'Wastewater',
  supermarket: 'Supermarket',
  buildingCooling: 'Building cooling',
  outdoorAir: 'Outdoor air',
  electricBoiler: 'Electric boiler',
  gas: 'Gas',
  oil: 'Oil',
  woodchips: 'Wood chips',
  coal: 'Coal',
  storage: 'Storage',
};

/** Grid electricity (heat-pump compressors, electric boilers) in the energy-flow diagram. */
export const ELECTRICITY_COLOR = '#ffee58';
/** Fuels burnt in boilers, taken together in the energy-flow diagram. */
export const FUEL_COLOR = '#ff9800';
/** Heat lost from the pipes. */
export const LOSS_COLOR = '#ef5350';
/** Heat in the network and delivered to buildings. */
export const NETWORK_COLOR = '#ff7043';

const UNKNOWN_COLOR = '#bdbdbd';

export function sourceColor(key: string): string {
  return (SOURCE_COLORS as Record<string, string>)[key] ?? UNKNOWN_COLOR;
}

export function sourceLabel(key: string): string {
  return (SOURCE_LABELS as Record<string, string>)[key] ?? key;
}
