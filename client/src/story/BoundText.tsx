/**
 * Story text with its bound figures filled in (shared/story/boundText.ts): each `{period.key}` becomes the
 * figure, formatted with its unit, and a small label of its period ("now", "since Mon 06:00", "simulated
 * year", "design"). A figure whose source has not arrived shows "…": the year's figures take a while the
 * first time a scenario is presented, and the figures of the moment are not shown while the clock moves there. Each figure carries its name and raw value (data-figure, data-value) so a
 * test can compare it with the simulation.
 */
import { useMemo } from 'react';
import { figurePresentation, parseBoundText } from '../../../shared/story/boundText';
import { scenarioFacts } from '../../../shared/story/scenarioFacts';
import { useTwin } from '../state/store';
import { figurePeriodText, figureValue, type FigureSources } from './boundFigures';
import { amountText } from './kpiText';
import { usePresentation } from './presentationStore';
import './boundText.css';

export function BoundText({ text }: { text: string }) {
  const kpi = useTwin((s) => s.kpi);
  const scenario = useTwin((s) => s.scenario);
  const year = usePresentation((s) => s.year);
  const yearError = usePresentation((s) => s.yearError);
  // While the clock moves to the chapter's moment the latest sample is of the moment left behind.
  const clockMoving = usePresentation((s) => s.clockMoving);
  const facts = useMemo(() => (scenario ? scenarioFacts(scenario) : null), [scenario]);
  const segments = useMemo(() => parseBoundText(text).segments, [text]);
  const sources: FigureSources = { kpi: clockMoving ? null : kpi, year, facts };
  return (
    <>
      {segments.map((s, i) => {
        if ('text' in s) return s.text;
        const value = figureValue(s.figure, sources);
        const name = `${s.figure.period}.${s.figure.key}`;
        const missing = s.figure.period === 'year' && yearError ? `unavailable: ${yearError}` : 'computing';
        return (
          <span key={i} className="bound-figure" data-figure={name} data-value={value ?? ''} title={value === null ? missing : undefined}>
            {value === null ? '…' : amountText(figurePresentation(s.figure), value)}
            <span className="bound-period">{figurePeriodText(s.figure, sources)}</span>
          </span>
        );
      })}
    </>
  );
}
