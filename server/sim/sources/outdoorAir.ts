/**
 * Outdoor air: an unlimited heat source at the air temperature (docs/reference-figures.md,
 * Heat sources: -25 to +30 °C; capacity and COP fall with air temperature, which the heat pump model handles).
 *   availableW = Infinity, temperatureC = T_out, rejectedW = 0 (no cooling duty).
 */
import type { SourceOutput } from './output';

export function evaluateOutdoorAir(outdoorC: number, out: SourceOutput): void {
  out.availableW = Infinity;
  out.temperatureC = outdoorC;
  out.rejectedW = 0;
}
