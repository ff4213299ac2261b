/**
 * Reads scenario documents from disk: by id from assets/scenarios/<id>.json, or by path. File I/O lives here,
 * outside the simulation; what it reads goes through the one validator in shared/scenario.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, ScenarioError } from '../../shared/scenario/validate';
import type { Scenario } from '../../shared/scenario/schema';

export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets/scenarios');

export interface LoadedScenario {
  scenario: Scenario;
  /** Where it came from, for messages. */
  file: string;
  /** Text of the EPW weather file when the scenario names one. */
  epwText?: string;
}

export class ScenarioLoadError extends Error {
  override name = 'ScenarioLoadError';
}

export function listScenarioIds(dir = SCENARIO_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Resolves an id (`espoo-district`) or a path (`./my-city.json`) and loads it. */
export function loadScenario(idOrPath: string, dir = SCENARIO_DIR): LoadedScenario {
  const looksLikePath = idOrPath.includes('/') || idOrPath.endsWith('.json');
  const file = looksLikePath ? resolve(idOrPath) : join(dir, `${idOrPath}.json`);
  if (!existsSync(file)) {
    const known = listScenarioIds(dir);
    throw new ScenarioLoadError(
      looksLikePath
        ? `scenario file not found: ${file}`
        : `unknown scenario "${idOrPath}" (known: ${known.join(', ') || 'none'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ScenarioLoadError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  let scenario: Scenario;
  try {
    scenario = parseScenario(json);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioLoadError(`${file}: ${err.message.split('\n').join('; ')}`);
    throw err;
  }
  if (scenario.weather.kind !== 'epw') return { scenario, file };
  const epwFile = isAbsolute(scenario.weather.file) ? scenario.weather.file : join(dirname(file), scenario.weather.file);
  if (!existsSync(epwFile)) throw new ScenarioLoadError(`${file}: weather.file: no file ${epwFile}`);
  return { scenario, file, epwText: readFileSync(epwFile, 'utf8') };
}
