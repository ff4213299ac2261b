/**
 * Presentation mode's screen over the city: the chapter's caption in large type, its KPI cards, the before/after
 * panels of its view, the chapter counter with previous/next, full screen and the scenario picker; keyboard and
 * clicker keys (keyboard.ts). The camera (StoryCamera) and the fossil plant of the baseline view (scene/Plumes.tsx)
 * live in the scene.
 */
import { useEffect } from 'react';
import { useTwin } from '../state/store';
import { simDateTime, speedText } from '../hud/format';
import { BaselineBanner, ComparePanel } from './BeforeAfter';
import { BoundText } from './BoundText';
import { keyAction, toggleFullscreen } from './keyboard';
import { autoplayS, presentationStore, usePresentation } from './presentationStore';
import { PickerButton } from './ScenarioPicker';
import { StoryKpis } from './StoryKpis';
import './story.css';
import './veil.css';

/** From ten simulated minutes a second the clock visibly races: say so beside the title. */
const TIME_LAPSE_SPEED = 600;

function usePresenterKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      const action = keyAction(e);
      if (!action) return;
      e.preventDefault();
      const p = presentationStore.getState();
      if (p.pickerOpen) return;
      if (action === 'next') p.next();
      else if (action === 'previous') p.previous();
      else if (action === 'first') p.goTo(0);
      else if (action === 'last') p.goTo(Number.MAX_SAFE_INTEGER);
      else toggleFullscreen();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Kiosk mode (`&autoplay=<s>`): the next chapter every autoplayS seconds, the first after the last. The wait
 * starts when the session is running and again whenever the chapter changes, and a visitor's key, click or touch
 * restarts it, so every chapter gets its full time however slowly the session started or whoever stepped on.
 */
function useAutoplay(): void {
  useEffect(() => {
    if (autoplayS === null) return;
    const waitMs = autoplayS * 1000;
    let timer = 0;
    const schedule = () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        const p = presentationStore.getState();
        if (p.story && p.status === 'ready' && !p.pickerOpen) {
          p.goTo(p.chapter >= p.story.chapters.length - 1 ? 0 : p.chapter + 1);
        }
        schedule();
      }, waitMs);
    };
    schedule();
    const unsubscribe = presentationStore.subscribe((s, prev) => {
      if (s.chapter !== prev.chapter || s.status !== prev.status) schedule();
    });
    const events = ['keydown', 'pointerdown'] as const;
    for (const e of events) addEventListener(e, schedule);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      for (const e of events) removeEventListener(e, schedule);
    };
  }, []);
}

export function Presentation() {
  usePresenterKeys();
  useAutoplay();
  const story = usePresentation((s) => s.story);
  const index = usePresentation((s) => s.chapter);
  const status = usePresentation((s) => s.status);
  const error = usePresentation((s) => s.error);
  const clockMoving = usePresentation((s) => s.clockMoving);
  const scenario = useTwin((s) => s.scenario);
  const chapter = story?.chapters[index];
  const p = presentationStore.getState();

  return (
    <div className="story" data-view={chapter?.view ?? 'actual'}>
      {status === 'failed' && (
        <div className="story-panel story-status story-error" role="alert">
          Could not start the presentation: {error}
        </div>
      )}
      {status === 'starting' && <div className="story-panel story-status">Starting the simulation…</div>}
      {clockMoving && chapter?.at && (
        // Over the scene and the figures of the moment left behind, until the first sample of the new one.
        <div className="story-veil" data-testid="clock-moving" role="status">
          <div className="story-veil-text">
            Moving to <BoundText text={chapter.title} />
            <div className="story-veil-when">
              {simDateTime(Date.parse(`${chapter.at}Z`) / 1000).weekday} {chapter.at.replace('T', ' ')}…
            </div>
          </div>
        </div>
      )}
      {chapter && scenario && chapter.view === 'baseline' && <BaselineBanner scenario={scenario} />}
      {chapter && scenario && chapter.view === 'compare' && <ComparePanel scenario={scenario} />}
      {chapter && <StoryKpis keys={chapter.kpis} />}
      {chapter && story && (
        <section className="story-caption story-panel" data-testid="story-caption" aria-live="polite">
          <div className="story-caption-kicker">
            <BoundText text={story.title} />
            {chapter.speed !== undefined && chapter.speed >= TIME_LAPSE_SPEED && <span className="story-timelapse"> · time-lapse {speedText(chapter.speed)}</span>}
          </div>
          <h1 className="story-caption-title">
            <BoundText text={chapter.title} />
          </h1>
          <p className="story-caption-text">
            <BoundText text={chapter.caption} />
          </p>
        </section>
      )}
      <nav className="story-controls story-panel" aria-label="Chapters">
        <button type="button" className="story-button" onClick={() => p.previous()} disabled={!story || index === 0} aria-label="Previous chapter">
          <ChevronIcon points="15 5 8 12 15 19" />
        </button>
        <span className="story-counter" data-testid="chapter-counter">
          {story ? `${index + 1} / ${story.chapters.length}` : '– / –'}
        </span>
        <button type="button" className="story-button" onClick={() => p.next()} disabled={!story || index >= story.chapters.length - 1} aria-label="Next chapter">
          <ChevronIcon points="9 5 16 12 9 19" />
        </button>
        <button type="button" className="story-button" data-testid="fullscreen" onClick={toggleFullscreen} aria-label="Full screen (F)" title="Full screen (F)">
          <svg width="1.1em" height="1.1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.6" aria-hidden="true">
            <path d="M3 9V3h6M21 9V3h-6M3 15v6h6M21 15v6h-6" />
          </svg>
        </button>
        <PickerButton />
      </nav>
    </div>
  );
}

/** Drawn, not a text glyph: a kiosk's fonts may have no arrow characters. */
function ChevronIcon({ points }: { points: string }) {
  return (
    <svg width="1.1em" height="1.1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.6" aria-hidden="true">
      <polyline points={points} strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
