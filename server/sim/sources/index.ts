/**
 * Heat sources for the heat pumps: one entry point dispatching on the scenario's source kind.
 * Each source writes availableW (W), temperatureC (°C) and rejectedW (W) into a preallocated SourceOutput;
 * pure functions of (spec, time, outdoor temperature, global horizontal irradiance), no state, no allocation.
 * Equations and sources are in each module's header.
 */
import type { SourceSpec } from '../../../shared/scenario/schema';
import { evaluateBuildingCooling } from './buildingCooling';
import { evaluateDatacentre } from './datacentre';
import type { SourceOutput } from './output';
import { evaluateOutdoorAir } from './outdoorAir';
import { evaluateSupermarket } from './supermarket';
import { evaluateWastewater } from './wastewater';

export type { SourceOutput } from './output';
export { createSourceOutput } from './output';
export { dryCoolerW } from './datacentre';

/** Evaluates a source at simulation time timeS (s), outdoor air outdoorC (°C) and irradiance ghiWm2 (W/m²) into out. */
export function evaluateSource(spec: SourceSpec, timeS: number, outdoorC: number, ghiWm2: number, out: SourceOutput): void {
  switch (spec.kind) {
    case 'datacentre':
      evaluateDatacentre(spec, timeS, outdoorC, out);
      return;
    case 'supermarket':
      evaluateSupermarket(spec, timeS, outdoorC, out);
      return;
    case 'wastewater':
      evaluateWastewater(spec, timeS, out);
      return;
    case 'buildingCooling':
      evaluateBuildingCooling(spec, timeS, outdoorC, ghiWm2, out);
      return;
    case 'outdoorAir':
      evaluateOutdoorAir(outdoorC, out);
      return;
    default: {
      const unknown: never = spec;
      throw new Error(`unknown source kind ${(unknown as { kind: string }).kind}`);
    }
  }
}
