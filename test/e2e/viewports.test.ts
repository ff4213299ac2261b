/**
 * The HUD and presentation mode on a full-HD screen, a 1280x720 projector and a phone (390x844, touch), end to
 * end: the real server and built client, a real browser (Chromium, software WebGL). In the live view and in
 * presentation mode (`/?scenario=espoo-clean-heat&chapter=2`, the longest caption), at each size:
 * - nothing on the city overlaps anything else: HUD panels, the top bar, the phone's sheet tabs, story panels and
 *   the map's scale bar and north arrow (edges may touch), with every panel open and with every panel collapsed;
 * - with the panels collapsed (title bars on a desktop, the sheet lowered to its tabs on the phone, or hidden with
 *   H in presentation mode), at least half the window shows the city under none of them;
 * - the energy-flow diagram's labels keep clear of each other, and the legend and layer switches keep to the
 *   bottom of the screen rather than the middle of the city (live view, desktop);
 * - the map's scale reads at a legible size and its bar is drawn exactly as long as the length it states;
 * - on the phone, every panel opens from the bottom sheet, one at a time, within 45 % of the screen, and the story
 *   caption overlaps neither the chapter controls nor the sheet.
 * One server; one page per mode on the desktop (resized) and one touch context per mode on the phone, each closed
 * before the next opens so that only one software-rendered city draws at a time.
 * Screenshots: test-output/viewports-<mode>-<size>-<state>.png.
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/main';
import { launchChromium, saveScreenshot } from './browser';
import { canvasShareOutside, overlappingPanels, type PanelRect } from './twinPage';

type Mode = 'live' | 'presentation';
interface Size {
  name: string;
  width: number;
  height: number;
}
const DESKTOPS: Size[] = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1280x720', width: 1280, height: 720 },
];
const PHONE: Size = { name: 'phone', width: 390, height: 844 };
/** Whatever lies on the city: panels (the sheet's tabs are one), story panels, the map's corner. */
const COVERS = '.hud-panel, .story-panel, .map-widgets';
/** The largest share of the phone's height the open sheet (tabs and panel) may take, and a rounding's worth. */
const SHEET_SHARE = 0.45 + 0.002;
/** Legible map lettering (CSS px). */
const MAP_TEXT_PX = 14;
/** Longest wait for a page's city or story (ms), and for one test: software WebGL on a busy machine is slow. */
const LOAD_MS = 90_000;
const TEST_MS = 180_000;

/** The outermost visible covering elements' rectangles. */
const coverRects = (page: Page): Promise<PanelRect[]> =>
  page.evaluate((selector) => {
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => !el.parentElement?.closest(selector) && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute('aria-label') ?? el.className;
        return { name, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      })
      .filter((r) => r.right > r.left && r.bottom > r.top);
  }, COVERS);


/** Pairs of energy-flow labels that cover each other, by their text. */
const sankeyLabelClashes = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const labels = [...document.querySelectorAll('.hud-sankey svg text')].map((t) => ({
      text: t.textContent ?? '',
      r: t.getBoundingClientRect(),
    }));
    const clashes: string[] = [];
    labels.forEach((a, i) =>
      labels.slice(i + 1).forEach((b) => {
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) clashes.push(`${a.text} / ${b.text}`);
      }),
    );
    return clashes;
  });

/** The top of the phone's sheet: its tabs, or the panel open above them. */
const sheetTop = (page: Page): Promise<number> =>
  page.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll('.hud-tabs, [data-panel]')]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.height > 0)
        .map((r) => r.top),
    ),
  );

/** The panels shown, by their ids. */
const shownPanels = (page: Page): Promise<string[]> =>
  page.locator('[data-panel]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-panel')!));

/** The sheet's tabs, by the ids of their panels. */
const sheetTabs = (page: Page): Promise<string[]> =>
  page.getByTestId('sheet-tab').evaluateAll((els) => els.map((e) => e.getAttribute('data-tab')!));

/**
 * Clicks every panel's title bar that is not yet as wanted (collapsed or open), all in one go, and waits until
 * none is left: a real click per title, without waiting out each click's frames on a software-rendered page.
 */
