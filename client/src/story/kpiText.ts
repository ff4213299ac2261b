/** How presentation mode writes a figure: a number with thousands separators and the unit. */
import { kpiPresentation, type KpiPresentation, type StoryKpiKey } from '../../../shared/story/kpis';

export function numberText(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '–';
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** "2,345.6 MWh", "€ 12,345", "44 %", "275" for a count. */
export function amountText(p: KpiPresentation, value: number): string {
  if (p.unit === '€') return `€ ${numberText(value, p.digits)}`;
  return p.unit ? `${numberText(value, p.digits)} ${p.unit}` : numberText(value, p.digits);
}

/** A KPI card's label and value: a difference below zero reads as its negative label and magnitude. */
export function kpiCard(key: StoryKpiKey, value: number): { label: string; text: string } {
  const p = kpiPresentation(key);
  // A heat-pump COP of 0 means no heat pump runs.
  if (key === 'cop' && value === 0) return { label: p.label, text: 'off' };
  if (value < 0 && p.negativeLabel) return { label: p.negativeLabel, text: amountText(p, -value) };
  return { label: p.label, text: amountText(p, value) };
}
