/**
 * Render benchmark: the built client in headless Chromium at 1280x720 (SwiftShader software WebGL, so
 * frame rates are relative figures, for comparing changes on one machine), for the default scenario and for a
 * generated 10,000-building city. For each: time from navigation to the first drawn city frame, frames per
 * second (requestAnimationFrame callbacks over --seconds, default 10), draw calls and triangles per frame and
 * building instances (window.__twin, written by the scene), and the page's JS heap (CDP Performance metrics).
 * Also the initial JS the page loads (entry chunk plus the chunks it preloads), gzipped. Prints each against its
 * target: draw calls <= 50, city within 3 s, main bundle <= 500 KB gzip.
 *   npm run bench:render [-- --seconds 10 --buildings 10000]
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateCity } from '../server/generator/city';
import { ensureClientBuilt } from '../server/buildClientIfStale';
import { startServer, type StartOptions } from '../server/main';
import { findChromium, launchChromium, saveScreenshot, type ChromiumBuild } from '../test/e2e/browser';
import type { TwinDebug } from '../client/src/debug';

const TARGET_DRAW_CALLS = 50;
const TARGET_FIRST_CITY_MS = 3000;
const TARGET_MAIN_BUNDLE_GZIP_KB = 500;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const SECONDS = Number(arg('seconds', '10'));
const BIG_CITY_BUILDINGS = Number(arg('buildings', '10000'));
if (!(SECONDS > 0 && SECONDS <= 120) || !(BIG_CITY_BUILDINGS >= 80 && BIG_CITY_BUILDINGS <= 50_000)) {
  console.error('usage: bench/render.ts [--seconds 1-120] [--buildings 80-50000]');
  process.exit(2);
}

const DIST = resolve(fileURLToPath(new URL('../client/dist', import.meta.url)));

interface BundleSize {
  initialGzipKB: number;
  chunks: { file: string; kb: number; gzipKB: number; initial: boolean }[];
}

/** The entry script and its modulepreload links, as index.html names them, make the main bundle. */
function bundleSize(): BundleSize {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]));
  const chunks = readdirSync(join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const bytes = readFileSync(join(DIST, 'assets', f));
      return { file: f, kb: bytes.length / 1024, gzipKB: gzipSync(bytes, { level: 9 }).length / 1024, initial: initial.has(`assets/${f}`) };
    })
    .sort((a, b) => b.gzipKB - a.gzipKB);
  return { initialGzipKB: chunks.filter((c) => c.initial).reduce((s, c) => s + c.gzipKB, 0), chunks };
}

interface CaseResult {
  case: string;
  buildings: number;
  buildingInstances: number;
  firstCityMs: number;
  /** Navigation to DOMContentLoaded (the scripts parsed and run): the part of firstCityMs spent loading. */
  domReadyMs: number;
  fps: number;
  drawCalls: number;
  triangles: number;
  jsHeapMB: number;
}

