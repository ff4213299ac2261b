/**
 * Malfunctions an instructor injects: faults of the plant's hardware and disturbances from outside. They enter
 * the step beside the operator's own inputs (OperatorInputs.malfunctions), so the engine stays one pure function
 * of its state and inputs and a run replays from its timed inputs. Each acts in the model it belongs to:
 *   unitTrip          a protection trip of a heat pump (plant/heatPump.ts): it stops at once and latches until
 *                     reset; the cause is gone once it has tripped
 *   unitStartFails    every start attempt fails: a heat pump trips at the end of its start-up delay ("failed to
 *                     start"), a boiler does not light (plant/boiler.ts); a unit already running runs on
 *   unitStagesLost    compressor stages out of service: a heat pump's capacity is (stages - lost)/stages of its
 *                     rating, its remaining stages unchanged
 *   storageStuckW     a tank's valve stuck where it stood: the tank exchanges that heat (W, + discharge) whatever
 *                     the plant needs, within what it holds and has room for (plant/plants.ts settlePlant)
 *   sourceOut         a heat source's output stops (a data-centre outage: its cooling water stops): its heat
 *                     pumps lose their source (sources are read in exogenousStage.ts)
 *   circulationPumpFailed  the duty circulation pump stops: no head until the operator starts the standby pump
 *                     (network/pump.ts availablePumpHeadPa); the consumers' flows, and their heat, stop with it
 *   priceAddEurPerMWh added to the spot price: a price spike (EUR/MWh)
 *   outdoorOffsetK    added to the outdoor temperature the city feels: a cold snap (K, negative)
 * Unit-indexed arrays follow the engine's flat unit order, source-indexed ones the scenario's sources.
 */
export interface Malfunctions {
  /** Per unit: 1 trips the unit at the start of the next step (the step clears it). */
  unitTrip: Uint8Array;
  /** Per unit: 1 while every start attempt fails. */
  unitStartFails: Uint8Array;
  /** Per unit: compressor stages out of service. */
  unitStagesLost: Uint8Array;
  /** Per unit (storage): the stuck valve's exchange (W, + discharge); NaN while the valve moves freely. */
  storageStuckW: Float64Array;
  /** Per source: 1 while the source is out. */
  sourceOut: Uint8Array;
  circulationPumpFailed: boolean;
  priceAddEurPerMWh: number;
  outdoorOffsetK: number;
}

export function createMalfunctions(unitCount: number, sourceCount: number): Malfunctions {
  return {
    unitTrip: new Uint8Array(unitCount),
    unitStartFails: new Uint8Array(unitCount),
    unitStagesLost: new Uint8Array(unitCount),
    storageStuckW: new Float64Array(unitCount).fill(NaN),
    sourceOut: new Uint8Array(sourceCount),
    circulationPumpFailed: false,
    priceAddEurPerMWh: 0,
    outdoorOffsetK: 0,
  };
}
