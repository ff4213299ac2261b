/**
 * End to end: the instructor's station (/instruct) in a real browser against a real training server on the small
 * test city (the built client, an instructor account in a temp DATA_DIR). Through the page only: a wrong password
 * shows the server's error, the right one opens the runs; a paused run starts and shows its join code; a trainee
 * (REST join and a socket, as the trainee's console would) shows up; a heat pump trip injected from the panel and
 * the trainee's reset both reach the run log; the clock runs; the score shows a number; a scheduled malfunction is
 * listed; a refused schedule shows the server's error; a hint is sent; a sensor fault shows measured and truth
 * apart; the state is saved as an initial condition; the trends draw a heat pump's heat output beside the supply
 * temperature over run minutes typed in (a third unit and minutes past the run refused); a jump back to the start;
 * a reload keeps the login and reconnects to the open run, which is then finished (Escape backing out of the
 * question first); a new tab finds the login cookie.
 * Screenshots: test-output/e2e-instructor-login.png, -runs.png, -trends.png, -1280.png (1280x720) and -1920.png
 * (1920x1080).
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { launchChromium, saveScreenshot } from './browser';
import { client, commandResult, connected, joined, joinSession, sendCommand } from '../server/helpers';
import { api, HEAT_PUMP, PASSWORD, startTrainingServer } from '../transport/trainingHarness';
import type { JoinedRun } from '../../shared/protocol/runs';

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

/** How long the page may take to show what a step expects (ms). */
const UI_MS = 15_000;

