/**
 * The city after a dropped connection, end to end: the real server and built client in Chromium (software
 * WebGL). The server drops the page's connection as a network failure would; the client reconnects and joins
 * again, and its buildings must keep their colours, whether the re-join brings the scenario again (the city is
 * rebuilt) or the client still holds it. The page's WebSocket goes through a route that counts the scenarios
 * the server sends and, for the first case, takes the held scenario's hash out of the join, so the server sends
 * the scenario as it does to a client that holds none.
 * Screenshots: test-output/e2e-reconnect-{rebuilt,held}.png.
 */
/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/main';
import { launchChromium, saveScreenshot } from './browser';
import { buildingColours, openPage, roofLumas, waitForCity, type TwinPage } from './twinPage';

/** A Socket.IO event packet as Engine.IO text: "4" message, "2" event, an optional ack id, then the JSON array. */
const EVENT_PACKET = /^(42\d*)(\[[\s\S]*\])$/;
/** A lit roof by use is far brighter than this; an uncoloured (black) instance stays near 0 whatever the light. */
const DARK_LUMA = 40;

describe('the city after a reconnect', () => {
  let server: RunningServer;
  let browser: Browser;
  let twin: TwinPage;
  let scenariosReceived = 0;
  let forgetHeldScenario = false;

  beforeAll(async () => {
    server = await startServer({ port: 0, logLevel: 'silent' });
    const session = await server.registry.create({ scenario: 'espoo-district', start: '2025-01-20', speed: 600, paused: false });
    browser = await launchChromium();
    twin = await openPage(browser);
    await twin.page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((m) => {
        const packet = typeof m === 'string' ? EVENT_PACKET.exec(m) : null;
        if (!packet || !forgetHeldScenario) return upstream.send(m);
        const [event, payload, ...rest] = JSON.parse(packet[2]) as [string, Record<string, unknown>, ...unknown[]];
        if (event === 'join') delete payload.scenarioHash;
        upstream.send(packet[1] + JSON.stringify([event, payload, ...rest]));
      });
      upstream.onMessage((m) => {
        if (typeof m === 'string' && /^42\d*\["scenario"/.test(m)) scenariosReceived++;
        ws.send(m);
      });
    });
    await twin.page.goto(`${server.url}/?session=${encodeURIComponent(session.id)}`);
    await waitForCity(twin, 'e2e-reconnect-no-city.png');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Drops every connection from the server side and waits until the page has joined again and drawn new frames. */
  async function dropAndRejoin(): Promise<void> {
    const before = new Set((await server.sockets.io.fetchSockets()).map((s) => s.id));
    expect(before.size).toBe(1);
    const version = await twin.page.evaluate(() => window.__twin.frameVersion);
    server.sockets.io.disconnectSockets(true);
    await expect
      .poll(async () => (await server.sockets.io.fetchSockets()).some((s) => !before.has(s.id)), { timeout: 15_000 })
      .toBe(true);
    await waitForCity(twin, 'e2e-reconnect-no-city.png', version);
    await expect.poll(() => twin.page.getByTestId('connection').innerText(), { timeout: 5000 }).toMatch(/live/i);
    await twin.page.waitForTimeout(500); // a few rendered frames on the new join
  }

  async function expectColouredBuildings(shot: string, byUse: Array<[number, number, number] | null>): Promise<void> {
    const colours = await buildingColours(twin.page);
    expect(colours).toHaveLength(byUse.length);
    // The default overlay colours by use: the same colours as before the connection dropped, none black.
    expect(colours).toEqual(byUse);
    expect(colours.filter((c) => !c || Math.max(...c) < 0.05)).toEqual([]);
    const lumas = await roofLumas(twin.page);
    await saveScreenshot(twin.page, shot);
    console.info(`e2e reconnect: ${(litShare(lumas) * 100).toFixed(0)} % of ${lumas.length} roofs on screen lit`);
    expect(lumas.length).toBeGreaterThan(50);
    expect(litShare(lumas)).toBeGreaterThan(0.8);
  }

  it('draws the buildings by use before anything drops', async () => {
    const colours = await buildingColours(twin.page);
    expect(colours.filter((c) => !c || Math.max(...c) < 0.05)).toEqual([]);
    const lumas = await roofLumas(twin.page);
    expect(litShare(lumas)).toBeGreaterThan(0.8);
  });

  it('keeps the buildings coloured when the re-join brings the scenario again and the city is rebuilt', async () => {
    const byUse = await buildingColours(twin.page);
    const scenariosBefore = scenariosReceived;
    forgetHeldScenario = true;
    try {
      await dropAndRejoin();
    } finally {
      forgetHeldScenario = false;
    }
    expect(scenariosReceived, 'the server sent the scenario again').toBe(scenariosBefore + 1);
    await expectColouredBuildings('e2e-reconnect-rebuilt.png', byUse);
  });

  it('keeps the buildings coloured when the client re-joins with the scenario it holds', async () => {
    const byUse = await buildingColours(twin.page);
    await dropAndRejoin();
    await expectColouredBuildings('e2e-reconnect-held.png', byUse);
  });

  it('raises no page or console errors', () => {
    expect(twin.errors).toEqual([]);
  });
});

/** Share of roofs brighter than an uncoloured one could be. */
function litShare(lumas: number[]): number {
  return lumas.filter((y) => y > DARK_LUMA).length / lumas.length;
}
