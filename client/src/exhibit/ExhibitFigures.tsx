/**
 * Figures from the simulation in the visitor's language: ExhibitText fills a caption's `{period.key}` tokens as
 * the presentation's BoundText does (shared/story/boundText.ts, story/boundFigures.ts), formatted for the
 * language (figureFormat.ts); BigFigure shows one figure large with its label. A figure whose source has not
 * arrived, or of the moment while the clock moves to the chapter's moment, shows "…". Each figure carries its
 * name and raw value (data-figure, data-value) so a test can compare it with the simulation.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { figurePresentation, parseBoundText, type FigureRef } from '../../../shared/story/boundText';
import { scenarioFacts } from '../../../shared/story/scenarioFacts';
import { figureRef } from '../../../shared/exhibit/schema';
import { useTwin } from '../state/store';
import { figureValue, type FigureSources } from '../story/boundFigures';
import { useExhibit } from './exhibitStore';
import { amountIn, periodIn } from './figureFormat';

function useFigureSources(): FigureSources {
  const kpi = useTwin((s) => s.kpi);
  const scenario = useTwin((s) => s.scenario);
  const clockMoving = useExhibit((s) => s.clockMoving);
  const year = useExhibit((s) => (scenario ? s.years[scenario.id] ?? null : null));
  const facts = useMemo(() => (scenario ? scenarioFacts(scenario) : null), [scenario]);
  return { kpi: clockMoving ? null : kpi, year, facts };
}

interface FigureProps {
  figure: FigureRef;
  sources: FigureSources;
  className: string;
  /** Says the period beside the number; a design fact inside a sentence reads better without it. */
  period: boolean;
}

function Figure({ figure, sources, className, period }: FigureProps) {
  const { t } = useTranslation();
  const language = useExhibit((s) => s.language);
  const value = figureValue(figure, sources);
  return (
    <span className={className} data-figure={`${figure.period}.${figure.key}`} data-value={value ?? ''}>
      <span className="exhibit-figure-value">{value === null ? '…' : amountIn(language, figurePresentation(figure), value)}</span>
      {period && <span className="exhibit-figure-period">{periodIn(language, t, figure, sources)}</span>}
    </span>
  );
}

export function ExhibitText({ text }: { text: string }) {
  const sources = useFigureSources();
  const segments = useMemo(() => parseBoundText(text).segments, [text]);
  return (
    <>
      {segments.map((s, i) => ('text' in s ? s.text : (
          <Figure key={i} figure={s.figure} sources={sources} className="exhibit-inline-figure" period={s.figure.period !== 'scenario'} />
        )))}
    </>
  );
}

export function BigFigure({ figure, label }: { figure: string; label: string }) {
  const { t } = useTranslation();
  const sources = useFigureSources();
  const ref = useMemo(() => figureRef(figure), [figure]);
  return (
    <div className="exhibit-big" data-testid="exhibit-big-figure">
      <Figure figure={ref} sources={sources} className="exhibit-big-figure" period />
      <span className="exhibit-big-label">{t(label)}</span>
    </div>
  );
}
