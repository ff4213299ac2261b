/**
 * End to end: a run's debrief (/runs/:id) on a real training server with the built client in Chromium. A short run
 * of the small heat-pump-trip exercise plays to its end at high speed while a trainee's socket resets the tripped
 * heat pump and starts a boiler; the instructor's page (their token where the station keeps it) shows the final
 * score and its parts, the trend chart, the trainee's boiler start in the timeline and the event list, downloads
 * the CSV, replays the run (the heat pump back from its trip and the boiler running at minute 45, no trip on the
 * alarm list at minute 20) and prints as a clean report; the trainee reads it without the malfunctions. Without a
 * login the page says so and links to the station.
 * Screenshots: test-output/e2e-debrief-1280.png, e2e-debrief-1920.png, e2e-debrief-replay-1920.png,
 * e2e-debrief-print.png.
 */
/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { client, connected, joined, joinSession, sendCommand, sleep } from '../server/helpers';
import { api, EXERCISE_ID, HEAT_PUMP, PASSWORD, startTrainingServer } from '../transport/trainingHarness';
import type { CreatedRun, JoinedRun, LoginAnswer, RunDetail } from '../../shared/protocol/runs';
import type { RunEvent } from '../../shared/protocol/training';
import { EVENTS } from '../../shared/protocol/events';
import { launchChromium, saveScreenshot, TEST_OUTPUT } from './browser';

/** Simulated seconds per wall second: the 60-minute exercise in 12 s, a reading about every 5 simulated minutes. */
const SPEED = 300;
const BOILER = 'gas';
const TRIP_TAG = `${HEAT_PUMP.toUpperCase()}-TRIP`;

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

