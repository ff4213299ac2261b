/** How presentation mode writes a KPI: the key's label, a number with thousands separators and the unit. */
import { kpiPresentation, type StoryKpiKey } from '../../../shared/story/kpis';

export function numberText(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '–';
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "2,345.6 MWh", "€ 12,345", "44 %"; a heat-pump COP of 0 reads "off". */
export function kpiText(key: StoryKpiKey, value: number): string {
  const { unit, digits } = kpiPresentation(key);
  if (key === 'cop' && value === 0) return 'off';
  if (unit === '€') return `€ ${numberText(value, digits)}`;
  return unit ? `${numberText(value, digits)} ${unit}` : numberText(value, digits);
}
