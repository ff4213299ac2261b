/**
 * The map overlay end to end (client/src/map/): the real server and built client, a real browser (Chromium,
 * software WebGL). Opens the Espoo region's first chapter (`/?scenario=espoo-clean-heat&chapter=1`) and checks that
 * the scale bar shows a round length, that the north arrow is shown and turned with the camera, that place names
 * from the scenario appear, that neither the map's corner nor a shown name lies on a HUD or story panel, and that
 * the draw calls stay within 50, at 1280x720 and at 1920x1080.
 * Screenshots: test-output/e2e-map-1280.png, test-output/e2e-map-1920.png.
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/main';
import { launchChromium, saveScreenshot } from './browser';
import { openPage, waitForCity, type TwinPage } from './twinPage';

const DRAW_CALL_BUDGET = 50;

interface MapReadout {
  scale: string;
  barPx: number;
  arrowTransform: string;
  arrowShown: boolean;
  names: string[];
  overlaps: string[];
}

/** What the overlay shows, and every shown map element that overlaps a panel. */
const readMap = (twin: TwinPage): Promise<MapReadout> =>
  twin.page.evaluate(() => {
    const shown = (el: Element | null) =>
      !!el && getComputedStyle(el).visibility === 'visible' && el.getBoundingClientRect().width > 0;
    const panels = [...document.querySelectorAll('.hud-panel, .story-panel')]
      .map((p) => p.getBoundingClientRect())
      .filter((r) => r.width > 0);
    const hits = (r: DOMRect) =>
      panels.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);
    const widgets = document.querySelector('.map-widgets')!;
    const names = [...document.querySelectorAll('[data-testid="place-name"]')].filter(shown);
    const arrow = document.querySelector('[data-testid="north-arrow"]');
    return {
      scale: document.querySelector('[data-testid="scale-bar"]')?.textContent ?? '',
      barPx: document.querySelector('.map-scale-bar')?.getBoundingClientRect().width ?? 0,
      arrowTransform: arrow ? getComputedStyle(arrow).transform : '',
      arrowShown: shown(arrow),
      names: names.map((n) => n.textContent ?? ''),
      overlaps: [
        ...(hits(widgets.getBoundingClientRect()) ? ['scale bar and north arrow'] : []),
        ...names.filter((n) => hits(n.getBoundingClientRect())).map((n) => n.textContent ?? ''),
      ],
    };
  });

describe('map overlay in a browser (espoo-clean-heat)', () => {
  let server: RunningServer;
  let browser: Browser;
  let twin: TwinPage;

  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent' });
    browser = await launchChromium();
    twin = await openPage(browser);
    await twin.page.goto(`${server.url}/?scenario=espoo-clean-heat&chapter=1`);
    await waitForCity(twin, 'e2e-map-failed.png');
    // The story camera flies to the chapter's view; read the map once it is at rest.
    const atRest = () => window.__twin.camera && !window.__twin.camera.flying;
    await twin.page.waitForFunction(atRest, null, { timeout: 20_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [width, height] of [[1280, 720], [1920, 1080]] as const) {
    it(`shows a round scale, a north arrow and place names, clear of the panels, at ${width}x${height}`, async () => {
      await twin.page.setViewportSize({ width, height });
      // The overlay follows the resize on its next animation frames.
      await expect.poll(async () => (await readMap(twin)).names.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
      await expect.poll(async () => (await readMap(twin)).overlaps, { timeout: 5000 }).toEqual([]);
      const map = await readMap(twin);
      await saveScreenshot(twin.page, `e2e-map-${width}.png`);
      // A 30 km region seen whole: a bar of 1, 2 or 5 km, never longer than its 110 px.
      expect(map.scale).toMatch(/^[125] km$/);
      expect(map.barPx).toBeGreaterThan(40);
      expect(map.barPx).toBeLessThanOrEqual(112);
      expect(map.arrowShown).toBe(true);
      expect(map.arrowTransform).toMatch(/^matrix\(/);
      const districts = ['Tapiola', 'Matinkylä', 'Espoon keskus', 'Leppävaara', 'Otaniemi'];
      expect(map.names.some((n) => districts.includes(n))).toBe(true);
      expect(map.overlaps).toEqual([]);
      expect(await twin.page.evaluate(() => window.__twin.drawCalls)).toBeLessThanOrEqual(DRAW_CALL_BUDGET);
      expect(twin.errors).toEqual([]);
    });
  }

  it('turns the north arrow as the camera turns', async () => {
    const before = (await readMap(twin)).arrowTransform;
    // Right-drag orbits the map camera (MapControls); a drag across the free middle of the view turns it.
    const { page } = twin;
    await page.mouse.move(900, 420);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(1200, 420, { steps: 10 });
    await page.mouse.up({ button: 'right' });
    await expect.poll(async () => (await readMap(twin)).arrowTransform, { timeout: 5000 }).not.toBe(before);
  });
});
