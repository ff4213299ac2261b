/**
 * End to end: the trainee's console (/train) on a real training server (the small city, the heat-pump-trip
 * exercise) with the built client in Chromium. A wrong join code gets the server's reason; the right one shows
 * the console with the operator's role, the frozen clock, the schematic of the exercise's plant with each of its
 * units, and every unit's card in the other tab; a reload rejoins from sessionStorage. A unit's symbol opens its
 * actions from the keyboard, an action asks for confirmation naming its command, and Escape drops it unsent.
 * The instructor (a socket of their own) trips a heat pump and runs the clock: the trip reaches the page's
 * schematic and alarm list, the trainee acknowledges it and starts a boiler from the schematic through the
 * confirmation dialog, and the run's record holds that start as the trainee's. A page watching the session
 * without a token has no controls.
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

  it('joins with the code: the operator\'s role, the frozen clock, the plant\'s schematic, every unit', async () => {
    await page.getByLabel(/Join code/).fill(run.joinCode.toLowerCase());
    await page.getByRole('button', { name: 'Join' }).click();
    await waitForText(page, '[data-testid=role]', (t) => t === 'operator', 20_000);
    await waitForText(page, '[data-testid=connection]', (t) => t === 'Live');
    expect(await waitForText(page, '[data-testid=run-state]', (t) => t !== '—')).toMatch(/frozen$/);
    const state = await waitForText(page, `[data-testid=unit-state-${HEAT_PUMP}]`, (t) => t !== '—');
    expect(state).toMatch(/^(running|off|starting)$/);
    // The schematic opens on the exercise's plant (the main one) and draws each of its units and its source.
    const schematic = page.getByTestId('plant-schematic');
    expect(await schematic.getByRole('combobox', { name: 'Plant' }).inputValue()).toBe('main');
    const drawn = await schematic
      .locator('[data-sx-unit]')
      .evaluateAll((els) => els.map((e) => (e as SVGElement).dataset.sxUnit));
    expect(drawn).toEqual(['dc-hp1', 'dc-hp2', 'eboiler', 'gas', 'tank']);
    expect(await schematic.getByRole('group', { name: 'Heat source dc' }).count()).toBe(1);
    expect(await waitForText(page, '[data-sx-unit=tank] .sx-u-extra', (t) => t !== '—')).toMatch(/^SoC \d+ %$/);
    expect(await text(page, '[data-readout=supply]')).toMatch(/^Supply \d+\.\d °C$/);
    // The other tab has every unit's card.
    await page.getByRole('tab', { name: 'Units' }).click();
    const unitIds = await page
      .locator('[data-unit-id]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.unitId));
    expect(unitIds).toEqual(['dc-hp1', 'dc-hp2', 'eboiler', 'gas', 'tank', 'air-hp']);
    expect(await text(page, '[data-unit-id=tank] .tr-u-extra')).toMatch(/^SoC \d+ %$/);
    await page.getByRole('tab', { name: 'Schematic' }).click();
    await schematic.waitFor();
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
    await page.locator('[data-testid=plant-schematic]').waitFor();
  });

  it('opens a unit\'s actions from its symbol by keyboard; the dialog names the command, Escape drops it', async () => {
    const symbol = page.locator(`[data-sx-unit=${HEAT_PUMP}]`);
    expect(await symbol.getAttribute('role')).toBe('button');
    await symbol.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByTestId('schematic-menu');
    await menu.waitFor({ state: 'visible' });
    expect(await symbol.getAttribute('aria-expanded')).toBe('true');
    expect(await menu.getByRole('button').allTextContents()).toEqual(['Start', 'Stop', 'Reset', 'Auto']);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Start');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const dialog = page.locator('[data-testid=confirm-dialog]');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain(`Stop ${HEAT_PUMP}`);
    expect(await menu.count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.sxUnit)).toBe(HEAT_PUMP);

    // The storage tank offers the storage modes; Escape drops the one asked for too.
    await page.locator('[data-sx-unit=tank]').click();
    expect(await menu.getByRole('button').allTextContents()).toEqual(['Auto', 'Charge', 'Discharge', 'Idle']);
    await menu.getByRole('button', { name: 'Charge', exact: true }).click();
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('Set storage mode to charge');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    expect(await text(page, '[data-testid=feedback]')).toBe('Commands ask for confirmation; their answers show here.');
    const record = (await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann)).body;
    expect(record.actions).toEqual([]);
  });

  it('shows the instructor\'s trip, acknowledges it, starts a boiler when confirmed; the record has it', async () => {
    const trip = { kind: 'heatPumpTrip', unitId: HEAT_PUMP };
    commandResult(await sendCommand(instructor, { type: 'malfunction', action: 'inject', malfunction: trip }));
    commandResult(await sendCommand(instructor, { type: 'clock', action: 'resume' }));
    await waitForText(page, '[data-testid=run-state]', (t) => /running x60$/.test(t));
    await waitForText(page, `[data-testid=unit-state-${HEAT_PUMP}]`, (t) => t === 'tripped');
    expect(await page.locator(`[data-sx-unit=${HEAT_PUMP}]`).getAttribute('data-state')).toBe('tripped');
    const row = `[data-testid=alarm-table] tr[data-tag="${TRIP_TAG}"]`;
    expect(await waitForText(page, `${row} .tr-alarm-state`, (t) => t.length > 0, 5_000)).toBe('active');
    await saveScreenshot(page, 'e2e-trainee-1280.png');

    await page.getByRole('button', { name: `Acknowledge ${TRIP_TAG}` }).click();
    await waitForText(page, `${row} .tr-alarm-state`, (t) => t !== 'active');
    expect(await page.getByRole('button', { name: `Acknowledge ${TRIP_TAG}` }).count()).toBe(0);

    await page.locator(`[data-sx-unit=${BOILER}]`).click();
    await page.getByTestId('schematic-menu').getByRole('button', { name: 'Start', exact: true }).click();
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
      expect(await viewer.locator('[data-testid=plant-schematic] [role=button]').count()).toBe(0);
      await viewer.getByRole('tab', { name: 'Units' }).click();
      await viewer.locator('[data-testid=unit-grid]').waitFor();
      expect(await viewer.locator('.tr-u-actions button').count()).toBe(0);
      expect(await viewer.getByRole('button', { name: 'Ack all' }).count()).toBe(0);
      expect(await viewer.getByRole('button', { name: 'Hint' }).count()).toBe(0);
      await saveScreenshot(viewer, 'e2e-trainee-viewer.png');
    } finally {
      await viewer.close();
    }
  });
});
