/** Presentation mode's URL (client/src/story/presentationStore.ts): the scenario, chapter and kiosk autoplay asked for. */
import { describe, expect, it } from 'vitest';
import { chapterSearch, createPresentationStore, presentationFromUrl } from '../../client/src/story/presentationStore';

describe('presentation URL', () => {
  it('reads the scenario, the 1-based chapter and the kiosk autoplay', () => {
    expect(presentationFromUrl('?scenario=espoo-clean-heat&chapter=3')).toEqual({ scenarioId: 'espoo-clean-heat', chapter: 2, autoplayS: null });
    expect(presentationFromUrl('?scenario=heat-node&autoplay=30')).toEqual({ scenarioId: 'heat-node', chapter: 0, autoplayS: 30 });
    expect(presentationFromUrl('')).toBeNull();
    expect(presentationFromUrl('?session=abc')).toBeNull();
  });

  it('falls back on a chapter or autoplay it cannot use, and refuses a malformed scenario id', () => {
    expect(presentationFromUrl('?scenario=heat-node&chapter=zero&autoplay=1')).toEqual({ scenarioId: 'heat-node', chapter: 0, autoplayS: null });
    expect(presentationFromUrl('?scenario=heat-node&chapter=-2&autoplay=99999')).toEqual({ scenarioId: 'heat-node', chapter: 0, autoplayS: null });
    expect(presentationFromUrl('?scenario=../../etc/passwd')).toBeNull();
  });

  it('writes the chapter back 1-based and keeps the autoplay', () => {
    expect(chapterSearch('heat-node', 2)).toBe('?scenario=heat-node&chapter=3');
    expect(presentationFromUrl(chapterSearch('heat-node', 4, 20))).toEqual({ scenarioId: 'heat-node', chapter: 4, autoplayS: 20 });
  });

  it('keeps the chapter inside the story', () => {
    const store = createPresentationStore('heat-node', 9);
    const chapter = { title: 't', caption: 'c', camera: { focus: { city: true as const } }, kpis: [], view: 'actual' as const, expect: [] };
    store.getState().setStory({ scenario: 'heat-node', title: 'T', chapters: [chapter, chapter, chapter, chapter] });
    expect(store.getState().chapter).toBe(3);
    store.getState().next();
    expect(store.getState().chapter).toBe(3);
    store.getState().goTo(-5);
    expect(store.getState().chapter).toBe(0);
  });
});