async function measure(name: string, opts: Partial<StartOptions>, chromium: ChromiumBuild): Promise<CaseResult> {
  const server = await startServer({ port: 0, logLevel: 'warn', ...opts });
  const browser = await launchChromium(chromium);
  try {
    const buildings = server.registry.get('public')!.scenario.buildings.length;
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (err) => console.error(`[${name}] page error: ${err.message}`));
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForFunction(() => window.__twin?.buildingInstances > 0 && window.__twin.frameVersion > 0, null, {
      timeout: 120_000,
      polling: 50,
    });
    const firstCityMs = Date.now() - t0;
    const domReadyMs = await page.evaluate<number>('performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd');
    // A string, not a function: tsx keeps function names with a helper (__name) the page does not have.
    const fps = await page.evaluate<number>(`new Promise((done) => {
      let frames = 0;
      const start = performance.now();
      requestAnimationFrame(function tick(now) {
        frames++;
        if (now - start < ${SECONDS * 1000}) requestAnimationFrame(tick);
        else done(frames / ((now - start) / 1000));
      });
    })`);
    const twin = await page.evaluate((): Omit<TwinDebug, 'screenOfBuilding'> => ({ ...window.__twin }));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    await saveScreenshot(page, `bench-render-${name}.png`);
    return {
      case: name,
      buildings,
      buildingInstances: twin.buildingInstances,
      firstCityMs,
      domReadyMs: Math.round(domReadyMs),
      fps,
      drawCalls: twin.drawCalls,
      triangles: twin.triangles,
      jsHeapMB: heapBytes / 2 ** 20,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

const verdict = (ok: boolean): string => (ok ? 'ok  ' : 'MISS');

async function main(): Promise<void> {
  const chromium = await findChromium();
  if (ensureClientBuilt()) console.log('built the client (client/dist was missing or stale)');
  const bundle = bundleSize();

  const bigDir = mkdtempSync(join(tmpdir(), 'heattwin-render-'));
  const bigId = `city-${BIG_CITY_BUILDINGS}`;
  writeFileSync(join(bigDir, `${bigId}.json`), JSON.stringify(generateCity({ seed: 1, buildings: BIG_CITY_BUILDINGS, id: bigId })));
  const results: CaseResult[] = [];
  try {
    results.push(await measure('default', {}, chromium));
    results.push(await measure(bigId, { scenarioDir: bigDir, publicScenario: bigId }, chromium));
  } finally {
    rmSync(bigDir, { recursive: true, force: true });
  }

  console.log(`\nRender benchmark: Chromium 1280x720, SwiftShader (software GL: fps is a relative figure), ${SECONDS} s per case\n`);
  console.log('JS chunks (gzip level 9; * = loaded up front):');
  for (const c of bundle.chunks) console.log(`  ${c.initial ? '*' : ' '} ${c.file.padEnd(36)} ${c.kb.toFixed(1).padStart(8)} KB  ${c.gzipKB.toFixed(1).padStart(7)} KB gzip`);
  console.log('');
  const pad = (s: string | number, n: number): string => String(s).padStart(n);
  console.log(`${'case'.padEnd(12)}${pad('buildings', 10)}${pad('instances', 10)}${pad('first city', 12)}${pad('DOM ready', 11)}${pad('fps', 7)}${pad('draws', 7)}${pad('triangles', 11)}${pad('JS heap', 10)}`);
  for (const r of results)
    console.log(
      `${r.case.padEnd(12)}${pad(r.buildings, 10)}${pad(r.buildingInstances, 10)}${pad(`${r.firstCityMs} ms`, 12)}${pad(`${r.domReadyMs} ms`, 11)}${pad(r.fps.toFixed(1), 7)}` +
        `${pad(r.drawCalls, 7)}${pad(r.triangles.toLocaleString('en'), 11)}${pad(`${r.jsHeapMB.toFixed(0)} MB`, 10)}`,
    );
  console.log('\nTargets:');
  for (const r of results) {
    console.log(`  ${verdict(r.drawCalls <= TARGET_DRAW_CALLS)} ${r.case}: draw calls ${r.drawCalls} <= ${TARGET_DRAW_CALLS}`);
    console.log(`  ${verdict(r.firstCityMs <= TARGET_FIRST_CITY_MS)} ${r.case}: city visible in ${r.firstCityMs} ms <= ${TARGET_FIRST_CITY_MS} ms`);
    console.log(`  ${verdict(r.buildingInstances === r.buildings)} ${r.case}: ${r.buildingInstances} building instances for ${r.buildings} buildings`);
  }
  console.log(
    `  ${verdict(bundle.initialGzipKB <= TARGET_MAIN_BUNDLE_GZIP_KB)} main bundle ${bundle.initialGzipKB.toFixed(0)} KB gzip <= ${TARGET_MAIN_BUNDLE_GZIP_KB} KB`,
  );
  console.log(`\n${JSON.stringify({ bench: 'render', seconds: SECONDS, mainBundleGzipKB: bundle.initialGzipKB, results })}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