/** Polls `read` until the matcher that follows holds, failing after UI_MS. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: UI_MS });

describe('the instructor station in a browser', () => {
  let server: Server;
  let browser: Browser;
  let page: Page;
  let trainee: Socket | undefined;
  let joinCode = '';
  const pageErrors: string[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTrainingServer(['ann']), launchChromium()]);
    // A context of its own, so a second tab of the same browser profile can open in it.
    page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // Refused requests are checked by their answers (below), not by the browser's "Failed to load resource" line.
    page.on('console', (m) => {
      const refusedLoad = m.text().startsWith('Failed to load resource');
      if (m.type() === 'error' && !refusedLoad) pageErrors.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${server.url}/instruct`);
  }, 60_000);

  afterAll(async () => {
    trainee?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the server\'s error for a wrong password and stays on the login', async () => {
    await page.getByLabel('Name').fill('ann');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    const error = page.getByTestId('login-error');
    await eventually(() => error.textContent()).toMatch(/\S/);
    // The server's own wording, not one made up by the page.
    const wrong = { name: 'ann', password: 'still-wrong' };
    const direct = await api<{ error: string }>(server.url, 'POST', '/api/login', wrong);
    expect(direct.status).toBe(401);
    expect(await error.textContent()).toBe(direct.body.error);
    await saveScreenshot(page, 'e2e-instructor-login.png');
  });

  it('logs in through the form (keyboard: Tab, Enter) and starts a paused run, showing its join code', async () => {
    await page.getByLabel('Name').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('instructor-name').textContent()).toBe('ann');
    await eventually(() => page.getByRole('radio', { name: /A heat pump trips/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Start frozen').isChecked()).toBe(true);
    await page.getByLabel('Speed (simulated s per s)').selectOption('10');
    await saveScreenshot(page, 'e2e-instructor-runs.png');
    await page.getByRole('button', { name: 'Start run' }).click();
    const code = page.getByTestId('join-code');
    await eventually(() => code.textContent()).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    joinCode = (await code.textContent())!;
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Live');
    await eventually(() => page.getByTestId('role').textContent()).toMatch(/^instructor/);
    await eventually(() => page.getByTestId('run-state').textContent()).toMatch(/frozen/);
  }, 30_000);

  it('lists a trainee who joins with the code', async () => {
    const join = await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: joinCode, name: 'tina' });
    expect(join.status).toBe(200);
    trainee = client(server.url);
    await connected(trainee);
    const ack = await joinSession(trainee, { sessionId: join.body.sessionId, token: join.body.token });
    expect(joined(ack).role).toBe('operator');
    await eventually(() => page.getByTestId('trainees').textContent()).toContain('tina');
  }, 30_000);

  it('injects a heat pump trip from the panel, runs the clock and logs the trainee\'s reset', async () => {
    await page.getByLabel('Kind', { exact: true }).selectOption('heatPumpTrip');
    await page.getByLabel('Unit', { exact: true }).selectOption(HEAT_PUMP);
    await page.getByRole('button', { name: 'Inject now' }).click();
    const log = page.getByTestId('event-log');
    await eventually(() => log.textContent()).toMatch(new RegExp(`malfunction.*${HEAT_PUMP}`));

    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await eventually(() => page.getByTestId('run-state').textContent()).toMatch(/running/);

    commandResult(await sendCommand(trainee!, { type: 'heatPump', unitId: HEAT_PUMP, action: 'reset' }));
    await eventually(() => log.textContent()).toContain(`heatPump, unitId ${HEAT_PUMP}, action reset`);
    await eventually(() => page.getByTestId('score-total').textContent()).toMatch(/^\d+(\.\d)? \/ 100 points$/);
  }, 40_000);

  it('schedules a malfunction and lists it; a minute already passed is refused with the server\'s error', async () => {
    await page.getByLabel('Kind', { exact: true }).selectOption('coldSnap');
    await page.getByLabel('Outdoor drop (K)').fill('4');
    await page.getByLabel('At minute (min)', { exact: true }).fill('55');
    await page.getByRole('button', { name: 'Schedule' }).click();
    const scheduled = page.getByTestId('scheduled-malfunctions');
    await eventually(() => scheduled.textContent()).toMatch(/min 55.*coldSnap, dropK 4.*instructor/);

    await page.getByLabel('At minute (min)', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Schedule' }).click();
    const refusal = page.getByTestId('malfunction-form').getByRole('alert');
    await eventually(() => refusal.textContent()).toMatch(/^atMin: minute 0 has passed/);
  }, 30_000);

  it('sends a hint in the instructor\'s words (Enter sends), which enters the run log', async () => {
    await page.getByLabel('Hint text').fill('Check the heat pump at the main plant');
    await page.getByLabel('Hint text').press('Enter');
    const log = page.getByTestId('event-log');
    await eventually(() => log.textContent()).toMatch(/hint\s*Check the heat pump at the main plant/);
    expect(await page.getByLabel('Hint text').inputValue()).toBe('');
  }, 30_000);

  it('shows measured and truth apart for a biased supply temperature transmitter', async () => {
    const row = page.getByTestId('truth-supplyTemperature');
    await eventually(() => row.getAttribute('data-differs')).toBe('false');
    await page.getByLabel('Kind', { exact: true }).selectOption('sensorFault');
    await page.getByLabel('Sensor', { exact: true }).selectOption('supplyTemperature');
    await page.getByLabel('Fault', { exact: true }).selectOption('bias');
    await page.getByLabel('Value (K)').fill('6');
    await page.getByRole('button', { name: 'Inject now' }).click();
    await eventually(() => row.getAttribute('data-differs')).toBe('true');
    expect(await row.textContent()).toMatch(/°C/);
    await eventually(() => page.getByTestId('active-malfunctions').textContent()).toContain('Sensor fault');
  }, 30_000);

  it('saves the run\'s state as a named initial condition', async () => {
    await page.getByLabel('Initial condition name').fill('e2e-moment');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await eventually(() => page.getByText(/^Saved "e2e-moment" at 2025-01-03T/).count()).toBe(1);
  }, 30_000);

  it('trends a unit\'s heat output beside the supply temperature over run minutes typed in', async () => {
    await page.getByRole('tab', { name: 'Trends' }).click();
    const notice = page.getByTestId('trend-notice');
    // The filter narrows the tag list to the heat pump's tags; a third unit (MW beside °C and kPa) is refused.
    await page.getByLabel('Filter tags').fill(HEAT_PUMP);
    const tags = page.getByTestId('trend-tags');
    await eventually(() => tags.getByRole('checkbox').count()).toBe(2);
    const heat = page.getByRole('checkbox', { name: `${HEAT_PUMP} heat output (MW)` });
    await heat.click();
    await eventually(() => notice.textContent()).toMatch(/^At most 2 units/);
    expect(await heat.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Remove Worst-point dp (measured)' }).click();
    await heat.focus();
    await page.keyboard.press('Space');
    await eventually(() => heat.isChecked()).toBe(true);

    // Run minutes past the run so far are refused, naming the field; within it (Enter) they are shown.
    const soFar = page.getByTestId('run-so-far');
    const runSoFar = async () => Number(/run so far (\d+) min/.exec((await soFar.textContent()) ?? '')?.[1]);
    await eventually(runSoFar).toBeGreaterThan(1);
    await page.getByLabel('Run minutes from').fill('0');
    await page.getByLabel('Run minutes to').fill('9999');
    await page.getByRole('button', { name: 'Show' }).click();
    await eventually(() => notice.textContent()).toMatch(/^Run minutes: to: at most \d+, the run so far/);
    await page.getByLabel('Run minutes to').fill('2');
    await page.getByLabel('Run minutes to').press('Enter');
    await eventually(() => soFar.textContent()).toMatch(/^showing 0–2 min/);

    // The heat pump's line, in the colour its tag was given (the one the dp tag left), is drawn on the chart.
    const linePixels = () =>
      page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=trend-chart] canvas')!;
        const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (Math.abs(px[i] - 0x4f) + Math.abs(px[i + 1] - 0xc3) + Math.abs(px[i + 2] - 0xf7) < 40) n++;
        }
        return n;
      });
    await eventually(linePixels).toBeGreaterThan(50);
    await saveScreenshot(page, 'e2e-instructor-trends.png');
    await page.getByRole('tab', { name: 'City' }).click();
  }, 40_000);

  it('fits the station at 1280x720 and 1920x1080 (screenshots), with no page errors', async () => {
    const fits = () =>
      page.evaluate(() => {
        const root = document.querySelector('.ins-station')!.getBoundingClientRect();
        const city = document.querySelector('.ins-city')!.getBoundingClientRect();
        return root.right <= innerWidth && root.bottom <= innerHeight && city.width > 300 && city.height > 200;
      });
    expect(await fits()).toBe(true);
    await saveScreenshot(page, 'e2e-instructor-1280.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await eventually(fits).toBe(true);
    await saveScreenshot(page, 'e2e-instructor-1920.png');
    expect(pageErrors).toEqual([]);
    // Only the login check before anyone logged in and the wrong password.
    expect(refused).toEqual(['401 /api/me', '401 /api/login']);
  }, 30_000);

  it('jumps back to the start after a confirmation: the clock goes back, the log drops what came after', async () => {
    const log = page.getByTestId('event-log');
    expect(await log.textContent()).toContain('sensorFault');
    const start = page.getByTestId('backtracks').getByRole('listitem').last();
    await eventually(() => start.textContent()).toContain('06:00');
    await start.getByRole('button', { name: 'Jump back' }).click();
    await start.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => page.getByTestId('sim-clock').textContent()).toMatch(/06:0[01]$/);
    await eventually(() => log.textContent()).not.toContain('sensorFault');
  }, 30_000);

  it('keeps the login over a reload: lists the open run, reconnects to it, finishes it and links its debrief', async () => {
    await page.reload();
    await eventually(() => page.getByTestId('instructor-name').textContent()).toBe('ann');
    const open = page.getByTestId('open-run');
    await eventually(() => open.textContent()).toContain(joinCode);
    await open.getByRole('button', { name: 'Connect' }).click();
    await eventually(() => page.getByTestId('connection').textContent()).toBe('Live');
    expect(await page.getByTestId('join-code').textContent()).toBe(joinCode);
    const confirm = page.getByRole('button', { name: 'Confirm' });
    await page.getByRole('button', { name: 'Finish run' }).click();
    // Escape backs out of the question, and the run stays on.
    await eventually(() => confirm.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await eventually(() => confirm.count()).toBe(0);
    expect(await page.getByTestId('connection').textContent()).toBe('Live');
    await page.getByRole('button', { name: 'Finish run' }).click();
    await confirm.click();
    await eventually(() => page.getByTestId('instructor-name').textContent()).toBe('ann');
    await eventually(() => open.count()).toBe(0);
    const finished = page.getByTestId('finished-run').first();
    await eventually(() => finished.textContent()).toMatch(/score (\d+\.\d|—)/);
    const debrief = finished.getByTestId('debrief-link');
    expect(await debrief.getAttribute('href')).toMatch(/^\/runs\/[A-Za-z0-9_-]+$/);
  }, 30_000);

  it('finds the login cookie in a new tab', async () => {
    const tab = await page.context().newPage();
    try {
      await tab.goto(`${server.url}/instruct`);
      await eventually(() => tab.getByTestId('instructor-name').textContent()).toBe('ann');
    } finally {
      await tab.close();
    }
  });
});
