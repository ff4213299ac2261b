/**
 * How much heat the prosumers may sell into the network this step. Their exported water replaces plant water
 * at the consumers, so exports may replace up to EXPORT_SHARE_MAX of the flow the consumers draw: the main
 * plant, where the hydraulics balance the network, always keeps some flow. Prosumers are served in their
 * scenario order; each takes what the ones before it left.
 */
import { waterHeatJPerKg } from '../water';

/** Share of the consumers' flow that prosumer exports may replace. */
export const EXPORT_SHARE_MAX = 0.9;

/**
 * The heat (W) a prosumer may export: the flow still open to exports, heated from the return temperature at
 * its node up to the supply set-point (a lift of at least 1 K).
 */
export function prosumerExportCapW(consumerFlowKgS: number, exportedKgS: number, supplySetpointC: number, returnC: number): number {
  const heatJPerKg = waterHeatJPerKg(returnC, Math.max(supplySetpointC, returnC + 1));
  return (EXPORT_SHARE_MAX * consumerFlowKgS - exportedKgS) * heatJPerKg;
}