async function setAllPanels(page: Page, collapsed: boolean): Promise<void> {
  const selector = `[data-testid="panel-toggle"][aria-expanded="${collapsed}"]`;
  await page.evaluate((s) => document.querySelectorAll<HTMLElement>(s).forEach((b) => b.click()), selector);
  await page.waitForFunction((s) => !document.querySelector(s), selector, { polling: 100 });
}

/** No overlaps (polled: the map's corner follows a layout change within half a second); the rectangles then. */
async function expectNoOverlaps(page: Page, what: string): Promise<PanelRect[]> {
  const overlaps = async () => overlappingPanels(await coverRects(page));
  await expect.poll(overlaps, { message: what, timeout: 3000 }).toEqual([]);
  return coverRects(page);
}

async function expectCityClear(page: Page, what: string): Promise<void> {
  const rects = await expectNoOverlaps(page, what);
  expect(await canvasShareOutside(page, rects), `${what}: share of the city in view`).toBeGreaterThanOrEqual(0.5);
}

/** The story caption and the chapter controls apart. */
async function expectCaptionClear(page: Page, what: string): Promise<void> {
  const rect = (selector: string) =>
    page.locator(selector).evaluate((el) => el.getBoundingClientRect().toJSON() as DOMRect);
  const caption = await rect('.story-caption');
  const controls = await rect('.story-controls');
  const w = Math.min(caption.right, controls.right) - Math.max(caption.left, controls.left);
  const h = Math.min(caption.bottom, controls.bottom) - Math.max(caption.top, controls.top);
  expect(w > 1 && h > 1, `${what}: the caption over the chapter controls`).toBe(false);
}

