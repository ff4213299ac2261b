/**
 * The design case of the steady state (steady.ts): what a solve is given (supply temperature, consumer demands
 * and return set-points, pressures to hold) and what it finds (flows, temperatures, losses and pressures per pipe
 * and node, per consumer and for the plant). Units: W, kg/s, °C, Pa.
 */
import type { PumpResult } from './pump';

export interface SteadyInputs {
  supplyC: number;
  groundC: number;
  /** Node of each consumer (several consumers may share a node; the root is allowed). */
  consumerNode: Int32Array;
  /** Heat demand of each consumer (W, >= 0). */
  consumerHeatW: Float64Array;
  /** Return temperature set-point, one for all or per consumer (°C). */
  consumerReturnC: number | Float64Array;
  /** Pressure held at the plant's return (root) node (Pa). */
  staticPressurePa: number;
  /** Differential pressure to hold at the worst-placed consumer (Pa). */
  dpSetpointPa: number;
  /** Plant internal pressure drop (Pa), default 0. */
  plantDpPa?: number;
  /** Highest pump head (Pa), default unlimited. */
  pumpMaxHeadPa?: number;
  /** Pump and motor efficiency, default 0.75. */
  pumpEfficiency?: number;
}

export interface SteadyResult {
  /** Per pipe: supply mass flow (+ = from -> to), kg/s. */
  massFlowKgS: Float64Array;
  velocityMS: Float64Array;
  /** Per pipe friction drop of the supply pipe from -> to (Pa, signed with the flow). */
  dpPa: Float64Array;
  /** Per pipe, the return pipe's own flow, velocity and friction drop, counted the same way (kg/s, m/s, Pa). */
  returnMassFlowKgS: Float64Array;
  returnVelocityMS: Float64Array;
  returnDpPa: Float64Array;
  /** Per pipe temperatures where the water enters and leaves, supply and return pipes (°C). */
  supplyInletC: Float64Array;
  supplyOutletC: Float64Array;
  returnInletC: Float64Array;
  returnOutletC: Float64Array;
  /** Per pipe heat loss of the supply and of the return pipe (W). */
  supplyLossW: Float64Array;
  returnLossW: Float64Array;
  /** Per node. */
  supplyNodeC: Float64Array;
  returnNodeC: Float64Array;
  supplyPressurePa: Float64Array;
  returnPressurePa: Float64Array;
  /** Per consumer (views of length consumerNode.length). */
  consumerMassFlowKgS: Float64Array;
  consumerDeliveredW: Float64Array;
  plantMassFlowKgS: number;
  plantHeatW: number;
  plantReturnC: number;
  /** Sum of consumerDeliveredW. */
  consumerHeatW: number;
  supplyHeatLossW: number;
  returnHeatLossW: number;
  heatLossW: number;
  pump: PumpResult;
  iterations: number;
  converged: boolean;
  /** Newton iterations of the last hydraulic solve (0 for trees). */
  hydraulicIterations: number;
}
