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
 *   sensorFault       a transmitter the automation controls on reads wrong: the main supply header's temperature
 *                     (the plants heat until it reads the set-point, so the water leaves at set-point - error)
 *                     or the differential pressure at the worst-placed consumer (the pump holds the reading at
 *                     its set-point, so the true dp is set-point - error). Bias: a constant error; drift: an
 *                     error growing at a rate from the moment it began; failed: the reading is lost (NaN) and
 *                     the automation holds on without it
 *   pipeLeak          a leak or a burst of a supply pipe at its end away from the main plant: water leaves the
 *                     network through a hole of that area (network/pressureHolding.ts); one at a time, a new one
 *                     replaces the last
 *   priceAddEurPerMWh added to the spot price: a price spike (EUR/MWh)
 *   outdoorOffsetK    added to the outdoor temperature the city feels: a cold snap (K, negative)
 * Unit-indexed arrays follow the engine's flat unit order, source-indexed ones the scenario's sources.
 */
export const SENSOR_SUPPLY_TEMPERATURE = 0;
export const SENSOR_WORST_DP = 1;
export const SENSOR_COUNT = 2;
export const SENSOR_OK = 0;
export const SENSOR_BIAS = 1;
export const SENSOR_DRIFT = 2;
export const SENSOR_FAILED = 3;

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
  /** Per sensor (SENSOR_*): its fault (SENSOR_OK ... SENSOR_FAILED). */
  sensorFault: Uint8Array;
  /** Per sensor: the bias (K, Pa) or the drift rate (K/h, Pa/h). */
  sensorValue: Float64Array;
  /** Per sensor: when a drift began (simulation s). */
  sensorSinceS: Float64Array;
  /** The leaking supply pipe (-1: none) and the area of its hole (m²). */
  leakPipe: number;
  leakHoleAreaM2: number;
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
    sensorFault: new Uint8Array(SENSOR_COUNT),
    sensorValue: new Float64Array(SENSOR_COUNT),
    sensorSinceS: new Float64Array(SENSOR_COUNT),
    leakPipe: -1,
    leakHoleAreaM2: 0,
    priceAddEurPerMWh: 0,
    outdoorOffsetK: 0,
  };
}

/** A sensor's error at time t (K or Pa; reading = truth + error); 0 when it reads true or has failed. */
export function sensorErrorAt(f: Malfunctions, sensor: number, t: number): number {
  const fault = f.sensorFault[sensor];
  if (fault === SENSOR_BIAS) return f.sensorValue[sensor];
  if (fault === SENSOR_DRIFT) return (f.sensorValue[sensor] * (t - f.sensorSinceS[sensor])) / 3600;
  return 0;
}

/** What a sensor shows for a true value at time t: truth + error, or NaN once it has failed. */
export function sensorReading(f: Malfunctions, sensor: number, trueValue: number, t: number): number {
  return f.sensorFault[sensor] === SENSOR_FAILED ? NaN : trueValue + sensorErrorAt(f, sensor, t);
}
