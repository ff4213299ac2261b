/**
 * A leak or burst of a supply pipe, the make-up pumps, the static pressure and the section valves
 * (server/sim/network/pressureHolding.ts), each against its hand solution: the orifice law, the static pressure at
 * which a short make-up keeps up, the low-suction protection and its deadband; and in the default scenario the
 * mass balance of the plant, the make-up water mixed into its inlet, isolating a branch, a refused valve, the
 * energy balance with the leak's heat and a snapshot restore.
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../server/scenarios/load';
import { compileScenario } from '../server/sim/compile';
import { dateToS } from '../server/sim/calendar';
import {
  applyState,
  captureState,
  createOperatorInputs,
  createSimulation,
  restoreSnapshot,
  stepSimulation,
  summarizeSimulation,
  takeSnapshot,
  type Simulation,
} from '../server/sim';
import {
  createLeakPath,
  createPressureHolding,
  holdPressure,
  orificeLeakKgS,
  pipeFarNode,
  type PressureHoldingSpec,
} from '../server/sim/network/pressureHolding';
import { applyPlantCommand } from '../server/session/commands';
import { applyMalfunctionCommand } from '../server/session/malfunctionCommands';
import { waterEnthalpyJPerKg, waterTemperatureFromEnthalpyC } from '../server/sim/water';

const SPEC: PressureHoldingSpec = {
  nominalStaticPressurePa: 3e5,
  minSuctionPressurePa: 0.5e5,
  makeUpCapacityPerPumpKgS: 5,
};

/** A leak path with no friction: the node sits aboveStaticPa above the static pressure whatever the leak. */
function flatPath(aboveStaticPa: number) {
  const path = createLeakPath(1);
  path.lastAboveStaticPa = aboveStaticPa;
  return path;
}

describe('the leak and the make-up, by hand', () => {
  it('the orifice law: m = 0.61·A·sqrt(2·rho·p)', () => {
    // 100 mm² at 2 bar in water of 1000 kg/m³: 0.61·1e-4·sqrt(4e8) = 1.22 kg/s.
    expect(orificeLeakKgS(1e-4, 1000, 2e5)).toBeCloseTo(1.22, 12);
    expect(orificeLeakKgS(1e-4, 1000, -1e4)).toBe(0);
    // Within the make-up's capacity the static pressure holds and the make-up is the leak: 10 mm² at 3 + 1 bar.
    const h = createPressureHolding(3e5);
    holdPressure(h, SPEC, 1, 1e-5, 1000, flatPath(1e5));
    const leak = 0.61 * 1e-5 * Math.sqrt(2 * 1000 * 4e5);
    expect(h.leakKgS).toBeCloseTo(leak, 9);
    expect(h.makeUpKgS).toBe(h.leakKgS);
    expect(h.staticPressurePa).toBe(3e5);
    expect(h.lowSuctionStop).toBe(false);
  });

  it('a burst beyond the make-up: the static pressure falls to (m_cap/(C_d·A))²/(2·rho) - a, never below 0', () => {
    const h = createPressureHolding(3e5);
    // 1000 mm² at 0.1 bar above the static pressure: at 3.1 bar it would take 15.2 kg/s, the pump gives 5.
    holdPressure(h, SPEC, 1, 1e-3, 1000, flatPath(1e4));
    const k = 5 / (0.61 * 1e-3);
    expect(h.staticPressurePa).toBeCloseTo((k * k) / 2000 - 1e4, 6);
    expect(h.leakKgS).toBeCloseTo(5, 9);
    expect(h.makeUpKgS).toBe(5);
    // Two pumps: four times the pressure for twice the flow.
    holdPressure(h, SPEC, 2, 1e-3, 1000, flatPath(1e4));
    expect(h.staticPressurePa).toBeCloseTo((4 * k * k) / 2000 - 1e4, 6);
    // At 2 bar above the static pressure even 0 gauge gives more than the pump: the static pressure is 0.
    holdPressure(h, SPEC, 1, 1e-3, 1000, flatPath(2e5));
    expect(h.staticPressurePa).toBe(0);
    expect(h.leakKgS).toBeCloseTo(orificeLeakKgS(1e-3, 1000, 2e5), 9);
    expect(h.makeUpKgS).toBe(5);
  });

  it('low suction stops the circulation pumps below 0.5 bar; they run again only above 0.7 bar', () => {
    const h = createPressureHolding(3e5);
    const k = 5 / (0.61 * 1e-3);
    const atStatic = (p: number) => flatPath((k * k) / 2000 - p);
    holdPressure(h, SPEC, 1, 1e-3, 1000, atStatic(0.4e5));
    expect(h.staticPressurePa).toBeCloseTo(0.4e5, 6);
    expect(h.lowSuctionStop).toBe(true);
    holdPressure(h, SPEC, 1, 1e-3, 1000, atStatic(0.6e5));
    expect(h.lowSuctionStop).toBe(true);
    holdPressure(h, SPEC, 1, 1e-3, 1000, atStatic(0.71e5));
    expect(h.lowSuctionStop).toBe(false);
    holdPressure(h, SPEC, 1, 1e-3, 1000, atStatic(0.6e5));
    expect(h.lowSuctionStop).toBe(false);
  });
});

