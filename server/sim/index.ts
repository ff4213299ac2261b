/**
 * The simulation engine's public surface; every adapter (the live session, the CLI, the hourly CSV, metrics,
 * benchmarks) imports from here:
 * - createSimulation(model, options) makes a run of a compiled scenario (compileScenario, compile.ts);
 * - createOperatorInputs(model) makes the operator inputs (operator.ts): everything a person can change enters
 *   a step through them;
 * - stepSimulation(sim, inputs, dtS) advances the run by dt seconds;
 * - summarizeSimulation(sim) gives the run's totals (LedgerSummary);
 * - takeSnapshot(sim) / restoreSnapshot(sim, snapshot) save and restore the run's state (captureState and
 *   applyState walk any other plain state the same way, e.g. the operator inputs);
 * - sim.outputs is the read-only view of the last step's results that adapters read (SimulationOutputs);
 *   sim.state is the engine's and the snapshots' business, the engine's scratch is private to it.
 */
export { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation, type SimulationOptions } from './engine';
export { applyState, captureState, restoreSnapshot, SnapshotError, takeSnapshot, type SimSnapshot, type StateValue } from './snapshot';
export type { PipeWaterView, ReadonlyFloat64Array, Simulation, SimulationOutputs } from './simulation';
export type { ForceMode, OperatorInputs } from './operator';
export type { LedgerSummary } from './ledger';
