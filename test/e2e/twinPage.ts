/**
 * A page of the running twin for the browser tests: page errors and console errors (a Content-Security-Policy
 * violation is one) collected, a wait until the city is drawn with live frames, and the colours of building
 * roofs as they are on screen.
 */
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { canvasOnlyScreenshot, decodePngInPage, saveScreenshot } from './browser';

export interface TwinPage {
  page: Page;
  /** Page errors and console errors since the page opened. */
  errors: string[];
}

export async function openPage(browser: Browser): Promise<TwinPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { page, errors };
}

/** Waits until the scene has drawn its buildings with at least one frame newer than `afterVersion`. */
export async function waitForCity({ page, errors }: TwinPage, shot: string, afterVersion = 0): Promise<void> {
  try {
    await page.waitForFunction((v) => window.__twin?.buildingInstances > 0 && window.__twin.frameVersion > v, afterVersion, { timeout: 30_000 });
  } catch (err) {
    await saveScreenshot(page, shot);
    const twin = await page.evaluate(() => JSON.stringify(window.__twin ?? null));
    throw new Error(`no city drawn within 30 s (window.__twin = ${twin}; page errors: ${errors.join(' | ') || 'none'})`, { cause: err });
  }
}

/** Every building's instance colour as the scene holds it (linear RGB 0-1). */
export function buildingColours(page: Page): Promise<Array<[number, number, number] | null>> {
  return page.evaluate(() => Array.from({ length: window.__twin.buildingInstances }, (_, i) => window.__twin.buildingColour(i)));
}

/**
 * Luma (0-255) of the canvas pixel at each on-screen building's roof centre, HUD hidden. A roof may be hidden
 * behind a taller neighbour, so callers judge the share of roofs, not each one.
 */
export async function roofLumas(page: Page): Promise<number[]> {
  const image = await decodePngInPage(page, await canvasOnlyScreenshot(page));
  try {
    return await image.evaluate((c) => {
      const px = c.data;
      const canvas = document.querySelector('canvas')!.getBoundingClientRect();
      const lumas: number[] = [];
      for (let i = 0; i < window.__twin.buildingInstances; i++) {
        const p = window.__twin.screenOfBuilding(i);
        if (!p) continue;
        const x = Math.round(((p.x - canvas.left) / canvas.width) * c.width);
        const y = Math.round(((p.y - canvas.top) / canvas.height) * c.height);
        if (x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
        const o = (y * c.width + x) * 4;
        lumas.push(0.2126 * px[o] + 0.7152 * px[o + 1] + 0.0722 * px[o + 2]);
      }
      return lumas;
    });
  } finally {
    await image.dispose();
  }
}

/** A panel on screen: its name (aria-label, else its class) and its rectangle in CSS px. */
export interface PanelRect {
  name: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Every outermost HUD and story panel with a size (a panel inside another is part of it). */
export function panelRects(page: Page): Promise<PanelRect[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.hud-panel, .story-panel')]
      .filter((el) => !el.parentElement?.closest('.hud-panel, .story-panel'))
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute('aria-label') ?? el.className;
        return { name, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      })
      .filter((r) => r.right > r.left && r.bottom > r.top),
  );
}

/** Pairs of panels whose rectangles share more than a pixel, as "a / b". */
export function overlappingPanels(rects: PanelRect[]): string[] {
  const pairs: string[] = [];
  rects.forEach((a, i) =>
    rects.slice(i + 1).forEach((b) => {
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) pairs.push(`${a.name} / ${b.name}`);
    }),
  );
  return pairs;
}

/** The share of the window where the city's canvas shows under none of the rectangles (sampled every 4 CSS px). */
export function canvasShareOutside(page: Page, rects: readonly Omit<PanelRect, 'name'>[]): Promise<number> {
  return page.evaluate((covers) => {
    const canvas = document.querySelector('canvas')!.getBoundingClientRect();
    let seen = 0;
    let all = 0;
    for (let y = 2; y < innerHeight; y += 4)
      for (let x = 2; x < innerWidth; x += 4) {
        all++;
        const onCanvas = x >= canvas.left && x < canvas.right && y >= canvas.top && y < canvas.bottom;
        if (onCanvas && !covers.some((p) => x >= p.left && x < p.right && y >= p.top && y < p.bottom)) seen++;
      }
    return seen / all;
  }, rects);
}

/** The share of the window where the city's canvas shows, under no panel. */
export async function uncoveredShare(page: Page): Promise<number> {
  const panels = await page.evaluate(() =>
    [...document.querySelectorAll('.hud-panel, .story-panel')].map((el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    }),
  );
  return canvasShareOutside(page, panels);
}

/** Clicks panel titles until every panel is collapsed (or every one open). */
export async function setPanelsCollapsed(page: Page, collapsed: boolean): Promise<void> {
  const toggles = page.locator(`[data-testid="panel-toggle"][aria-expanded="${collapsed}"]`);
  for (let n = await toggles.count(); n > 0; n--) await toggles.first().click();
  await page.waitForFunction(
    (c) => !document.querySelector(`[data-testid="panel-toggle"][aria-expanded="${c}"]`),
    collapsed,
  );
}
