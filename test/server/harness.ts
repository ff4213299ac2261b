/**
 * A real server for integration tests: a temp scenario directory holding the small test city
 * (test/fixtures/smallCity.ts) as the public session's scenario, on an ephemeral loopback port.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { smallCity } from '../fixtures/smallCity';
import { startServer, type RunningServer, type StartOptions } from '../../server/main';

export const SMALL_ID = 'small-city';

export function smallScenarioDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'heattwin-server-'));
  // A loop period for the public session; the fixture simulates a week from 2025-01-01.
  const doc = smallCity({ simulation: { start: '2025-01-01', days: 7, stepS: 60, seed: 7, loop: { start: '2025-01-01', days: 7 } } });
  writeFileSync(join(dir, `${SMALL_ID}.json`), JSON.stringify(doc));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startSmallServer(opts: Partial<StartOptions> = {}): Promise<RunningServer & { scenarioDir: string }> {
  const { dir, cleanup } = smallScenarioDir();
  const server = await startServer({ port: 0, host: '127.0.0.1', scenarioDir: dir, publicScenario: SMALL_ID, logLevel: 'silent', ...opts });
  return {
    ...server,
    scenarioDir: dir,
    close: async () => {
      await server.close();
      cleanup();
    },
  };
}

