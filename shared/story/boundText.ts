/**
 * Figures bound into story text. A caption writes `{<period>.<key>}` where a number belongs, and the screen puts
 * the simulation's figure there, formatted with its unit and labelled with its period:
 *   {now.<key>}         the latest KPI sample: a mean over its interval or the last step (kpis.ts NOW_KPI_KEYS);
 *   {sinceStart.<key>}  a running total since the session's totals began (kpis.ts RUNNING_TOTAL_KEYS);
 *   {year.<key>}        the scenario's simulated year (yearFigures.ts);
 *   {scenario.<key>}    a design fact read from the scenario (scenarioFacts.ts).
 * A figure that can change sign (its presentation has a negativeLabel) cannot be bound into prose, whose words
 * around it cannot turn with it; bind the two totals it is the difference of instead.
 * Digits typed into story text are allowed only as a date (YYYY-MM-DD) or a year (1800-2099): any other number
 * must come from the simulation.
 */
import { isRunningTotal, kpiPresentation, NOW_KPI_KEYS, RUNNING_TOTAL_KEYS, type KpiPresentation, type NowKpiKey, type RunningTotalKey } from './kpis';
import { SCENARIO_FACT_KEYS, scenarioFactPresentation, type ScenarioFactKey } from './scenarioFacts';
import { YEAR_FIGURE_KEYS, yearFigurePresentation, type YearFigureKey } from './yearFigures';

export const FIGURE_PERIODS = ['now', 'sinceStart', 'year', 'scenario'] as const;
export type FigurePeriod = (typeof FIGURE_PERIODS)[number];

export type FigureRef =
  | { period: 'now'; key: NowKpiKey }
  | { period: 'sinceStart'; key: RunningTotalKey }
  | { period: 'year'; key: YearFigureKey }
  | { period: 'scenario'; key: ScenarioFactKey };

export type BoundSegment = { text: string } | { figure: FigureRef; token: string };

const KEYS: Record<FigurePeriod, readonly string[]> = {
  now: NOW_KPI_KEYS,
  sinceStart: RUNNING_TOTAL_KEYS,
  year: YEAR_FIGURE_KEYS,
  scenario: SCENARIO_FACT_KEYS,
};

export function figurePresentation(ref: FigureRef): KpiPresentation {
  switch (ref.period) {
    case 'now':
    case 'sinceStart':
      return kpiPresentation(ref.key);
    case 'year':
      return yearFigurePresentation(ref.key);
    case 'scenario':
      return scenarioFactPresentation(ref.key);
  }
}

/** A figure's name (`year.co2Tonnes`) as a reference, or why it is none. */
export function parseFigureName(name: string): FigureRef | { problem: string } {
  const dot = name.indexOf('.');
  const period = name.slice(0, dot) as FigurePeriod;
  const key = name.slice(dot + 1);
  if (dot < 0 || !FIGURE_PERIODS.includes(period)) return { problem: `"${name}": a figure is <${FIGURE_PERIODS.join('|')}>.<key>` };
  if (!KEYS[period].includes(key)) {
    const hint = period === 'now' && isRunningTotal(key as RunningTotalKey) ? ` (a running total: sinceStart.${key})` : '';
    return { problem: `"${name}": no ${period} figure "${key}"${hint}` };
  }
  return { period, key } as FigureRef;
}

const TOKEN = /\{([^{}]*)\}/g;

/** The text cut into plain runs and bound figures, with a problem for every token that binds nothing. */
export function parseBoundText(text: string): { segments: BoundSegment[]; problems: string[] } {
  const segments: BoundSegment[] = [];
  const problems: string[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > at) segments.push({ text: text.slice(at, m.index) });
    at = m.index + m[0].length;
    const ref = parseFigureName(m[1]);
    if ('problem' in ref) {
      problems.push(ref.problem);
      continue;
    }
    if (figurePresentation(ref).negativeLabel)
      problems.push(`"${m[1]}" can change sign, and the words around it cannot; bind the totals it is the difference of`);
    segments.push({ figure: ref, token: m[0] });
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  for (const s of segments) if ('text' in s && /[{}]/.test(s.text)) problems.push('a brace outside a {period.key} figure');
  return { segments, problems };
}

const DATE_OR_YEAR = /\b\d{4}-\d{2}-\d{2}\b|\b(?:18|19|20)\d{2}\b/g;

/** Numbers typed into the text (outside bound figures) that are not a date or a year. */
export function typedNumbers(text: string): string[] {
  const plain = text.replace(TOKEN, ' ').replace(DATE_OR_YEAR, ' ');
  return plain.match(/[\d][\d.,]*/g) ?? [];
}