describe('a leak in the default scenario', () => {
  const loaded = loadScenario('espoo-district');
  const model = compileScenario(loaded.scenario, { epwText: loaded.epwText });
  const startS = dateToS('2025-01-13') + 8 * 3600;
  const branch = model.pipeIds.indexOf('S189');
  const root = model.rootNode;

  function city() {
    const sim = createSimulation(model, { startS });
    const inputs = createOperatorInputs(model);
    for (let i = 0; i < 24; i++) stepSimulation(sim, inputs, 300);
    return { sim, inputs };
  }

  /** Net flow the substations, prosumers and satellite plants draw from the supply (kg/s). */
  function netDrawKgS(sim: Simulation): number {
    const o = sim.outputs;
    let m = 0;
    for (let i = 0; i < o.substationFlowKgS.length; i++) if (model.buildingNode[i] >= 0) m += o.substationFlowKgS[i];
    for (const p of o.prosumers) m -= p.exportFlowKgS;
    for (const p of o.plants) if (!p.isMain) m -= p.flowKgS;
    return m;
  }

  it('within the make-up: the plant sends consumers + leak, gets consumers back, heats the make-up water', () => {
    const { sim, inputs } = city();
    const malfunction = { kind: 'pipeLeak', pipeId: 'S189', holeAreaMm2: 20 } as const;
    expect(applyMalfunctionCommand({ type: 'malfunction', action: 'inject', malfunction }, sim, inputs).ok).toBe(true);
    stepSimulation(sim, inputs, 300);
    const h = sim.outputs.pressureHolding;
    expect(h.leakKgS).toBeGreaterThan(0.1);
    expect(h.leakKgS).toBeLessThan(5);
    expect(h.makeUpKgS).toBe(h.leakKgS);
    expect(h.staticPressurePa).toBe(3e5);
    const supply = sim.state.hydraulics.supply;
    const ret = sim.state.hydraulics.return;
    const net = netDrawKgS(sim);
    expect(supply.rootSupplyKgS).toBeCloseTo(net + h.leakKgS, 9);
    expect(-ret.rootSupplyKgS).toBeCloseTo(net, 9);
    const main = sim.outputs.plants.find((p) => p.isMain)!;
    const m = main.flowKgS;
    const tr = sim.state.return.nodeC[root];
    const mixedH = (m - h.leakKgS) * waterEnthalpyJPerKg(tr) + h.leakKgS * waterEnthalpyJPerKg(10);
    const mixed = waterTemperatureFromEnthalpyC(mixedH / m);
    expect(main.returnC).toBeCloseTo(mixed, 9);
    expect(main.returnC).toBeLessThan(tr);
    // The leak's heat: the lost water's enthalpy above the make-up water's.
    const node = pipeFarNode(sim.state.hydraulics.supply.graph, model.topology.pipeFrom, model.topology.pipeTo, branch);
    const tLeak = sim.state.supply.nodeC[node];
    expect(h.leakHeatW).toBeCloseTo(h.leakKgS * (waterEnthalpyJPerKg(tLeak) - waterEnthalpyJPerKg(10)), 3);
  });

  it('the energy balance closes with the heat the leak carries away', () => {
    const sim = createSimulation(model, { startS });
    const inputs = createOperatorInputs(model);
    inputs.malfunctions.leakPipe = branch;
    inputs.malfunctions.leakHoleAreaM2 = 30e-6;
    for (let i = 0; i < 72; i++) stepSimulation(sim, inputs, 300);
    const s = summarizeSimulation(sim);
    expect(s.leakHeatMWh).toBeGreaterThan(0.05);
    expect(s.waterLostTonnes).toBeCloseTo(s.makeUpTonnes, 9);
    expect(Math.abs(s.balanceErrorPct)).toBeLessThan(0.1);
  });

  it('a burst stops the pumps on low suction; isolating the branch cuts its consumers off, the pumps restart', () => {
    const { sim, inputs } = city();
    inputs.malfunctions.leakPipe = branch;
    inputs.malfunctions.leakHoleAreaM2 = 3000e-6;
    stepSimulation(sim, inputs, 60);
    const h = sim.outputs.pressureHolding;
    expect(h.lowSuctionStop).toBe(true);
    expect(h.staticPressurePa).toBeLessThan(0.5e5);
    expect(h.makeUpKgS).toBe(5);
    expect(sim.outputs.pump.headPa).toBe(0);
    stepSimulation(sim, inputs, 60);
    expect(sim.outputs.substationFlowKgS.every((m) => m === 0)).toBe(true);

    const close = applyPlantCommand({ type: 'valve', pipeId: 'S189', action: 'close' }, sim.outputs, inputs);
    expect(close).toEqual({ ok: true });
    const cut = new Set<number>();
    const g = sim.state.hydraulics.supply.graph;
    const child = pipeFarNode(g, model.topology.pipeFrom, model.topology.pipeTo, branch);
    for (const n of g.rootToLeaf) if (n === child || cut.has(g.parentNode[n])) cut.add(n);
    const behind = Array.from(model.buildingNode.keys()).filter((i) => cut.has(model.buildingNode[i]));
    expect(behind.length).toBe(13);
    const indoorBefore = behind.map((i) => sim.outputs.indoorC[i]);
    stepSimulation(sim, inputs, 60);
    expect(h.leakKgS).toBe(0);
    expect(h.staticPressurePa).toBe(3e5);
    expect(h.lowSuctionStop).toBe(false);
    expect(h.consumersCutOff).toBe(13);
    expect(sim.outputs.pump.headPa).toBeGreaterThan(0);
    for (let i = 0; i < 30; i++) stepSimulation(sim, inputs, 60);
    for (const i of behind) {
      expect(sim.outputs.substationFlowKgS[i]).toBe(0);
      expect(sim.outputs.deliveredW[i]).toBe(0);
    }
    expect(Math.abs(sim.outputs.massFlowKgS[branch])).toBe(0);
    behind.forEach((i, k) => expect(sim.outputs.indoorC[i]).toBeLessThan(indoorBefore[k]));
    const others = Array.from(model.buildingNode.keys()).filter(
      (i) => model.buildingNode[i] >= 0 && !cut.has(model.buildingNode[i]),
    );
    expect(others.filter((i) => sim.outputs.substationFlowKgS[i] > 0).length).toBeGreaterThan(0.9 * others.length);
    expect(sim.outputs.pump.setpointHeld).toBe(true);
  });

  it('a valve on a pipe in a loop is refused, naming the pipe and why', () => {
    const { sim, inputs } = city();
    const looped = model.pipeIds.find((_, e) => !sim.outputs.pipes.hasSectionValve[e])!;
    const ack = applyPlantCommand({ type: 'valve', pipeId: looped, action: 'close' }, sim.outputs, inputs);
    expect(ack.ok).toBe(false);
    expect(!ack.ok && ack.error).toMatch(new RegExp(`"${looped}" lies in a loop`));
    expect(inputs.valveClosed.every((x) => x === 0)).toBe(true);
    expect(applyPlantCommand({ type: 'valve', pipeId: 'nope', action: 'close' }, sim.outputs, inputs).ok).toBe(false);
  });

  it('a snapshot restore keeps the leak and the closed valves bit for bit', () => {
    const { sim, inputs } = city();
    inputs.malfunctions.leakPipe = model.pipeIds.indexOf('S137');
    inputs.malfunctions.leakHoleAreaM2 = 500e-6;
    inputs.makeUpPumps = 2;
    for (let i = 0; i < 3; i++) stepSimulation(sim, inputs, 60);
    inputs.valveClosed[branch] = 1;
    stepSimulation(sim, inputs, 60);
    const snap = takeSnapshot(sim);
    const savedInputs = captureState(inputs);
    const bytes = (s: Simulation) => {
      const { hydraulics, ...rest } = s.state;
      const warm = [hydraulics.supply.saveWarmStart(), hydraulics.return.saveWarmStart()];
      return serialize({ state: captureState(rest), warm });
    };
    for (let i = 0; i < 5; i++) stepSimulation(sim, inputs, 60);
    const expected = bytes(sim);
    const fresh = createSimulation(model, { startS });
    const freshInputs = createOperatorInputs(model);
    restoreSnapshot(fresh, snap);
    applyState(freshInputs, savedInputs);
    expect(freshInputs.valveClosed[branch]).toBe(1);
    expect(freshInputs.malfunctions.leakPipe).toBe(inputs.malfunctions.leakPipe);
    for (let i = 0; i < 5; i++) stepSimulation(fresh, freshInputs, 60);
    expect(bytes(fresh).equals(expected)).toBe(true);
    expect(fresh.outputs.pressureHolding.leakKgS).toBeGreaterThan(0);
  });
});