describe('a run\'s debrief in a browser', () => {
  let server: Server;
  let ann: string;
  let run: CreatedRun;
  let tina: JoinedRun;
  let trainee: Socket;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const sent: string[] = [];

  beforeAll(async () => {
    server = await startTrainingServer(['ann']);
    ann = (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name: 'ann', password: PASSWORD })).body.token;
    const body = { exerciseId: EXERCISE_ID, paused: false, speed: SPEED };
    run = (await api<CreatedRun>(server.url, 'POST', '/api/runs', body, ann)).body;
    const join = { code: run.joinCode, name: 'tina' };
    tina = (await api<JoinedRun>(server.url, 'POST', '/api/runs/join', join)).body;
    trainee = client(server.url);
    await connected(trainee);
    expect(joined(await joinSession(trainee, { sessionId: run.sessionId, token: tina.token })).role).toBe('operator');
    // After the trip's alarm: reset the heat pump, start a boiler.
    const responded = new Promise<void>((resolve) => {
      trainee.on(EVENTS.runEvent, (e: RunEvent) => {
        if (e.kind !== 'alarm' || !e.text.includes(TRIP_TAG) || sent.length > 0) return;
        sent.push('reset', 'start');
        void sendCommand(trainee, { type: 'heatPump', unitId: HEAT_PUMP, action: 'reset' })
          .then(() => sendCommand(trainee, { type: 'boiler', unitId: BOILER, action: 'start' }))
          .then(() => resolve());
      });
    });
    browser = await launchChromium();
    await responded;
    for (let i = 0; i < 200; i++) {
      const d = await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann);
      if (d.body.status === 'finished') break;
      await sleep(100);
    }
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  }, 50_000);

  afterAll(async () => {
    trainee?.close();
    await browser?.close();
    await server?.close();
  });

  it('tells a reader without a login to log in at the station', async () => {
    const stranger = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await stranger.goto(`${server.url}/runs/${run.runId}`);
      const alert = stranger.getByRole('alert');
      expect(await alert.textContent({ timeout: 10_000 })).toMatch(/^Log in to read this debrief/);
      expect(await alert.getByRole('link', { name: 'instructor station' }).getAttribute('href')).toBe('/instruct');
    } finally {
      await stranger.close();
    }
    errors.length = 0;
  });

  it('shows the finished run to its instructor: score, chart, the trainee\'s boiler start', async () => {
    const record = (await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann)).body;
    expect(record.status).toBe('finished');
    await page.addInitScript((token) => {
      sessionStorage.setItem('heattwin.instructor', JSON.stringify({ name: 'ann', token }));
    }, ann);
    await page.goto(`${server.url}/runs/${run.runId}`);
    await page.locator('[data-testid=trend-chart] canvas').waitFor({ timeout: 10_000 });
    expect(await page.locator('h1').textContent()).toBe('A heat pump trips in the small city');
    expect(await page.locator('[data-testid=run-status]').textContent()).toBe('finished');
    expect(await page.locator('[data-testid=run-trainees]').textContent()).toBe('tina');
    expect(await page.locator('[data-testid=score-total]').textContent()).toBe(
      `${record.score!.total.toFixed(1)} / 100 points`,
    );
    expect(await page.locator('.db-score .tr-label').textContent()).toBe('Final score');
    const parts = await page.locator('[data-testid=score-parts] tbody th').allTextContents();
    expect(parts).toContain('Supply temperature');
    expect(parts).toContain('Malfunction response');
    const canvas = await page.locator('[data-testid=trend-chart] canvas').boundingBox();
    expect(canvas!.width).toBeGreaterThan(600);
    expect(canvas!.height).toBeGreaterThan(200);
    expect(await page.locator('[data-testid=trend-caption]').textContent()).toMatch(
      /^\d+ points, .*supply objective \(at most 3 K below the supply curve's set-point\) is not drawn/,
    );
    const timeline = await page.locator('[data-testid=timeline] tbody tr').allTextContents();
    expect(timeline.some((r) => r.includes(`Trainee's actiontina: boiler, unitId ${BOILER}, action start`))).toBe(true);
    expect(timeline.some((r) => r.startsWith('T+30.0 minMalfunction'))).toBe(true);
    expect(timeline.some((r) => r.includes(`Alarm`) && r.includes(TRIP_TAG))).toBe(true);
    expect(await page.locator('[data-testid=event-log]').textContent()).toContain(TRIP_TAG);
    await saveScreenshot(page, 'e2e-debrief-1280.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=trend-chart] canvas')?.clientWidth ?? 0) > 1000,
    );
    await saveScreenshot(page, 'e2e-debrief-1920.png');
    expect(errors).toEqual([]);
  });

  it('replays the run in the city and the console, and its seek bar moves it back and forth', async () => {
    await page.getByTestId('replay-start').click();
    const state = page.getByTestId('replay-state');
    await page.waitForFunction(() => document.querySelector('[data-testid=replay-state]')?.textContent === 'At T+0.0 min');
    expect(await page.getByTestId('role').textContent()).toBe('viewer');
    await page.waitForFunction(() => /06:00/.test(document.querySelector('[data-testid=sim-clock]')?.textContent ?? ''));
    const seekTo = async (minute: number) => {
      await page.getByTestId('replay-seek').fill(String(minute));
      await page.waitForFunction(
        (m) => document.querySelector('[data-testid=replay-state]')?.textContent === `At T+${m}.0 min`,
        minute,
        { timeout: 20_000 },
      );
      await page.waitForFunction(
        (hhmm) => document.querySelector('[data-testid=sim-clock]')?.textContent?.includes(hhmm),
        `06:${String(minute).padStart(2, '0')}`,
      );
    };
    const alarmTags = () => page.locator('[data-testid=alarm-table] tbody td:nth-child(3)').allTextContents();
    const hpState = () => page.getByTestId(`unit-state-${HEAT_PUMP}`).textContent();
    await seekTo(45);
    await page.waitForFunction((tag) => document.querySelector('[data-testid=alarm-table]')?.textContent?.includes(tag), TRIP_TAG);
    expect(await hpState()).not.toBe('tripped');
    expect(await page.getByTestId(`unit-state-${BOILER}`).textContent()).toBe('running');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.locator('.db-replay').evaluate((e) => e.scrollIntoView());
    await saveScreenshot(page, 'e2e-debrief-replay-1920.png');
    await seekTo(20);
    await page.waitForFunction(() => (document.querySelector('[data-testid=unit-grid]')?.textContent ?? '').length > 0);
    expect(await alarmTags()).not.toContain(TRIP_TAG);
    expect(await state.textContent()).toBe('At T+20.0 min');
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows the trainee, from the tab they joined in, the run without the malfunctions', async () => {
    const own = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await own.addInitScript((join) => {
        sessionStorage.setItem('heattwin.trainee', JSON.stringify({ ...join, name: 'tina' }));
      }, tina);
      await own.goto(`${server.url}/runs/${run.runId}`);
      await own.locator('[data-testid=timeline]').waitFor({ timeout: 10_000 });
      const kinds = await own.locator('[data-testid=timeline] tbody td:nth-child(2)').allTextContents();
      expect(kinds).toContain("Trainee's action");
      expect(kinds).not.toContain('Malfunction');
      expect(await own.locator('[data-testid=event-log]').textContent()).not.toContain('heatPumpTrip');
      expect(await own.getByRole('link', { name: 'All runs' }).count()).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('downloads the record as CSV with the instructor\'s token', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-link').click()]);
    expect(download.suggestedFilename()).toBe(`run-${run.runId}.csv`);
    const csv = readFileSync(await download.path(), 'utf8');
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe('sim_time,min_from_start,kind,who,text');
    expect(rows.some((r) => /^2025-01-03T06:[0-9:]+,[0-9.]+,command,tina,"boiler, unitId gas, action start"$/.test(r))).toBe(true);
    expect(rows.some((r) => /,malfunction,,/.test(r))).toBe(true);
  });

  it('prints a clean report: no buttons, white page, the chart kept', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await page.getByTestId('csv-link').isVisible()).toBe(false);
    const colours = await page.evaluate(() => {
      const main = getComputedStyle(document.querySelector('main')!);
      return { background: main.backgroundColor, text: main.color };
    });
    expect(colours).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
    expect(await page.locator('[data-testid=trend-chart] canvas').isVisible()).toBe(true);
    await page.screenshot({ path: join(TEST_OUTPUT, 'e2e-debrief-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });
});
