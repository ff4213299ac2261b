/** The real-scale scenarios that `npm run generate` writes next to the default scenario. */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { generateEspooCleanHeat } from './espooCleanHeat';
import { generateTampereDatacenter95 } from './tampereDatacenter95';

export const REAL_SCALE_SCENARIOS: ReadonlyArray<() => ScenarioInput> = [generateEspooCleanHeat, generateTampereDatacenter95];
