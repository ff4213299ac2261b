/**
 * A real server with operator training for integration tests: the small test city (test/server/harness.ts), an
 * exercise on it in a temp exercise directory, a temp DATA_DIR, and an instructor account added through a second
 * connection to the same database file (as `npm run instructor` does).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSmallServer, SMALL_ID } from '../server/harness';
import { http, type HttpAnswer } from '../server/helpers';
import type { StartOptions } from '../../server/main';
import { openDatabase } from '../../server/records/database';
import { Instructors } from '../../server/auth/instructors';
import type { z } from 'zod';
import type { exerciseSchema } from '../../shared/training/exercise';

export const EXERCISE_ID = 'small-trip';
/** A heat pump of the small city's main plant. */
export const HEAT_PUMP = 'dc-hp1';
export const PASSWORD = 'instructor-password-1';

export const smallExercise = {
  id: EXERCISE_ID,
  title: 'A heat pump trips in the small city',
  scenario: SMALL_ID,
  start: '2025-01-03T06:00',
  warmUpH: 1,
  durationMin: 60,
  briefing: 'Keep the small city warm.',
  objectives: { supplyBelowSetpointK: 3 },
  malfunctions: [
    {
      atMin: 30,
      malfunction: { kind: 'heatPumpTrip', unitId: HEAT_PUMP },
      response: { anyOf: [{ type: 'heatPump', unitId: HEAT_PUMP, action: 'reset' }], withinMin: 10 },
    },
  ],
  hints: ['Look at the main plant.'],
} satisfies z.input<typeof exerciseSchema>;

export async function startTrainingServer(instructors: string[] = ['ann'], opts: Partial<StartOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'heattwin-data-'));
  const exerciseDir = mkdtempSync(join(tmpdir(), 'heattwin-exercises-'));
  writeFileSync(join(exerciseDir, `${EXERCISE_ID}.json`), JSON.stringify(smallExercise));
  const db = openDatabase(dataDir);
  for (const name of instructors) await new Instructors(db).add(name, PASSWORD);
  db.close();
  const server = await startSmallServer({ dataDir, exerciseDir, ...opts });
  return {
    ...server,
    dataDir,
    /** More exercises may be written here: the server reads an exercise's file when a run of it starts. */
    exerciseDir,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(exerciseDir, { recursive: true, force: true });
    },
  };
}

/** A JSON request with an optional bearer token. */
export function api<T = unknown>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  return http<T>(base, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
