/**
 * The exhibit kiosk end to end: the real server and built client, a real touch browser (Chromium, software
 * WebGL) at 1920x1080 on /exhibit?config=test, an exhibit document written for the test into a temporary assets
 * folder (the real scenarios and stories linked beside it) with a short idle time. Checks that the idle page is the
 * attract loop with a live figure; a tap opens the story cards; a card opens a chapter in the kiosk's own
 * session whose big number is a real figure; the language buttons change every visible string; without a touch
 * the countdown shows and the kiosk returns to the attract loop and deletes its session; and no element leads out
 * of /exhibit. Screenshots: test-output/exhibit-{attract,cards,chapter-en}.png.
 */
/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ExhibitInput } from '../../shared/exhibit/schema';
import { startServer, type RunningServer } from '../../server/main';
import { SCENARIO_DIR } from '../../server/scenarios/load';
import { launchChromium, saveScreenshot } from './browser';

const IDLE_S = 25;
const COUNTDOWN_S = 5;

const TEST_EXHIBIT: ExhibitInput = {
  stories: [
    {
      scenario: 'espoo-district',
      title: 'exhibit.district.title',
      chapters: [
        { chapter: 2, caption: 'exhibit.district.dataCentre', figure: 'now.heatBySourceMW.datacentre', label: 'exhibit.label.dataCentreHeat' },
        { chapter: 1, caption: 'exhibit.district.network', figure: 'now.heatDemandMW', label: 'exhibit.label.heatDemand' },
      ],
    },
  ],
  languages: ['fi', 'sv', 'en'],
  defaultLanguage: 'fi',
  idleS: IDLE_S,
  countdownS: COUNTDOWN_S,
  attract: [
    { scenario: 'espoo-district', focus: { city: true }, line: 'exhibit.attract.city', figure: 'now.heatDemandMW', label: 'exhibit.label.heatDemand' },
  ],
};

/** Lines that read the same in every language: language codes, numbers with their units, punctuation. */
const LANGUAGE_FREE = /^[\s\d.,:·/‹›…%€°−–+-]*(MW|MWh|t|kW|°C|FI|SV|EN|\s)*[\s\d.,:·/‹›…%€°−–+-]*$/;

describe('exhibit kiosk in a touch browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let assets: string;
  const pageErrors: string[] = [];

  const screen = () => page.locator('main.exhibit').getAttribute('data-screen');
  const mainText = () => page.locator('main.exhibit').innerText();
  const bigValue = () => page.getByTestId('exhibit-big-figure').locator('[data-value]').getAttribute('data-value');
  const noWayOut = async () => {
    const leads = await page.evaluate(() => ({
      anchors: document.querySelectorAll('a[href], area[href], form, [target]').length,
      path: location.pathname,
    }));
    expect(leads).toEqual({ anchors: 0, path: '/exhibit' });
  };

  beforeAll(async () => {
    assets = mkdtempSync(join(tmpdir(), 'heattwin-exhibit-'));
    const real = resolve(SCENARIO_DIR, '..');
    symlinkSync(join(real, 'scenarios'), join(assets, 'scenarios'));
    symlinkSync(join(real, 'stories'), join(assets, 'stories'));
    mkdirSync(join(assets, 'exhibits'));
    writeFileSync(join(assets, 'exhibits', 'test.json'), JSON.stringify(TEST_EXHIBIT));
    server = await startServer({ port: 0, logLevel: 'silent', scenarioDir: join(assets, 'scenarios') });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server.url}/exhibit?config=test`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (assets) rmSync(assets, { recursive: true, force: true });
  }, 30_000);

  it('serves the exhibit document, 404 for an unknown one', async () => {
    const ok = await fetch(`${server.url}/api/exhibits/test`);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { idleS: number }).idleS).toBe(IDLE_S);
    expect((await fetch(`${server.url}/api/exhibits/nothing-here`)).status).toBe(404);
  });

  it('shows the attract loop with a live figure when idle', async () => {
    await expect.poll(screen, { timeout: 20_000 }).toBe('attract');
    await expect.poll(bigValue, { timeout: 45_000 }).toMatch(/^-?\d/);
    await expect(page.getByTestId('exhibit-call').innerText()).resolves.toMatch(/Kosketa ja tutki|Rör för att utforska|Touch to explore/);
    await noWayOut();
    await saveScreenshot(page, 'exhibit-attract.png');
  }, 70_000);

  it('opens the story cards with a tap, and a card opens a chapter in its own session', async () => {
    await page.touchscreen.tap(960, 600);
    await expect.poll(screen, { timeout: 10_000 }).toBe('cards');
    expect(await page.getByTestId('exhibit-card').count()).toBe(1);
    await noWayOut();
    await saveScreenshot(page, 'exhibit-cards.png');

    await page.getByTestId('exhibit-card').tap();
    await expect.poll(screen, { timeout: 10_000 }).toBe('chapter');
    const session = page.locator('main.exhibit');
    await expect.poll(() => session.getAttribute('data-session'), { timeout: 30_000 }).toMatch(/.+/);
    const id = (await session.getAttribute('data-session'))!;
    expect(server.registry.get(id)?.scenario.id).toBe('espoo-district');
    expect(server.registry.get(id)?.isPublic).toBe(false);
    await expect.poll(bigValue, { timeout: 30_000 }).toMatch(/^-?\d/);
    const shown = await page.getByTestId('exhibit-big-figure').locator('.exhibit-figure-value').innerText();
    expect(shown).not.toBe('…');
    expect(shown).toMatch(/\d,\d\d\u00a0MW/); // Finnish: decimal comma
    await noWayOut();
  }, 60_000);

  it('switches every visible string with the language buttons', async () => {
    const texts: Record<string, string[]> = {};
    for (const lang of ['fi', 'sv', 'en'] as const) {
      await page.getByTestId(`exhibit-language-${lang}`).tap();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 10_000 }).toBe(lang);
      await page.waitForTimeout(300);
      texts[lang] = (await mainText()).split('\n').map((l) => l.trim()).filter((l) => l !== '');
      if (lang === 'en') await saveScreenshot(page, 'exhibit-chapter-en.png');
    }
    for (const [a, b] of [['fi', 'sv'], ['fi', 'en'], ['sv', 'en']]) {
      const same = texts[a].filter((line) => texts[b].includes(line) && !LANGUAGE_FREE.test(line));
      expect(same, `${a}/${b} lines left untranslated`).toEqual([]);
    }
    expect(texts.en.join(' ')).toContain('Next');
    expect(texts.fi.join(' ')).toContain('Seuraava');
    expect(texts.sv.join(' ')).toContain('Nästa');
  }, 45_000);

  it('counts down without a touch, returns to the attract loop and deletes its session', async () => {
    const id = (await page.locator('main.exhibit').getAttribute('data-session'))!;
    expect(await page.getByTestId('exhibit-countdown').isVisible()).toBe(false);
    await page.getByTestId('exhibit-countdown').waitFor({ state: 'visible', timeout: (IDLE_S + 5) * 1000 });
    await expect.poll(screen, { timeout: (COUNTDOWN_S + 5) * 1000 }).toBe('attract');
    await expect.poll(() => server.registry.get(id), { timeout: 10_000 }).toBeUndefined();
    await noWayOut();
    expect(pageErrors).toEqual([]);
  }, (IDLE_S + 25) * 1000);
});
