/**
 * Water velocity in a pipe from its mass flow: v = m_dot / (rho * pi * d^2 / 4)  (m/s, kg/s, kg/m3, m).
 * rho = 970 kg/m3, water at about 80 °C (IAPWS-IF97: 971.8 kg/m3 at 80 °C; docs/reference-figures.md, Network).
 */
export const WATER_DENSITY_KG_M3 = 970;

export function pipeVelocityMS(massFlowKgS: number, innerDiameterM: number): number {
  const areaM2 = (Math.PI * innerDiameterM * innerDiameterM) / 4;
  return massFlowKgS / (WATER_DENSITY_KG_M3 * areaM2);
}
