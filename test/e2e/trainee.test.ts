/**
 * End to end: the trainee's console (/train) on a real training server (the small city, the heat-pump-trip
 * exercise) with the built client in Chromium. A wrong join code gets the server's reason; the right one shows
 * the console with the operator's role, the frozen clock and every unit; a reload rejoins from sessionStorage.
 * The instructor (a socket of their own) trips a heat pump and runs the clock: the trip reaches the page's unit
 * grid and alarm list, the trainee acknowledges it and starts a boiler through the confirmation dialog, and the
 * run's record holds that start as the trainee's. A page watching the session without a token has no controls.
 * Screenshots: test-output/e2e-trainee-1280.png, e2e-trainee-1920.png, e2e-trainee-viewer.png.
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { client, commandResult, connected, joined, joinSession, sendCommand } from '../server/helpers';
import {
  api,
  EXERCISE_ID,
  HEAT_PUMP,
  PASSWORD,
  smallExercise,
  startTrainingServer,
} from '../transport/trainingHarness';
import type { CreatedRun, LoginAnswer, RunDetail } from '../../shared/protocol/runs';
import { launchChromium, saveScreenshot } from './browser';

const TRIP_TAG = `${HEAT_PUMP.toUpperCase()}-TRIP`;
/** A boiler of the small city's main plant (it has no name, so the console names it by its id). */
const BOILER = 'gas';
/** Simulated seconds per wall-clock second once the instructor runs the clock. */
const SPEED = 60;

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

const text = (page: Page, selector: string) => page.locator(selector).first().textContent({ timeout: 10_000 });

