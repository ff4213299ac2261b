/**
 * The service pipes of prosumers (buildings that may sell heat: BuildingSpec.prosumer with `exports`) and which
 * way their water runs. A service pipe carries supply water into its building; a prosumer selling heat takes
 * water from the return, heats it and pushes it out through its service pipe into the street's supply, so the
 * flow in that pipe runs backwards. A pipe is a prosumer's service pipe when one end is the prosumer's node and
 * no other pipe meets that node (a dead end, so the flow in it is the building's own).
 * Frame mass flows are + from -> to in the supply pipe (shared/protocol/frame.ts): into the building is + when
 * the pipe's `to` is the building's node, - when its `from` is.
 */
import type { Scenario } from '../../../shared/scenario/schema';

export interface ServicePipe {
  /** Index in network.pipes (the frame's pipe order) and in buildings. */
  pipe: number;
  building: number;
  /** Sign of a flow into the building. */
  into: 1 | -1;
}

/**
 * Least outward flow that counts as feeding in (kg/s): a selling prosumer pushes tenths of a kg/s and more (50 kW
 * at a 35 K rise is 0.34 kg/s); a solver's rounding around a closed valve is far below.
 */
export const MIN_FEED_KG_S = 0.01;

export function prosumerServicePipes(s: Scenario): ServicePipe[] {
  // One pass over the pipes, looking only at the prosumers' nodes: a region has tens of thousands of pipes.
  const atNode = new Map<string, ServicePipe & { pipes: number }>();
  s.buildings.forEach((b, building) => {
    if (b.prosumer?.exports && b.node !== undefined) atNode.set(b.node, { pipe: -1, building, into: 1, pipes: 0 });
  });
  s.network.pipes.forEach((p, pipe) => {
    for (const [node, into] of [[p.to, 1], [p.from, -1]] as const) {
      const at = atNode.get(node);
      if (!at) continue;
      at.pipes++;
      at.pipe = pipe;
      at.into = into;
    }
  });
  const deadEnds = [...atNode.values()].filter((at) => at.pipes === 1);
  return deadEnds.map(({ pipe, building, into }) => ({ pipe, building, into }));
}

/** Whether a service pipe's supply flow (kg/s, frame sign) runs out of its building: it feeds heat in. */
export function feedsIn(massFlowKgS: number, into: 1 | -1): boolean {
  return into * massFlowKgS < -MIN_FEED_KG_S;
}
