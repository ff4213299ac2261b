/**
 * Presentation mode end to end: the real server and built client, a real browser (Chromium, software
 * WebGL) at 1920x1080. Opens `/?scenario=espoo-district&chapter=1`, which creates the page's own session;
 * advances with the keyboard (presenter/clicker keys) and checks that the caption, the chapter counter, the URL
 * and the camera change; that the KPI cards show exactly what the session sent (a second, independent Socket.IO
 * client joins the same session and records every `kpi` event; a card must equal the recorded sample of the same
 * simulated time); that the before/after views show the baseline and the CO2, cost and fuel differences from the
 * same stream; that the scenario picker lists every scenario file; and that a kiosk's `&autoplay` steps by itself and starts over when its session ends.
 * The browser comes from ./browser.ts (Debian's Chromium, else the one npm brings), so these tests never skip.
 * Screenshots: test-output/presentation-chapter{1,2,3,5,6}.png, presentation-picker.png.
 */
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import type { KpiSample } from '../../shared/protocol/session';
import { kpiValue, type StoryKpiKey } from '../../shared/story/kpis';
import { parseStory } from '../../shared/story/validate';
import { kpiCard } from '../../client/src/story/kpiText';
import { startServer, type RunningServer } from '../../server/main';
import { listScenarioIds, SCENARIO_DIR } from '../../server/scenarios/load';
import { launchChromium, saveScreenshot } from './browser';

const STORY = parseStory(JSON.parse(readFileSync(resolve(SCENARIO_DIR, '../stories/espoo-district.json'), 'utf8')));

interface Camera {
  x: number;
  y: number;
  z: number;
  targetX: number;
  targetY: number;
  targetZ: number;
  flying: boolean;
}

