/**
 * Operator inputs: everything a person (operator, instructor, a scripted story) can change enters the step
 * through this one object, so the live server, training and the CLI drive the same pure step function.
 * Unit-indexed arrays follow the engine's flat unit order (`sim.outputs.units`), pipe-indexed ones the scenario's
 * pipes; edits are in place, no allocation.
 */
import type { StorageMode } from './control/dispatch';
import { createMalfunctions, type Malfunctions } from './malfunctions';

export type ForceMode = 'auto' | 'on' | 'off';

export interface OperatorInputs {
  /** Shift of the supply-temperature curve (K). */
  supplyOffsetK: number;
  /** Fixed supply set-point (°C) instead of the curve; NaN for none. */
  supplyOverrideC: number;
  storageMode: StorageMode;
  /** Per unit: auto, forced on, forced off. */
  unitForce: ForceMode[];
  /** Per unit: dispatch priority, lower first; Infinity for the merit order alone. */
  unitPriority: Float64Array;
  /** Per unit: 1 when the operator asked for a trip reset since the last step (the step clears it). */
  unitReset: Uint8Array;
  /** Per unit: 1 while in maintenance. */
  unitMaintenance: Uint8Array;
  /** Grid power at the plants; false is a power cut (heat pumps and electric boilers trip or stop). */
  gridPowerAvailable: boolean;
  /**
   * The plant automation resets a heat pump's trip once its cause has cleared and its min off time has run,
   * as unattended plants do; training turns this off so that trainees must reset trips themselves.
   */
  autoResetTrips: boolean;
  /** The standby circulation pump, started by the operator (it takes over when the duty pump fails). */
  standbyPumpOn: boolean;
  /** Make-up pumps in service at the main plant (0, 1 or 2; network/pressureHolding.ts). */
  makeUpPumps: number;
  /** Per pipe: 1 while its section valves (supply and return) are closed; only bridges have them. */
  valveClosed: Uint8Array;
  /** What an instructor has made go wrong (malfunctions.ts). */
  malfunctions: Malfunctions;
}

export function createOperatorInputs(unitCount: number, sourceCount: number, pipeCount: number): OperatorInputs {
  return {
    supplyOffsetK: 0,
    supplyOverrideC: NaN,
    storageMode: 'auto',
    unitForce: new Array<ForceMode>(unitCount).fill('auto'),
    unitPriority: new Float64Array(unitCount).fill(Infinity),
    unitReset: new Uint8Array(unitCount),
    unitMaintenance: new Uint8Array(unitCount),
    gridPowerAvailable: true,
    autoResetTrips: true,
    standbyPumpOn: false,
    makeUpPumps: 1,
    valveClosed: new Uint8Array(pipeCount),
    malfunctions: createMalfunctions(unitCount, sourceCount),
  };
}
