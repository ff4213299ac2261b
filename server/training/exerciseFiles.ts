/**
 * Reads exercises (assets/exercises/<id>.json, or a path) and scripted actions from disk, through the zod
 * schemas in shared/training/exercise.ts: a bad file is refused with the file and the field that is wrong.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { issueMessage } from '../../shared/protocol/issueMessage';
import { exerciseSchema, scriptedActionsSchema, type Exercise, type ScriptedAction } from '../../shared/training/exercise';

export const EXERCISE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets/exercises');

export class ExerciseFileError extends Error {
  override name = 'ExerciseFileError';
}

export function listExerciseIds(dir = EXERCISE_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  if (!existsSync(file)) throw new ExerciseFileError(`no file ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ExerciseFileError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ExerciseFileError(`${file}: ${issueMessage(parsed.error)}`);
  return parsed.data;
}

/** An exercise by id (`pump-failure`) or by path (`./my-exercise.json`). */
export function loadExercise(idOrPath: string, dir = EXERCISE_DIR): Exercise {
  const looksLikePath = idOrPath.includes('/') || idOrPath.endsWith('.json');
  if (!looksLikePath && !listExerciseIds(dir).includes(idOrPath)) {
    throw new ExerciseFileError(`unknown exercise "${idOrPath}" (known: ${listExerciseIds(dir).join(', ') || 'none'})`);
  }
  return readJson(looksLikePath ? resolve(idOrPath) : join(dir, `${idOrPath}.json`), exerciseSchema);
}

export function loadActions(path: string): ScriptedAction[] {
  return readJson(resolve(path), scriptedActionsSchema).actions;
}
