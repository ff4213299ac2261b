/**
 * End to end: both training consoles at once, on a real training server (the small city, the heat-pump-trip
 * exercise) with the built client in Chromium, each in a browser context of its own. The instructor logs in on
 * /instruct through the form and starts a frozen run; the trainee joins on /train with the code read from the
 * station; the instructor trips a heat pump from the malfunction panel and runs the clock; the trip's alarm
 * reaches the trainee's alarm list within a second of the server raising it (measured and logged); the trainee
 * acknowledges it and starts a boiler (Enter confirms); the station's run log shows the trainee's start and its
 * score a number. The trainee's trends draw their chart (at 1280x720 too) and refuse a third unit; the station's
 * draw too. A viewer of the session (no token) has no controls; a trainee token of another run is refused.
 * Screenshots at 1920x1080: test-output/e2e-consoles-instructor.png, e2e-consoles-trainee.png and
 * e2e-consoles-trends.png.
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, EXERCISE_ID, HEAT_PUMP, PASSWORD, startTrainingServer } from '../transport/trainingHarness';
import type { CreatedRun, JoinedRun, LoginAnswer } from '../../shared/protocol/runs';
import { launchChromium, pixelStats, saveScreenshot } from './browser';

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

const TRIP_TAG = `${HEAT_PUMP.toUpperCase()}-TRIP`;
const BOILER = 'gas';
/** How long a page may take to show what a step expects (ms). */
const UI_MS = 15_000;
const FULL_HD = { width: 1920, height: 1080 };

const eventually = <T>(read: () => T | Promise<T>, timeout = UI_MS) => expect.poll(read, { timeout });

