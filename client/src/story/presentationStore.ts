/**
 * Presentation mode's state (zustand, apart from the twin's store): which scenario and story, the chapter shown
 * (0-based here, 1-based in the URL and on screen), the picker, and how the presenter's private session is
 * getting on. Slow-changing only: the camera flight and the live values are read outside React.
 */
import { createStore, useStore } from 'zustand';
import type { Story } from '../../../shared/story/schema';

export type PresenterStatus = 'starting' | 'ready' | 'failed';

export interface PresentationState {
  /** Scenario being presented; null in the live twin. */
  scenarioId: string | null;
  story: Story | null;
  chapter: number;
  status: PresenterStatus;
  error: string | null;
  /** True while the session's clock is moving to a chapter's `at`. */
  clockMoving: boolean;
  pickerOpen: boolean;
  setStory(story: Story): void;
  goTo(chapter: number): void;
  next(): void;
  previous(): void;
  setStatus(status: PresenterStatus, error?: string): void;
  setClockMoving(moving: boolean): void;
  setPickerOpen(open: boolean): void;
}

export function createPresentationStore(scenarioId: string | null, chapter = 0) {
  return createStore<PresentationState>()((set, get) => {
    const clamp = (c: number) => Math.max(0, Math.min((get().story?.chapters.length ?? 1) - 1, c));
    return {
      scenarioId,
      story: null,
      chapter,
      status: 'starting',
      error: null,
      clockMoving: false,
      pickerOpen: false,
      setStory: (story) => set({ story, chapter: Math.max(0, Math.min(story.chapters.length - 1, get().chapter)) }),
      goTo: (c) => set({ chapter: clamp(c) }),
      next: () => set({ chapter: clamp(get().chapter + 1) }),
      previous: () => set({ chapter: clamp(get().chapter - 1) }),
      setStatus: (status, error) => set({ status, error: error ?? null }),
      setClockMoving: (clockMoving) => set({ clockMoving }),
      setPickerOpen: (pickerOpen) => set({ pickerOpen }),
    };
  });
}

export type PresentationStore = ReturnType<typeof createPresentationStore>;

/** What the page's URL asks for: `?scenario=<id>&chapter=<n>` (n 1-based) opens presentation mode. */
export function presentationFromUrl(search: string): { scenarioId: string; chapter: number } | null {
  const q = new URLSearchParams(search);
  const scenarioId = q.get('scenario');
  if (!scenarioId) return null;
  const n = Number.parseInt(q.get('chapter') ?? '1', 10);
  return { scenarioId, chapter: Number.isFinite(n) && n >= 1 ? n - 1 : 0 };
}

/** The URL of a scenario's chapter (1-based in the URL). */
export function chapterSearch(scenarioId: string, chapter: number): string {
  return `?${new URLSearchParams({ scenario: scenarioId, chapter: String(chapter + 1) })}`;
}

const fromUrl = presentationFromUrl(globalThis.location?.search ?? '');

/** The app's one presentation store; scenarioId null means the live twin. */
export const presentationStore = createPresentationStore(fromUrl?.scenarioId ?? null, fromUrl?.chapter ?? 0);

export function usePresentation<T>(selector: (s: PresentationState) => T): T {
  return useStore(presentationStore, selector);
}
