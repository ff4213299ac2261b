/**
 * What the 3D scene shows for the stories, end to end: the real server and built client in Chromium (software
 * WebGL) at 1920x1080, the scene's state read from window.__twin.marks (client/src/scene/sceneMarks.ts).
 *   - A baseline-view chapter: the city is heated by its fossil baseline plant: a boiler house with chimneys at the
 *     main plant's site, smoking, labelled with its name and what it burns; no real plant's label (with its
 *     heat-pump figures) shows. In a compare chapter the fossil plant stands beside the main plant as "Before:"
 *     with the real plants' labels; in an actual chapter it is gone.
 *   - The prosumer block at "The pipe runs backwards": while a prosumer sells heat its service pipe is marked
 *     "Feeding in", and the pipes marked are exactly those a second, independent client decoding the same
 *     session's frames finds running out of their buildings.
 * Screenshots: test-output/story-scene-{baseline,compare,reversed}.png.
 */
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { decodeFrame, type Frame } from '../../shared/protocol/frame';
import type { Scenario } from '../../shared/scenario/schema';
import type { SceneMarks } from '../../client/src/scene/sceneMarks';
import { startServer, type RunningServer } from '../../server/main';
import { loadScenario, SCENARIO_DIR } from '../../server/scenarios/load';
import { launchChromium, saveScreenshot } from './browser';

interface ChapterRef {
  title: string;
  view?: string;
}
const storyOf = (id: string) =>
  JSON.parse(readFileSync(resolve(SCENARIO_DIR, `../stories/${id}.json`), 'utf8')) as { chapters: ChapterRef[] };

/** 1-based chapter numbers of a story's chapters that show `view` (default "actual"). */
const chaptersShowing = (id: string, view: string) =>
  storyOf(id)
    .chapters.map((c, i) => ((c.view ?? 'actual') === view ? i + 1 : 0))
    .filter((n) => n > 0);

/** Ids of the prosumers' service pipes, each with the sign of a flow into its building. */
function servicePipes(s: Scenario): Map<number, 1 | -1> {
  const out = new Map<number, 1 | -1>();
  for (const b of s.buildings) {
    if (!b.prosumer) continue;
    s.network.pipes.forEach((p, i) => {
      if (p.to === b.node) out.set(i, 1);
      else if (p.from === b.node) out.set(i, -1);
    });
  }
  return out;
}

