/**
 * How the exhibit writes a figure in the visitor's language: the number with Intl in the language's locale
 * (decimal comma and space-grouped thousands in Finnish and Swedish), the unit placed as the locale places it
 * (euros and percent through Intl, other units after a no-break space), and the figure's period ("now",
 * "since Mon 06:00", "in a simulated year", "design value") in words from the message files.
 */
import type { TFunction } from 'i18next';
import type { FigureRef } from '../../../shared/story/boundText';
import type { ExhibitLanguage } from '../../../shared/exhibit/schema';
import type { KpiPresentation } from '../../../shared/story/kpis';
import type { FigureSources } from '../story/boundFigures';
import { LOCALES } from './i18n';

const NBSP = '\u00a0';

/** "2 345,6 MWh", "12 345 €", "44 %" in Finnish; "2,345.6 MWh", "€12,345", "44%" in English. */
export function amountIn(lang: ExhibitLanguage, p: KpiPresentation, value: number): string {
  if (!Number.isFinite(value)) return '–';
  const digits = { minimumFractionDigits: p.digits, maximumFractionDigits: p.digits };
  const locale = LOCALES[lang];
  if (p.unit === '€') return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', ...digits }).format(value);
  if (p.unit === '%') return new Intl.NumberFormat(locale, { style: 'percent', ...digits }).format(value / 100);
  const n = new Intl.NumberFormat(locale, digits).format(value);
  return p.unit ? `${n}${NBSP}${p.unit}` : n;
}

const DAYS_IN_YEAR = 365;
/** Within this many days a weekday names a day unambiguously. */
const WEEKDAY_WITHIN_DAYS = 6;

/**
 * Where a running total starts, in the language: weekday and clock time within the last six days, else the date.
 * Simulation time has no time zone (s since 1970 in the scenario's local standard time), so it is read in UTC.
 */
export function periodStartIn(lang: ExhibitLanguage, fromS: number, nowS: number): string {
  const recent = nowS - fromS < WEEKDAY_WITHIN_DAYS * 86_400;
  const day: Intl.DateTimeFormatOptions = recent ? { weekday: 'short' } : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(LOCALES[lang], { ...day, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(
    new Date(fromS * 1000),
  );
}

/** The words for a figure's period, as figurePeriodText (story/boundFigures.ts) has them in English. */
export function periodIn(lang: ExhibitLanguage, t: TFunction, ref: FigureRef, src: FigureSources): string {
  switch (ref.period) {
    case 'now':
      return t('figure.period.now');
    case 'sinceStart':
      return t('figure.period.sinceStart', { time: src.kpi ? periodStartIn(lang, src.kpi.totalsFromS, src.kpi.simTimeS) : '…' });
    case 'year':
      return src.year && src.year.days !== DAYS_IN_YEAR
        ? t('figure.period.days', { days: new Intl.NumberFormat(LOCALES[lang]).format(src.year.days) })
        : t('figure.period.year');
    case 'scenario':
      return t('figure.period.scenario');
  }
}
