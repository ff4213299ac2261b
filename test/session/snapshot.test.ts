/**
 * Snapshot/restore bit-exactness: the simulation is deterministic (a pure core), so from the same
 * state the same M steps must give identical outputs. Reference: run N steps, snapshot, run M steps -> A; restore
 * (into the same simulation and into a fresh one), run M steps -> must equal A bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../shared/scenario/validate';
import { dateToS } from '../../server/sim/calendar';
import { compileScenario } from '../../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation, type Simulation } from '../../server/sim/engine';
import { applyState, captureState, restoreSnapshot, takeSnapshot } from '../../server/sim/snapshot';
import { smallCity } from '../fixtures/smallCity';

function outputs(sim: Simulation): Float64Array[] {
  return [
    Float64Array.of(sim.timeS, sim.stepIndex, sim.outdoorC, sim.supplySetpointC),
    sim.deliveredW.slice(),
    sim.buildings.indoorC.slice(),
    sim.hydraulics.massFlowKgS.slice(),
    sim.supply.nodeC.slice(),
    sim.return.nodeC.slice(),
    Float64Array.from(sim.units, (u) => u.heatW),
    Float64Array.from(sim.plants, (p) => p.outletC),
    sim.ledger.total.slice(),
  ];
}

function expectBitEqual(a: Float64Array[], b: Float64Array[]): void {
  expect(b.length).toBe(a.length);
  for (let k = 0; k < a.length; k++) {
    expect(b[k].length).toBe(a[k].length);
    // Compare the bit patterns, so -0/+0 and NaN payload differences would also show.
    expect(Array.from(new BigUint64Array(b[k].buffer, b[k].byteOffset, b[k].length))).toEqual(
      Array.from(new BigUint64Array(a[k].buffer, a[k].byteOffset, a[k].length)),
    );
  }
}

describe('simulation snapshot', () => {
  // The seed drives the compiled weather and the simulation's draws alike: one seed for both.
  const SEED = 3;
  const model = compileScenario(parseScenario(smallCity()), { seed: SEED });
  const stepS = 60;

  it('restore then M steps equals the continued run bit for bit (same and fresh simulation)', () => {
    const sim = createSimulation(model, { startS: dateToS('2025-01-10'), seed: SEED });
    const inputs = createOperatorInputs(model);
    for (let i = 0; i < 300; i++) stepSimulation(sim, inputs, stepS);
    const snap = structuredClone(takeSnapshot(sim)); // must survive a worker boundary
    const savedInputs = captureState(inputs);
    inputs.unitForce[0] = 'off'; // change the operator inputs midway, so the M steps exercise a trip of state
    for (let i = 0; i < 400; i++) stepSimulation(sim, inputs, stepS);
    const a = outputs(sim);
    expect(a[0][0]).toBe(dateToS('2025-01-10') + 700 * stepS);

    // Restore into the same simulation, which has moved on.
    restoreSnapshot(sim, snap);
    applyState(inputs, savedInputs);
    expect(inputs.unitForce[0]).toBe('auto');
    inputs.unitForce[0] = 'off';
    for (let i = 0; i < 400; i++) stepSimulation(sim, inputs, stepS);
    expectBitEqual(a, outputs(sim));

    // Restore into a brand-new simulation of the same model.
    const fresh = createSimulation(model, { startS: 0, seed: SEED });
    const freshInputs = createOperatorInputs(model);
    restoreSnapshot(fresh, snap);
    freshInputs.unitForce[0] = 'off';
    for (let i = 0; i < 400; i++) stepSimulation(fresh, freshInputs, stepS);
    expectBitEqual(a, outputs(fresh));
  });

  it('the snapshot is independent of the live simulation', () => {
    const sim = createSimulation(model, { startS: dateToS('2025-02-01'), seed: SEED });
    const inputs = createOperatorInputs(model);
    for (let i = 0; i < 50; i++) stepSimulation(sim, inputs, stepS);
    const snap = takeSnapshot(sim);
    const indoorAt50 = sim.buildings.indoorC.slice();
    for (let i = 0; i < 50; i++) stepSimulation(sim, inputs, stepS);
    restoreSnapshot(sim, snap);
    expect(Array.from(sim.buildings.indoorC)).toEqual(Array.from(indoorAt50));
    expect(sim.timeS).toBe(dateToS('2025-02-01') + 50 * stepS);
  });

  it('shared references stay shared after restore', () => {
    const shared = new Float64Array(3);
    const root = { a: { arr: shared }, b: { arr: shared }, list: [1, 2] };
    const s = captureState(root);
    root.a.arr = new Float64Array(5); // the live graph diverges
    applyState(root, s);
    expect(root.a.arr).toBe(root.b.arr);
    expect(root.a.arr.length).toBe(3);
  });
});