describe('the story marks in the 3D scene', () => {
  let server: RunningServer;
  let browser: Browser;
  const pageErrors: string[] = [];

  const openPage = async (query: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    await page.goto(`${server.url}/?${query}`);
    const ready = () => !!window.__twin?.story?.sessionId && window.__twin.frameVersion > 0;
    await page.waitForFunction(ready, null, { timeout: 60_000 });
    return page;
  };
  const marks = (page: Page) => page.evaluate(() => window.__twin.marks as SceneMarks);

  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent' });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a baseline chapter draws the fossil plant, chimneys smoking, labelled with its fuel; no heat pumps', async () => {
    const id = 'espoo-district';
    const [baseline] = chaptersShowing(id, 'baseline');
    expect(baseline, `${id} has a baseline chapter`).toBeGreaterThan(0);
    const { scenario } = loadScenario(id);
    const page = await openPage(`scenario=${id}&chapter=${baseline}`);
    try {
      await expect
        .poll(async () => marks(page), { timeout: 60_000, interval: 500 })
        .toMatchObject({ view: 'baseline', fossilPlant: { shown: true, chimneys: 2, smoking: 2 }, reversedPipes: [] });
      const label = page.locator('[data-testid="fossil-plant-label"][data-view="baseline"]');
      await expect.poll(() => label.isVisible(), { timeout: 10_000 }).toBe(true);
      // Its fuel burn needs two KPI samples over the same totals.
      const fuelText = /Burns coal · [\d.]+ MW fuel · [\d.]+ t CO₂\/h/;
      await expect.poll(() => label.innerText(), { timeout: 20_000 }).toMatch(fuelText);
      expect(await label.innerText()).toContain('Coal-fired heat-only boiler plant');
      expect(scenario.baseline.fuel).toBe('coal');
      expect(await page.locator('[data-testid="fossil-plant-label"][data-view="compare"]').isVisible()).toBe(false);
      const realLabels = page.getByTestId('plant-label');
      expect(await realLabels.count()).toBe(scenario.plants.length);
      for (const l of await realLabels.all()) expect(await l.isVisible()).toBe(false);
      await saveScreenshot(page, 'story-scene-baseline.png');

      // Compare: the fossil plant beside the main plant as "Before:", the real plants' labels back.
      await page.keyboard.press('End');
      await expect.poll(async () => (await marks(page)).view, { timeout: 10_000 }).toBe('compare');
      expect((await marks(page)).fossilPlant).toMatchObject({ shown: true, chimneys: 2 });
      const before = page.locator('[data-testid="fossil-plant-label"][data-view="compare"]');
      await expect.poll(() => before.isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await before.innerText()).toMatch(/^Before: Coal-fired/);
      const anyShown = async () =>
        (await Promise.all((await realLabels.all()).map((l) => l.isVisible()))).some(Boolean);
      await expect.poll(anyShown, { timeout: 10_000 }).toBe(true);
      await saveScreenshot(page, 'story-scene-compare.png');

      // The city as it is: no fossil plant.
      await page.keyboard.press('Home');
      await expect
        .poll(async () => (await marks(page)).fossilPlant, { timeout: 10_000 })
        .toMatchObject({ shown: false, chimneys: 0 });
      expect(await label.isVisible()).toBe(false);
      expect(await before.isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  }, 150_000);

  it('in the prosumer block the service pipes running backwards are marked "Feeding in", and only those', async () => {
    const id = 'prosumer-block';
    const chapter = storyOf(id).chapters.findIndex((c) => c.title === 'The pipe runs backwards') + 1;
    expect(chapter, 'the chapter "The pipe runs backwards"').toBeGreaterThan(0);
    const { scenario } = loadScenario(id);
    const service = servicePipes(scenario);
    const page = await openPage(`scenario=${id}&chapter=${chapter}`);
    let watcher: Socket | undefined;
    try {
      const sessionId = await page.evaluate(() => window.__twin.story!.sessionId!);
      // An independent viewer of the same session: the frames it decodes say which service pipes run backwards.
      let frame: Frame | undefined;
      watcher = io(server.url, { transports: ['websocket'] });
      const onFrame = (bytes: ArrayBuffer) => (frame = decodeFrame(bytes, frame));
      watcher.on('snapshot', onFrame);
      watcher.on('frame', onFrame);
      await new Promise<void>((res, rej) => {
        const joined = (ack: { ok: boolean; error?: string }) => (ack.ok ? res() : rej(new Error(ack.error)));
        watcher!.on('connect', () => watcher!.emit('join', { sessionId }, joined));
      });
      const reversedInFrames = () =>
        [...service]
          .filter(([p, into]) => frame && into * frame.pipes.massFlowKgS[p] < -0.01)
          .map(([p]) => scenario.network.pipes[p].id)
          .sort();

      await expect
        .poll(async () => (await marks(page)).reversedPipes.length, { timeout: 60_000, interval: 500 })
        .toBeGreaterThan(0);
      let marked: string[] = [];
      await expect
        .poll(
          async () => {
            marked = [...(await marks(page)).reversedPipes].sort();
            return marked.join(' ') === reversedInFrames().join(' ');
          },
          { timeout: 20_000, interval: 200 },
        )
        .toBe(true);
      const labels = page.getByTestId('feeding-in-label');
      await expect.poll(() => labels.count(), { timeout: 5000 }).toBe(marked.length);
      const labelled = (await labels.evaluateAll((els) => els.map((e) => e.dataset.pipe ?? ''))).sort();
      expect(labelled).toEqual(marked);
      expect(await labels.first().innerText()).toMatch(/^Feeding in\n[\d.]+ kg\/s out to the street$/);
      // A prosumer buying heat has its pipe running the usual way, unmarked.
      expect(marked.length).toBeLessThanOrEqual(service.size);
      await page.waitForTimeout(1000);
      await saveScreenshot(page, 'story-scene-reversed.png');
    } finally {
      watcher?.disconnect();
      await page.close();
    }
  }, 150_000);

  it('raises no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
