/**
 * Headless Chromium for the end-to-end test and the render benchmark: Debian's /usr/bin/chromium (or
 * CHROMIUM_PATH) driven by playwright-core, WebGL through SwiftShader (software, no GPU needed), and every
 * background service that would phone home switched off.
 */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const TEST_OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-output');

export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

/** Saves a screenshot under test-output/ and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_OUTPUT, { recursive: true });
  const path = join(TEST_OUTPUT, name);
  await page.screenshot({ path });
  return path;
}

/**
 * The 3D canvas alone as PNG: every element that neither contains nor is inside the canvas is hidden for the
 * shot, so HUD panels cannot make a blank scene look busy.
 */
export async function canvasOnlyScreenshot(page: Page): Promise<Buffer> {
  await page.evaluate(() => {
    const canvas = document.querySelector('canvas');
    if (!canvas) throw new Error('no canvas on the page');
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (el.contains(canvas) || canvas.contains(el)) continue;
      el.dataset.e2eVisibility = el.style.visibility;
      el.style.visibility = 'hidden';
    }
  });
  try {
    return await page.locator('canvas').first().screenshot();
  } finally {
    await page.evaluate(() => {
      for (const el of document.body.querySelectorAll<HTMLElement>('[data-e2e-visibility]')) {
        el.style.visibility = el.dataset.e2eVisibility ?? '';
        delete el.dataset.e2eVisibility;
      }
    });
  }
}

export interface PixelStats {
  /** Standard deviation of luminance over all pixels (0-255). */
  lumaStd: number;
  /** Distinct colours after quantising each channel to 5 bits. */
  colours: number;
}

/** Decodes a PNG in the page (the browser has a decoder; Node has none without a package) and measures it. */
export async function pixelStats(page: Page, png: Buffer): Promise<PixelStats> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    let sumSq = 0;
    const colours = new Set<number>();
    const n = px.length / 4;
    for (let i = 0; i < px.length; i += 4) {
      const y = 0.2126 * px[i] + 0.7152 * px[i + 1] + 0.0722 * px[i + 2];
      sum += y;
      sumSq += y * y;
      colours.add(((px[i] >> 3) << 10) | ((px[i + 1] >> 3) << 5) | (px[i + 2] >> 3));
    }
    const mean = sum / n;
    return { lumaStd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), colours: colours.size };
  }, png.toString('base64'));
}
