/**
 * Fills a protocol Frame (shared/protocol/frame.ts) from a Simulation and encodes it: the latest values of every
 * building, pipe, plant and unit, in the order of the scenario's lists (buildings, network.pipes, plants, units
 * plant by plant, which is the engine's `sim.outputs.units` order).
 *
 * Values (SI, as the frame layout documents): building demand and delivered heat (W), indoor temperature (°C);
 * pipe mass flow (kg/s, + from -> to in the supply pipe), supply and return temperature as the mean of the water
 * entering and leaving the pipe this step (°C), heat lost to the ground by its supply and return pipes together
 * (W, mean over the last step, plugFlow.ts pipeHeatLossW); plant heat into the network (W), outlet and return (°C), flow
 * (kg/s); unit heat (W; storage + discharge, - charge), electricity (W), COP = heat/electricity for heat pumps
 * (0 when off), state of charge for storage, 0 for boilers; mode: heat pumps their state machine's mode
 * (heatPump.ts HP_*: 0 off, 1 starting, 2 running, 3 tripped, 4 maintenance), others 2 when making heat, else 0.
 *
 * The worker builds full frames (buildFrame; a fresh buffer each, transferred to the main thread and so detached
 * here): the session keeps the latest as the join snapshot, always complete and current, and streams the slice
 * streamedFrame cuts from it. Slice schedule: buildings and pipes go in N slices, at least MIN_SLICES (each
 * element refreshed every 0.4 s at 10 Hz), more when a slice's values would pass SLICE_BUDGET_BYTES (a frame of
 * a 25,000-building city stays near 100 KB). Each run of N frames carries every slice once, in an order rotated
 * by a pseudo-random offset per run, so a viewer that regularly skips frames (every second one, every N-th)
 * still gets every slice rather than the same few; a slice waits at most 2N - 1 frames for its next turn.
 */
import { createFrame, encodeFrame, frameBytes, readFrameHead, sliceFrame, type Frame, type FrameCounts, type FrameSlice } from '../../shared/protocol/frame';
import type { Simulation } from '../sim';

export const MIN_SLICES = 4;
export const SLICE_BUDGET_BYTES = 112 * 1024;

export function frameCountsOf(sim: Simulation): FrameCounts {
  return {
    buildings: sim.model.buildings.count,
    pipes: sim.model.topology.pipeCount,
    plants: sim.outputs.plants.length,
    units: sim.outputs.units.length,
  };
}

/** How many slices the buildings and pipes of a frame of this shape go in. */
export function sliceCountFor(counts: FrameCounts): number {
  const elementBytes = frameBytes(counts) - frameBytes({ ...counts, buildings: 0, pipes: 0 });
  return Math.min(0xffff, Math.max(MIN_SLICES, Math.ceil(elementBytes / SLICE_BUDGET_BYTES)));
}

/** The slice frame `sequence` of a stream carries (see the schedule above). */
export function sliceOf(sequence: number, count: number): FrameSlice {
  const run = Math.floor(sequence / count);
  // Multiplicative hash of the run number; its high bits are well mixed.
  const offset = (Math.imul(run, 0x9e3779b1) >>> 16) % count;
  return { index: ((sequence % count) + offset) % count, count };
}

/** One Frame of values per simulation, refilled for every frame sent. */
const values = new WeakMap<Simulation, Frame>();

/**
 * The full frame `sequence` of the simulation's stream, holding its current values. `speed` is simulated
 * seconds per wall second (0 paused), `sentAtMs` the wall-clock send time (ms since the epoch; the worker's clock
 * supplies it, the core never reads it). A training session streams the transmitters' view to everyone in it.
 */
export function buildFrame(
  sim: Simulation,
  sequence: number,
  speed: number,
  sentAtMs: number,
  view: FrameView = 'truth',
): { buffer: ArrayBuffer } {
  let frame = values.get(sim);
  if (!frame) values.set(sim, (frame = createFrame(frameCountsOf(sim))));
  fillFrame(frame, sim, view);
  const h = frame.header;
  h.sequence = sequence;
  h.simTimeS = sim.outputs.timeS;
  h.sentAtMs = sentAtMs;
  h.outdoorC = sim.outputs.outdoorC;
  h.supplySetpointC = sim.outputs.supplySetpointC;
  h.priceEurPerMWh = sim.outputs.electricityPriceEurPerMWh;
  h.speed = speed;
  return { buffer: encodeFrame(frame) };
}

/** What viewers are sent of a full frame from buildFrame: the slice its sequence number gives it. */
export function streamedFrame(full: ArrayBuffer): ArrayBuffer {
  const { header, counts } = readFrameHead(full);
  return sliceFrame(full, sliceOf(header.sequence, sliceCountFor(counts)));
}

/**
 * Whose view a frame gives: the true values, or the control room's, where the main plant's outlet is what the
 * supply header's transmitter reads (a faulty transmitter shows its error, a failed one no value).
 */
export type FrameView = 'truth' | 'transmitters';

/** Writes the simulation's values into a frame shaped by frameCountsOf(sim). */
export function fillFrame(frame: Frame, sim: Simulation, view: FrameView = 'truth'): void {
  const b = frame.buildings;
  b.demandW.set(sim.outputs.demandW);
  b.deliveredW.set(sim.outputs.deliveredW);
  b.indoorC.set(sim.outputs.indoorC);

  const p = frame.pipes;
  p.massFlowKgS.set(sim.outputs.massFlowKgS);
  const sIn = sim.outputs.supply.pipeInletC;
  const sOut = sim.outputs.supply.pipeOutletC;
  const rIn = sim.outputs.return.pipeInletC;
  const rOut = sim.outputs.return.pipeOutletC;
  const sLoss = sim.outputs.supply.pipeHeatLossW;
  const rLoss = sim.outputs.return.pipeHeatLossW;
  for (let i = 0; i < frame.counts.pipes; i++) {
    p.supplyC[i] = 0.5 * (sIn[i] + sOut[i]);
    p.returnC[i] = 0.5 * (rIn[i] + rOut[i]);
    p.heatLossW[i] = sLoss[i] + rLoss[i];
  }

  const pl = frame.plants;
  for (let i = 0; i < sim.outputs.plants.length; i++) {
    const plant = sim.outputs.plants[i];
    pl.heatW[i] = plant.heatToNetworkW;
    pl.outletC[i] = view === 'transmitters' && plant.isMain ? sim.outputs.measured.supplyC : plant.outletC;
    pl.returnC[i] = plant.returnC;
    pl.flowKgS[i] = plant.flowKgS;
  }

  const u = frame.units;
  for (let i = 0; i < sim.outputs.units.length; i++) {
    const unit = sim.outputs.units[i];
    u.heatW[i] = unit.heatW;
    u.electricityW[i] = unit.electricityW;
    if (unit.kind === 'heatPump') {
      u.copOrSoc[i] = unit.electricityW > 0 ? unit.heatW / unit.electricityW : 0;
      u.mode[i] = unit.state.mode;
    } else if (unit.kind === 'storage') {
      u.copOrSoc[i] = unit.state.soc;
      u.mode[i] = unit.heatW !== 0 ? 2 : 0;
    } else {
      u.copOrSoc[i] = 0;
      u.mode[i] = unit.heatW > 0 ? 2 : 0;
    }
  }
}
