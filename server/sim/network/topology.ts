/**
 * The compiled pipe graph shared by the hydraulic and thermal network models: structure of arrays,
 * indexed by node and pipe number. One graph serves both the supply and the return network (twin pipes
 * laid side by side): a positive mass flow runs from `pipeFrom` to `pipeTo` in the supply pipe and the
 * other way in its return pipe.
 */
export interface NetworkTopology {
  nodeCount: number;
  pipeCount: number;
  pipeFrom: Int32Array;
  pipeTo: Int32Array;
  pipeLengthM: Float64Array;
  pipeDiameterM: Float64Array;
  pipeRoughnessM: Float64Array;
  /** Heat loss per metre of one pipe per kelvin above ground, W/(m·K). */
  pipeHeatLossWPerMK: Float64Array;
  nodeElevationM: Float64Array;
}
