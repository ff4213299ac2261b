/**
 * A moment of a run as it is kept and handed on: the simulation's snapshot (snapshot.ts) with the operator's
 * inputs in force then (malfunctions included), and in a training run the exercise's books. Serialised with
 * node:v8 (structured clone: typed arrays kept as they are) to bytes that can go to a database, a file or another
 * worker; decoding checks the shape before anything is restored from it.
 */
import { deserialize, serialize } from 'node:v8';
import { applyState, captureState, restoreSnapshot, takeSnapshot, type SimSnapshot, type StateValue } from './snapshot';
import type { Simulation } from './simulation';
import type { OperatorInputs } from './operator';

export interface SavedState {
  sim: SimSnapshot;
  inputs: StateValue;
  /** The exercise's books (server/training/director.ts), in a training run. */
  director?: StateValue;
  label?: string;
}

export class SavedStateError extends Error {
  override name = 'SavedStateError';
}

export function saveState(sim: Simulation, inputs: OperatorInputs, label?: string): SavedState {
  return { sim: takeSnapshot(sim), inputs: captureState(inputs), label };
}

/** Puts the simulation and the inputs back where they were (the same compiled scenario: snapshot.ts checks it). */
export function restoreState(sim: Simulation, inputs: OperatorInputs, saved: SavedState): void {
  restoreSnapshot(sim, saved.sim);
  applyState(inputs, saved.inputs);
}

export function encodeSavedState(saved: SavedState): Uint8Array {
  return new Uint8Array(serialize(saved));
}

export function decodeSavedState(bytes: Uint8Array): SavedState {
  let value: unknown;
  try {
    value = deserialize(bytes);
  } catch (err) {
    throw new SavedStateError(`not a saved state: ${(err as Error).message}`);
  }
  const s = value as Partial<SavedState> | null;
  if (typeof s !== 'object' || s === null || typeof s.sim !== 'object' || s.sim === null || typeof s.sim.timeS !== 'number' || s.inputs === undefined)
    throw new SavedStateError('not a saved state: expected a simulation snapshot with its operator inputs');
  return s as SavedState;
}
