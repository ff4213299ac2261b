/** The small story scenarios that `npm run generate` writes next to the default scenario. */
import type { ScenarioInput } from '../../../shared/scenario/schema';
import { energyPositiveDistrictScenario } from './energyPositiveDistrict';
import { heatNodeScenario } from './heatNode';
import { outdoorAirSubzeroScenario } from './outdoorAirSubzero';
import { prosumerBlockScenario } from './prosumerBlock';

export const SMALL_SCENARIOS: ReadonlyArray<() => ScenarioInput> = [
  outdoorAirSubzeroScenario,
  prosumerBlockScenario,
  energyPositiveDistrictScenario,
  heatNodeScenario,
];