describe('the HUD and the story on every screen size', () => {
  let server: RunningServer;
  let browser: Browser;
  let open: { key: string; context: BrowserContext; page: Page } | null = null;
  const errors: string[] = [];

  /** The page of a mode on the desktop or the phone, at the size; opening one closes the one before. */
  async function pageFor(mode: Mode, size: Size): Promise<Page> {
    const phone = size === PHONE;
    const key = `${mode}-${phone ? 'phone' : 'desktop'}`;
    if (open?.key === key) {
      await open.page.setViewportSize({ width: size.width, height: size.height });
      return open.page;
    }
    await open?.context.close();
    const viewport = { width: size.width, height: size.height };
    const context = await browser.newContext(phone ? { viewport, isMobile: true, hasTouch: true } : { viewport });
    const page = await context.newPage();
    open = { key, context, page };
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(mode === 'live' ? `${server.url}/` : `${server.url}/?scenario=espoo-clean-heat&chapter=2`);
    const drawn = () => window.__twin?.buildingInstances > 0 && window.__twin.frameVersion > 0;
    await page.waitForFunction(drawn, null, { timeout: LOAD_MS, polling: 250 });
    if (mode === 'presentation') {
      await page.getByTestId('story-caption').waitFor({ state: 'visible', timeout: LOAD_MS });
      const settled = () => !document.querySelector('.story-status, [data-testid="clock-moving"]');
      await page.waitForFunction(settled, null, { timeout: LOAD_MS, polling: 250 });
    }
    return page;
  }

  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent' });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const size of DESKTOPS) {
    const title = 'panels apart, legend at the foot, flow labels apart, half the city with the panels collapsed';
    it(`live ${size.name}: ${title}`, async () => {
      const page = await pageFor('live', size);
      await setAllPanels(page, false);
      const rects = await expectNoOverlaps(page, 'every panel open');
      for (const name of ['Legend', 'Layers']) {
        const panel = rects.find((r) => r.name === name);
        expect(panel, name).toBeDefined();
        expect(panel!.top / size.height, `${name} keeps to the foot of the screen`).toBeGreaterThanOrEqual(0.6);
      }
      await expect.poll(() => page.locator('.hud-sankey svg text').count()).toBeGreaterThan(5);
      expect(await sankeyLabelClashes(page)).toEqual([]);
      await saveScreenshot(page, `viewports-live-${size.name}-open.png`);

      await setAllPanels(page, true);
      await expectCityClear(page, 'every panel collapsed');
      await saveScreenshot(page, `viewports-live-${size.name}-collapsed.png`);
      await setAllPanels(page, false);
    }, TEST_MS);
  }

  it('draws the map scale legibly, its bar exactly as long as the length it states', async () => {
    const page = await pageFor('live', DESKTOPS[1]);
    const scale = await page.evaluate(() => {
      const bar = document.querySelector<HTMLElement>('.map-scale-bar')!;
      return {
        textPx: parseFloat(getComputedStyle(document.querySelector('.map-scale-label')!).fontSize),
        // Drawn size, not the box of the arrow as the camera turns it.
        arrowPx: document.querySelector<SVGSVGElement>('[data-testid="north-arrow"] svg')!.height.baseVal.value,
        drawnPx: bar.getBoundingClientRect().width,
        statedPx: parseFloat(bar.style.width),
      };
    });
    expect(scale.textPx).toBeGreaterThanOrEqual(MAP_TEXT_PX);
    expect(scale.arrowPx).toBeGreaterThanOrEqual(2 * MAP_TEXT_PX);
    expect(scale.drawnPx).toBeCloseTo(scale.statedPx, 1);
  });

  for (const size of DESKTOPS) {
    const title = 'story and panels apart, half the city with the panels hidden or collapsed';
    it(`presentation ${size.name}: ${title}`, async () => {
      const page = await pageFor('presentation', size);
      await expectCityClear(page, 'panels hidden (H)');
      await page.getByTestId('panels-toggle').click();
      await setAllPanels(page, false);
      await expectNoOverlaps(page, 'every panel open');
      await saveScreenshot(page, `viewports-presentation-${size.name}-open.png`);
      await setAllPanels(page, true);
      await expectCityClear(page, 'every panel collapsed');
      await saveScreenshot(page, `viewports-presentation-${size.name}-collapsed.png`);
      await page.keyboard.press('h');
    }, TEST_MS);
  }

  it('phone, live: a bottom sheet; every panel opens from its tabs, one at a time, in 45 % of the screen', async () => {
    const page = await pageFor('live', PHONE);
    await expectCityClear(page, 'sheet lowered to its tabs');
    await saveScreenshot(page, 'viewports-live-phone-lowered.png');
    const tabs = await sheetTabs(page);
    expect(tabs).toEqual(expect.arrayContaining(['kpis', 'production', 'sankey', 'legend', 'layers']));
    for (const id of tabs) {
      await page.locator(`[data-tab="${id}"]`).tap();
      await expect.poll(() => shownPanels(page)).toEqual([id]);
      await expectNoOverlaps(page, `${id} open`);
      const sheetShare = (PHONE.height - (await sheetTop(page))) / PHONE.height;
      expect(sheetShare, `${id}: the sheet's height`).toBeLessThanOrEqual(SHEET_SHARE);
      if (id === 'sankey') {
        expect(await sankeyLabelClashes(page)).toEqual([]);
        await saveScreenshot(page, 'viewports-live-phone-sankey.png');
      }
    }
    // The open panel's tab again lowers the sheet to its tabs.
    await page.locator(`[data-tab="${tabs.at(-1)}"]`).tap();
    await expect.poll(() => shownPanels(page)).toEqual([]);
    await expectCityClear(page, 'sheet lowered again');
  }, TEST_MS);

  it('phone, presentation: caption, chapter controls and sheet apart; half the city with the panels away', async () => {
    const page = await pageFor('presentation', PHONE);
    await expectCityClear(page, 'panels hidden');
    await expectCaptionClear(page, 'panels hidden');
    await saveScreenshot(page, 'viewports-presentation-phone-hidden.png');
    await page.getByTestId('panels-toggle').tap();
    await expectCityClear(page, 'sheet lowered to its tabs');
    const tabs = await sheetTabs(page);
    expect(tabs).toEqual(expect.arrayContaining(['kpis', 'production']));
    for (const id of tabs) {
      await page.locator(`[data-tab="${id}"]`).tap();
      await expect.poll(() => shownPanels(page)).toEqual([id]);
      await expectNoOverlaps(page, `${id} open`);
      await expectCaptionClear(page, `${id} open`);
      const sheetShare = (PHONE.height - (await sheetTop(page))) / PHONE.height;
      expect(sheetShare, `${id}: the sheet's height`).toBeLessThanOrEqual(SHEET_SHARE);
    }
    await saveScreenshot(page, 'viewports-presentation-phone-sheet.png');
    expect(errors).toEqual([]);
  }, TEST_MS);
});
