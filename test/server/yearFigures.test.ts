/**
 * The story scenarios' year figures on the server (server/story/yearFiguresService.ts): computed once per
 * scenario and code version however many ask, one run at a time, kept on disk across restarts (a damaged
 * file is computed again), a failed run reported; the real worker thread; and the REST route's answers.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../server/scenarios/load';
import { runYearInWorker, YearFiguresService, type YearRunner } from '../../server/story/yearFiguresService';
import { simulateYear } from '../../server/story/yearRun';
import { createLogger } from '../../server/transport/logger';
import { yearFiguresReplySchema } from '../../shared/story/yearFigures';
import { smallCity } from '../fixtures/smallCity';
import { SMALL_ID, smallScenarioDir, startSmallServer } from './harness';

const scenarios = smallScenarioDir();
// A second scenario: the small city on another start date.
writeFileSync(join(scenarios.dir, 'small-city-b.json'), JSON.stringify(smallCity({ id: 'small-city-b', simulation: { start: '2025-02-01', days: 7, stepS: 60, seed: 7 } })));
const cacheDir = mkdtempSync(join(tmpdir(), 'heattwin-cache-'));
afterAll(() => {
  scenarios.cleanup();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** Runs in-process, counting runs and how many run at once. */
function countingRunner(): YearRunner & { runs: string[]; mostAtOnce: number } {
  let running = 0;
  const runner = Object.assign(
    async (req: { scenarioId: string; scenarioDir: string }) => {
      runner.runs.push(req.scenarioId);
      runner.mostAtOnce = Math.max(runner.mostAtOnce, ++running);
      await new Promise((r) => setTimeout(r, 20));
      const figures = simulateYear(loadScenario(req.scenarioId, req.scenarioDir));
      running--;
      return { ok: true as const, figures };
    },
    { runs: [] as string[], mostAtOnce: 0 },
  );
  return runner;
}

const service = (run: YearRunner, cache: string | null = null) =>
  new YearFiguresService({ scenarioDir: scenarios.dir, cacheDir: cache, logger: createLogger('silent'), run });

describe('year figures service', () => {
  it('computes once however many ask, one scenario at a time', async () => {
    const run = countingRunner();
    const s = service(run);
    expect(s.get(SMALL_ID)).toEqual({ status: 'computing' });
    expect(s.get('small-city-b')).toEqual({ status: 'computing' });
    for (let i = 0; i < 5; i++) s.get(SMALL_ID);
    const [a, b] = await Promise.all([s.settled(SMALL_ID), s.settled('small-city-b')]);
    expect(run.runs).toEqual([SMALL_ID, 'small-city-b']);
    expect(run.mostAtOnce).toBe(1);
    expect(a.status === 'ready' && a.year.from).toBe('2025-01-01');
    expect(b.status === 'ready' && b.year.from).toBe('2025-02-01');
    expect(s.get(SMALL_ID)).toEqual(a);
  });

  it('keeps them on disk: a restarted server reads them back, a damaged file is computed again', async () => {
    const first = countingRunner();
    const computed = await service(first, cacheDir).settled(SMALL_ID);
    expect(first.runs).toEqual([SMALL_ID]);
    const again = countingRunner();
    expect(service(again, cacheDir).get(SMALL_ID)).toEqual(computed);
    expect(again.runs).toEqual([]);

    const [file] = readdirSync(join(cacheDir, 'year-figures'));
    writeFileSync(join(cacheDir, 'year-figures', file), '{"scenario": "small-city", "values": {}}');
    const third = countingRunner();
    const s = service(third, cacheDir);
    expect(s.get(SMALL_ID)).toEqual({ status: 'computing' });
    expect(await s.settled(SMALL_ID)).toEqual(computed);
    expect(third.runs).toEqual([SMALL_ID]);
  });

  it('reports a failed run', async () => {
    const s = service(() => Promise.resolve({ ok: false, error: 'out of memory' }));
    expect(await s.settled(SMALL_ID)).toEqual({ status: 'failed', error: 'out of memory' });
  });

  it('runs a year in a worker thread', async () => {
    const reply = await runYearInWorker({ scenarioId: SMALL_ID, scenarioDir: scenarios.dir }, new AbortController().signal);
    expect(reply).toEqual({ ok: true, figures: simulateYear(loadScenario(SMALL_ID, scenarios.dir)) });
  }, 60_000);
});

describe('GET /api/stories/:scenario/figures', () => {
  it('answers 202 while computing, then 200 with the year; 404 for an unknown scenario', async () => {
    const server = await startSmallServer();
    try {
      const first = await fetch(`${server.url}/api/stories/${SMALL_ID}/figures`);
      expect(first.status).toBe(202);
      expect(await first.json()).toEqual({ status: 'computing' });
      let last: Response = first;
      for (let i = 0; i < 120 && last.status === 202; i++) {
        await new Promise((r) => setTimeout(r, 250));
        last = await fetch(`${server.url}/api/stories/${SMALL_ID}/figures`);
      }
      expect(last.status).toBe(200);
      const reply = yearFiguresReplySchema.parse(await last.json());
      expect(reply.status === 'ready' && reply.year.values.heatDemandMWh).toBeGreaterThan(0);
      const unknown = await fetch(`${server.url}/api/stories/no-such-city/figures`);
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toEqual({ error: 'scenario: unknown scenario "no-such-city"' });
    } finally {
      await server.close();
    }
  }, 60_000);
});
