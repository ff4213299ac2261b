/**
 * Thermal storage (stratified tank or rock cavern) as a two-layer store with a moving thermocline.
 *
 * Layers: hot, volume V_hot at T_hot (top); cold, volume V - V_hot at T_cold (bottom). Reference temperature for
 * energy is spec.coldC (the network return); the cold layer starts there and only drifts below it by its own
 * heat loss, which keeps the bookkeeping exact:
 *   E = rho·cp·[V_hot·(T_hot - coldC) + V_cold·(T_cold - coldC)]          (J)
 *   soc = V_hot / V;  full-charge capacity = rho·V·cp·(T_hot - coldC) at the temperature the store was charged with.
 * Charging with supply water at chargeC: water drawn from the bottom (T_cold) goes back into the top at chargeC,
 *   heat in = m·cp·(chargeC - T_cold); the new water is mixed into the hot layer by energy
 *   T_hot' = (V_hot·T_hot + dV·chargeC) / (V_hot + dV).
 * Discharging: hot water leaves at T_hot, network return enters the bottom at coldC, heat out = m·cp·(T_hot - coldC);
 *   the returning water is mixed into the cold layer by energy.
 * Losses: lossWPerK for the whole store, split by layer volume share, Q_loss = UA·[s·(T_hot - Ta) + (1-s)·(T_cold - Ta)],
 *   s = V_hot/V. Each layer then cools as d(T - Ta)/dt = -(T - Ta)/tau with tau = rho·V·cp/UA whatever its volume;
 *   that decay is integrated exactly over the step (operator splitting: losses first, then the flow).
 * Limits: heat flow within maxChargeW / maxDischargeW, and by what the layers hold (soc 0 and 1).
 * Origin of the heat: beside E the store keeps W (J), the part of the hot layer's heat
 *   H = rho·cp·V_hot·(T_hot - coldC) that came from waste-heat sources, so the heat it gives back counts as what
 *   it was when it went in (the waste-heat share, ledger.ts). H, not E, is the heat a discharge draws on (hot water
 *   out, return water in at coldC); the cold layer only ever holds a deficit below coldC, its own losses, which the
 *   next charge makes good. The hot layer is one mix, f = W / H (0 for H <= 0): its losses and a discharge take
 *   heat at f, so f stays. A charge of Q_c·dt at the waste fraction f_c of the heat that charged it (given by the
 *   plant, plants.ts) puts H_in = rho·cp·dV·(chargeC - coldC) into the hot layer:
 *     W' = f·(H' - H_in) + f_c·H_in,   clamped to [0, max(H', 0)] (round-off; a hot layer cooled below coldC)
 *   The rest of the charge, f_c·(Q_c·dt - H_in) of it waste heat, warms the water drawn from the cold layer back
 *   up to coldC: it replaces heat lost, and leaves with the losses. The initial content is of unknown origin:
 *   W = 0, so no heat is counted as waste heat that no waste-heat source made.
 * Water properties: WATER_DENSITY_KG_PER_M3, WATER_CP_J_PER_KG_K (water.ts; reference, Network).
 * Units: W, J, °C, m3, s. Plain mutable state, updated in place.
 */
import type { StorageSpec } from '../../../shared/scenario/schema';
import { WATER_CP_J_PER_KG_K, WATER_DENSITY_KG_PER_M3 } from '../water';

const RHO_CP_J_PER_M3_K = WATER_DENSITY_KG_PER_M3 * WATER_CP_J_PER_KG_K;

export interface StorageState {
  hotVolumeM3: number;
  hotC: number;
  /** Cold layer temperature (°C): spec.coldC unless standing losses have cooled it. */
  coldC: number;
  /** Heat flow of the last step (W): + out to the network, - charged from it. */
  heatW: number;
  /** Heat lost to the surroundings in the last step (W, mean over the step). */
  lossW: number;
  soc: number;
  /** Energy relative to spec.coldC (J). */
  energyJ: number;
  /** The part of the hot layer's heat over spec.coldC that came from waste-heat sources (J, the header). */
  wasteJ: number;
  /** Waste-heat part of heatW in the last step (W, same sign): a charge's at its fraction, a discharge's at f. */
  wasteHeatW: number;
  /** A valve stuck this step (malfunctions.ts): the exchange it holds (W, + out); NaN while it moves freely. */
  stuckW: number;
}

export function storageEnergyJ(spec: StorageSpec, state: StorageState): number {
  const coldVolumeM3 = spec.volumeM3 - state.hotVolumeM3;
  return (
    RHO_CP_J_PER_M3_K *
    (state.hotVolumeM3 * (state.hotC - spec.coldC) + coldVolumeM3 * (state.coldC - spec.coldC))
  );
}

/** A store at spec.initialSoc whose hot layer is at hotC (°C). */
export function createStorageState(spec: StorageSpec, hotC: number): StorageState {
  const state: StorageState = {
    hotVolumeM3: spec.initialSoc * spec.volumeM3,
    hotC,
    coldC: spec.coldC,
    heatW: 0,
    lossW: 0,
    soc: spec.initialSoc,
    energyJ: 0,
    wasteJ: 0,
    wasteHeatW: 0,
    stuckW: NaN,
  };
  state.energyJ = storageEnergyJ(spec, state);
  return state;
}

