/**
 * The exhibit's screens over the live city, for a 1920x1080 touch screen: the attract loop (one short line and
 * one big figure per view, "Touch to explore" cycling through the exhibit's languages), the story cards, a
 * story's chapter (exhibit caption, big figure, back and next), the language buttons shown on every screen and the
 * countdown back to the attract loop. Every string comes from the message files through t(); every number
 * from the simulation (ExhibitFigures.tsx).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXHIBIT_LANGUAGES } from '../../../shared/exhibit/schema';
import { useTwin } from '../state/store';
import { exhibitStore, useExhibit } from './exhibitStore';
import { BigFigure, ExhibitText } from './ExhibitFigures';
import { exhibitI18n } from './i18n';
import { attractViewsOf } from './kiosk';

/** How long "Touch to explore" stays in one language. */
const CALL_LANGUAGE_MS = 2500;

export function AttractScreen() {
  const { t } = useTranslation();
  const exhibit = useExhibit((s) => s.exhibit);
  const viewIndex = useExhibit((s) => s.attractView);
  const scenario = useTwin((s) => s.scenario?.id ?? null);
  const connection = useTwin((s) => s.connection);
  const languages = exhibit?.languages ?? EXHIBIT_LANGUAGES;
  const [callIndex, setCallIndex] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setCallIndex((i) => i + 1), CALL_LANGUAGE_MS);
    return () => clearInterval(timer);
  }, []);
  const views = exhibit ? attractViewsOf(exhibit, scenario) : [];
  const view = views.length > 0 ? views[viewIndex % views.length] : null;
  const callLanguage = languages[callIndex % languages.length];
  return (
    // On click, not pointerdown: the click that ends the touch must not land on the card that appears under it.
    <div className="exhibit-attract" data-testid="exhibit-attract" onClick={() => exhibitStore.getState().openCards()}>
      {view && connection === 'live' ? (
        <div className="exhibit-panel exhibit-attract-panel" key={viewIndex}>
          <p className="exhibit-eyebrow">{t('ui.liveCity')}</p>
          <p className="exhibit-line">{t(view.line)}</p>
          <BigFigure figure={view.figure} label={view.label} />
        </div>
      ) : (
        <div className="exhibit-panel exhibit-attract-panel">
          <p className="exhibit-line">{t('ui.connecting')}</p>
        </div>
      )}
      <div className="exhibit-call" lang={callLanguage} data-testid="exhibit-call">
        {exhibitI18n.getFixedT(callLanguage)('ui.touchToExplore')}
      </div>
    </div>
  );
}

export function StoryCards() {
  const { t } = useTranslation();
  const exhibit = useExhibit((s) => s.exhibit);
  if (!exhibit) return null;
  return (
    <div className="exhibit-cards-screen" data-testid="exhibit-cards">
      <h1 className="exhibit-heading">{t('ui.chooseStory')}</h1>
      <div className="exhibit-cards">
        {exhibit.stories.map((s, i) => (
          <button key={s.scenario} type="button" className="exhibit-card" data-testid="exhibit-card" onClick={() => exhibitStore.getState().openStory(i)}>
            <span className="exhibit-card-title">{t(s.title)}</span>
          </button>
        ))}
      </div>
    </div>
  );
}

export function ChapterScreen() {
  const { t } = useTranslation();
  const exhibit = useExhibit((s) => s.exhibit);
  const storyIndex = useExhibit((s) => s.story);
  const chapterIndex = useExhibit((s) => s.chapter);
  const visitor = useExhibit((s) => s.visitor);
  const clockMoving = useExhibit((s) => s.clockMoving);
  const connection = useTwin((s) => s.connection);
  const story = exhibit?.stories[storyIndex];
  const chapter = story?.chapters[chapterIndex];
  if (!story || !chapter) return null;
  const ready = visitor === 'ready' && connection === 'live';
  const last = chapterIndex === story.chapters.length - 1;
  const store = exhibitStore.getState;
  return (
    <div className="exhibit-chapter-screen" data-testid="exhibit-chapter">
      <section className="exhibit-panel exhibit-chapter">
        <p className="exhibit-eyebrow">
          {t(story.title)} · {t('ui.part', { n: chapterIndex + 1, total: story.chapters.length })}
        </p>
        {ready ? (
          <>
            <p className="exhibit-caption" data-testid="exhibit-caption">
              <ExhibitText text={t(chapter.caption)} />
            </p>
            <BigFigure figure={chapter.figure} label={chapter.label} />
            {clockMoving && <p className="exhibit-status">{t('ui.movingClock')}</p>}
          </>
        ) : (
          <p className="exhibit-caption exhibit-status">{t('ui.starting')}</p>
        )}
        <nav className="exhibit-nav">
          <button type="button" className="exhibit-button" data-testid="exhibit-back" onClick={() => store().back()}>
            ‹ {t('ui.back')}
          </button>
          <button type="button" className="exhibit-button exhibit-button-quiet" onClick={() => store().openCards()}>
            {t('ui.allStories')}
          </button>
          <button type="button" className="exhibit-button exhibit-button-main" data-testid="exhibit-next" disabled={last} onClick={() => store().next()}>
            {t('ui.next')} ›
          </button>
        </nav>
      </section>
    </div>
  );
}

export function LanguageBar() {
  const { t } = useTranslation();
  const exhibit = useExhibit((s) => s.exhibit);
  const language = useExhibit((s) => s.language);
  const languages = exhibit?.languages ?? [];
  if (languages.length < 2) return null;
  return (
    <div className="exhibit-languages" role="group" aria-label={t('ui.language')}>
      {languages.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="exhibit-language"
          aria-pressed={l === language}
          data-testid={`exhibit-language-${l}`}
          onClick={() => exhibitStore.getState().setLanguage(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

export function Countdown() {
  const { t } = useTranslation();
  const seconds = useExhibit((s) => s.countdownS);
  if (seconds === null) return null;
  return (
    <div className="exhibit-countdown" role="alert" data-testid="exhibit-countdown">
      <p className="exhibit-countdown-text">{t('ui.countdown', { seconds })}</p>
      <p className="exhibit-countdown-hint">{t('ui.touchToStay')}</p>
    </div>
  );
}