/** Waits until the element's text (trimmed) satisfies `accept`, failing with what it last read. */
async function waitForText(
  page: Page,
  selector: string,
  accept: (t: string) => boolean,
  timeoutMs = 10_000,
): Promise<string> {
  const t0 = Date.now();
  let last: string;
  for (;;) {
    last = ((await page.locator(selector).first().textContent({ timeout: timeoutMs }).catch(() => '')) ?? '').trim();
    if (accept(last)) return last;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${selector}: "${last}" after ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}

describe('the trainee console in a browser', () => {
  let server: Server;
  let ann: string;
  let run: CreatedRun;
  let browser: Browser;
  let page: Page;
  let instructor: Socket;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTrainingServer(['ann']);
    ann = (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name: 'ann', password: PASSWORD })).body.token;
    const body = { exerciseId: EXERCISE_ID, paused: true, speed: SPEED };
    run = (await api<CreatedRun>(server.url, 'POST', '/api/runs', body, ann)).body;
    instructor = client(server.url);
    await connected(instructor);
    expect(joined(await joinSession(instructor, { sessionId: run.sessionId, token: ann })).role).toBe('instructor');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  }, 60_000);

  afterAll(async () => {
    instructor?.close();
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong code with the server\'s reason', async () => {
    await page.goto(`${server.url}/train`);
    const wrong = run.joinCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
    await page.getByLabel(/Join code/).fill(wrong);
    await page.getByLabel('Your name').fill('tina');
    await page.getByLabel('Your name').press('Enter');
    const error = await waitForText(page, '[data-testid=join-error]', (t) => t.length > 0);
    expect(error).toBe('code: no run with this code');
    // The browser logs the refused request (404) as an error; only errors from here on count.
    errors.length = 0;
  });

  it('joins with the code: the operator\'s role, the frozen clock, every unit', async () => {
    await page.getByLabel(/Join code/).fill(run.joinCode.toLowerCase());
    await page.getByRole('button', { name: 'Join' }).click();
    await waitForText(page, '[data-testid=role]', (t) => t === 'operator', 20_000);
    await waitForText(page, '[data-testid=connection]', (t) => t === 'Live');
    expect(await waitForText(page, '[data-testid=run-state]', (t) => t !== '—')).toMatch(/frozen$/);
    const state = await waitForText(page, `[data-testid=unit-state-${HEAT_PUMP}]`, (t) => t !== '—');
    expect(state).toMatch(/^(running|off|starting)$/);
    const unitIds = await page
      .locator('[data-unit-id]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.unitId));
    expect(unitIds).toEqual(['dc-hp1', 'dc-hp2', 'eboiler', 'gas', 'tank', 'air-hp']);
    expect(await text(page, '[data-unit-id=tank] .tr-u-extra')).toMatch(/^SoC \d+ %$/);
    await page.getByRole('button', { name: 'Briefing' }).click();
    const briefing = await waitForText(page, '[data-testid=briefing]', (t) => t.includes(smallExercise.briefing));
    expect(briefing).toContain('Objectives');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=briefing]').waitFor({ state: 'hidden' });
  });

  it('rejoins after a reload from the join kept in the tab', async () => {
    await page.reload();
    await waitForText(page, '[data-testid=role]', (t) => t === 'operator', 20_000);
    expect(await page.locator('[data-testid=join-error]').count()).toBe(0);
    await page.locator('[data-testid=unit-grid]').waitFor();
  });

  it('shows the instructor\'s trip, acknowledges it, starts a boiler when confirmed; the record has it', async () => {
    const trip = { kind: 'heatPumpTrip', unitId: HEAT_PUMP };
    commandResult(await sendCommand(instructor, { type: 'malfunction', action: 'inject', malfunction: trip }));
    commandResult(await sendCommand(instructor, { type: 'clock', action: 'resume' }));
    await waitForText(page, '[data-testid=run-state]', (t) => /running x60$/.test(t));
    await waitForText(page, `[data-testid=unit-state-${HEAT_PUMP}]`, (t) => t === 'tripped');
    const row = `[data-testid=alarm-table] tr[data-tag="${TRIP_TAG}"]`;
    expect(await waitForText(page, `${row} .tr-alarm-state`, (t) => t.length > 0, 5_000)).toBe('active');
    await saveScreenshot(page, 'e2e-trainee-1280.png');

    await page.getByRole('button', { name: `Acknowledge ${TRIP_TAG}` }).click();
    await waitForText(page, `${row} .tr-alarm-state`, (t) => t !== 'active');
    expect(await page.getByRole('button', { name: `Acknowledge ${TRIP_TAG}` }).count()).toBe(0);

    await page.getByRole('button', { name: `start ${BOILER}`, exact: true }).click();
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain(`Start ${BOILER}`);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect(await waitForText(page, '[data-testid=feedback]', (t) => t.includes(BOILER))).toMatch(/done$/);

    const record = (await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann)).body;
    const start = record.actions.find((a) => a.command.type === 'boiler' && a.command.action === 'start');
    expect(start).toMatchObject({ ok: true, who: { kind: 'trainee', name: 'tina' }, command: { unitId: BOILER } });
    expect(record.actions.some((a) => a.command.type === 'alarm' && a.command.action === 'ack' && a.ok)).toBe(true);
    expect(await waitForText(page, '[data-testid=event-log]', (t) => t.includes('acknowledged'))).toBeTruthy();
    const clock = await text(page, '[data-testid=sim-clock]');
    await page.setViewportSize({ width: 1920, height: 1080 });
    // The clock runs: once it has moved on, the page has drawn at its new size.
    await waitForText(page, '[data-testid=sim-clock]', (t) => t !== clock?.trim());
    await saveScreenshot(page, 'e2e-trainee-1920.png');
    expect(errors).toEqual([]);
  });

  it('gives a page without a token no controls', async () => {
    const viewer = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await viewer.goto(`${server.url}/train?session=${encodeURIComponent(run.sessionId)}`);
      await waitForText(viewer, '[data-testid=role]', (t) => t === 'viewer', 20_000);
      await waitForText(viewer, `[data-testid=unit-state-${HEAT_PUMP}]`, (t) => t !== '—');
      expect(await viewer.locator('.tr-u-actions button').count()).toBe(0);
      expect(await viewer.getByRole('button', { name: 'Ack all' }).count()).toBe(0);
      expect(await viewer.getByRole('button', { name: 'Hint' }).count()).toBe(0);
      await saveScreenshot(viewer, 'e2e-trainee-viewer.png');
    } finally {
      await viewer.close();
    }
  });
});
