/**
 * Which HUD panels are collapsed to their title, and whether all of them are hidden (key H, or the top bar's
 * button). The live view remembers both in localStorage. Presentation mode starts with every panel collapsed and
 * hidden, since the story's screen needs the room, and remembers nothing, so the live view's choice stays.
 * On a narrow screen (SHEET_MEDIA) the panels share a bottom sheet instead, one open at a time (`sheet`); it
 * starts lowered to its tabs, so the city has the screen, and is not remembered either.
 */
import { useSyncExternalStore } from 'react';
import { createStore, useStore } from 'zustand';
import { z } from 'zod';
import { presentationStore } from '../story/presentationStore';

export const HUD_PANELS = ['kpis', 'production', 'alarms', 'selection', 'sankey', 'legend', 'layers'] as const;
export type HudPanel = (typeof HUD_PANELS)[number];

export interface PanelState {
  collapsed: Record<HudPanel, boolean>;
  hidden: boolean;
  /** The panel open in the narrow screen's bottom sheet; null when it is lowered to its tabs. */
  sheet: HudPanel | null;
  toggle: (panel: HudPanel) => void;
  toggleHidden: () => void;
  /** Opens a panel in the sheet (the one open before closes), or lowers the sheet to its tabs (null). */
  setSheet: (panel: HudPanel | null) => void;
}

/** What the page keeps between visits; a panel added since is expanded. */
export const PANELS_STORAGE_KEY = 'heattwin.hud.panels';
const savedSchema = z.object({ collapsed: z.partialRecord(z.enum(HUD_PANELS), z.boolean()), hidden: z.boolean() });

type PanelStorage = Pick<Storage, 'getItem' | 'setItem'>;

const every = (collapsed: boolean) =>
  Object.fromEntries(HUD_PANELS.map((p) => [p, collapsed])) as Record<HudPanel, boolean>;

function restore(storage: PanelStorage | null): Pick<PanelState, 'collapsed' | 'hidden'> {
  try {
    const saved = savedSchema.parse(JSON.parse(storage?.getItem(PANELS_STORAGE_KEY) ?? ''));
    return { collapsed: { ...every(false), ...saved.collapsed }, hidden: saved.hidden };
  } catch {
    // Nothing saved, or something this version cannot read: every panel open.
    return { collapsed: every(false), hidden: false };
  }
}

export function createPanelStore(presenting: boolean, storage: PanelStorage | null) {
  const store = createStore<PanelState>()((set) => ({
    ...(presenting ? { collapsed: every(true), hidden: true } : restore(storage)),
    sheet: null,
    toggle: (panel) => set((s) => ({ collapsed: { ...s.collapsed, [panel]: !s.collapsed[panel] } })),
    toggleHidden: () => set((s) => ({ hidden: !s.hidden })),
    setSheet: (sheet) => set({ sheet }),
  }));
  if (!presenting && storage) {
    store.subscribe(({ collapsed, hidden }) => {
      try {
        storage.setItem(PANELS_STORAGE_KEY, JSON.stringify({ collapsed, hidden }));
      } catch {
        // Storage full or refused (private browsing): the choice lasts this visit only.
      }
    });
  }
  return store;
}

export type PanelStore = ReturnType<typeof createPanelStore>;

/** The page's localStorage, or null where there is none or it is refused (sandboxed frames). */
function pageStorage(): PanelStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The app's one panel store. */
export const panelStore = createPanelStore(presentationStore.getState().scenarioId !== null, pageStorage());

export function usePanels<T>(selector: (s: PanelState) => T): T {
  return useStore(panelStore, selector);
}

/** Where the panels become a bottom sheet: phones and tablets held either way. hud.css and story.css say the same. */
export const SHEET_MEDIA = '(max-width: 1024px)';

function watchSheetMedia(onChange: () => void): () => void {
  const query = matchMedia(SHEET_MEDIA);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the window is narrow enough for the bottom sheet, following resizes and turns of the device. */
export function useSheetLayout(): boolean {
  return useSyncExternalStore(watchSheetMedia, () => matchMedia(SHEET_MEDIA).matches);
}