describe('presentation mode in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let watcher: Socket;
  /** Every KPI sample the session sent, by simulated time. */
  const sent = new Map<number, KpiSample>();
  const pageErrors: string[] = [];

  const chapterShown = () => page.evaluate(() => window.__twin.story?.chapter ?? 0);
  const cameraAtRest = async (): Promise<Camera> => {
    await page.waitForFunction(() => window.__twin.camera && !window.__twin.camera.flying, null, { timeout: 20_000 });
    return page.evaluate(() => window.__twin.camera!);
  };
  const captionTitle = () => page.getByTestId('story-caption').locator('h1').innerText();
  /** Presses a key and waits until the page shows chapter `n` (1-based) with the camera at rest. */
  const press = async (key: string, n: number): Promise<Camera> => {
    await page.keyboard.press(key);
    await expect.poll(chapterShown, { timeout: 5000 }).toBe(n);
    return cameraAtRest();
  };

  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`);
    });
    await page.goto(`${server.url}/?scenario=espoo-district&chapter=1`);
    await page.waitForFunction(() => !!window.__twin?.story?.sessionId && window.__twin.buildingInstances > 0 && window.__twin.frameVersion > 0, null, {
      timeout: 45_000,
    });
    const sessionId = await page.evaluate(() => window.__twin.story!.sessionId!);
    watcher = io(server.url, { transports: ['websocket'] });
    watcher.on('kpi', (k: KpiSample) => sent.set(k.simTimeS, k));
    await new Promise<void>((res, rej) => {
      watcher.on('connect', () => watcher.emit('join', { sessionId }, (ack: { ok: boolean; error?: string }) => (ack.ok ? res() : rej(new Error(ack.error)))));
    });
  }, 90_000);

  afterAll(async () => {
    watcher?.disconnect();
    await browser?.close();
    await server?.close();
  });

  it('opens the story at the chapter in the URL, in its own session', async () => {
    await cameraAtRest();
    expect(await captionTitle()).toBe(STORY.chapters[0].title);
    expect(await page.getByTestId('chapter-counter').innerText()).toBe(`1 / ${STORY.chapters.length}`);
    const info = await page.evaluate(() => window.__twin.story!);
    expect(info.sessionId).not.toBe('public');
    expect(server.registry.get(info.sessionId!)?.scenario.id).toBe('espoo-district');
    await page.waitForTimeout(1500);
    await saveScreenshot(page, 'presentation-chapter1.png');
  });

  it('advances with presenter keys: caption, camera and URL change', async () => {
    const first = await cameraAtRest();
    const second = await press('ArrowRight', 2);
    expect(await captionTitle()).toBe(STORY.chapters[1].title);
    expect(new URL(page.url()).searchParams.get('chapter')).toBe('2');
    // The camera moved from the whole city to the data centre: its target is the data hall B0122 (plan -471, 5).
    expect(Math.hypot(second.x - first.x, second.z - first.z)).toBeGreaterThan(100);
    expect(Math.hypot(second.targetX - -471, second.targetZ - -5.4)).toBeLessThan(40);
    await page.waitForTimeout(1000);
    await saveScreenshot(page, 'presentation-chapter2.png');

    const third = await press('PageDown', 3);
    expect(await captionTitle()).toBe(STORY.chapters[2].title);
    expect(new URL(page.url()).searchParams.get('chapter')).toBe('3');
    expect(Math.hypot(third.targetX - second.targetX, third.targetZ - second.targetZ)).toBeGreaterThan(500);
    await saveScreenshot(page, 'presentation-chapter3.png');

    await press('ArrowLeft', 2);
    expect(await captionTitle()).toBe(STORY.chapters[1].title);
    await press(' ', 3);
  }, 60_000);

  it('shows the KPIs the simulation sent', async () => {
    const cards = page.getByTestId('story-kpi');
    await expect.poll(() => cards.count()).toBe(STORY.chapters[2].kpis.length);
    // Wait for a card sample the watcher also received (both get the same kpi events of the session).
    let shown: { key: string; value: string; simTime: string; text: string }[] = [];
    await expect
      .poll(
        async () => {
          shown = await cards.evaluateAll((els) =>
            els.map((e) => ({ key: e.dataset.kpi!, value: e.dataset.value!, simTime: e.dataset.simTime!, text: e.querySelector('.story-kpi-value')!.textContent })),
          );
          return shown.length > 0 && shown.every((c) => sent.has(Number(c.simTime)));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    for (const c of shown) {
      const sample = sent.get(Number(c.simTime))!;
      const expected = kpiValue(sample, c.key as StoryKpiKey);
      expect(Number(c.value), c.key).toBe(expected);
      expect(c.text, c.key).toBe(kpiCard(c.key as StoryKpiKey, expected).text);
    }
  });

  it('fills the caption with the figures of the simulation, each labelled with its period', async () => {
    // Chapter 3's caption binds the network losses now, which one of its KPI cards shows too.
    const figure = page.getByTestId('story-caption').locator('[data-figure="now.networkLossMW"]');
    await expect.poll(async () => (await figure.getAttribute('data-value')) ?? '', { timeout: 10_000 }).not.toBe('');
    const both = () =>
      page.evaluate(() => [
        document.querySelector('[data-figure="now.networkLossMW"]')!.getAttribute('data-value'),
        document.querySelector('[data-kpi="networkLossMW"]')!.getAttribute('data-value'),
      ]);
    await expect.poll(async () => new Set(await both()).size, { timeout: 5000 }).toBe(1);
    expect(await figure.locator('.bound-period').innerText()).toMatch(/^now$/i);
    expect(await page.getByTestId('story-caption').innerText()).not.toContain('{');
  });

  it('veils a chapter whose clock jumps until the session has arrived at its moment', async () => {
    await page.keyboard.press('ArrowRight');
    const veil = page.getByTestId('clock-moving');
    await veil.waitFor({ state: 'visible', timeout: 5000 });
    await veil.waitFor({ state: 'detached', timeout: 30_000 });
    const at = Date.parse(`${STORY.chapters[3].at}Z`) / 1000;
    const times = await page.getByTestId('story-kpi').evaluateAll((els) => els.map((e) => Number(e.dataset.simTime)));
    expect(times.every((t) => t >= at)).toBe(true);
  }, 40_000);

  it('runs the time-lapse chapter on the session clock', async () => {
    expect(await chapterShown()).toBe(4);
    await cameraAtRest();
    // The chapter jumps to its `at` and runs a day in a minute.
    const id = await page.evaluate(() => window.__twin.story!.sessionId!);
    await expect.poll(() => server.registry.get(id)!.info().speed, { timeout: 20_000 }).toBe(STORY.chapters[3].speed);
    const at = Date.parse(`${STORY.chapters[3].at}Z`) / 1000;
    expect(server.registry.get(id)!.info().simTimeS).toBeGreaterThanOrEqual(at);
  }, 40_000);

  it('shows the baseline and, side by side, the CO2, cost and fuel differences from the KPI stream', async () => {
    await press('ArrowRight', 5);
    expect(STORY.chapters[4].view).toBe('baseline');
    await page.getByTestId('baseline-banner').waitFor({ state: 'visible' });
    expect(await page.getByTestId('baseline-banner').innerText()).toMatch(/Coal-fired/);
    await page.waitForTimeout(2000);
    await saveScreenshot(page, 'presentation-chapter5.png');

    await press('End', STORY.chapters.length);
    expect(STORY.chapters.at(-1)!.view).toBe('compare');
    const panel = page.getByTestId('compare-panel');
    await panel.waitFor({ state: 'visible' });
    let rows: { id: string; baseline: number; actual: number; difference: number }[] = [];
    let simTime = 0;
    await expect
      .poll(
        async () => {
          simTime = Number(await panel.getAttribute('data-sim-time'));
          rows = await panel.locator('[data-difference]').evaluateAll((els) =>
            els.map((e) => ({ id: e.dataset.testid!, baseline: Number(e.dataset.baseline), actual: Number(e.dataset.actual), difference: Number(e.dataset.difference) })),
          );
          return rows.length === 3 && sent.has(simTime);
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const k = sent.get(simTime)!;
    const expected: Record<string, [number, number]> = {
      'compare-co2': [k.baselineCo2Tonnes, k.co2Tonnes],
      'compare-cost': [k.baselineCostEur, k.costEur],
      'compare-fuel': [k.baselineFuelMWh, k.fuelMWh],
    };
    expect(rows.map((r) => r.id).sort()).toEqual(Object.keys(expected).sort());
    for (const r of rows) {
      expect([r.baseline, r.actual], r.id).toEqual(expected[r.id]);
      expect(r.difference, r.id).toBe(expected[r.id][0] - expected[r.id][1]);
    }
    // The coal baseline emits more than the waste-heat city over any simulated hour of January.
    expect(k.baselineCo2Tonnes).toBeGreaterThan(k.co2Tonnes);
    await page.waitForTimeout(1000);
    await saveScreenshot(page, 'presentation-chapter6.png');
    expect(new URL(page.url()).searchParams.get('chapter')).toBe(String(STORY.chapters.length));

    await press('Home', 1);
    expect(new URL(page.url()).searchParams.get('chapter')).toBe('1');
  }, 60_000);

  it("binds the simulated year the server ran for the scenario", async () => {
    await press('End', STORY.chapters.length);
    const figure = page.getByTestId('story-caption').locator('[data-figure="year.baselineCo2Tonnes"]');
    // The year runs in a worker on first request: tens of seconds on a slow machine.
    await expect.poll(async () => (await figure.getAttribute('data-value')) ?? '', { timeout: 120_000, interval: 1000 }).not.toBe('');
    const reply = (await (await fetch(`${server.url}/api/stories/espoo-district/figures`)).json()) as { year: { values: Record<string, number> } };
    expect(Number(await figure.getAttribute('data-value'))).toBe(reply.year.values.baselineCo2Tonnes);
    expect(await figure.locator('.bound-period').innerText()).toMatch(/^simulated year$/i);
    await saveScreenshot(page, 'presentation-chapter6-year.png');
    await press('Home', 1);
  }, 150_000);

  it('lists every scenario in the picker', async () => {
    await page.getByTestId('picker-open').click();
    const items = page.getByTestId('picker-scenario');
    await expect.poll(() => items.count(), { timeout: 5000 }).toBe(listScenarioIds().length);
    const ids = await items.evaluateAll((els) => els.map((e) => e.dataset.scenario));
    expect(ids.sort()).toEqual(listScenarioIds());
    await saveScreenshot(page, 'presentation-picker.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('scenario-picker').waitFor({ state: 'detached', timeout: 2000 });
  });

  it('runs by itself for an exhibit with &autoplay, looping back to the first chapter', async () => {
    const kiosk = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await kiosk.goto(`${server.url}/?scenario=espoo-district&chapter=${STORY.chapters.length}&autoplay=5`);
      const shown = () => kiosk.evaluate(() => window.__twin?.story?.chapter ?? 0);
      await expect.poll(shown, { timeout: 30_000 }).toBe(STORY.chapters.length);
      await expect.poll(shown, { timeout: 15_000, interval: 250 }).toBe(1);
      expect(new URL(kiosk.url()).searchParams.get('autoplay')).toBe('5');

      // Its session ends under it (deleted, as a server restart would lose it): it starts over in a new one.
      const first = await kiosk.evaluate(() => window.__twin.story!.sessionId!);
      const token = server.registry.get(first)?.tokens?.instructor;
      expect(token).toBeTruthy();
      expect((await fetch(`${server.url}/api/sessions/${first}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      const current = () => kiosk.evaluate(() => window.__twin?.story?.sessionId ?? null);
      await expect.poll(current, { timeout: 30_000, interval: 500 }).not.toBe(first);
      await expect.poll(current, { timeout: 30_000, interval: 500 }).toMatch(/\S/);
      expect(server.registry.get((await current())!)?.scenario.id).toBe('espoo-district');
    } finally {
      await kiosk.close();
    }
  }, 120_000);

  it('raises no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
