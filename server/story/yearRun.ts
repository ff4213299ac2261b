/**
 * A story's year figures (shared/story/yearFigures.ts): the scenario's simulated period, at most a year, run
 * headless with the engine the live server uses (runPeriod.ts, at the step the simulate CLI takes for long runs)
 * and read from the ledger summary. Pure apart from the time it takes: the same scenario and code give the same
 * figures, which is what lets yearFiguresService.ts cache them.
 */
import { SOURCE_KEYS } from '../../shared/protocol/heatSources';
import { YEAR_SUMMARY_FIELDS, type YearFigureKey, type YearFigures } from '../../shared/story/yearFigures';
import type { LoadedScenario } from '../scenarios/load';
import { dateToS } from '../sim/calendar';
import { compileScenario } from '../sim/compile';
import { summarizeSimulation, type LedgerSummary } from '../sim';
import { runPeriod, runStepS } from '../sim/runPeriod';

const YEAR_DAYS = 365;

// Fails to compile when a year figure names no number of the ledger summary.
const summaryFields: readonly { [K in keyof LedgerSummary]-?: LedgerSummary[K] extends number ? K : never }[keyof LedgerSummary][] =
  YEAR_SUMMARY_FIELDS;

/** The year figures of a ledger summary: its plain fields, the signed differences, districts and sources. */
export function yearFigureValues(s: LedgerSummary): Record<YearFigureKey, number> {
  const districts = s.districts ?? [];
  const total = (f: (d: (typeof districts)[number]) => number) => districts.reduce((sum, d) => sum + f(d), 0);
  return {
    ...(Object.fromEntries(summaryFields.map((k) => [k, s[k]])) as Record<(typeof YEAR_SUMMARY_FIELDS)[number], number>),
    costSavedEur: s.baselineCostEur - s.costEur,
    fuelSavedMWh: s.baselineFuelMWh - s.fuelMWh,
    districtUsedMWh: total((d) => d.usedMWh),
    districtProducedMWh: total((d) => d.producedMWh),
    districtNetExportMWh: total((d) => d.netExportMWh),
    ...(Object.fromEntries(SOURCE_KEYS.map((k) => [`heatBySourceMWh.${k}`, s.heatBySourceMWh[k]])) as Record<
      `heatBySourceMWh.${(typeof SOURCE_KEYS)[number]}`,
      number
    >),
  };
}

export function simulateYear(loaded: LoadedScenario): YearFigures {
  const { scenario } = loaded;
  const days = Math.min(YEAR_DAYS, scenario.simulation.days);
  const stepS = runStepS(days, scenario.simulation.stepS);
  const model = compileScenario(scenario, { epwText: loaded.epwText });
  const sim = runPeriod(model, { startS: dateToS(scenario.simulation.start), days, stepS });
  return { scenario: scenario.id, from: scenario.simulation.start, days, stepS, seed: model.seed, values: yearFigureValues(summarizeSimulation(sim)) };
}
