/**
 * What a heat source offers a heat pump at one instant. Every source module writes into one of these,
 * preallocated by the caller and updated in place, so evaluating a source allocates nothing.
 */
export interface SourceOutput {
  /** Heat the source offers a heat pump now (W); Infinity for outdoor air. */
  availableW: number;
  /** Temperature of the water (or air) the heat pump takes heat from (°C). */
  temperatureC: number;
  /** Heat the source must get rid of in total now (W): what dry coolers or chillers reject if no heat pump takes it. 0 when there is no cooling duty (outdoor air, wastewater). */
  rejectedW: number;
}

export function createSourceOutput(): SourceOutput {
  return { availableW: 0, temperatureC: 0, rejectedW: 0 };
}
