/**
 * The HUD panels' collapse store (client/src/hud/panelStore.ts): every panel open in the live view unless the
 * page remembers otherwise, every panel collapsed and hidden in presentation mode, the live view's choice kept
 * in storage and the presentation's not.
 */
import { describe, expect, it } from 'vitest';
import { createPanelStore, HUD_PANELS, PANELS_STORAGE_KEY } from '../../client/src/hud/panelStore';

/** A Storage of one page visit; `refuse` makes writes throw as a full or private-mode storage does. */
function memoryStorage(initial: Record<string, string> = {}, refuse = false) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (refuse) throw new Error('QuotaExceededError');
      items.set(k, v);
    },
  };
}

const all = (collapsed: boolean) => Object.fromEntries(HUD_PANELS.map((p) => [p, collapsed]));

describe('HUD panel store', () => {
  it('opens every panel in the live view when nothing is remembered', () => {
    const s = createPanelStore(false, memoryStorage()).getState();
    expect(s.collapsed).toEqual(all(false));
    expect(s.hidden).toBe(false);
  });

  it('collapses and hides every panel in presentation mode, whatever the live view remembered', () => {
    const saved = JSON.stringify({ collapsed: all(false), hidden: false });
    const s = createPanelStore(true, memoryStorage({ [PANELS_STORAGE_KEY]: saved })).getState();
    expect(s.collapsed).toEqual(all(true));
    expect(s.hidden).toBe(true);
  });

  it('remembers collapsed panels and hiding for the next visit of the live view', () => {
    const storage = memoryStorage();
    const store = createPanelStore(false, storage);
    store.getState().toggle('production');
    store.getState().toggle('sankey');
    store.getState().toggle('sankey');
    store.getState().toggleHidden();
    const next = createPanelStore(false, storage).getState();
    expect(next.collapsed).toEqual({ ...all(false), production: true });
    expect(next.hidden).toBe(true);
  });

  it('remembers nothing from presentation mode', () => {
    const storage = memoryStorage();
    const store = createPanelStore(true, storage);
    store.getState().toggle('kpis');
    store.getState().toggleHidden();
    expect(storage.items.size).toBe(0);
  });

  it('opens a panel the remembered state does not name, and ignores what it cannot read', () => {
    const partial = JSON.stringify({ collapsed: { legend: true }, hidden: false });
    expect(createPanelStore(false, memoryStorage({ [PANELS_STORAGE_KEY]: partial })).getState().collapsed).toEqual({
      ...all(false),
      legend: true,
    });
    for (const bad of ['not json', '{"collapsed":{"legend":"yes"},"hidden":false}', '[]']) {
      const s = createPanelStore(false, memoryStorage({ [PANELS_STORAGE_KEY]: bad })).getState();
      expect(s.collapsed, bad).toEqual(all(false));
    }
  });

  it('still collapses when storage refuses to keep it, and works with no storage at all', () => {
    const refusing = createPanelStore(false, memoryStorage({}, true));
    refusing.getState().toggle('alarms');
    expect(refusing.getState().collapsed.alarms).toBe(true);
    const none = createPanelStore(false, null);
    none.getState().toggle('layers');
    expect(none.getState().collapsed.layers).toBe(true);
  });
});
