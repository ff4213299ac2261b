/**
 * Headless Chromium for the end-to-end tests and the render benchmark, driven by playwright-core with WebGL
 * through SwiftShader (software, no GPU needed) and every background service that would phone home switched off.
 * The browser is CHROMIUM_PATH when set, else Debian's /usr/bin/chromium when installed, else the headless
 * Chromium that the @sparticuz/chromium package carries (brotli archives inside the package, so `npm ci` brings it
 * with no system package, no root and no install script), unpacked once into the temp directory.
 */
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type JSHandle, type Page } from 'playwright-core';
import { z } from 'zod';

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

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** A Chromium binary and the environment it needs beside the caller's. */
export interface ChromiumBuild {
  executablePath: string;
  env: Record<string, string>;
}

const chromiumPathFlag = z
  .string()
  .min(1)
  .refine((p) => existsSync(p), { message: 'no file at this path' });

/** CHROMIUM_PATH, else Debian's Chromium, else the one from npm. */
export async function findChromium(): Promise<ChromiumBuild> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined) {
    const parsed = chromiumPathFlag.safeParse(fromEnv);
    if (!parsed.success) throw new Error(`CHROMIUM_PATH: ${parsed.error.issues[0].message} (${fromEnv})`);
    return { executablePath: parsed.data, env: {} };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, env: {} };
  return unpackPackagedChromium();
}

const packageRequire = createRequire(import.meta.url);

/**
 * Unpacks @sparticuz/chromium's browser into `<root>/heattwin-chromium-<version>` unless it is there already.
 * The package unpacks into the temp directory it is given, non-atomically; so it runs in a child process whose
 * TMPDIR is a fresh staging directory, which is then renamed into place: concurrent test files (or an unpacking
 * cut short) never see half a browser. It unpacks its NSS and expat libraries only where it detects Amazon Linux
 * 2023, so the child claims that runtime: with those libraries the browser needs nothing from the system beyond
 * glibc. Its fonts come with it too (Open Sans), listed in a fontconfig file of our own because the package's
 * own file names fixed paths under /tmp.
 */
export async function unpackPackagedChromium(root = tmpdir()): Promise<ChromiumBuild> {
  const entry = packageRequire.resolve('@sparticuz/chromium');
  const pkg = JSON.parse(readFileSync(join(dirname(entry), '../../package.json'), 'utf8')) as { version: string };
  const dir = join(root, `heattwin-chromium-${pkg.version}`);
  const build: ChromiumBuild = {
    executablePath: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: join(dir, 'fonts'),
      // This build takes its language from the C library's locale: under C or C.UTF-8 it reports
      // "en-US@posix", which Intl rejects as a language tag. Debian's build reports en-US there.
      LC_ALL: 'en_US.UTF-8',
    },
  };
  if (existsSync(dir)) return build;

  const staging = mkdtempSync(`${dir}-unpacking-`);
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-e', 'require(process.argv[1]).executablePath().then((p) => process.stdout.write(p))', entry],
      { env: { ...process.env, TMPDIR: staging, AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x' } },
    );
    if (stdout !== join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${stdout}, not into ${staging}`);
    writeFileSync(
      join(staging, 'fonts', 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    // Another process renamed its complete copy into place first.
    if (!existsSync(join(dir, 'chromium'))) throw err;
  }
  return build;
}

export async function launchChromium(build?: ChromiumBuild): Promise<Browser> {
  const { executablePath, env } = build ?? (await findChromium());
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, env: { ...process.env, ...env } });
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

/**
 * Decodes a PNG in the page (the browser has a decoder; Node has none without a package). The pixels stay in the
 * page: measure them with `handle.evaluate`, then dispose of the handle.
 */
export function decodePngInPage(page: Page, png: Buffer): Promise<JSHandle<ImageData>> {
  return page.evaluateHandle(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height);
  }, png.toString('base64'));
}

/** Luminance spread and colour count of a PNG. */
export async function pixelStats(page: Page, png: Buffer): Promise<PixelStats> {
  const image = await decodePngInPage(page, png);
  try {
    return await image.evaluate(({ data: px }) => {
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
    });
  } finally {
    await image.dispose();
  }
}
