/**
 * The exhibit kiosk's state (zustand, apart from the twin's store): the exhibit document, which screen a visitor
 * sees (the attract loop, the story cards, a story's chapter), the language, when the screen was last touched
 * and the countdown back to the attract loop, the attract loop's view, the visitor's private session and the
 * simulated years of the scenarios shown. Slow-changing only: live values are read from the twin's store.
 */
import { createStore, useStore } from 'zustand';
import type { Exhibit, ExhibitLanguage } from '../../../shared/exhibit/schema';
import type { YearFigures } from '../../../shared/story/yearFigures';

export type ExhibitScreen = 'attract' | 'cards' | 'chapter';
/** The visitor's session: none (attract loop, cards), being made, running, or not to be had right now. */
export type VisitorSession = 'none' | 'starting' | 'ready' | 'failed';

export interface ExhibitState {
  exhibit: Exhibit | null;
  screen: ExhibitScreen;
  /** Index into exhibit.stories, and into that story's offered chapters. */
  story: number;
  chapter: number;
  language: ExhibitLanguage;
  /** Date.now() of the last touch. */
  touchedAtMs: number;
  /** Whole seconds left before the attract loop, while the countdown shows; else null. */
  countdownS: number | null;
  /** Index into the attract views the loop is showing (among those of the attract session's scenario). */
  attractView: number;
  visitor: VisitorSession;
  /** The visitor's session id, for the page and its tests to see. */
  visitorSessionId: string | null;
  /** True while the visitor's session clock moves to a chapter's moment. */
  clockMoving: boolean;
  /** The simulated year of each scenario shown, once the server has it. */
  years: Record<string, YearFigures>;
  setExhibit(exhibit: Exhibit): void;
  touch(): void;
  openCards(): void;
  openStory(story: number): void;
  next(): void;
  back(): void;
  toAttract(): void;
  setLanguage(language: ExhibitLanguage): void;
  setCountdown(s: number | null): void;
  nextAttractView(count: number): void;
  setVisitor(visitor: VisitorSession, sessionId?: string | null): void;
  setClockMoving(moving: boolean): void;
  setYear(scenario: string, year: YearFigures): void;
}

export function createExhibitStore() {
  return createStore<ExhibitState>()((set, get) => ({
    exhibit: null,
    screen: 'attract',
    story: 0,
    chapter: 0,
    language: 'fi',
    touchedAtMs: Date.now(),
    countdownS: null,
    attractView: 0,
    visitor: 'none',
    visitorSessionId: null,
    clockMoving: false,
    years: {},
    setExhibit: (exhibit) => set({ exhibit, language: exhibit.defaultLanguage }),
    touch: () => set({ touchedAtMs: Date.now(), countdownS: null }),
    openCards: () => set({ screen: 'cards', touchedAtMs: Date.now(), countdownS: null }),
    openStory: (story) => set({ screen: 'chapter', story, chapter: 0 }),
    next: () => {
      const offered = get().exhibit?.stories[get().story]?.chapters.length ?? 1;
      set({ chapter: Math.min(offered - 1, get().chapter + 1) });
    },
    back: () => (get().chapter > 0 ? set({ chapter: get().chapter - 1 }) : set({ screen: 'cards' })),
    toAttract: () =>
      set({ screen: 'attract', story: 0, chapter: 0, countdownS: null, language: get().exhibit?.defaultLanguage ?? get().language }),
    setLanguage: (language) => set({ language }),
    setCountdown: (countdownS) => set({ countdownS }),
    nextAttractView: (count) => set({ attractView: count > 0 ? (get().attractView + 1) % count : 0 }),
    setVisitor: (visitor, sessionId = null) => set({ visitor, visitorSessionId: sessionId }),
    setClockMoving: (clockMoving) => set({ clockMoving }),
    setYear: (scenario, year) => set({ years: { ...get().years, [scenario]: year } }),
  }));
}

export type ExhibitStore = ReturnType<typeof createExhibitStore>;

/** The page's one exhibit store. */
export const exhibitStore = createExhibitStore();

export function useExhibit<T>(selector: (s: ExhibitState) => T): T {
  return useStore(exhibitStore, selector);
}