describe('the instructor station and the trainee console together', () => {
  let server: Server;
  let browser: Browser;
  let station: Page;
  let trainee: Page;
  let runId = '';
  let sessionId = '';
  const errors: string[] = [];

  const watch = (page: Page, who: string) => {
    page.on('pageerror', (err) => errors.push(`${who}: ${err.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${who}: ${m.text()}`);
    });
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTrainingServer(['ann']), launchChromium()]);
    station = await (await browser.newContext({ viewport: FULL_HD })).newPage();
    trainee = await (await browser.newContext({ viewport: FULL_HD })).newPage();
    watch(station, 'station');
    watch(trainee, 'trainee');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts a frozen run from the station and joins it from the trainee console with its code', async () => {
    await station.goto(`${server.url}/instruct`);
    await station.getByLabel('Name').fill('ann');
    await station.getByLabel('Password').fill(PASSWORD);
    await station.getByRole('button', { name: 'Log in' }).click();
    await eventually(() => station.getByRole('radio', { name: /A heat pump trips/ }).isChecked()).toBe(true);
    expect(await station.getByLabel('Start frozen').isChecked()).toBe(true);
    await station.getByLabel('Speed (simulated s per s)').selectOption('60');
    await station.getByRole('button', { name: 'Start run' }).click();
    const code = station.getByTestId('join-code');
    await eventually(() => code.textContent()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const joinCode = (await code.textContent())!;
    await eventually(() => station.getByTestId('connection').textContent()).toBe('Live');

    await trainee.goto(`${server.url}/train`);
    await trainee.getByLabel(/Join code/).fill(joinCode);
    await trainee.getByLabel('Your name').fill('tina');
    await trainee.getByLabel('Your name').press('Enter');
    await eventually(() => trainee.getByTestId('role').textContent(), 20_000).toBe('operator');
    await eventually(() => trainee.getByTestId(`unit-state-${HEAT_PUMP}`).textContent()).toMatch(/^(running|off)$/);
    await eventually(() => station.getByTestId('trainees').textContent()).toContain('tina');
    const stored = await trainee.evaluate(() => sessionStorage.getItem('heattwin.trainee'));
    ({ runId, sessionId } = JSON.parse(stored ?? '{}') as { runId: string; sessionId: string });
    expect(sessionId).toMatch(/\S/);
  }, 40_000);

  it('shows the instructor\'s trip on the trainee\'s alarm list within a second of the server raising it', async () => {
    await station.getByLabel('Kind', { exact: true }).selectOption('heatPumpTrip');
    await station.getByLabel('Unit', { exact: true }).selectOption(HEAT_PUMP);
    const row = trainee.locator(`[data-testid=alarm-table] tr[data-tag="${TRIP_TAG}"]`);
    // The moment the run's session raises the trip's alarm, as the server hears it from its worker.
    const raised = new Promise<number>((resolve) => {
      const off = server.registry.get(sessionId)!.on('runEvent', (e) => {
        if (e.kind !== 'alarm' || !e.text.includes(TRIP_TAG)) return;
        off();
        resolve(performance.now());
      });
    });
    await station.getByRole('button', { name: 'Inject now' }).click();
    await station.getByRole('button', { name: 'Run', exact: true }).click();
    await row.waitFor({ timeout: UI_MS });
    const shownAt = performance.now();
    const delayMs = shownAt - (await raised);
    console.log(`trip alarm on the trainee's page ${delayMs.toFixed(0)} ms after the server raised it`);
    expect(delayMs, 'the alarm row within a second of the server raising it').toBeLessThan(1_000);
    expect(await row.locator('.tr-alarm-state').textContent()).toBe('active');
    await eventually(() => station.getByTestId('run-state').textContent()).toMatch(/running/);
  }, 30_000);

  it('acknowledges the trip and starts a boiler; the station logs it and shows a score', async () => {
    const row = trainee.locator(`[data-testid=alarm-table] tr[data-tag="${TRIP_TAG}"]`);
    await trainee.getByRole('button', { name: `Acknowledge ${TRIP_TAG}` }).click();
    await eventually(() => row.locator('.tr-alarm-state').textContent()).not.toBe('active');

    // From the unit cards (the schematic, the console's first tab, is driven in trainee.test.ts).
    await trainee.getByRole('tab', { name: 'Units' }).click();
    await trainee.getByRole('button', { name: `start ${BOILER}`, exact: true }).click();
    const dialog = trainee.getByTestId('confirm-dialog');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain(`Start ${BOILER}`);
    await trainee.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await eventually(() => trainee.getByTestId('feedback').textContent()).toMatch(new RegExp(`${BOILER}.*done$`));

    const log = station.getByTestId('event-log');
    // The trainee's start, in the record's words for a command (shared/protocol/describe.ts).
    await eventually(() => log.textContent()).toContain(`boiler, unitId ${BOILER}, action start`);
    await eventually(() => station.getByTestId('score-total').textContent()).toMatch(/^\d+(\.\d)? \/ 100 points$/);
    await saveScreenshot(station, 'e2e-consoles-instructor.png');
    await saveScreenshot(trainee, 'e2e-consoles-trainee.png');
  }, 30_000);

  it('draws the trainee\'s trends and refuses a third unit', async () => {
    const tab = trainee.getByRole('tab', { name: 'Trends' });
    await trainee.getByRole('tab', { name: 'City' }).focus();
    await trainee.keyboard.press('ArrowRight');
    await eventually(() => tab.getAttribute('aria-selected')).toBe('true');
    const canvas = trainee.locator('[data-testid=trend-chart] canvas');
    // Samples since the join (and the session's history): the lines and axes draw at once.
    const stats = await pixelStats(trainee, await canvas.screenshot());
    expect(stats.colours, 'the chart draws more than its background').toBeGreaterThan(8);
    expect(stats.lumaStd).toBeGreaterThan(3);

    // A third unit (MW beside °C and kPa): the box stays clear and the notice says why.
    await trainee.getByRole('checkbox', { name: /Heat delivered/ }).click();
    await eventually(() => trainee.getByTestId('trend-notice').textContent()).toMatch(/^At most 2 units/);
    expect(await trainee.getByRole('checkbox', { name: /Heat delivered/ }).isChecked()).toBe(false);
    await trainee.getByRole('checkbox', { name: /Worst-point dp/ }).uncheck();
    await trainee.getByRole('checkbox', { name: /Heat delivered/ }).check();
    await trainee.getByRole('radio', { name: 'Whole run' }).check();
    await saveScreenshot(trainee, 'e2e-consoles-trends.png');

    // At 1280x720 the chart keeps a readable height beside the plant pane.
    await trainee.setViewportSize({ width: 1280, height: 720 });
    await eventually(async () => (await canvas.boundingBox())?.height ?? 0).toBeGreaterThan(120);
    await trainee.setViewportSize(FULL_HD);

    await station.getByRole('tab', { name: 'Trends' }).click();
    const stationChart = station.locator('[data-testid=trend-chart] canvas');
    await stationChart.waitFor();
    expect((await pixelStats(station, await stationChart.screenshot())).colours).toBeGreaterThan(8);
    expect(errors).toEqual([]);
  }, 40_000);

  it('gives a viewer of the session no controls and refuses a trainee token of another run', async () => {
    const viewer = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await viewer.goto(`${server.url}/train?session=${encodeURIComponent(sessionId)}`);
    await eventually(() => viewer.getByTestId('role').textContent(), 20_000).toBe('viewer');
    await eventually(() => viewer.getByTestId(`unit-state-${HEAT_PUMP}`).textContent()).not.toBe('—');
    expect(await viewer.locator('.tr-u-actions button').count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Ack all' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Hint' }).count()).toBe(0);

    const ann = (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name: 'ann', password: PASSWORD })).body;
    const body = { exerciseId: EXERCISE_ID, paused: true };
    const other = (await api<CreatedRun>(server.url, 'POST', '/api/runs', body, ann.token)).body;
    const join = await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: other.joinCode, name: 'otto' });
    expect(join.status).toBe(200);
    const stranger = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const forged = { runId, sessionId, token: join.body.token, name: 'otto' };
    await stranger.addInitScript((j) => sessionStorage.setItem('heattwin.trainee', j), JSON.stringify(forged));
    await stranger.goto(`${server.url}/train`);
    await eventually(() => stranger.getByText(/^Could not open the run:/).count()).toBe(1);
    expect(await stranger.locator('.tr-u-actions button').count()).toBe(0);
  }, 40_000);
});