/** Heat of the hot layer over spec.coldC, H = rho·cp·V_hot·(T_hot - coldC) (J): what a discharge can give. */
export function storageHotHeatJ(spec: StorageSpec, state: StorageState): number {
  return RHO_CP_J_PER_M3_K * state.hotVolumeM3 * (state.hotC - spec.coldC);
}

/** The share of the hot layer's heat that came from waste-heat sources, f = W / H (0..1; 0 when it holds none). */
export function storageWasteFraction(spec: StorageSpec, state: StorageState): number {
  const heldJ = storageHotHeatJ(spec, state);
  if (!(heldJ > 0)) return 0;
  const f = state.wasteJ / heldJ;
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

/**
 * Advance the store by dtS seconds. requestW: + discharge to the network, - charge from it (W). chargeC: supply
 * temperature used for charging (°C). ambientC: surroundings (°C). chargeWasteFraction: the waste-heat share of
 * the heat that charges it this step (0..1). Returns the actual heat flow (W, same sign).
 */
export function stepStorage(
  spec: StorageSpec,
  state: StorageState,
  requestW: number,
  chargeC: number,
  ambientC: number,
  dtS: number,
  chargeWasteFraction: number,
): number {
  const wasteFraction = storageWasteFraction(spec, state);
  const volumeM3 = spec.volumeM3;
  let hotVolumeM3 = state.hotVolumeM3;
  const coldVolumeM3 = volumeM3 - hotVolumeM3;

  // Standing losses, exact exponential decay of each layer towards ambient over the step.
  let lossJ = 0;
  if (spec.lossWPerK > 0 && dtS > 0) {
    const decay = Math.exp((-spec.lossWPerK * dtS) / (RHO_CP_J_PER_M3_K * volumeM3));
    const hotNewC = ambientC + (state.hotC - ambientC) * decay;
    const coldNewC = ambientC + (state.coldC - ambientC) * decay;
    lossJ =
      RHO_CP_J_PER_M3_K * (hotVolumeM3 * (state.hotC - hotNewC) + coldVolumeM3 * (state.coldC - coldNewC));
    state.hotC = hotNewC;
    state.coldC = coldNewC;
  }

  let heatW = 0;
  let hotInJ = 0;
  if (requestW > 0 && dtS > 0) {
    // Discharge: hot water out at hotC, return water in at spec.coldC.
    const perM3J = RHO_CP_J_PER_M3_K * (state.hotC - spec.coldC);
    if (perM3J > 0 && hotVolumeM3 > 0) {
      let outW = requestW < spec.maxDischargeW ? requestW : spec.maxDischargeW;
      const heldW = (hotVolumeM3 * perM3J) / dtS;
      if (outW > heldW) outW = heldW;
      const dVM3 = outW >= heldW ? hotVolumeM3 : (outW * dtS) / perM3J;
      const coldAfterM3 = coldVolumeM3 + dVM3;
      state.coldC = (coldVolumeM3 * state.coldC + dVM3 * spec.coldC) / coldAfterM3;
      hotVolumeM3 -= dVM3;
      heatW = outW;
    }
  } else if (requestW < 0 && dtS > 0) {
    // Charge: bottom water at coldC heated to chargeC by the network, into the top.
    const perM3J = RHO_CP_J_PER_M3_K * (chargeC - state.coldC);
    if (perM3J > 0 && coldVolumeM3 > 0) {
      let inW = -requestW < spec.maxChargeW ? -requestW : spec.maxChargeW;
      const roomW = (coldVolumeM3 * perM3J) / dtS;
      if (inW > roomW) inW = roomW;
      const dVM3 = inW >= roomW ? coldVolumeM3 : (inW * dtS) / perM3J;
      const hotAfterM3 = hotVolumeM3 + dVM3;
      state.hotC = (hotVolumeM3 * state.hotC + dVM3 * chargeC) / hotAfterM3;
      hotVolumeM3 = hotAfterM3;
      heatW = -inW;
      hotInJ = RHO_CP_J_PER_M3_K * dVM3 * (chargeC - spec.coldC);
    }
  }

  // Snap away round-off so soc stays within [0, 1].
  if (hotVolumeM3 < 0) hotVolumeM3 = 0;
  if (hotVolumeM3 > volumeM3) hotVolumeM3 = volumeM3;
  state.hotVolumeM3 = hotVolumeM3;
  state.heatW = heatW;
  state.lossW = dtS > 0 ? lossJ / dtS : 0;
  state.soc = hotVolumeM3 / volumeM3;
  state.energyJ = storageEnergyJ(spec, state);
  const heldJ = storageHotHeatJ(spec, state);
  const wasteJ = wasteFraction * (heldJ - hotInJ) + chargeWasteFraction * (hotInJ > 0 ? hotInJ : 0);
  const maxWasteJ = heldJ > 0 ? heldJ : 0;
  state.wasteJ = wasteJ < 0 ? 0 : wasteJ > maxWasteJ ? maxWasteJ : wasteJ;
  state.wasteHeatW = heatW > 0 ? wasteFraction * heatW : chargeWasteFraction * heatW;
  return heatW;
}
