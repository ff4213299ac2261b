/**
 * The value and period label of a figure bound into story text (shared/story/boundText.ts), from what the page
 * has: the latest KPI sample of the presenter's session (now, since start), the scenario's simulated year from
 * the server (year) and the scenario document (scenario). Null while the figure's source has not arrived.
 */
import type { KpiSample } from '../../../shared/protocol/session';
import type { FigureRef } from '../../../shared/story/boundText';
import { kpiValue } from '../../../shared/story/kpis';
import type { ScenarioFactKey } from '../../../shared/story/scenarioFacts';
import type { YearFigures } from '../../../shared/story/yearFigures';
import { periodStartText } from '../hud/format';

export interface FigureSources {
  kpi: KpiSample | null;
  year: YearFigures | null;
  facts: Record<ScenarioFactKey, number> | null;
}

export function figureValue(ref: FigureRef, src: FigureSources): number | null {
  switch (ref.period) {
    case 'now':
    case 'sinceStart':
      return src.kpi ? kpiValue(src.kpi, ref.key) : null;
    case 'year':
      return src.year ? src.year.values[ref.key] : null;
    case 'scenario':
      return src.facts ? src.facts[ref.key] : null;
  }
}

const DAYS_IN_YEAR = 365;

/** "now", "since Mon 06:00", "simulated year", "design". */
export function figurePeriodText(ref: FigureRef, src: FigureSources): string {
  switch (ref.period) {
    case 'now':
      return 'now';
    case 'sinceStart':
      return src.kpi ? `since ${periodStartText(src.kpi.totalsFromS, src.kpi.simTimeS)}` : 'since start';
    case 'year':
      return src.year && src.year.days !== DAYS_IN_YEAR ? `simulated ${src.year.days} days` : 'simulated year';
    case 'scenario':
      return 'design';
  }
}
