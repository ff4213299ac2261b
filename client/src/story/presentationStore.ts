/**
 * Presentation mode's state (zustand, apart from the twin's store): which scenario and story, the chapter shown
 * (0-based here, 1-based in the URL and on screen), the picker, and how the presenter's private session is
 * getting on. Slow-changing only: the camera flight and the live values are read outside React.
 */
import { createStore, useStore } from 'zustand';
import { z } from 'zod';
import type { Story } from '../../../shared/story/schema';
import type { YearFigures } from '../../../shared/story/yearFigures';

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
  /** The scenario's simulated year (the figures `{year.*}` binds); null until the server has it. */
  year: YearFigures | null;
  /** Why the year figures cannot be had, when they cannot. */
  yearError: string | null;
  setStory(story: Story): void;
  goTo(chapter: number): void;
  next(): void;
  previous(): void;
  setStatus(status: PresenterStatus, error?: string): void;
  setClockMoving(moving: boolean): void;
  setPickerOpen(open: boolean): void;
  setYear(year: YearFigures | null, error?: string): void;
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
      year: null,
      yearError: null,
      setStory: (story) => set({ story, chapter: Math.max(0, Math.min(story.chapters.length - 1, get().chapter)) }),
      goTo: (c) => set({ chapter: clamp(c) }),
      next: () => set({ chapter: clamp(get().chapter + 1) }),
      previous: () => set({ chapter: clamp(get().chapter - 1) }),
      setStatus: (status, error) => set({ status, error: error ?? null }),
      setClockMoving: (clockMoving) => set({ clockMoving }),
      setPickerOpen: (pickerOpen) => set({ pickerOpen }),
      setYear: (year, error) => set({ year, yearError: error ?? null }),
    };
  });
}

export type PresentationStore = ReturnType<typeof createPresentationStore>;

const urlSchema = z.object({
  scenario: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  // A chapter or autoplay the page cannot use falls back to chapter 1 and no autoplay rather than failing.
  chapter: z.coerce.number().int().min(1).catch(1),
  autoplay: z.coerce.number().min(5).max(3600).optional().catch(undefined),
});

export interface PresentationRequest {
  scenarioId: string;
  /** 0-based. */
  chapter: number;
  /** Kiosk mode: seconds per chapter, looping back to the first after the last; null for a presenter. */
  autoplayS: number | null;
}

/**
 * What the page's URL asks for: `?scenario=<id>&chapter=<n>` (n 1-based) opens presentation mode, `&autoplay=<s>`
 * (5-3600) runs it by itself for an exhibit. No or a malformed scenario id: the live twin.
 */
export function presentationFromUrl(search: string): PresentationRequest | null {
  const q = new URLSearchParams(search);
  if (!q.has('scenario')) return null;
  const parsed = urlSchema.safeParse({ scenario: q.get('scenario'), chapter: q.get('chapter') ?? 1, autoplay: q.get('autoplay') ?? undefined });
  if (!parsed.success) return null;
  return { scenarioId: parsed.data.scenario, chapter: parsed.data.chapter - 1, autoplayS: parsed.data.autoplay ?? null };
}

/** The URL of a scenario's chapter (1-based in the URL), keeping a kiosk's autoplay. */
export function chapterSearch(scenarioId: string, chapter: number, autoplayS: number | null = null): string {
  const q = new URLSearchParams({ scenario: scenarioId, chapter: String(chapter + 1) });
  if (autoplayS !== null) q.set('autoplay', String(autoplayS));
  return `?${q}`;
}

const fromUrl = presentationFromUrl(globalThis.location?.search ?? '');

/** The app's one presentation store; scenarioId null means the live twin. */
export const presentationStore = createPresentationStore(fromUrl?.scenarioId ?? null, fromUrl?.chapter ?? 0);

/** Kiosk autoplay from the URL (seconds per chapter), or null. */
export const autoplayS = fromUrl?.autoplayS ?? null;

export function usePresentation<T>(selector: (s: PresentationState) => T): T {
  return useStore(presentationStore, selector);
}
